package strictyaml

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// printableByRunes is printable's rule written rune by rune.
func printableByRunes(src []byte) bool {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return false
		case r < utf8.RuneSelf && r != '\n' && (r < 0x20 || r == 0x7f):
			return false
		case r >= utf8.RuneSelf && (r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || 0xD800 <= r && r < 0xE000 || r == 0xFFFE || r == 0xFFFF):
			return false
		}
		i += size
	}
	return true
}

// printable, quicker on CJK text, keeps its rule for every sequence of up
// to three bytes and for random mixes.
func TestPrintableIsItsRule(t *testing.T) {
	check := func(b []byte) {
		if got, want := printable(b), printableByRunes(b); got != want {
			t.Fatalf("printable(% x) = %v, want %v", b, got, want)
		}
	}
	for a := range 256 {
		for b := range 256 {
			for _, c := range []int{-1, 0x0A, 0x41, 0x80, 0x9F, 0xA0, 0xA8, 0xA9, 0xBB, 0xBE, 0xBF, 0xC0, 0xE4} {
				seq := []byte{byte(a), byte(b)}
				if c >= 0 {
					seq = append(seq, byte(c))
				}
				check(seq)
				check(append([]byte("a中"), seq...))
				check(seq[:1])
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := [][]byte{[]byte("公开"), []byte("title: "), {0xE2, 0x80, 0xA8}, {0xEF, 0xBB, 0xBF}, {0xEF, 0xBF, 0xBE}, {0xED, 0x9F, 0xBF}, {0xEE, 0x80, 0x80}, {0xC2, 0x85}, {0x01}, []byte("\n")}
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(b)
	}
}
