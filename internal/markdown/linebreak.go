package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// softBreakJoins reports whether the soft line break after text node n
// disappears, judged by the characters on either side of it. Unlike
// goldmark's own CJK option it looks past inline markup, so "中文\n**重点**"
// joins and "word\n**bold**" keeps its space.
func softBreakJoins(n *ast.Text, source []byte) bool {
	before, ok := lastRuneBefore(n, source)
	if !ok {
		return false
	}
	after, ok := firstRuneAfter(n, source)
	if !ok {
		return false
	}
	return joinsAtBreak(before, after)
}

// lastRuneBefore returns the last character of n or, when n is empty, of the
// text before n in the same block.
func lastRuneBefore(n ast.Node, source []byte) (rune, bool) {
	if r, ok := lastRune(n, source); ok {
		return r, true
	}
	for cur := n; cur != nil && cur.Type() == ast.TypeInline; cur = cur.Parent() {
		for s := cur.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if r, ok := lastRune(s, source); ok {
				return r, true
			}
		}
	}
	return 0, false
}

// firstRuneAfter returns the first character of the text after n in the
// same block.
func firstRuneAfter(n ast.Node, source []byte) (rune, bool) {
	for cur := n; cur != nil && cur.Type() == ast.TypeInline; cur = cur.Parent() {
		for s := cur.NextSibling(); s != nil; s = s.NextSibling() {
			if r, ok := firstRune(s, source); ok {
				return r, true
			}
		}
	}
	return 0, false
}

// firstRune returns the first character n shows.
func firstRune(n ast.Node, source []byte) (rune, bool) {
	if v, leaf := leafText(n, source); leaf {
		r, size := utf8.DecodeRune(v)
		return r, size > 0
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := firstRune(c, source); ok {
			return r, true
		}
	}
	return 0, false
}

// lastRune returns the last character n shows.
func lastRune(n ast.Node, source []byte) (rune, bool) {
	if v, leaf := leafText(n, source); leaf {
		r, size := utf8.DecodeLastRune(v)
		return r, size > 0
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if r, ok := lastRune(c, source); ok {
			return r, true
		}
	}
	return 0, false
}

// rawHTMLEnds stands for an inline HTML tag: it starts with < and ends with >.
var rawHTMLEnds = []byte("<>")

// leafText returns the text of an inline node that has no children to look
// into; leaf is false for containers such as emphasis and links.
func leafText(n ast.Node, source []byte) (v []byte, leaf bool) {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Value(source), true
	case *ast.String:
		return n.Value, true
	case *ast.AutoLink:
		return n.Label(source), true
	case *ast.RawHTML:
		return rawHTMLEnds, true
	}
	return nil, false
}
