package search

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"sort"
	"strconv"
)

// A carry is what a Stream started from a Prior (NewStreamFrom) takes over
// from the previous build's index: which of its documents the previous
// index already holds, the new id of each of those, and the previous
// shards' postings, grouped by the shard their tokens hash to now. Files
// writes each token's lists anew from the kept ids, renumbered and merged
// with the ids of the documents tokenised since (see shardFile), so the
// files are those of a Stream given every text.
type carry struct {
	docs    int            // the new document count
	need    []bool         // by new id: the text must be tokenised
	newOf   []int32        // by old id: its new id, or -1 when it changed or is gone
	runs    []run          // the kept old ids, in runs that moved together
	ordered bool           // newOf ascends over the kept ids: lists stay ascending
	shards  [][]oldPosting // by new shard, in token order
}

// A run is the kept old ids lo … hi-1, now numbered from lo+shift.
type run struct{ lo, hi, shift int }

// An oldPosting is one token's entry in a previous shard file (see
// shardBinary); its slices are the file's bytes.
type oldPosting struct {
	token       []byte
	hash        uint32 // FNV-1a of token (see shardOf)
	enc         byte
	data, title []byte
}

// newCarry matches the documents of digests sums (by new id) with prior's
// and reads prior's shard files; it is nil when nothing can be reused: no
// document kept, or a shard file missing or not as the previous build
// wrote it, so that a doubtful prior costs time, never correctness.
func newCarry(prior *Prior, sums [][32]byte, shards, workers int) *carry {
	if prior == nil || prior.files == nil {
		return nil
	}
	c := &carry{docs: len(sums)}
	if c.match(prior.sums, sums) == 0 {
		return nil
	}
	old := shardCount(len(prior.sums))
	files := make([][]byte, old)
	for s := range files {
		b, ok := prior.files("search/index/" + strconv.Itoa(s) + ".bin")
		if !ok {
			return nil
		}
		files[s] = b
	}
	parsed := make([][]oldPosting, old)
	good := make([]bool, old)
	workers = max(1, min(workers, old))
	parallel(workers, func(w int) {
		for s := w; s < old; s += workers {
			parsed[s], good[s] = parseShard(files[s], s, old, len(prior.sums))
		}
	})
	if slices.Contains(good, false) {
		return nil
	}
	c.shards = regroup(parsed, shards)
	return c
}

// match pairs each new document with a previous one of the same digest:
// the k-th of a digest in new id order with its k-th in old id order
// (equal digests are equal documents, so which goes where does not
// matter). It fills need, newOf and runs, and returns how many it paired.
func (c *carry) match(old, cur [][32]byte) int {
	next := make([]int32, len(old)) // the next old id of the same digest, or -1
	first := make(map[[32]byte]int32, len(old))
	for id := len(old) - 1; id >= 0; id-- {
		next[id] = -1
		if f, ok := first[old[id]]; ok {
			next[id] = f
		}
		first[old[id]] = int32(id)
	}
	c.newOf = make([]int32, len(old))
	for id := range c.newOf {
		c.newOf[id] = -1
	}
	c.need = make([]bool, len(cur))
	kept := 0
	for id, d := range cur {
		f, ok := first[d]
		if !ok || f < 0 {
			c.need[id] = true
			continue
		}
		first[d] = next[f]
		c.newOf[f] = int32(id)
		kept++
	}
	c.ordered = true
	last := int32(-1)
	for id, n := range c.newOf {
		if n < 0 {
			continue
		}
		if n < last {
			c.ordered = false
		}
		last = n
		shift := int(n) - id
		if k := len(c.runs) - 1; k >= 0 && c.runs[k].hi == id && c.runs[k].shift == shift {
			c.runs[k].hi++
		} else {
			c.runs = append(c.runs, run{id, id + 1, shift})
		}
	}
	return kept
}

// regroup puts the previous shards' postings into the shards their tokens
// hash to among shards, each in token order: the previous shards
// themselves when the count is the same.
func regroup(parsed [][]oldPosting, shards int) [][]oldPosting {
	if len(parsed) == shards {
		return parsed
	}
	out := make([][]oldPosting, shards)
	for _, ps := range parsed {
		for _, o := range ps {
			s := o.hash % uint32(shards)
			out[s] = append(out[s], o)
		}
	}
	for _, ps := range out {
		slices.SortFunc(ps, func(a, b oldPosting) int { return bytes.Compare(a.token, b.token) })
	}
	return out
}

// parseShard reads shard s of a previous index of docs documents in shards
// shards, checking all that the carry relies on: its tokens strictly in
// order and in their shard, each list well-formed, its ids ascending and
// below docs, and nothing after the last token.
func parseShard(b []byte, s, shards, docs int) ([]oldPosting, bool) {
	rest, ok := cutPrefix(b, []byte(shardMagic))
	if !ok {
		return nil, false
	}
	r := reader{b: rest}
	count := r.uvarint()
	if r.bad || count > uint64(len(r.b)) {
		return nil, false
	}
	out := make([]oldPosting, 0, count)
	for range count {
		var o oldPosting
		o.token = r.bytes(r.uvarint())
		o.enc = r.byte()
		n := r.uvarint()
		o.data = r.bytes(r.uvarint())
		o.title = r.bytes(r.uvarint())
		if r.bad || len(o.token) == 0 {
			return nil, false
		}
		o.hash = fnvBytes(fnvOffset, o.token)
		if len(out) > 0 && bytes.Compare(out[len(out)-1].token, o.token) >= 0 || int(o.hash%uint32(shards)) != s {
			return nil, false
		}
		if !validIDs(o.enc, n, o.data, docs) {
			return nil, false
		}
		if _, ok := countList(o.title, docs); !ok {
			return nil, false
		}
		out = append(out, o)
	}
	return out, len(r.b) == 0
}

// validIDs reports whether data holds n (at least one) ascending ids below
// docs in the encoding enc, as shardBinary writes them.
func validIDs(enc byte, n uint64, data []byte, docs int) bool {
	switch enc {
	case encList:
		k, ok := countList(data, docs)
		return ok && k == n && n > 0
	case encBitmap:
		r := reader{b: data}
		first, bm := r.uvarint(), r.b
		if r.bad || len(bm) == 0 || bm[0]&1 == 0 || bm[len(bm)-1] == 0 || first >= uint64(docs) {
			return false
		}
		last := first + 8*uint64(len(bm)-1) + uint64(bits.Len8(bm[len(bm)-1])-1)
		return last < uint64(docs) && popCount(bm) == n
	}
	return false
}

// countList returns how many ids the varint deltas of data hold, and
// whether they are well-formed (each in its shortest form, as moveList
// copies them), ascending (the first counted from 0) and below docs.
func countList(data []byte, docs int) (uint64, bool) {
	var id, n uint64
	for len(data) > 0 {
		d, k := uint64(data[0]), 1
		if d >= 0x80 {
			if d, k = binary.Uvarint(data); k <= 0 || data[k-1] == 0 { // not as the writer writes it
				return 0, false
			}
		}
		if n > 0 && d == 0 || d >= uint64(docs) {
			return 0, false
		}
		data = data[k:]
		if id += d; id >= uint64(docs) {
			return 0, false
		}
		n++
	}
	return n, true
}

// popCount is the number of bits set in b.
func popCount(b []byte) uint64 {
	n := 0
	for ; len(b) >= 8; b = b[8:] {
		n += bits.OnesCount64(binary.LittleEndian.Uint64(b))
	}
	for _, c := range b {
		n += bits.OnesCount8(c)
	}
	return uint64(n)
}

// A reader reads a shard file's fields; past the first malformed one it
// is bad and reads zeros.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uvarint() uint64 {
	x, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[k:]
	return x
}

func (r *reader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// scratch is one shard writer's buffers, reused from token to token.
type scratch struct {
	words       []uint64 // a bit per new id, zero between tokens
	ids, add, m []uint32
	buf, title  []byte
	q           posting
}

// shardFile writes new shard i: the previous postings of its tokens,
// renumbered, merged with cur, the postings of the documents tokenised
// since; a token left without ids is left out. The bytes are shardBinary's
// for every document's postings.
func (c *carry) shardFile(i int, cur map[string]*posting, sc *scratch) []byte {
	old, toks := c.shards[i], sortedTokens(cur)
	c.shards[i] = nil
	// The entries go after room for the header, which is written last,
	// before them, once their count is known.
	const head = len(shardMagic) + binary.MaxVarintLen64
	size := head
	for _, o := range old {
		size += len(o.token) + len(o.data) + len(o.title) + 16
	}
	for t, p := range cur {
		size += len(t) + min(p.vlen, int(p.last-p.first)/8+1) + len(p.title) + 16
	}
	body, count := make([]byte, head, size), 0
	for j, k := 0, 0; j < len(old) || k < len(toks); {
		order := 0 // of old[j]'s token against toks[k]
		switch {
		case j == len(old):
			order = 1
		case k == len(toks), string(old[j].token) < toks[k]:
			order = -1
		case string(old[j].token) > toks[k]:
			order = 1
		}
		if order > 0 {
			body = appendPosting(body, toks[k], cur[toks[k]])
			count, k = count+1, k+1
			continue
		}
		var p *posting
		if order == 0 {
			p, k = cur[toks[k]], k+1
		}
		o := &old[j]
		j++
		if q := c.renumber(o, p, sc); q.n > 0 {
			body = appendPosting(body, o.token, q)
			count++
		}
	}
	var n [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(n[:], uint64(count))
	b := body[head-len(shardMagic)-k:]
	copy(b[copy(b, shardMagic):], n[:k])
	return b
}

// renumber returns o's posting with the ids of the kept documents
// renumbered and those of the others dropped, merged with p (nil: no
// other ids). The result lives in sc until the next call.
func (c *carry) renumber(o *oldPosting, p *posting, sc *scratch) *posting {
	q := &sc.q
	*q = posting{}
	sc.add = sc.add[:0]
	if p != nil {
		sc.add = appendIDs(sc.add, p)
	}
	switch {
	case o.enc == encBitmap:
		c.renumberBitmap(o.data, sc.add, sc, q)
	case len(sc.add) == 0 && c.ordered:
		var n int
		sc.buf, n, q.first, q.last = c.moveList(sc.buf[:0], o.data)
		q.n, q.vlen, q.buf = n, len(sc.buf), sc.buf
	default:
		sc.ids = c.mapList(sc.ids[:0], o.data)
		ids := sc.merge(sc.ids, sc.add)
		sc.buf = appendDeltas(sc.buf[:0], ids)
		if len(ids) > 0 {
			*q = posting{n: len(ids), vlen: len(sc.buf), first: ids[0], last: ids[len(ids)-1], buf: sc.buf}
		}
	}
	sc.add = sc.add[:0]
	if p != nil {
		sc.add = appendList(sc.add, p.title)
	}
	if len(sc.add) == 0 && c.ordered {
		sc.title, _, _, _ = c.moveList(sc.title[:0], o.title)
	} else {
		sc.ids = c.mapList(sc.ids[:0], o.title)
		sc.title = appendDeltas(sc.title[:0], sc.merge(sc.ids, sc.add))
	}
	q.title = sc.title
	return q
}

// moveList appends the varint deltas of the new ids of the kept documents
// among the varint deltas data (old ids), when the kept ids keep their
// order (c.ordered), and returns how many, the first and the last. A
// delta between two ids that moved by as much is copied as it is: with
// few documents changed, that is nearly every delta.
func (c *carry) moveList(dst, data []byte) (out []byte, n int, first, last uint32) {
	var id uint64
	copied := -1            // data[copied:] up to the current delta is to be copied as it is
	kept, shift := false, 0 // the previous id was kept, and moved by shift
	pos := 0
	for pos < len(data) {
		start := pos
		if d := data[pos]; d < 0x80 {
			id += uint64(d)
			pos++
		} else {
			d, k := binary.Uvarint(data[pos:])
			id += d
			pos += k
		}
		to := c.newOf[id]
		if to < 0 {
			if copied >= 0 {
				dst, copied = append(dst, data[copied:start]...), -1
			}
			kept = false
			continue
		}
		if kept && int(to)-int(id) == shift {
			if copied < 0 {
				copied = start
			}
		} else {
			if copied >= 0 {
				dst, copied = append(dst, data[copied:start]...), -1
			}
			dst = binary.AppendUvarint(dst, uint64(uint32(to)-last))
		}
		if n == 0 {
			first = uint32(to)
		}
		last, n = uint32(to), n+1
		kept, shift = true, int(to)-int(id)
	}
	if copied >= 0 {
		dst = append(dst, data[copied:]...)
	}
	return dst, n, first, last
}

// mapList appends the new ids of the kept documents among the varint
// deltas data (old ids), ascending.
func (c *carry) mapList(dst []uint32, data []byte) []uint32 {
	start := len(dst)
	var id uint64
	for len(data) > 0 {
		if d := data[0]; d < 0x80 { // most deltas are below 128
			id += uint64(d)
			data = data[1:]
		} else {
			d, k := binary.Uvarint(data)
			data = data[k:]
			id += d
		}
		if n := c.newOf[id]; n >= 0 {
			dst = append(dst, uint32(n))
		}
	}
	if !c.ordered {
		slices.Sort(dst[start:])
	}
	return dst
}

// renumberBitmap is renumber for a bitmap of old ids (data: uvarint(first
// id), then the bitmap): it moves each run of kept ids as a whole into a
// bitmap of new ids, adds add, and makes q a dense posting of it.
func (c *carry) renumberBitmap(data []byte, add []uint32, sc *scratch, q *posting) {
	if sc.words == nil {
		sc.words = make([]uint64, c.docs/64+1)
	}
	words := sc.words
	r := reader{b: data}
	first := int(r.uvarint())
	bm := r.b
	lo, hi := first, first+8*len(bm)
	from, to := c.docs, 0 // the new ids that may have bits set
	i := sort.Search(len(c.runs), func(i int) bool { return c.runs[i].hi > lo })
	for ; i < len(c.runs) && c.runs[i].lo < hi; i++ {
		rn := c.runs[i]
		a, e := max(rn.lo, lo), min(rn.hi, hi)
		copyBits(words, a+rn.shift, bm, a-first, e-a)
		from, to = min(from, a+rn.shift), max(to, e+rn.shift)
	}
	for _, id := range add {
		words[id/64] |= 1 << (id % 64)
		from, to = min(from, int(id)), max(to, int(id)+1)
	}
	if from >= to {
		return
	}
	wlo, whi := from/64, (to-1)/64
	n, vlen, firstID, lastID := 0, 0, -1, -1
	for w := wlo; w <= whi; w++ {
		x := words[w]
		if x == 0 {
			continue
		}
		low := w*64 + bits.TrailingZeros64(x)
		if lastID < 0 {
			firstID = low
			vlen += uvarintLen(uint32(low))
		} else {
			vlen += uvarintLen(uint32(low - lastID))
		}
		k := bits.OnesCount64(x)
		n, vlen = n+k, vlen+k-1 // the gaps inside a word are below 64: a byte each
		lastID = w*64 + 63 - bits.LeadingZeros64(x)
	}
	if n > 0 {
		size := (lastID-firstID)/8 + 1
		out := sc.buf[:0]
		for off := 0; off < size; off += 8 {
			out = binary.LittleEndian.AppendUint64(out, wordBits(words, firstID+8*off))
		}
		sc.buf = out
		*q = posting{n: n, vlen: vlen, first: uint32(firstID), last: uint32(lastID), buf: out[:size], dense: true}
	}
	clear(words[wlo : whi+1])
}

// copyBits ORs n bits of src from bit from on into dst from bit at on. Bit
// k of a byte slice is byte k/8's bit k%8, as in a shard's bitmap, and of
// a word slice word k/64's bit k%64.
func copyBits(dst []uint64, at int, src []byte, from, n int) {
	for n > 0 {
		k := min(n, 64-at%64)
		v := byteBits(src, from)
		if k < 64 {
			v &= 1<<k - 1
		}
		dst[at/64] |= v << (at % 64)
		at, from, n = at+k, from+k, n-k
	}
}

// byteBits returns the 64 bits of b from bit from on, zeros past its end.
func byteBits(b []byte, from int) uint64 {
	i, sh := from/8, from%8
	var v uint64
	if i+8 <= len(b) {
		v = binary.LittleEndian.Uint64(b[i:])
	} else {
		for j := len(b) - 1; j >= i; j-- {
			v = v<<8 | uint64(b[j])
		}
	}
	v >>= sh
	if sh != 0 && i+8 < len(b) {
		v |= uint64(b[i+8]) << (64 - sh)
	}
	return v
}

// wordBits returns the 64 bits of w from bit from on, zeros past its end.
func wordBits(w []uint64, from int) uint64 {
	i, sh := from/64, from%64
	if i >= len(w) {
		return 0
	}
	v := w[i] >> sh
	if sh != 0 && i+1 < len(w) {
		v |= w[i+1] << (64 - sh)
	}
	return v
}

// merge returns the ascending union of a and b, two ascending lists with
// no id in common, in sc.m (a itself when b is empty).
func (sc *scratch) merge(a, b []uint32) []uint32 {
	if len(b) == 0 {
		return a
	}
	m := sc.m[:0]
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			m, a = append(m, a[0]), a[1:]
		} else {
			m, b = append(m, b[0]), b[1:]
		}
	}
	m = append(append(m, a...), b...)
	sc.m = m
	return m
}

// appendIDs appends a posting's ids, ascending.
func appendIDs(dst []uint32, p *posting) []uint32 {
	if !p.dense {
		return appendList(dst, p.buf)
	}
	for i, c := range p.buf {
		for ; c != 0; c &= c - 1 {
			dst = append(dst, p.first+uint32(i*8+bits.TrailingZeros8(c)))
		}
	}
	return dst
}

// appendList appends the ids of varint deltas (the first counted from 0).
func appendList(dst []uint32, data []byte) []uint32 {
	var id uint64
	for len(data) > 0 {
		d, k := binary.Uvarint(data)
		data = data[k:]
		id += d
		dst = append(dst, uint32(id))
	}
	return dst
}

// appendDeltas appends ascending ids as varint deltas, the first from 0.
func appendDeltas(b []byte, ids []uint32) []byte {
	last := uint32(0)
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id-last))
		last = id
	}
	return b
}
