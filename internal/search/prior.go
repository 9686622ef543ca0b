package search

import (
	"crypto/sha256"
	"encoding/binary"
)

// A Prior is what the previous build into the same folder left of its
// index: each document's digest (its fields and the digest of its text) in
// id order, and a way to read the files it wrote, so that a Stream started
// from it (NewStreamFrom) needs the texts of the documents that changed
// only. State is a Stream's for the next build.
type Prior struct {
	sums  [][32]byte
	files func(name string) ([]byte, bool)
}

// priorMagic starts a State; its last byte is the format's version.
var priorMagic = []byte("gongkai-search\x00\x01")

// ReadPrior parses a State and takes files, which reads a file the
// previous build wrote ("search/index/0.bin") when it is still the bytes
// that build wrote; a state it cannot parse is no Prior (nil). The state
// and the files must be one build's, of this program: the shard files are
// checked to be well-formed and to fit the state's documents, but the
// tokens in them are taken as this tokenizer's.
func ReadPrior(state []byte, files func(name string) ([]byte, bool)) *Prior {
	rest, ok := cutPrefix(state, priorMagic)
	if !ok {
		return nil
	}
	n, k := binary.Uvarint(rest)
	if k <= 0 || uint64(len(rest)-k) != n*32 {
		return nil
	}
	rest = rest[k:]
	p := &Prior{sums: make([][32]byte, n), files: files}
	for i := range p.sums {
		copy(p.sums[i][:], rest[i*32:])
	}
	return p
}

func cutPrefix(b, prefix []byte) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != string(prefix) {
		return nil, false
	}
	return b[len(prefix):], true
}

// NewStreamFrom is NewStream for docs whose texts have the digests sums
// (sums[i] the SHA-256 of docs[i]'s text), reusing what prior (may be nil)
// holds of the documents that did not change: Need tells which texts Add
// must still be given. The files are the same bytes as NewStream's given
// every text. A zero sum is a text not known yet (a build knows the digest
// of a changed article's text only once it has rendered it): that document
// is needed, and Add takes the digest State records from the text it is
// given, so the texts need not wait for the stream.
//
// A document is unchanged when its digest (fields and text digest) is one
// of prior's; its id may differ, as documents added, removed or moved
// renumber the others. The previous shard files are read, and checked,
// before NewStreamFrom returns: when one is missing or malformed, or no
// document is unchanged, every text is needed.
func NewStreamFrom(docs []Doc, sums [][32]byte, prior *Prior) *Stream {
	s := NewStream(docs)
	s.docSums = make([][32]byte, len(docs))
	parallel(s.workers, func(w int) {
		var buf []byte
		for i := w; i < len(docs); i += s.workers {
			if sums[i] != unknownText {
				id := s.ids[i]
				s.docSums[id], buf = docDigest(s.sorted[id], sums[i], buf)
			}
		}
	})
	if s.carry = newCarry(prior, s.docSums, s.shards, s.workers); s.carry != nil {
		for b := range s.missing {
			lo := b * streamBlock
			s.missing[b] = 0
			for _, need := range s.carry.need[lo:min(lo+streamBlock, len(s.sorted))] {
				if need {
					s.missing[b]++
				}
			}
		}
	}
	return s
}

// unknownText is the sum of a text whose digest is not known yet
// (NewStreamFrom); its document's digest is zero until Add.
var unknownText [32]byte

// docDigest is what a Prior records of a document: its fields and the
// digest of its text. buf is room for the bytes hashed, returned for the
// next call.
func docDigest(d *Doc, text [32]byte, buf []byte) ([32]byte, []byte) {
	buf = buf[:0]
	for _, f := range [...]string{d.URL, d.Title, d.IndexNo, d.DocNo, d.Department, d.Category, d.Date} {
		buf = binary.AppendUvarint(buf, uint64(len(f)))
		buf = append(buf, f...)
	}
	buf = append(buf, text[:]...)
	return sha256.Sum256(buf), buf
}

// TextSum is the SHA-256 of a text, hashed from a small buffer rather
// than from a copy of the whole text (sha256 has no WriteString;
// io.WriteString would convert all of it to a []byte): the digest of a
// document's text here, and of a body's text and Markdown for render's
// page keys.
func TextSum(text string) [32]byte {
	h := sha256.New()
	var buf [4096]byte
	for len(text) > 0 {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// Need reports whether Add must be given the text of NewStream's docs[i]:
// always, unless the stream was started from a Prior that holds it.
func (s *Stream) Need(i int) bool { return s.carry == nil || s.carry.need[s.ids[i]] }

// State is what the next build's ReadPrior reads: each document's digest
// in id order (nil unless the stream was made by NewStreamFrom).
func (s *Stream) State() []byte {
	if s.docSums == nil {
		return nil
	}
	b := append([]byte(nil), priorMagic...)
	b = binary.AppendUvarint(b, uint64(len(s.docSums)))
	for _, d := range s.docSums {
		b = append(b, d[:]...)
	}
	return b
}
