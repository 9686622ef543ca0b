package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer overrides goldmark's HTML for text (soft line breaks joined
// by the CJK rule), tables (wrapped for horizontal scrolling) and, unless
// unsafe, raw HTML (shown escaped instead of omitted).
type nodeRenderer struct {
	unsafe bool
	table  renderer.NodeRendererFunc // goldmark's own table renderer
}

// funcTable collects the functions a NodeRenderer registers.
type funcTable map[ast.NodeKind]renderer.NodeRendererFunc

func (t funcTable) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { t[k] = f }

func newNodeRenderer(unsafe bool) *nodeRenderer {
	gfm := funcTable{}
	extension.NewTableHTMLRenderer().RegisterFuncs(gfm)
	return &nodeRenderer{unsafe: unsafe, table: gfm[east.KindTable]}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
	reg.Register(east.KindTable, r.renderTable)
	reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	reg.Register(ast.KindRawHTML, r.renderRawHTML)
}

func (r *nodeRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	html.DefaultWriter.Write(w, value)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak() && !softBreakJoins(n, source):
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// renderTable wraps goldmark's table in <div class="table-wrap"> so that a
// wide table scrolls on its own on a phone instead of widening the page.
func (r *nodeRenderer) renderTable(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"table-wrap\">\n")
	}
	status, err := r.table(w, source, node, entering)
	if !entering {
		_, _ = w.WriteString("</div>\n")
	}
	return status, err
}

// renderHTMLBlock shows a block of raw HTML as an escaped paragraph, so an
// author sees what was written instead of losing it, or unsafe, as it is.
// HTML comments are dropped in both modes: they are notes to other authors,
// not text for the public, and the preview never shows them to reviewers.
func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		return ast.WalkSkipChildren, nil
	}
	var raw []byte
	lines := n.Lines()
	for i := range lines.Len() {
		line := lines.At(i)
		raw = append(raw, line.Value(source)...)
	}
	if n.HasClosure() {
		closure := n.ClosureLine
		raw = append(raw, closure.Value(source)...)
	}
	raw = withoutComments(raw)
	if r.unsafe {
		_, _ = w.Write(raw)
		return ast.WalkSkipChildren, nil
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(bytes.TrimRight(raw, "\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// renderRawHTML shows an inline HTML tag escaped (unsafe: as it is);
// inline comments are dropped.
func (r *nodeRenderer) renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		v := seg.Value(source)
		if i == 0 && bytes.HasPrefix(v, []byte("<!--")) {
			break
		}
		if r.unsafe {
			_, _ = w.Write(v)
		} else {
			_, _ = w.Write(util.EscapeHTML(v))
		}
	}
	return ast.WalkSkipChildren, nil
}

// withoutComments returns raw HTML without its comments (<!-- … -->); an
// unclosed comment runs to the end.
func withoutComments(raw []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(raw, []byte("<!--"))
		if i < 0 {
			return append(out, raw...)
		}
		out = append(out, raw[:i]...)
		j := bytes.Index(raw[i+4:], []byte("-->"))
		if j < 0 {
			return out
		}
		raw = raw[i+4+j+3:]
	}
}
