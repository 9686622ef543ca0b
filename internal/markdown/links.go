package markdown

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Link is a link or image destination found in a body.
type Link struct {
	// Dest is the destination as written (after reference resolution).
	Dest string
	// Line (1-based, within the body) and Col (1-based, in characters) are
	// where Dest starts; for an empty destination, where the link starts.
	Line, Col int
	// Image is true for an image.
	Image bool
}

// linkParser parses bodies for Links, the same way Render does.
var linkParser = sync.OnceValue(func() parser.Parser {
	return newGoldmark(false).Parser()
})

// Links returns every link, image and autolink destination in body, in
// document order. A reference link reports the position of the destination
// in its definition, where a broken destination is fixed.
func Links(body []byte) []Link {
	var links []Link
	if readPlain(body, func(d *plainDoc) { links = d.links() }) {
		return links
	}
	return linksGoldmark(body)
}

// linksGoldmark returns the links of body as goldmark reads it.
func linksGoldmark(body []byte) []Link {
	if TooDeep(body) > 0 {
		return nil // check reports the body; it is never published
	}
	doc := linkParser().Parse(text.NewReader(body))
	lines := newLineIndex(body)
	var links []Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var l Link
		var off int
		switch n := n.(type) {
		case *ast.Link:
			l.Dest, off = string(n.Destination), destOffset(body, n.Destination, n.Pos())
		case *ast.Image:
			l.Dest, off, l.Image = string(n.Destination), destOffset(body, n.Destination, n.Pos()), true
		case *ast.AutoLink:
			l.Dest, off = string(autoLinkURL(n, body)), destOffset(body, n.Label(body), n.Pos())
		default:
			return ast.WalkContinue, nil
		}
		l.Line, l.Col = lines.position(off)
		links = append(links, l)
		return ast.WalkContinue, nil
	})
	return links
}

// destOffset returns the offset in body of dest, a slice goldmark took
// from body, or start when dest is empty or was copied.
func destOffset(body, dest []byte, start int) int {
	if len(dest) == 0 {
		return start
	}
	for from := 0; from < len(body); {
		i := bytes.Index(body[from:], dest)
		if i < 0 {
			break
		}
		if &body[from+i] == &dest[0] {
			return from + i
		}
		from += i + 1
	}
	return start
}

// lineIndex turns byte offsets into lines and character columns.
type lineIndex struct {
	body   []byte
	starts []int // offset of the first byte of each line
}

func newLineIndex(body []byte) lineIndex {
	starts := []int{0}
	for i, c := range body {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{body: body, starts: starts}
}

// position returns the 1-based line and character column of offset off.
func (x lineIndex) position(off int) (line, col int) {
	off = max(0, min(off, len(x.body)))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(x.body[x.starts[i]:off]) + 1
}

// rewriteLinks passes every link, image and autolink destination in doc
// through resolve and, unless unsafe, replaces dangerous ones with "#".
func rewriteLinks(doc ast.Node, source []byte, resolve Resolver, unsafe bool) {
	var autoLinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = destination(n.Destination, resolve, unsafe)
		case *ast.Image:
			n.Destination = destination(n.Destination, resolve, unsafe)
		case *ast.AutoLink:
			autoLinks = append(autoLinks, n) // replaced after the walk
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autoLinks {
		url := autoLinkURL(a, source)
		dest := destination(url, resolve, unsafe)
		if bytes.Equal(dest, url) {
			continue
		}
		link := ast.NewLink()
		link.Destination = dest
		link.AppendChild(link, ast.NewString(a.Label(source)))
		a.Parent().ReplaceChild(a.Parent(), a, link)
	}
}

// destination returns dest rewritten by resolve, or "#" when the result
// could run script and unsafe is false.
func destination(dest []byte, resolve Resolver, unsafe bool) []byte {
	if resolve != nil {
		if url, ok := resolve(string(dest)); ok {
			dest = []byte(url)
		}
	}
	if !unsafe && dangerous(bytes.TrimLeftFunc(dest, isControlOrSpace)) {
		return []byte("#")
	}
	return dest
}

// dangerous is goldmark's html.IsDangerousURL, which lower-cases the
// destination for each scheme it compares: every scheme it looks for ends
// in a colon within its first 11 bytes ("data:image/"), and lower-casing
// makes no colon, so a destination without one there is not dangerous.
func dangerous(dest []byte) bool {
	return bytes.IndexByte(dest[:min(len(dest), 11)], ':') >= 0 && html.IsDangerousURL(dest)
}

// autoLinkURL returns the destination of an autolink, with "mailto:" for
// an e-mail address.
func autoLinkURL(a *ast.AutoLink, source []byte) []byte {
	url := a.URL(source)
	if a.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		return append([]byte("mailto:"), url...)
	}
	return url
}

// isControlOrSpace reports whether r is a C0 control or a space, which
// browsers strip from the start of a URL before reading its scheme.
func isControlOrSpace(r rune) bool { return r <= ' ' }
