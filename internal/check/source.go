package check

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gongkai/internal/article"
	"gongkai/internal/diag"
)

// Positions in an article's source: the loader records where each key is;
// the rules that point at text inside a value or the body find the text in
// a.Src and turn byte offsets into lines and character columns here.

// lineStart returns the byte offset at which 1-based line starts in src, or
// len(src) when src has fewer lines.
func lineStart(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// offsetOf returns the byte offset of a position (1-based line, column in
// characters) in src.
func offsetOf(src []byte, p diag.Pos) int {
	off := lineStart(src, p.Line)
	for col := 1; col < p.Col && off < len(src) && src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

// textPos returns the position of byte offset off in text whose first line
// is file line firstLine.
func textPos(path string, text []byte, firstLine, off int) diag.Pos {
	nl := bytes.LastIndexByte(text[:off], '\n')
	return diag.Pos{
		Path: path,
		Line: firstLine + bytes.Count(text[:off], []byte("\n")),
		Col:  1 + utf8.RuneCount(text[nl+1:off]),
	}
}

// frontMatterEnd returns the byte offset in a.Src where the body starts.
func frontMatterEnd(a *article.Article) int {
	if a.BodyLine < 1 {
		return len(a.Src)
	}
	return lineStart(a.Src, a.BodyLine)
}

// valueText returns the scalar value written after a key on the key's line
// (key: value, key = value, or inside a flow mapping {key: value, …}),
// without quotes, and whether the key was found.
func valueText(a *article.Article, key string) (string, bool) {
	p, ok := a.Key(key)
	if !ok {
		return "", false
	}
	off := offsetOf(a.Src, p)
	line := a.Src[off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	i := bytes.IndexAny(line, ":=")
	if i < 0 {
		return "", false
	}
	v := strings.TrimSpace(string(line[i+1:]))
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		if j := strings.IndexByte(v[1:], v[0]); j >= 0 {
			return v[1 : j+1], true
		}
		return v[1:], true
	}
	if j := strings.IndexAny(v, ",}#"); j >= 0 {
		v = v[:j]
	}
	return strings.TrimSpace(v), true
}
