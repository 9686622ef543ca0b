// Package pinyin writes Chinese names in toneless Hanyu Pinyin for URLs:
// 招商一科 → zhaoshangyike. It knows the 8105 characters of
// 《通用规范汉字表》, each by its most common reading.
package pinyin

import (
	"strings"
	"sync"
	"unicode"
)

// readings maps each character of the table to its syllable.
var readings = sync.OnceValue(func() map[rune]string {
	m := make(map[rune]string, 8105)
	for _, s := range syllables {
		for _, c := range s.chars {
			m[c] = s.py
		}
	}
	return m
})

// Of returns the syllable of a Chinese character ("" when the table does
// not have it).
func Of(c rune) string { return readings()[c] }

// Slug writes a name as a URL slug: each Chinese character as its syllable,
// run together (招商一科 → zhaoshangyike); ASCII letters lowercased and
// digits kept; anything else (punctuation, spaces, full-width forms) a
// single hyphen between the parts, none at the ends. ok is false when a
// Chinese character is not in the table; it is left out of the slug.
func Slug(name string) (slug string, ok bool) {
	var b strings.Builder
	ok = true
	gap := false
	write := func(s string) {
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		gap = false
		b.WriteString(s)
	}
	for _, c := range name {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			write(string(c))
		case 'A' <= c && c <= 'Z':
			write(string(c + 'a' - 'A'))
		case unicode.Is(unicode.Han, c):
			if py := Of(c); py != "" {
				write(py)
			} else {
				ok = false
			}
		default:
			gap = true
		}
	}
	return b.String(), ok
}
