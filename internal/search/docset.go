package search

// A docSet gathers one document's distinct keys, each with a title bit: an
// open-addressing hash table of 8-byte slots, small enough to stay in the
// first-level cache, emptied between documents by clearing only the slots
// used. A slot is 0 when empty (no key is 0: every kind but bigrams is
// non-zero, and a bigram's runes are Han characters), else the key with
// titleBit set when the title has it.
//
// Han characters of the text, which make half the additions, first go
// through seen, one stamp per character of the main CJK block, so that each
// is hashed once per document.
type docSet struct {
	slots []key   // len is a power of two
	used  []int32 // the filled slots, in insertion order
	seen  []uint32
	stamp uint32 // the current document's stamp in seen
}

const titleBit key = 1 << 63

// hanBase and hanBlock are the main CJK block that docSet.seen covers.
const hanBase, hanBlock = 0x4E00, 0x9FFF - 0x4E00 + 1

// add adds k, from the title or from the text.
func (s *docSet) add(k key, inTitle bool) {
	if 2*len(s.used) >= len(s.slots) {
		s.grow()
	}
	mask := len(s.slots) - 1
	i := int(uint64(k)*0x9E3779B97F4A7C15>>40) & mask
	for {
		sl := s.slots[i]
		if sl == 0 {
			s.slots[i] = k
			s.used = append(s.used, int32(i))
			break
		}
		if sl&^titleBit == k {
			break
		}
		i = (i + 1) & mask
	}
	if inTitle {
		s.slots[i] |= titleBit
	}
}

// addHan adds the unigram of r, a Han character of the text.
func (s *docSet) addHan(r rune) {
	if j := uint32(r - hanBase); j < hanBlock {
		if s.seen[j] == s.stamp {
			return
		}
		s.seen[j] = s.stamp
	}
	s.add(runeKey(kindUnigram, 0, r), false)
}

func (s *docSet) grow() {
	old := s.slots
	s.slots = make([]key, max(1024, 2*len(old)))
	used := s.used
	s.used = s.used[:0:0]
	for _, i := range used {
		o := old[i]
		s.add(o&^titleBit, o&titleBit != 0)
	}
}

// reset empties the set.
func (s *docSet) reset() {
	for _, i := range s.used {
		s.slots[i] = 0
	}
	s.used = s.used[:0]
	if s.seen == nil {
		s.seen = make([]uint32, hanBlock)
	}
	if s.stamp++; s.stamp == 0 { // wrapped: forget the old stamps
		clear(s.seen)
		s.stamp = 1
	}
}
