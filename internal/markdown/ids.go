package markdown

import (
	"strconv"
	"strings"
	"unicode"
)

// headingIDs hands out the ids of one document's headings.
type headingIDs struct {
	used  map[string]bool
	count int // headings seen so far
}

// next returns a unique id for the heading with plain text text: its letters
// and digits (Han included, Latin lower-cased), "h-N" for the N-th heading
// when none remain, and a "-1", "-2" … suffix when the id is taken.
func (h *headingIDs) next(text string) string {
	h.count++
	base := slug(text)
	if base == "" {
		base = "h-" + strconv.Itoa(h.count)
	}
	if h.used == nil {
		h.used = map[string]bool{}
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.used[id] = true
	return id
}

// slug keeps the letters and digits of s, lower-cased. Spaces and
// punctuation vanish, except that a hyphen joins two Latin words or
// numbers they separated: "一、工作目标" → "一工作目标",
// "Work Plan 2025" → "work-plan-2025".
func slug(s string) string {
	var b strings.Builder
	var last rune // last rune kept
	gap := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = b.Len() > 0
			continue
		}
		if gap && isASCIIAlnum(last) && isASCIIAlnum(r) {
			b.WriteByte('-')
		}
		gap = false
		r = unicode.ToLower(r)
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
