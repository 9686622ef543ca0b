package search

import (
	"slices"
	"strconv"
	"sync"
)

// Indexing runs in two parallel phases (see Indexer): tokenizers, one per
// core, turn each new document into its distinct keys with weights; then
// shard builders, one per core, each own a set of shards and append the
// shards' entries, in id order, to their posting lists. A shard holds a few
// thousand tokens, so the second phase's map lookups stay in cache; one map
// of every token would miss the cache on each posting.

// maxTF caps the term frequency kept in a weight, which must fit in 8 bits.
const maxTF = 127

// A bucket holds one shard's entries, in id order: keys[i] occurs in
// document docw[i]>>8 with weight docw[i]&0xFF.
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

// append adds a bucket's entries to the shard's lists.
func (sh *shard) append(b *bucket) {
	for i, k := range b.keys {
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

// finish names the shard's lists by their tokens, string tokens by words.
func (sh *shard) finish(words *wordTable) map[string][]byte {
	out := make(map[string][]byte, len(sh.lists))
	var buf [32]byte
	for _, p := range sh.lists {
		if p.key.kind() == kindString {
			out[words.list[p.key&0xFFFFFFFF]] = p.buf
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
