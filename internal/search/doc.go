// Package search builds the site's offline search index, which the browser
// client internal/render/builtin/search.js reads.
//
// # Tokens
//
// Chinese has no spaces between words, so text is indexed by bigrams: every
// pair of adjacent Han characters is a token (anything else between two Han
// characters breaks the pair). A query "招商引资" looks up 招商, 商引 and 引资
// and keeps the documents that have all three. Every single Han character of
// title and text is a token too, so a one-character query (税) finds bodies:
// its postings are dense and cost little as bitmaps. Latin letters and digits
// form words, folded to lower case (full-width Ａ１ as A1) and cut to 24 bytes;
// every prefix of a word is indexed, so "cov" finds "COVID19".
//
// The filter fields are tokens too, so a filtered query loads only the
// shards it needs: "d:<department>", "c:<category>" (equality), and every
// pair of adjacent characters of the index number and document number,
// "i:<2 chars>" and "n:<2 chars>" (a substring of two or more characters
// contains its pairs; the client then checks the substring itself). The
// brackets a 文号 is typed with (〔〕 [] 【】 〖〗 （）) fold to ( and ).
//
// # Queries and ranking
//
// Documents are numbered newest first (then by URL), so id order is date
// order: the client breaks ranking ties and lists filter-only results by id
// without loading any dates, and turns a from/to date range into an id range.
// Each posting list also lists the documents whose title has the token. Words
// of a query separated by spaces must all occur; "quoted" words are one
// phrase. The client ranks documents that have every query token in the
// title first, then by how many tokens their title has, then newest. When no
// document has every token (and nothing is quoted), the documents that have
// at least half of them are shown as partial matches, most tokens first.
// Snippets come from the result pages themselves, read for the first three
// results at once and for the others as they scroll into view.
//
// # Files
//
// Under search/:
//
//	meta.json        {"version":2,"docs":N,"shards":S,"docChunk":16,
//	                  "maxWord":24,"chunkDates":[newest date of each docs chunk]}
//	index/<s>.bin    the tokens whose FNV-1a hash modulo S is s, with their
//	                  posting lists: a varint delta list, or a bitmap where that
//	                  is smaller (see shardBinary)
//	docs/<c>.json    [[url,title,date,department,category,index_no,doc_no],…]
//	                  for ids 16c … 16c+15
//
// The shard count S is 1 below 200 documents and grows to 256 at 10,000, so a
// query loads only the few shards its tokens hash to. The full texts are not
// copied into the index. On the benchmark corpus of 10,000 articles the
// whole index is 6.4 MB (shards 40 KB at most), and a query of two to four
// characters reads 40–130 KB before its result list shows;
// bench/search-bytes.js measures both with the real client.
//
// Build indexes in parallel on every core without allocating per token
// occurrence, a block of documents at a time: each block is appended to
// the shards' posting lists, which are kept encoded (varint deltas, or
// bitmaps for the dense ones), so that it never holds every document's
// tokens; at 100,000 articles its peak is about 120 MB above the texts,
// which BuildOnce drops as it goes; a Stream takes the texts one by one,
// in any order, while a build renders the pages, and holds each only until
// its block is tokenised (see stream.go). An Indexer gives the
// same files and remembers each document's tokens and the files it wrote,
// so that serve's rebuild after one saved article tokenises that article
// alone and rewrites only the shards and docs chunk it touches (see
// indexer.go). A build, which keeps nothing in memory between runs,
// starts its Stream from what the previous build left instead
// (NewStreamFrom, given the Prior that ReadPrior makes of the previous
// Stream's State and a reader of its files): the documents whose fields
// and text digest are the previous build's are not tokenised again; their
// postings are read back from the previous shard files, renumbered to
// their new ids (an added or removed document shifts the others') and
// merged with those of the documents tokenised anew, so that the files are
// a clean Stream's byte for byte (see carry.go). BenchmarkBuildCorpus,
// BenchmarkBuildOnceCorpus, BenchmarkStreamCorpus (CPU time and heap
// peak), BenchmarkIndexerAfterOneEdit and BenchmarkStreamFromAfterOneEdit
// measure them on a corpus written by bench/gencorpus.go, with
// GONGKAI_CORPUS set to its repository (OUT/gongkai);
// BenchmarkBuildOnce100000 on 100,000 generated ones.
package search
