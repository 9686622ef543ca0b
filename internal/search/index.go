package search

import (
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Indexing runs in batches of documents, each in two parallel phases:
//
//  1. tokenizers, one per core, each take a contiguous run of the batch and
//     turn every document into its distinct keys with weights, dropped into
//     one bucket per shard;
//  2. shard builders, one per core, each own a set of shards and append the
//     buckets' entries, in id order, to the shards' posting lists.
//
// A shard holds a few thousand tokens, so phase 2's map lookups stay in
// cache; one map of every token would miss the cache on each posting.
const batchSize = 2048

// maxTF caps the term frequency kept in a weight, which must fit in 8 bits.
const maxTF = 127

// A bucket collects one tokenizer's entries for one shard: keys[i] occurs
// in document docw[i]>>8 with weight docw[i]&0xFF.
type bucket struct {
	keys []key
	docw []uint32
}

// A posting is one token's list while it is built, already as JSON text:
// "delta,weight,delta,weight…" with ids ascending, the first delta counted
// from 0.
type posting struct {
	key  key
	last uint32
	buf  []byte
}

// A shard is one shard's posting lists.
type shard struct {
	slot  map[key]int32
	lists []posting
	slab  []byte // room for new lists' first bytes, saving an allocation each
}

// slabList is the room a new list starts with: most tokens occur in a few
// documents only.
const slabList = 32

func (sh *shard) newList() []byte {
	if len(sh.slab) < slabList {
		sh.slab = make([]byte, 64<<10)
	}
	b := sh.slab[:0:slabList]
	sh.slab = sh.slab[slabList:]
	return b
}

// An indexBuilder holds the state shared between batches.
type indexBuilder struct {
	shards []shard
	words  *wordTable // the global string tokens
	toks   []*tokenizer
}

// index builds the posting lists of docs, whose ids are their positions,
// and returns the shards, each mapping a token to its list's JSON text.
func index(docs []*Doc, shards int) []map[string][]byte {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/256))
	ib := &indexBuilder{shards: make([]shard, shards), words: newWordTable(shards)}
	for i := range ib.shards {
		ib.shards[i].slot = map[key]int32{}
	}
	for range workers {
		ib.toks = append(ib.toks, newTokenizer(shards))
	}
	for lo := 0; lo < len(docs); lo += batchSize {
		ib.batch(docs, lo, min(lo+batchSize, len(docs)))
	}
	out := make([]map[string][]byte, shards)
	for s := range ib.shards {
		out[s] = ib.finish(&ib.shards[s])
	}
	return out
}

// batch indexes documents lo…hi-1.
func (ib *indexBuilder) batch(docs []*Doc, lo, hi int) {
	n := len(ib.toks)
	parallel(n, func(w int) {
		t := ib.toks[w]
		t.reset()
		for id := lo + (hi-lo)*w/n; id < lo+(hi-lo)*(w+1)/n; id++ {
			t.add(uint32(id), docs[id])
		}
	})
	for _, t := range ib.toks {
		t.remap = ib.words.merge(t.words, t.remap)
	}
	parallel(n, func(w int) {
		for s := w; s < len(ib.shards); s += n {
			for _, t := range ib.toks {
				ib.shards[s].append(&t.buckets[s], t.remap)
			}
		}
	})
}

// append adds a bucket's entries to the shard's lists, turning the
// tokenizer's word numbers into global ones.
func (sh *shard) append(b *bucket, remap []uint32) {
	for i, k := range b.keys {
		if k.kind() == kindString {
			k = kindString<<kindShift | key(remap[k&0xFFFFFFFF])
		}
		j, ok := sh.slot[k]
		if !ok {
			j = int32(len(sh.lists))
			sh.slot[k] = j
			sh.lists = append(sh.lists, posting{key: k, buf: sh.newList()})
		}
		p := &sh.lists[j]
		id := b.docw[i] >> 8
		if len(p.buf) > 0 {
			p.buf = append(p.buf, ',')
		}
		p.buf = strconv.AppendUint(p.buf, uint64(id-p.last), 10)
		p.buf = append(p.buf, ',')
		p.buf = strconv.AppendUint(p.buf, uint64(b.docw[i]&0xFF), 10)
		p.last = id
	}
}

// finish names the shard's lists by their tokens.
func (ib *indexBuilder) finish(sh *shard) map[string][]byte {
	out := make(map[string][]byte, len(sh.lists))
	var buf [32]byte
	for _, p := range sh.lists {
		if p.key.kind() == kindString {
			out[ib.words.list[p.key&0xFFFFFFFF]] = p.buf
		} else {
			out[string(p.key.appendTo(buf[:0]))] = p.buf
		}
	}
	return out
}

// parallel runs f(0) … f(n-1) at once and waits for them.
func parallel(n int, f func(w int)) {
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() { f(w) })
	}
	wg.Wait()
}

// A wordTable numbers string tokens (words and their prefixes, "d:…",
// "c:…") and remembers each one's shard.
type wordTable struct {
	ids    map[string]uint32
	list   []string
	shard  []uint16
	field  []bool // "d:" and "c:" tokens
	shards int
}

func newWordTable(shards int) *wordTable {
	return &wordTable{ids: map[string]uint32{}, shards: shards}
}

func (wt *wordTable) intern(b []byte) uint32 {
	if id, ok := wt.ids[string(b)]; ok {
		return id
	}
	id := uint32(len(wt.list))
	s := string(b)
	wt.ids[s] = id
	wt.list = append(wt.list, s)
	wt.shard = append(wt.shard, uint16(shardOf(s, wt.shards)))
	wt.field = append(wt.field, len(s) > 1 && s[1] == ':')
	return id
}

// merge adds a tokenizer's words to the global table and returns, in remap,
// the global number of each of its words. Tokenizers are merged in order,
// so numbers do not depend on timing.
func (wt *wordTable) merge(local *wordTable, remap []uint32) []uint32 {
	for _, s := range local.list[len(remap):] {
		remap = append(remap, wt.intern([]byte(s)))
	}
	return remap
}

// sortedTokens returns m's tokens in order.
func sortedTokens(m map[string][]byte) []string {
	ts := make([]string, 0, len(m))
	for t := range m {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}
