package msg

import (
	"regexp"
	"strings"
	"unicode"
)

// EnglishProse returns the English sentences in a text meant to be Chinese:
// each run of three or more plain English words (letters only) next to each
// other. What a person types stays as typed and is not prose: text in
// backticks or quotes, key names, values, paths, URLs, flags, format verbs
// (anything with . / _ : = - % < > @ or a digit in it), commands starting
// with gongkai, git or iconv, and the names in properNames. Tests use it
// to hold the rule that the Chinese texts contain no English prose.
func EnglishProse(text string) []string {
	var out []string
	text = quoted.ReplaceAllString(text, " ")
	// A placeholder is read on its own, even inside a command: the
	// reader types what it stands for, not its words.
	segs := asciiSegments(placeholder.ReplaceAllString(text, " "))
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		segs = append(segs, asciiSegments(" "+m[1])...)
	}
	for _, seg := range segs {
		run := []string{}
		flush := func() {
			if len(run) >= 3 {
				out = append(out, strings.Join(run, " "))
			}
			run = run[:0]
		}
		words := strings.Fields(seg)
		for i, w := range words {
			if i == 0 && commandWords[w] {
				break // a command as typed: gongkai help build
			}
			w = strings.TrimRight(strings.TrimLeft(w, "([{\"'"), ".,;:!?)]}\"'")
			if w == "" || !plainWord.MatchString(w) || properNames[w] {
				flush()
				continue
			}
			run = append(run, w)
		}
		flush()
	}
	return out
}

var (
	quoted    = regexp.MustCompile("`[^`]*`|\"[^\"]*\"|“[^”]*”")
	plainWord = regexp.MustCompile(`^[A-Za-z]+$`)
	// placeholder is <what to type> in a usage line.
	placeholder = regexp.MustCompile(`<([^<>]*)>`)
	// commandWords start a command the reader types.
	commandWords = map[string]bool{"gongkai": true, "git": true, "iconv": true, "sudo": true}
	// properNames are names, not prose: programs, formats, systems.
	properNames = map[string]bool{
		"gongkai": true, "YAML": true, "TOML": true, "JSON": true, "HTML": true, "PDF": true,
		"UTF": true, "GBK": true, "GB": true, "Tab": true, "Windows": true, "Linux": true,
		"WPS": true, "VS": true, "Code": true, "Chromium": true, "GitHub": true, "Actions": true,
		"RFC": true, "IANA": true, "PATH": true, "BOM": true, "Excel": true, "Markdown": true,
		"RSS": true, "Atom": true, "Ctrl": true, "VCS": true, "Go": true, "Hugo": true,
		"true": true, "false": true, "internal": true, "public": true, "text": true, "json": true,
		"github": true, "md": true, "csv": true, "html": true, "department": true, "author": true,
		"zh": true, "en": true,
	}
)

// asciiSegments splits text at every character that is not ASCII (Chinese
// text and full-width punctuation end a sentence of English words).
func asciiSegments(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return r > unicode.MaxASCII })
}
