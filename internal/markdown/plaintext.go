package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// outline is what one pass over a parsed body gathers besides the HTML.
type outline struct {
	// text is the plain text of each heading, paragraph, list item and
	// table row, one a line.
	text     []byte
	summary  string
	headings []Heading
	ids      headingIDs
	line     []byte // scratch for one line
	cell     []byte // scratch for one table cell
}

// readOutline collects the plain text and headings of doc and sets each
// heading's id attribute.
func readOutline(doc ast.Node, source []byte) outline {
	o := outline{text: make([]byte, 0, len(source))}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			o.line = inlineText(o.line[:0], n, source)
			text := string(o.line)
			id := o.ids.next(text)
			n.SetAttributeString("id", []byte(id))
			o.headings = append(o.headings, Heading{Level: n.Level, Text: text, ID: id})
			o.add(o.line)
		case *ast.Paragraph, *ast.TextBlock:
			o.line = inlineText(o.line[:0], n, source)
			if o.summary == "" {
				o.summary = string(o.line)
			}
			o.add(o.line)
		case *east.TableHeader, *east.TableRow:
			o.line = o.rowText(o.line[:0], n, source)
			o.add(o.line)
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return o
}

// add appends a line to the text unless it is empty.
func (o *outline) add(line []byte) {
	if len(line) == 0 {
		return
	}
	if len(o.text) > 0 {
		o.text = append(o.text, '\n')
	}
	o.text = append(o.text, line...)
}

// rowText appends to dst the plain text of a table row's cells, joined
// with spaces.
func (o *outline) rowText(dst []byte, row ast.Node, source []byte) []byte {
	start := len(dst)
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if o.cell = inlineText(o.cell[:0], c, source); len(o.cell) > 0 {
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = append(dst, o.cell...)
		}
	}
	return dst
}

// inlineText appends to dst the text the inline content of block shows,
// without markup, images or raw HTML and without leading or trailing white
// space; line breaks follow the rendering's CJK rule. dst must be empty.
func inlineText(dst []byte, block ast.Node, source []byte) []byte {
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == block {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			dst = append(dst, n.Segment.Value(source)...)
			if (n.SoftLineBreak() || n.HardLineBreak()) && !softBreakJoins(n, source) {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, n.Value...)
		case *ast.AutoLink:
			dst = append(dst, n.Label(source)...)
		case *ast.Image, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	t := bytes.TrimSpace(dst)
	return dst[:copy(dst, t)]
}
