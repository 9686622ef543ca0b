package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/util"
)

// isWide reports whether r is an East Asian wide, full-width or half-width
// character (Han, kana, CJK and full-width punctuation, U+3000) and not an
// emoji. Hangul counts as wide: Korean is written with spaces, which the
// callers handle separately.
func isWide(r rune) bool {
	if r >= 0x1F000 && r <= 0x1FAFF { // emoji and pictographs
		return false
	}
	switch util.EastAsianWidth(r) {
	case "W", "F", "H":
		return true
	}
	return unicode.Is(unicode.Hangul, r)
}

// isCJKPunct reports whether r is full-width punctuation such as ，。；：！？、
// （）《》【】「」 or the ideographic space U+3000.
func isCJKPunct(r rune) bool {
	return r == '\u3000' || isWide(r) && util.IsPunctRune(r)
}

// isSharedPunct reports whether r is punctuation that Chinese text uses but
// Unicode classes as ambiguous width, shared with Western text:
// quotation marks, ellipsis, dashes and the middle dot.
func isSharedPunct(r rune) bool {
	switch r {
	case '“', '”', '‘', '’', '…', '—', '–', '·', '•':
		return true
	}
	return false
}

// isJoinable reports whether r is wide text that can meet other wide text
// without a space: a wide character other than Hangul.
func isJoinable(r rune) bool {
	return isWide(r) && !unicode.Is(unicode.Hangul, r)
}

// joinsAtBreak reports whether a soft line break between before and after
// disappears instead of becoming a space. It does between two Chinese
// characters, next to full-width punctuation, and between shared punctuation
// (“”…—) and a Chinese character; it does not between Latin words or between
// Chinese and Latin text, which keeps the space browsers show there.
func joinsAtBreak(before, after rune) bool {
	switch {
	case isCJKPunct(before) || isCJKPunct(after):
		return true
	case isJoinable(before) && isJoinable(after):
		return true
	case isSharedPunct(before):
		return isJoinable(after) || isSharedPunct(after)
	case isSharedPunct(after):
		return isJoinable(before)
	}
	return false
}
