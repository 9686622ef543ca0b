package search

import (
	"runtime"
	"slices"
	"strconv"
)

// An Indexer builds indexes as Build does, and remembers between builds
// each document's tokens and the shards it wrote. Building again after a
// few documents changed tokenises only those, and when no document moved
// (same count, same ids: an edit that keeps the date) it rewrites only the
// shards whose entries for the changed documents differ. Any other change
// rebuilds every shard from the remembered tokens.
//
// It keeps only the last build's documents, and starts afresh when its
// table of words has doubled since it last did, so its memory follows the
// corpus, not the number of edits. An Indexer is not safe for concurrent
// use; the zero value is ready to use.
type Indexer struct {
	shards int                   // the shard count the state below is for
	words  *wordTable            // string tokens of the documents tokenised since the reset
	limit  int                   // the word count past which the next build resets
	memo   map[string]*docTokens // by URL
	last   []*docTokens          // the last build's documents, by id
	inputs []bucket              // per shard, its entries in id order
	out    [][]byte              // per shard, its file
	chunks [][]byte              // per docs chunk, its file
}

// docTokens is one document's distinct tokens, in no particular order.
// The same docTokens is the same document: it is reused only for an equal
// Doc.
type docTokens struct {
	doc     Doc
	entries []entry
}

// An entry is a document's token with its weight and shard, packed as
// shard<<56 | weight<<48 | key (a key fits in 45 bits, a shard in 8).
type entry uint64

func newEntry(shard int, w uint32, k key) entry {
	return entry(shard)<<56 | entry(w)<<48 | entry(k)
}

func (e entry) shard() int     { return int(e >> 56) }
func (e entry) weight() uint32 { return uint32(e >> 48 & 0xFF) }
func (e entry) key() key       { return key(e & (1<<48 - 1)) }

// maxSplice is the most changed documents whose entries are spliced into
// the kept shard inputs; more, and every shard is rebuilt.
const maxSplice = 64

// Build returns the index of docs as files relative to the site root,
// byte-identical to Build(docs) (which holds no tokens between builds). The returned slices are shared with later
// builds and must not be modified.
func (ix *Indexer) Build(docs []Doc) map[string][]byte {
	sorted := sortDocs(docs)
	shards := shardCount(len(sorted))
	fresh := ix.words == nil || shards != ix.shards || len(ix.words.list) > ix.limit
	if fresh {
		*ix = Indexer{shards: shards, words: newWordTable(shards)}
	}
	toks := ix.tokenize(sorted)
	if fresh {
		ix.limit = 2*len(ix.words.list) + 1<<16
	}
	ix.index(toks)
	ix.fields(sorted, toks)
	ix.last = toks
	files := make(map[string][]byte, shards+len(ix.chunks)+1)
	for n, data := range ix.out {
		files["search/index/"+strconv.Itoa(n)+".bin"] = data
	}
	for n, data := range ix.chunks {
		files["search/docs/"+strconv.Itoa(n)+".json"] = data
	}
	files["search/meta.json"] = metaJSON(sorted, shards)
	return files
}

// fields brings the docs chunks up to date, keeping each chunk whose
// documents are the last build's (the same docTokens is the same Doc).
func (ix *Indexer) fields(docs []*Doc, toks []*docTokens) {
	chunks := make([][]byte, 0, (len(docs)+docChunk-1)/docChunk)
	for lo := 0; lo < len(docs); lo += docChunk {
		hi, c := min(lo+docChunk, len(docs)), lo/docChunk
		if c < len(ix.chunks) && hi == min(lo+docChunk, len(ix.last)) && slices.Equal(toks[lo:hi], ix.last[lo:hi]) {
			chunks = append(chunks, ix.chunks[c])
			continue
		}
		data := fieldsJSON(docs[lo:hi])
		chunks = append(chunks, data[:len(data):len(data)])
	}
	ix.chunks = chunks
}

// tokenize returns each document's tokens, by id, tokenising in parallel
// the documents it has not seen; it then remembers only these documents.
func (ix *Indexer) tokenize(docs []*Doc) []*docTokens {
	toks := make([]*docTokens, len(docs))
	memo := make(map[string]*docTokens, len(docs))
	var todo []*docTokens
	for i, d := range docs {
		t := memo[d.URL]
		if t == nil || t.doc != *d {
			if t = ix.memo[d.URL]; t == nil || t.doc != *d {
				t = &docTokens{doc: *d}
				todo = append(todo, t)
			}
			memo[d.URL] = t
		}
		toks[i] = t
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(todo)/256))
	tzs := make([]*tokenizer, workers)
	parallel(workers, func(w int) {
		tzs[w] = newTokenizer(ix.shards)
		for i := len(todo) * w / workers; i < len(todo)*(w+1)/workers; i++ {
			todo[i].entries = tzs[w].tokens(&todo[i].doc)
		}
	})
	remaps := make([][]uint32, workers)
	for w, t := range tzs { // in order, so that numbers do not depend on timing
		remaps[w] = ix.words.merge(t.words, nil)
	}
	parallel(workers, func(w int) {
		for i := len(todo) * w / workers; i < len(todo)*(w+1)/workers; i++ {
			renumber(todo[i].entries, remaps[w])
		}
	})
	ix.memo = memo
	return toks
}

// renumber turns a document's string tokens from its tokenizer's numbers
// into the Indexer's.
func renumber(es []entry, remap []uint32) {
	for i, e := range es {
		if k := e.key(); k.kind() == kindString {
			k = kindString<<kindShift | key(remap[k&0xFFFFFFFF])
			es[i] = newEntry(e.shard(), e.weight(), k)
		}
	}
}

// sorted returns a sorted copy of a document's entries: grouped by shard,
// each group in one order, so that equal groups are equal slices.
func sorted(es []entry) []entry {
	es = slices.Clone(es)
	slices.Sort(es)
	return es
}

// group returns the entries of shard s, from sorted entries.
func group(es []entry, s int) []entry {
	lo, _ := slices.BinarySearch(es, entry(s)<<56)
	hi := lo
	for hi < len(es) && es[hi].shard() == s {
		hi++
	}
	return es[lo:hi]
}

// index brings the shard files up to date with toks: the shards that the
// changed documents touch, or every shard.
func (ix *Indexer) index(toks []*docTokens) {
	dirty := ix.splice(toks)
	if dirty == nil {
		ix.fill(toks)
		dirty = make([]int, ix.shards)
		for s := range dirty {
			dirty[s] = s
		}
		ix.out = make([][]byte, ix.shards)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(dirty)))
	parallel(workers, func(w int) {
		for i := w; i < len(dirty); i += workers {
			s := dirty[i]
			sh := &shard{slot: map[key]int32{}}
			sh.append(&ix.inputs[s])
			data := shardBinary(sh.finish(ix.words))
			ix.out[s] = data[:len(data):len(data)]
		}
	})
}

// fill lays out every shard's entries, in id order.
func (ix *Indexer) fill(toks []*docTokens) {
	count := make([]int, ix.shards)
	for _, t := range toks {
		for _, e := range t.entries {
			count[e.shard()]++
		}
	}
	ix.inputs = make([]bucket, ix.shards)
	for s, n := range count {
		ix.inputs[s] = bucket{keys: make([]key, 0, n), docw: make([]uint32, 0, n)}
	}
	for id, t := range toks {
		for _, e := range t.entries {
			b := &ix.inputs[e.shard()]
			b.keys = append(b.keys, e.key())
			b.docw = append(b.docw, uint32(id)<<8|e.weight())
		}
	}
}

// splice replaces, in the kept shard inputs, the entries of the documents
// that changed in place, and returns the shards whose entries changed,
// sorted. It returns nil when the inputs must be laid out anew: the first
// build, documents added, removed or moved, or too many changed.
func (ix *Indexer) splice(toks []*docTokens) []int {
	if ix.out == nil || len(toks) != len(ix.last) {
		return nil
	}
	var changed []int
	for id, t := range toks {
		if t != ix.last[id] {
			if changed = append(changed, id); len(changed) > maxSplice {
				return nil
			}
		}
	}
	dirty := map[int]bool{}
	for _, id := range changed {
		before, after := sorted(ix.last[id].entries), sorted(toks[id].entries)
		for s := range ix.shards {
			if cur := group(after, s); !slices.Equal(group(before, s), cur) {
				ix.inputs[s].replace(uint32(id), cur)
				dirty[s] = true
			}
		}
	}
	out := make([]int, 0, len(dirty))
	for s := range dirty {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// replace puts es in place of document id's entries in the bucket.
func (b *bucket) replace(id uint32, es []entry) {
	lo, _ := slices.BinarySearch(b.docw, id<<8)
	hi, _ := slices.BinarySearch(b.docw, (id+1)<<8)
	keys := make([]key, len(es))
	docw := make([]uint32, len(es))
	for i, e := range es {
		keys[i], docw[i] = e.key(), id<<8|e.weight()
	}
	b.keys = slices.Replace(b.keys, lo, hi, keys...)
	b.docw = slices.Replace(b.docw, lo, hi, docw...)
}
