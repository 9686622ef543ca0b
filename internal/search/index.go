package search

import (
	"encoding/binary"
	"slices"
	"sync"
)

// Indexing runs in two parallel phases (see Indexer, and Stream, which
// runs both once per block of documents): tokenizers, one per core, turn
// each new document into its distinct keys with title bits; then shard
// builders, one per core, each own a set of shards and append the shards'
// entries, in id order, to their posting lists. A shard holds a few
// thousand tokens, so the second phase's lookups stay in cache; one map of
// every token would miss the cache on each posting.

// A bucket holds one shard's entries, in id order: keys[i] occurs in
// document docw[i]>>8 with weight docw[i]&0xFF.
type bucket struct {
	keys []key
	docw []uint32
}

// A posting is one token's list while it is built, already encoded: the
// ids ascending as varint deltas (the first counted from 0), and the ids of
// the documents whose title has the token, the same way. A list that grows
// to twice the size of a bitmap of its ids becomes that bitmap (dense), so
// that the tokens most documents have cost a bit per document, not a byte;
// the file still holds whichever encoding is smaller (see shardBinary).
type posting struct {
	// What every add reads first, together: buf holds the varint deltas,
	// or when dense bit id-first.
	buf         []byte
	first, last uint32 // the first and last id
	n           int    // ids
	vlen        int    // the bytes of the ids as varint deltas
	dense       bool
	lastTitle   uint32
	title       []byte
	key         key
}

// A shard is one shard's posting lists.
type shard struct {
	slot  map[key]int32
	lists []posting
	slab  []byte // room for new lists' first bytes, saving an allocation each
	slabs int    // the size of the last slab
}

// slabList is the room a new list starts with: most tokens occur in a few
// documents only.
const slabList = 32

// newList returns room for a new list from the slab, a new one when it is
// used up; slabs double from 1 KB to 64 KB, so that the shards of a few
// documents' tokens (a Stream started from a Prior) stay small.
func (sh *shard) newList() []byte {
	if len(sh.slab) < slabList {
		sh.slabs = min(64<<10, max(1<<10, 2*sh.slabs))
		sh.slab = make([]byte, sh.slabs)
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
			j = sh.newPosting(k)
			sh.slot[k] = j
		}
		sh.lists[j].add(b.docw[i])
	}
}

// newPosting adds an empty list for k and returns its number.
func (sh *shard) newPosting(k key) int32 {
	sh.lists = append(sh.lists, posting{key: k, buf: sh.newList()})
	return int32(len(sh.lists) - 1)
}

// addAll appends entries, in id order, as add does one by one; to a dense
// list, which most entries go to, all at once.
func (p *posting) addAll(docw []uint32) {
	for len(docw) > 0 && !p.dense {
		p.add(docw[0])
		docw = docw[1:]
	}
	if len(docw) == 0 {
		return
	}
	p.cover(docw[len(docw)-1] >> 8)
	buf, first, last, vlen := p.buf, p.first, p.last, p.vlen
	for _, d := range docw {
		id := d >> 8
		k := id - first
		buf[k/8] |= 1 << (k % 8)
		vlen += uvarintLen(id - last)
		last = id
		if d&1 != 0 {
			p.title = binary.AppendUvarint(p.title, uint64(id-p.lastTitle))
			p.lastTitle = id
		}
	}
	p.last, p.vlen, p.n = last, vlen, p.n+len(docw)
}

// cover makes a dense list's bitmap long enough for id.
func (p *posting) cover(id uint32) {
	if n := int((id-p.first)/8) + 1; n > len(p.buf) {
		p.buf = append(p.buf, make([]byte, n-len(p.buf))...)
	}
}

// add appends an entry, id<<8 | weight, to the list: the id, and when the
// weight is 1 (a title's token) the id to the title list.
func (p *posting) add(docw uint32) {
	id := docw >> 8
	switch {
	case p.n == 0:
		p.first = id
		p.buf = binary.AppendUvarint(p.buf, uint64(id))
		p.vlen = len(p.buf)
	case p.dense:
		k := id - p.first
		p.cover(id)
		p.buf[k/8] |= 1 << (k % 8)
		p.vlen += uvarintLen(id - p.last)
	case len(p.buf)+binary.MaxVarintLen32 > cap(p.buf) && len(p.buf) >= 64 && len(p.buf) > 2*int(p.last-p.first)/8+2:
		p.buf, p.dense = bitmapOf(p), true
		p.add(docw)
		return
	default:
		p.buf = binary.AppendUvarint(p.buf, uint64(id-p.last))
		p.vlen = len(p.buf)
	}
	p.last = id
	p.n++
	if docw&1 != 0 {
		p.title = binary.AppendUvarint(p.title, uint64(id-p.lastTitle))
		p.lastTitle = id
	}
}

// finish names the shard's lists by their tokens, string tokens by words.
func (sh *shard) finish(words *wordTable) map[string]*posting {
	out := make(map[string]*posting, len(sh.lists))
	var buf [32]byte
	for i := range sh.lists {
		p := &sh.lists[i]
		if p.key.kind() == kindString {
			out[words.list[p.key&0xFFFFFFFF]] = p
		} else {
			out[string(p.key.appendTo(buf[:0]))] = p
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
	return wt.add(string(b))
}

// internString is intern for a string, which it keeps when new.
func (wt *wordTable) internString(s string) uint32 {
	if id, ok := wt.ids[s]; ok {
		return id
	}
	return wt.add(s)
}

func (wt *wordTable) add(s string) uint32 {
	id := uint32(len(wt.list))
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
		remap = append(remap, wt.internString(s))
	}
	return remap
}

// sortedTokens returns m's tokens in order.
func sortedTokens[V any](m map[string]V) []string {
	ts := make([]string, 0, len(m))
	for t := range m {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}
