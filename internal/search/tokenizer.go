package search

// A tokenizer turns documents into their tokens, for one core. Its word
// table is its own; the Indexer maps its numbers to global ones.
type tokenizer struct {
	words   *wordTable
	shards  int
	doc     docSet     // one document's keys
	seen    tokenTable // every document's keys, numbered (used by Stream)
	inTitle bool       // whether keys being collected come from the title
	sc      scanner
	onIndex func(r1, r2 rune)
	onDocNo func(r1, r2 rune)
	field   []byte
}

func newTokenizer(shards int) *tokenizer {
	t := &tokenizer{words: newWordTable(shards), shards: shards}
	t.sc.onBigram = func(r1, r2 rune) { t.push(runeKey(kindBigram, r1, r2)) }
	t.sc.onWord = t.word
	t.sc.onHan = func(r rune) { t.push(runeKey(kindUnigram, 0, r)) }
	t.onIndex = func(r1, r2 rune) { t.push(runeKey(kindIndexNo, r1, r2)) }
	t.onDocNo = func(r1, r2 rune) { t.push(runeKey(kindDocNo, r1, r2)) }
	return t
}

func (t *tokenizer) push(k key) { t.doc.add(k, t.inTitle) }

func (t *tokenizer) pushString(b []byte) {
	t.push(kindString<<kindShift | key(t.words.intern(b)))
}

// word indexes every prefix of w, so a query word finds the longer words
// it begins (a query "cov" finds "covid19").
func (t *tokenizer) word(w []byte) {
	for i := 1; i <= len(w); i++ {
		t.pushString(w[:i])
	}
}

// fieldToken pushes a "d:" or "c:" token for a non-empty value.
func (t *tokenizer) fieldToken(prefix, value string) {
	if value != "" {
		t.field = append(append(t.field[:0], prefix...), value...)
		t.pushString(t.field)
	}
}

// tokens returns d's distinct tokens with their weights, packed as
// entries (see entry) in no particular order, string tokens numbered in the
// tokenizer's word table. The weight is 1 for a token of the title, else 0.
func (t *tokenizer) tokens(d *Doc) []entry {
	t.collect(d)
	out := make([]entry, len(t.doc.used))
	for n, i := range t.doc.used {
		k, w := t.slot(i)
		out[n] = newEntry(t.shardOf(k), w, k)
	}
	return out
}

// collect gathers d's distinct tokens in t.doc.
func (t *tokenizer) collect(d *Doc) {
	t.doc.reset()
	t.sc.into = t // the text's tokens straight into t.doc
	t.sc.scan(d.Text)
	t.sc.into = nil
	t.inTitle = true // the title's through push, marked as the title's
	t.sc.scan(d.Title)
	t.inTitle = false
	pairs(d.IndexNo, t.onIndex)
	pairs(d.DocNo, t.onDocNo)
	t.fieldToken("d:", d.Department)
	t.fieldToken("c:", d.Category)
}

// slot returns the key in slot i of t.doc and its weight: 1 when the title
// has it, except for the field tokens, else 0.
func (t *tokenizer) slot(i int32) (key, uint32) {
	k := t.doc.slots[i]
	if k&titleBit == 0 {
		return k, 0
	}
	k &^= titleBit
	if k.kind() == kindIndexNo || k.kind() == kindDocNo || t.isField(k) {
		return k, 0
	}
	return k, 1
}

// isField reports whether a string token is a "d:" or "c:" one.
func (t *tokenizer) isField(k key) bool {
	if k.kind() != kindString {
		return false
	}
	return t.words.field[k&0xFFFFFFFF]
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

// A tokenTable numbers the distinct keys a tokenizer has seen, across
// documents, and remembers each one's shard, so that a key is hashed into
// its shard once per tokenizer rather than once per document.
type tokenTable struct {
	slots []tokenSlot // open addressing; len is a power of two
	keys  []key       // by number
	shard []uint16    // by number
}

type tokenSlot struct {
	k key // 0: empty (no key is 0)
	n uint32
}

// number returns k's number, adding it when new.
func (t *tokenizer) number(k key) uint32 {
	tt := &t.seen
	if 2*len(tt.keys) >= len(tt.slots) {
		tt.grow()
	}
	mask := len(tt.slots) - 1
	for i := int(uint64(k)*0x9E3779B97F4A7C15>>32) & mask; ; i = (i + 1) & mask {
		sl := &tt.slots[i]
		if sl.k == k {
			return sl.n
		}
		if sl.k == 0 {
			n := uint32(len(tt.keys))
			*sl = tokenSlot{k, n}
			tt.keys = append(tt.keys, k)
			tt.shard = append(tt.shard, uint16(t.shardOf(k)))
			return n
		}
	}
}

func (tt *tokenTable) grow() {
	tt.slots = make([]tokenSlot, max(1<<12, 2*len(tt.slots)))
	mask := len(tt.slots) - 1
	for n, k := range tt.keys {
		i := int(uint64(k)*0x9E3779B97F4A7C15>>32) & mask
		for tt.slots[i].k != 0 {
			i = (i + 1) & mask
		}
		tt.slots[i] = tokenSlot{k, uint32(n)}
	}
}
