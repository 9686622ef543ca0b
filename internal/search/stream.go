package search

import (
	"runtime"
	"strconv"
)

// streamBlock is how many documents buildStream tokenises at a time: enough
// to keep every core busy between two hand-overs, few enough that their
// tokens (about 12 bytes each of some thousand per document) stay small.
const streamBlock = 1024

// buildStream builds the index as an Indexer does, without holding every
// document's tokens: it tokenises the documents a block at a time, in id
// order, and appends each block's tokens to the shards' posting lists,
// which are already encoded (varint deltas), before the next block. So
// what it holds is the posting lists, about a byte per token of each
// document, and one block's tokens. With forget, each document's text is
// dropped once tokenised (docs' too, at once), so the texts' memory passes
// to the posting lists as they grow. The files are byte-identical to
// Indexer.Build's.
func buildStream(docs []Doc, forget bool) map[string][]byte {
	sorted := sortDocs(docs)
	if forget {
		for i := range docs {
			docs[i].Text = ""
		}
	}
	shards := shardCount(len(sorted))
	words := newWordTable(shards)
	workers := max(1, min(runtime.GOMAXPROCS(0), len(sorted)/256))
	tzs := make([]*tokenizer, workers)
	remaps := make([][]uint32, workers) // per tokenizer, its words' global numbers
	lists := make([][]uint32, workers)  // per tokenizer, its tokens' lists in their shards
	// blocks[w][s] holds shard s's entries of the documents tokenizer w
	// tokenised in the current block, in id order.
	blocks := make([][]block, workers)
	for w := range tzs {
		tzs[w] = newTokenizer(shards)
		blocks[w] = make([]block, shards)
	}
	shs := make([]shard, shards)
	for s := range shs {
		shs[s].slot = map[key]int32{}
	}
	for lo := 0; lo < len(sorted); lo += streamBlock {
		hi := min(lo+streamBlock, len(sorted))
		parallel(workers, func(w int) {
			t, out := tzs[w], blocks[w]
			for s := range out {
				out[s] = out[s][:0]
			}
			for id := lo + (hi-lo)*w/workers; id < lo+(hi-lo)*(w+1)/workers; id++ {
				d := sorted[id]
				t.collect(d)
				if forget {
					d.Text = ""
				}
				for _, i := range t.doc.used {
					k, weight := t.slot(i)
					n := t.number(k)
					b := &out[t.seen.shard[n]]
					*b = append(*b, uint64(n)<<32|uint64(id)<<8|uint64(weight))
				}
			}
		})
		for w, t := range tzs { // in order, so that numbers do not depend on timing
			remaps[w] = words.merge(t.words, remaps[w])
			for n := len(lists[w]); n < len(t.seen.keys); n++ {
				k, sh := t.seen.keys[n], &shs[t.seen.shard[n]]
				if k.kind() == kindString {
					k = kindString<<kindShift | key(remaps[w][k&0xFFFFFFFF])
				}
				j, ok := sh.slot[k]
				if !ok {
					j = sh.newPosting(k)
					sh.slot[k] = j
				}
				lists[w] = append(lists[w], uint32(j))
			}
		}
		parallel(workers, func(w int) {
			for s := w; s < shards; s += workers {
				ps := shs[s].lists
				for src := range workers { // tokenizer src's documents follow src-1's
					b, list := &blocks[src][s], lists[src]
					for _, e := range *b {
						ps[list[e>>32]].add(uint32(e))
					}
				}
			}
		})
	}
	files := make(map[string][]byte, shards+(len(sorted)+docChunk-1)/docChunk+1)
	out := make([][]byte, shards)
	parallel(workers, func(w int) {
		for s := w; s < shards; s += workers {
			data := shardBinary(shs[s].finish(words))
			out[s] = data[:len(data):len(data)]
			shs[s] = shard{}
		}
	})
	for s, data := range out {
		files["search/index/"+strconv.Itoa(s)+".bin"] = data
	}
	for lo := 0; lo < len(sorted); lo += docChunk {
		data := fieldsJSON(sorted[lo:min(lo+docChunk, len(sorted))])
		files["search/docs/"+strconv.Itoa(lo/docChunk)+".json"] = data[:len(data):len(data)]
	}
	files["search/meta.json"] = metaJSON(sorted, shards)
	return files
}

// A block holds one shard's entries of a block of documents, in id order:
// each entry is tok<<32 | id<<8 | weight: the tokenizer's token number tok
// occurs in document id with the weight.
type block []uint64
