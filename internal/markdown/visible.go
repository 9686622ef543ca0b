package markdown

import (
	"bytes"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Visible is the text a reader sees of a rendered body: the words of every
// heading, paragraph, list item, quote, table cell, footnote and code block,
// with emphasis, strikethrough and links reduced to their words, character
// references and backslash escapes decoded, soft line breaks joined as the
// page joins them and hard line breaks joined too (a term split by <br> is
// still read whole). Image alt texts, image and link titles are texts of
// their own. Characters a reader cannot see (Invisible) are left out, so
// they cannot split a word. Separate texts are separated by "\n".
type Visible struct {
	Text string
	// Src holds, for each byte of Text, the byte offset in the body of the
	// source character it comes from; -1 for separators.
	Src []int
}

// Invisible reports whether a reader cannot see r: zero-width spaces and
// joiners (U+200B–U+200D), the word joiner U+2060, the byte order mark
// U+FEFF and the soft hyphen U+00AD.
func Invisible(r rune) bool {
	return (r >= 0x200B && r <= 0x200D) || r == 0x2060 || r == 0xFEFF || r == 0x00AD
}

// visibleParser parses bodies the way Render does.
var visibleParser = sync.OnceValue(func() parser.Parser { return newGoldmark(false).Parser() })

// VisibleText returns the visible text of body. unsafe is
// markdown.unsafe_html: raw HTML is then rendered, its tags unseen, instead
// of shown as written.
func VisibleText(body []byte, unsafe bool) Visible {
	var v Visible
	if readPlain(body, func(d *plainDoc) { v = d.visible() }) {
		return v
	}
	return visibleGoldmark(body, unsafe)
}

// visibleGoldmark returns the visible text of body as goldmark reads it.
func visibleGoldmark(body []byte, unsafe bool) Visible {
	if TooDeep(body) > 0 {
		src := make([]int, len(body))
		for i := range src {
			src[i] = i
		}
		return Visible{Text: string(body), Src: src}
	}
	doc := visibleParser().Parse(text.NewReader(body))
	v := &visibleBuilder{body: body, unsafe: unsafe}
	_ = ast.Walk(doc, v.visit)
	return Visible{Text: string(v.text), Src: v.src}
}

type visibleBuilder struct {
	body   []byte
	unsafe bool
	text   []byte
	src    []int
	last   int // the last source offset put, for text without one
}

// put adds the bytes of one source character (or of its decoded form) at
// source offset off; invisible characters are dropped.
func (v *visibleBuilder) put(b []byte, off int) {
	if off < 0 {
		off = v.last
	}
	v.last = off
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if !Invisible(r) {
			v.text = append(v.text, b[:size]...)
			for range size {
				v.src = append(v.src, off)
			}
		}
		b = b[size:]
	}
}

// raw adds source bytes as they are, each at its own offset.
func (v *visibleBuilder) raw(start, stop int) {
	for i := start; i < stop; {
		_, size := utf8.DecodeRune(v.body[i:stop])
		v.put(v.body[i:i+size], i)
		i += size
	}
}

// sep ends a text.
func (v *visibleBuilder) sep() {
	if n := len(v.text); n > 0 && v.text[n-1] != '\n' {
		v.text = append(v.text, '\n')
		v.src = append(v.src, -1)
	}
}

// extra adds a text of its own (an alt text, a title, an autolink) whose
// characters are written in the source from near on, each as itself or as
// a character reference.
func (v *visibleBuilder) extra(s []byte, near int) {
	v.sep()
	cur := max(near, v.last, 0)
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		off, n := v.locate(cur, r)
		if off < 0 {
			off, n = cur, 0
		}
		v.put(s[:size], off)
		cur = off + n
		s = s[size:]
	}
	v.sep()
}

// locate finds the next place from off where the source writes r, as
// itself, escaped or as a character reference, and returns it and the
// length written, or -1.
func (v *visibleBuilder) locate(off int, r rune) (int, int) {
	b := v.body
	for i := off; i < len(b) && i < off+4096; {
		if c, size := utf8.DecodeRune(b[i:]); c == r {
			return i, size
		} else if b[i] == '&' {
			if dec, n := charRef(b[i:]); n > 0 {
				if d, _ := utf8.DecodeRune(dec); d == r {
					return i, n
				}
			}
		} else if b[i] == '\\' && i+1 < len(b) && rune(b[i+1]) == r {
			return i, 2
		} else {
			i += size
			continue
		}
		i++
	}
	return -1, 0
}

func (v *visibleBuilder) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if n.Type() == ast.TypeBlock || n.Kind() == east.KindTableCell {
		v.sep()
	}
	if !entering {
		if l, ok := n.(*ast.Link); ok && len(l.Title) > 0 {
			v.extra(decode(l.Title), l.Pos())
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Text:
		v.textNode(n)
	case *ast.String:
		v.extraInline(n.Value)
	case *ast.AutoLink:
		label := n.Label(v.body)
		v.extra(label, n.Pos())
	case *ast.Image:
		v.extra(plainChildren(n, v.body), n.Pos())
		if len(n.Title) > 0 {
			v.extra(decode(n.Title), n.Pos())
		}
		return ast.WalkSkipChildren, nil
	case *ast.RawHTML:
		v.rawHTML(n)
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		v.htmlBlock(n)
		return ast.WalkSkipChildren, nil
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			v.raw(seg.Start, seg.Stop)
		}
		return ast.WalkSkipChildren, nil
	case *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// extraInline adds text without a segment (typographic replacements)
// inside the current text, its characters located from the last offset.
func (v *visibleBuilder) extraInline(s []byte) {
	cur := v.last
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		off, n := v.locate(cur, r)
		if off < 0 {
			off, n = cur, 0
		}
		v.put(s[:size], off)
		cur = off + n
		s = s[size:]
	}
}

// textNode adds a text's characters, decoded unless raw (code spans), and
// the soft line break after it as the page shows it.
func (v *visibleBuilder) textNode(n *ast.Text) {
	seg := n.Segment
	if n.IsRaw() {
		v.raw(seg.Start, seg.Stop)
	} else {
		v.decoded(seg.Start, seg.Stop)
	}
	if n.SoftLineBreak() && !n.HardLineBreak() && !softBreakJoins(n, v.body) {
		v.text = append(v.text, ' ')
		v.src = append(v.src, -1)
	}
}

// decoded adds source text with backslash escapes and character references
// decoded, as goldmark's writer does.
func (v *visibleBuilder) decoded(start, stop int) {
	eachDecoded(v.body[start:stop], func(dec []byte, i int) { v.put(dec, start+i) })
}

// eachDecoded calls emit with each character of b as the page shows it
// (backslash escapes and character references decoded, in one pass as
// goldmark's writer does) and its byte offset in b.
func eachDecoded(b []byte, emit func(dec []byte, i int)) {
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]) {
			emit(b[i+1:i+2], i)
			i += 2
			continue
		}
		if c == '&' {
			if dec, n := charRef(b[i:]); n > 0 {
				emit(dec, i)
				i += n
				continue
			}
		}
		_, size := utf8.DecodeRune(b[i:])
		emit(b[i:i+size], i)
		i += size
	}
}

// charRef decodes the character reference at the start of b (&#37096;,
// &#x90E8;, &amp;) and returns its text and length, or 0.
func charRef(b []byte) ([]byte, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 40 {
		return nil, 0
	}
	name := b[1:end]
	if name[0] == '#' {
		digits, base := name[1:], 10
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base = digits[1:], 16
		}
		if len(digits) == 0 || len(digits) > 7 {
			return nil, 0
		}
		n, err := strconv.ParseUint(string(digits), base, 32)
		if err != nil {
			return nil, 0
		}
		return utf8.AppendRune(nil, util.ToValidRune(rune(n))), end + 1
	}
	for _, c := range name {
		if !util.IsAlphaNumeric(c) {
			return nil, 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(string(name)); ok {
		return e.Characters, end + 1
	}
	return nil, 0
}

// rawHTML adds an inline tag: shown as written unless unsafe (then unseen);
// a comment is never shown.
func (v *visibleBuilder) rawHTML(n *ast.RawHTML) {
	if v.unsafe || n.Segments.Len() == 0 {
		return
	}
	if first := n.Segments.At(0); bytes.HasPrefix(first.Value(v.body), []byte("<!--")) {
		return
	}
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		v.raw(seg.Start, seg.Stop)
	}
}

// htmlBlock adds a block of raw HTML: shown as written unless unsafe, then
// the text between its tags; a comment block is never shown.
func (v *visibleBuilder) htmlBlock(n *ast.HTMLBlock) {
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		return
	}
	segs := []text.Segment{}
	lines := n.Lines()
	for i := range lines.Len() {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	for _, seg := range segs {
		if !v.unsafe {
			v.raw(seg.Start, seg.Stop)
			continue
		}
		inTag := false
		for i := seg.Start; i < seg.Stop; i++ {
			switch c := v.body[i]; {
			case c == '<':
				inTag = true
			case c == '>':
				inTag = false
			case !inTag && c != '\n':
				_, size := utf8.DecodeRune(v.body[i:seg.Stop])
				v.put(v.body[i:i+size], i)
				i += size - 1
			}
		}
	}
}

// plainChildren returns the text of n's inline children, as goldmark writes
// an image's alt attribute.
func plainChildren(n ast.Node, source []byte) []byte {
	var b []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, decode(c.Segment.Value(source))...)
		case *ast.String:
			b = append(b, c.Value...)
		default:
			b = append(b, plainChildren(c, source)...)
		}
	}
	return b
}

// decode resolves backslash escapes and character references, as
// goldmark's writer does for titles and alt texts.
func decode(b []byte) []byte {
	var out []byte
	eachDecoded(b, func(dec []byte, _ int) { out = append(out, dec...) })
	return out
}
