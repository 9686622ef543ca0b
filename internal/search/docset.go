package search

// A docSet gathers one document's distinct keys with their term frequency
// and title bit: an open-addressing hash table small enough to stay in
// cache, emptied between documents by clearing only the slots used.
type docSet struct {
	slots []docSlot // len is a power of two
	used  []int32   // the filled slots, in insertion order
}

type docSlot struct {
	key   key
	tf    uint32
	title bool
	full  bool
}

// add counts one occurrence of k, in the title or in the text.
func (s *docSet) add(k key, inTitle bool) {
	if 2*len(s.used) >= len(s.slots) {
		s.grow()
	}
	mask := len(s.slots) - 1
	i := int(uint64(k)*0x9E3779B97F4A7C15>>40) & mask
	for s.slots[i].full && s.slots[i].key != k {
		i = (i + 1) & mask
	}
	sl := &s.slots[i]
	if !sl.full {
		*sl = docSlot{key: k, full: true}
		s.used = append(s.used, int32(i))
	}
	if inTitle {
		sl.title = true
	} else {
		sl.tf++
	}
}

func (s *docSet) grow() {
	old := s.slots
	s.slots = make([]docSlot, max(1024, 2*len(old)))
	used := s.used
	s.used = s.used[:0:0]
	for _, i := range used {
		o := old[i]
		for range o.tf {
			s.add(o.key, false)
		}
		if o.title {
			s.add(o.key, true)
		}
	}
}

// reset empties the set.
func (s *docSet) reset() {
	for _, i := range s.used {
		s.slots[i] = docSlot{}
	}
	s.used = s.used[:0]
}
