package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// emphasisParser parses *, _ and ~ (strikethrough) delimiter runs with the
// CJK-friendly amendment to CommonMark's flanking rules
// (https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md).
//
// CommonMark refuses to close "**严格落实安全生产责任。**各科室要" because the
// closing run is preceded by punctuation and followed by a letter. The
// amendment counts only non-CJK punctuation against flanking, and lets a
// run next to a CJK character flank even when punctuation is on its other
// side, so the run above closes and "他说**“重点”**很重要" opens and closes.
type emphasisParser struct{}

// emphasisDelimiters makes emphasis nodes for matched * and _ runs.
type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// strikeDelimiters makes strikethrough nodes for matched ~ and ~~ runs.
type strikeDelimiters struct{}

func (strikeDelimiters) IsDelimiter(b byte) bool { return b == '~' }

func (strikeDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikeDelimiters) OnMatch(int) ast.Node { return east.NewStrikethrough() }

func (emphasisParser) Trigger() []byte { return []byte{'*', '_', '~'} }

func (emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	after := ' '
	if n < len(line) {
		after = util.ToRune(line, n)
	}
	var proc parser.DelimiterProcessor = emphasisDelimiters{}
	if c == '~' {
		if n > 2 || before == '~' { // GFM: ~ or ~~ only
			return nil
		}
		proc = strikeDelimiters{}
	}
	canOpen, canClose := flanking(c, before, after)
	d := parser.NewDelimiter(canOpen, canClose, n, c, proc)
	d.Segment = segment.WithStop(segment.Start + n)
	block.Advance(n)
	pc.PushDelimiter(d)
	return d
}

// flanking decides whether a run of c between before and after can open and
// close emphasis, by CommonMark 0.31 §6.2 with the CJK-friendly amendment.
func flanking(c byte, before, after rune) (canOpen, canClose bool) {
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	beforeLatinPunct := util.IsPunctRune(before) && !isWide(before)
	afterLatinPunct := util.IsPunctRune(after) && !isWide(after)
	left := !afterSpace &&
		(!afterLatinPunct || beforeSpace || beforeLatinPunct || isWide(before))
	right := !beforeSpace &&
		(!beforeLatinPunct || afterSpace || afterLatinPunct || isWide(after))
	if c == '_' {
		return left && (!right || util.IsPunctRune(before)),
			right && (!left || util.IsPunctRune(after))
	}
	return left, right
}
