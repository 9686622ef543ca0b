package load

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// validUTF8 says what utf8.Valid says of every sequence of up to three
// bytes (each behind ASCII and a CJK character, and alone), and of
// random mixes of Chinese, ASCII and damaged text.
func TestValidUTF8IsUTF8Valid(t *testing.T) {
	check := func(b []byte) {
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(% x) = %v, utf8.Valid says %v", b, got, want)
		}
	}
	for a := range 256 {
		for b := range 256 {
			for _, c := range []int{-1, 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xF0, 0xFF} {
				seq := []byte{byte(a), byte(b)}
				if c >= 0 {
					seq = append(seq, byte(c))
				}
				check(seq)
				check(append([]byte("a中"), seq...))
				check(append(append([]byte{}, seq...), "中"...))
				check(seq[:1])
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := [][]byte{[]byte("公开"), []byte("title: "), {0xE4}, {0xB8}, {0xED, 0xA0, 0x80}, {0xF0, 0x9F, 0x98, 0x80}, {0xEF, 0xBF, 0xBD}, {0xC3, 0xA9}, {0xFF}, []byte("\n")}
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(b)
	}
}
