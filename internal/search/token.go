package search

import "unicode/utf8"

// maxWord is the longest Latin/digit word indexed, in bytes; longer words are
// cut to it, here and in search.js, so both sides agree.
const maxWord = 24

// A key is a token as an integer: its kind in the top bits, then either two
// runes (21 bits each) or an interned string's number. Building on integers
// keeps the per-occurrence work free of allocations; keys become strings
// only once per distinct token, when the shards are written.
type key uint64

// Kinds of token. Their string forms (see appendTo) never collide: a
// unigram is one Han character, a text bigram two, a word is [a-z0-9]+, and
// every other kind starts with a letter and a colon.
const (
	kindBigram  key = iota // two adjacent Han characters of title or text
	kindUnigram            // one Han character of the title or text: "局"
	kindIndexNo            // two adjacent characters of index_no: "i:25"
	kindDocNo              // two adjacent characters of doc_no: "n:政发"
	kindString             // a numbered string token: a word or a prefix of one, "d:<department>", "c:<category>"
)

const kindShift = 42

func runeKey(kind key, r1, r2 rune) key {
	return kind<<kindShift | key(r1)<<21 | key(r2)
}

func (k key) kind() key { return k >> kindShift }

// appendTo appends the token's string form; k is not a kindString.
func (k key) appendTo(b []byte) []byte {
	r1, r2 := rune(k>>21&0x1FFFFF), rune(k&0x1FFFFF)
	switch k.kind() {
	case kindUnigram:
		return utf8.AppendRune(b, r2)
	case kindIndexNo:
		b = append(b, "i:"...)
	case kindDocNo:
		b = append(b, "n:"...)
	}
	return utf8.AppendRune(utf8.AppendRune(b, r1), r2)
}

// isHan reports whether r is a Han character. The ranges are the CJK unified
// ideographs, their extensions A–H, compatibility ideographs and 〇; search.js
// uses the same list.
func isHan(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	case r < 0x3007:
		return false
	case r == 0x3007, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF:
		return true
	}
	return r >= 0x20000 && r <= 0x323AF
}

// fold maps full-width ASCII (Ａ１) to ASCII, ASCII letters to lower case,
// and every bracket that a 文号 is written with (〔〕 [] 【】 〖〗 () （）) to
// ( and ), so 招商[2026]2号 finds 招商〔2026〕2号. It keeps every rune a rune,
// so positions in folded text are positions in the original; search.js
// folds the same way.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	switch r {
	case '[', '〔', '【', '〖':
		return '('
	case ']', '〕', '】', '〗':
		return ')'
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
}
