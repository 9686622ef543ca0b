package search

import (
	"slices"
	"unicode/utf8"
)

// A tokenizer turns documents into their tokens, for one core. It numbers
// every distinct token it meets, across documents, in order of first
// sight, and keeps each number's key and shard, so that a token is looked
// up once per occurrence and hashed into its shard once per tokenizer. Its
// word table is its own; a Stream or an Indexer maps its words' numbers to
// global ones.
//
// A document's distinct tokens need no set of their own: each number has a
// mark, the stamp of the last document that had the token. A token is new
// to the document when its mark is not the document's stamp.
type tokenizer struct {
	words  *wordTable
	shards int
	toks   tokenTable
	// The numbers of tokens by what they are made of: han by Han character
	// of the main CJK block (r-hanBase), for its unigram, plus one (0: not
	// seen yet); bigrams for the bigrams of two of them; runes for the
	// other tokens of runes (the other bigrams and unigrams, the pairs of
	// index_no and doc_no); strs by word number in words, plus one.
	han     []uint32
	bigrams pairTable
	runes   keyTable
	strs    []uint32
	// short and prefixes hold, by word of a text, where the numbers of its
	// prefixes start in pre, shortest first, so that a word's prefixes are
	// interned once: short for the words of 8 bytes at most, as a key of
	// their bytes, prefixes for the longer ones.
	short    keyTable
	prefixes map[string]int32
	pre      []uint32
	word     []byte
	field    []byte
	occ      []uint32 // tokens of the document not yet taken (see take)
	used     []uint32 // the document's distinct tokens, in order of first occurrence
	titled   int      // how many of used are the title's
	stamp    uint32   // the document's stamp in toks.mark
}

// hanBase and hanBlock are the main CJK block, whose Han characters have
// a table of their own (tokenizer.han).
const hanBase, hanBlock = 0x4E00, 0x9FFF - 0x4E00 + 1

func newTokenizer(shards int) *tokenizer {
	return &tokenizer{
		words:    newWordTable(shards),
		shards:   shards,
		han:      make([]uint32, hanBlock),
		bigrams:  pairTable{slots: make([]uint64, 1<<12)},
		runes:    keyTable{slots: make([]keySlot, 1<<10)},
		short:    keyTable{slots: make([]keySlot, 1<<10)},
		prefixes: map[string]int32{},
	}
}

// tokens returns d's distinct tokens with their weights, packed as
// entries (see entry) in no particular order, string tokens numbered in the
// tokenizer's word table. The weight is 1 for a token of the title, else 0.
func (t *tokenizer) tokens(d *Doc) []entry {
	t.collect(d)
	out := make([]entry, len(t.used))
	for i, n := range t.used {
		out[i] = newEntry(int(t.toks.shard[n]), t.weight(i), t.toks.keys[n])
	}
	return out
}

// collect gathers the numbers of d's distinct tokens in t.used, the
// title's first: the first t.titled of them are the title's (weight 1),
// the others not (weight 0).
func (t *tokenizer) collect(d *Doc) {
	t.reset()
	t.scan(d.Title)
	t.take()
	t.titled = len(t.used)
	t.scan(d.Text)
	t.pairs(kindIndexNo, d.IndexNo)
	t.pairs(kindDocNo, d.DocNo)
	t.fieldToken("d:", d.Department)
	t.fieldToken("c:", d.Category)
	t.take()
}

// reset starts the next document.
func (t *tokenizer) reset() {
	t.used = t.used[:0]
	if t.stamp++; t.stamp == 0 { // wrapped: forget the old stamps
		clear(t.toks.mark)
		t.stamp = 1
	}
}

// weight is the weight of t.used[i]: 1 when the title has it, else 0.
func (t *tokenizer) weight(i int) uint32 {
	if i < t.titled {
		return 1
	}
	return 0
}

// take adds the tokens in t.occ to the document, each once, and empties
// t.occ. It does not branch on whether a token is new to the document,
// which no branch predictor could tell.
func (t *tokenizer) take() {
	mark, stamp := t.toks.mark, t.stamp
	k := len(t.used)
	used := slices.Grow(t.used, len(t.occ))[:k+len(t.occ)]
	for _, n := range t.occ {
		used[k] = n
		if mark[n] != stamp {
			k++
		}
		mark[n] = stamp
	}
	t.used, t.occ = used[:k], t.occ[:0]
}

// scan appends to t.occ the numbers of the tokens of text, once per
// occurrence: every Han character, every pair of adjacent Han characters
// (anything else between them breaks the pair) and every prefix of every
// run of folded [a-z0-9]. The Han characters of the main block, most of a
// Chinese text, take the shortest way: neither folded nor hashed.
func (t *tokenizer) scan(text string) {
	occ, han := t.occ, t.han[:hanBlock]
	prev := rune(-1) // the Han character before, or -1
	t.word = t.word[:0]
	for i := 0; i < len(text); {
		var r rune
		if c := text[i]; c-0xE4 < 0xEA-0xE4 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F) // U+4000 to U+9FFF
			i += 3
		} else {
			var size int
			r, size = decodeRune(text, i)
			i += size
		}
		if j := uint32(r) - hanBase; j < hanBlock {
			if len(t.word) > 0 {
				occ = t.flushWord(occ)
			}
			n := han[j]
			if n == 0 {
				n = t.newHan(r)
			}
			occ = append(occ, n-1)
			if j1 := uint32(prev) - hanBase; j1 < hanBlock { // prev < 0 wraps
				pair := uint64(j1)<<15 | uint64(j)
				if sl := t.bigrams.find(pair); *sl != 0 {
					occ = append(occ, uint32(*sl))
				} else {
					occ = append(occ, t.newBigram(sl, pair, prev, r))
				}
			} else if prev >= 0 {
				occ = append(occ, t.number(runeKey(kindBigram, prev, r)))
			}
			prev = r
			continue
		}
		r = fold(r)
		if isWordRune(r) {
			if len(t.word) < maxWord {
				t.word = append(t.word, byte(r))
			}
			prev = -1
			continue
		}
		if len(t.word) > 0 {
			occ = t.flushWord(occ)
		}
		if !isHan(r) {
			prev = -1
			continue
		}
		occ = append(occ, t.number(runeKey(kindUnigram, 0, r)))
		if prev >= 0 {
			occ = append(occ, t.number(runeKey(kindBigram, prev, r)))
		}
		prev = r
	}
	if len(t.word) > 0 {
		occ = t.flushWord(occ)
	}
	t.occ = occ
}

// decodeRune is the rune at s[i] and its length, as ranging over s decodes
// it: three-byte sequences, which Chinese is written in, without a call to
// package utf8.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // neither overlong nor a surrogate
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// flushWord appends to occ the numbers of every prefix of t.word, so that
// a query word finds the longer words it begins (a query "cov" finds
// "covid19"), and empties t.word.
func (t *tokenizer) flushWord(occ []uint32) []uint32 {
	w := t.word
	t.word = w[:0]
	if len(w) > 8 {
		at, ok := t.prefixes[string(w)]
		if !ok {
			at = t.newWord(w)
			t.prefixes[string(w)] = at
		}
		return append(occ, t.pre[at:int(at)+len(w)]...)
	}
	// A short word, most of them, is its bytes as a key, none of them 0.
	var k key
	for i, c := range w {
		k |= key(c) << (8 * i)
	}
	sl := t.short.find(k)
	if sl.k == 0 {
		*sl = keySlot{k, uint32(t.newWord(w))}
		t.short.added()
	}
	return append(occ, t.pre[sl.n:int(sl.n)+len(w)]...)
}

// newWord numbers the prefixes of w, a word seen for the first time, and
// returns where their numbers start in t.pre. The prefixes are substrings
// of one string, the word's.
func (t *tokenizer) newWord(w []byte) int32 {
	s := string(w)
	at := int32(len(t.pre))
	for i := 1; i <= len(s); i++ {
		t.pre = append(t.pre, t.stringToken(t.words.internString(s[:i])))
	}
	return at
}

// fieldToken appends to t.occ "d:" or "c:" token for a non-empty value.
func (t *tokenizer) fieldToken(prefix, value string) {
	if value != "" {
		t.field = append(append(t.field[:0], prefix...), value...)
		t.occ = append(t.occ, t.stringToken(t.words.intern(t.field)))
	}
}

// pairs appends to t.occ a token of the kind for every two adjacent runes of the
// folded string, whatever they are: field values such as index_no are
// matched by substring, and every substring of two or more characters
// contains these pairs.
func (t *tokenizer) pairs(kind key, s string) {
	prev := rune(-1)
	for _, r := range s {
		r = fold(r)
		if prev >= 0 {
			t.occ = append(t.occ, t.number(runeKey(kind, prev, r)))
		}
		prev = r
	}
}

// newHan numbers the unigram of r, a Han character of the main block seen
// for the first time, and returns its number plus one.
func (t *tokenizer) newHan(r rune) uint32 {
	k := runeKey(kindUnigram, 0, r)
	n := t.toks.add(k, t.shardOf(k)) + 1
	t.han[r-hanBase] = n
	return n
}

// stringToken returns the number of the string token of word number w.
func (t *tokenizer) stringToken(w uint32) uint32 {
	for int(w) >= len(t.strs) {
		t.strs = append(t.strs, 0)
	}
	if t.strs[w] == 0 {
		t.strs[w] = t.toks.add(kindString<<kindShift|key(w), int(t.words.shard[w])) + 1
	}
	return t.strs[w] - 1
}

// newBigram numbers the bigram of r1 and r2, Han characters of the main
// block seen together for the first time, whose pair goes in slot sl.
func (t *tokenizer) newBigram(sl *uint64, pair uint64, r1, r2 rune) uint32 {
	k := runeKey(kindBigram, r1, r2)
	n := t.toks.add(k, t.shardOf(k))
	*sl = (pair+1)<<32 | uint64(n)
	t.bigrams.added()
	return n
}

// number returns the number of k, a token of runes, numbering it when new.
func (t *tokenizer) number(k key) uint32 {
	sl := t.runes.find(k)
	if sl.k == 0 {
		return t.newNumber(sl, k)
	}
	return sl.n
}

func (t *tokenizer) newNumber(sl *keySlot, k key) uint32 {
	n := t.toks.add(k, t.shardOf(k))
	*sl = keySlot{k, n}
	t.runes.added()
	return n
}

func (t *tokenizer) shardOf(k key) int {
	if k.kind() == kindString {
		return int(t.words.shard[k&0xFFFFFFFF])
	}
	h := uint32(fnvOffset)
	switch k.kind() {
	case kindIndexNo:
		h = fnvBytes(h, []byte("i:"))
	case kindDocNo:
		h = fnvBytes(h, []byte("n:"))
	}
	if k.kind() != kindUnigram {
		h = fnvRune(h, rune(k>>21&0x1FFFFF))
	}
	return int(fnvRune(h, rune(k&0x1FFFFF)) % uint32(t.shards))
}

// A tokenTable holds, by number, the distinct tokens a tokenizer has seen,
// across documents: each one's key, shard and mark (see tokenizer).
type tokenTable struct {
	keys  []key
	shard []uint16
	mark  []uint32
}

// add numbers a new token.
func (tt *tokenTable) add(k key, shard int) uint32 {
	n := uint32(len(tt.keys))
	tt.keys = append(tt.keys, k)
	tt.shard = append(tt.shard, uint16(shard))
	tt.mark = append(tt.mark, 0)
	return n
}

// A keyTable maps keys to numbers: open addressing, at most half full;
// a slot is empty when its key is 0 (no key is 0: every kind but bigrams
// is non-zero, and a bigram's runes are Han characters).
type keyTable struct {
	slots []keySlot // len is a power of two
	count int
}

type keySlot struct {
	k key
	n uint32
}

// find returns k's slot, or the empty slot where k goes.
func (kt *keyTable) find(k key) *keySlot {
	mask := len(kt.slots) - 1
	for i := int(uint64(k)*0x9E3779B97F4A7C15>>32) & mask; ; i = (i + 1) & mask {
		if sl := &kt.slots[i]; sl.k == k || sl.k == 0 {
			return sl
		}
	}
}

// added counts a key put in the slot that find returned; it may move
// every slot.
func (kt *keyTable) added() {
	if kt.count++; 2*kt.count < len(kt.slots) {
		return
	}
	old := kt.slots
	kt.slots = make([]keySlot, 2*len(old))
	for _, sl := range old {
		if sl.k != 0 {
			*kt.find(sl.k) = sl
		}
	}
}

// A pairTable maps the bigrams of two Han characters of the main block, most
// of a text's, to numbers, in slots of half a keyTable's size so that more
// of them stay in cache: a slot holds the pair j1<<15 | j2 (a character's
// j is r-hanBase, below 2^15) plus one in its top bits, the number in its
// low 32; 0 is empty. Open addressing, at most half full.
type pairTable struct {
	slots []uint64 // len is a power of two
	count int
}

// find returns pair's slot, or the empty slot where it goes.
func (pt *pairTable) find(pair uint64) *uint64 {
	mask := len(pt.slots) - 1
	for i := int(pair*0x9E3779B97F4A7C15>>32) & mask; ; i = (i + 1) & mask {
		if sl := &pt.slots[i]; *sl>>32 == pair+1 || *sl == 0 {
			return sl
		}
	}
}

// added counts a pair put in the slot that find returned; it may move
// every slot.
func (pt *pairTable) added() {
	if pt.count++; 2*pt.count < len(pt.slots) {
		return
	}
	old := pt.slots
	pt.slots = make([]uint64, 2*len(old))
	for _, sl := range old {
		if sl != 0 {
			*pt.find(sl>>32 - 1) = sl
		}
	}
}
