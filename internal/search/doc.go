// Package search builds the site's offline search index, which the browser
// client internal/render/builtin/search.js reads.
//
// # Tokens
//
// Chinese has no spaces between words, so text is indexed by bigrams: every
// pair of adjacent Han characters is a token (anything else between two Han
// characters breaks the pair). A query "招商引资" looks up 招商, 商引 and 引资
// and keeps the documents that have all three. Latin letters and digits form
// words, folded to lower case (full-width Ａ１ as A1) and cut to 24 bytes;
// every prefix of a word is indexed, so "cov" finds "COVID19". Single Han
// characters are indexed for titles only ("t:局"): a one-character query
// searches titles, since indexing every character of every body would add
// about half again to the index for a rarely useful query.
//
// The filter fields are tokens too, so a filtered query loads only the
// shards it needs: "d:<department>", "c:<category>" (equality), and every
// pair of adjacent characters of the index number and document number,
// "i:<2 chars>" and "n:<2 chars>" (a substring of two or more characters
// contains its pairs; the client then checks the substring itself).
//
// # Ids and ranking
//
// Documents are numbered newest first (then by URL), so id order is date
// order: the client breaks ranking ties and lists filter-only results by id
// without loading any dates, and turns a from/to date range into an id range.
// Each posting carries a weight, term frequency × 2 + 1 if the token is in
// the title (the frequency is capped at 127). The client ranks documents that
// have every query token in the title first, then by how many tokens their
// title has, then by the smallest term frequency among the query's tokens,
// then newest. Bigrams can match where the phrase does not occur (招商 and
// 引资 far apart, with 商引 elsewhere), so for each page of 20 results it
// shows, the client loads the texts and re-orders the page by whether, and
// how often, the query's words really occur; its snippets come from the
// full text, so a match deep in the body is shown in context.
//
// # Files
//
// All files are compact JSON under search/:
//
//	meta.json        {"version":1,"docs":N,"shards":S,"docChunk":64,
//	                  "maxWord":24,"chunkDates":[newest date of each docs chunk]}
//	index/<s>.json   {"token":[id delta,weight,id delta,weight,…],…} for the
//	                  tokens whose FNV-1a hash modulo S is s; ids ascend, the
//	                  first delta counts from 0
//	docs/<c>.json    [[url,title,date,department,category,index_no,doc_no],…]
//	                  for ids 64c … 64c+63
//
// The shard count S is 1 below 200 documents and grows to 256 at 10,000, so a
// query loads only the few shards its tokens hash to. meta.json stays small
// (about 2 KB on 10,000 documents) because it holds no per-document data, only
// one date per 64 documents. The fields of the 20 documents a result page
// shows come from a few 64-document files. The full texts, needed for
// snippets from anywhere in the body, are not copied into the index: the
// client reads the result pages themselves (their .article-body), for the
// documents shown only, which keeps the build from writing a second copy of
// every text (52 MB on the benchmark corpus). On the benchmark
// corpus of 10,000 articles the shards hold about 33 MB in all, at most
// 260 KB each, so a query of four characters loads under a megabyte.
//
// Build indexes in parallel on every core without allocating per token
// occurrence (see index.go). An Indexer gives the same files and remembers
// each document's tokens and the files it wrote, so that serve's rebuild
// after one saved article tokenises that article alone and rewrites only the
// shards and docs chunk it touches (see indexer.go). BenchmarkBuildCorpus
// and BenchmarkIndexerAfterOneEdit measure both on a corpus written by the
// shared gencorpus.go, with GONGKAI_BENCH_CORPUS set to its content/ folder.
package search
