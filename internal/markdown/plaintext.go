package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// outline is what one pass over a parsed body gathers besides the HTML.
type outline struct {
	lines    []string // plain text of each heading, paragraph, list item and table row
	summary  string
	headings []Heading
	ids      headingIDs
}

// readOutline collects the plain text and headings of doc and sets each
// heading's id attribute.
func readOutline(doc ast.Node, source []byte) outline {
	var o outline
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			text := inlineText(n, source)
			id := o.ids.next(text)
			n.SetAttributeString("id", []byte(id))
			o.headings = append(o.headings, Heading{Level: n.Level, Text: text, ID: id})
			o.add(text)
		case *ast.Paragraph, *ast.TextBlock:
			text := inlineText(n, source)
			if o.summary == "" {
				o.summary = text
			}
			o.add(text)
		case *east.TableHeader, *east.TableRow:
			o.add(rowText(n, source))
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return o
}

func (o *outline) add(line string) {
	if line != "" {
		o.lines = append(o.lines, line)
	}
}

// rowText joins the plain text of a table row's cells with spaces.
func rowText(row ast.Node, source []byte) string {
	var cells []string
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if t := inlineText(c, source); t != "" {
			cells = append(cells, t)
		}
	}
	return strings.Join(cells, " ")
}

// inlineText returns the text the inline content of block shows, without
// markup, images or raw HTML; line breaks follow the rendering's CJK rule.
func inlineText(block ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == block {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if (n.SoftLineBreak() || n.HardLineBreak()) && !softBreakJoins(n, source) {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(source))
		case *ast.Image, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
