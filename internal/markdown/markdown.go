// Package markdown renders article bodies, written in Markdown by Chinese
// government staff, to HTML and plain text.
//
// It is goldmark with GitHub tables, strikethrough, autolinks and footnotes,
// and with these changes for Chinese text:
//
//   - A soft line break between two Chinese characters, or next to
//     full-width punctuation (，。；：！？、（）《》 …), disappears instead of
//     becoming a space; between Latin words it stays.
//   - Emphasis and strikethrough follow the CJK-friendly amendment to
//     CommonMark, so "**严格落实安全生产责任。**各科室要" is bold.
//   - Heading ids keep the Chinese: "一、工作目标" gets id "一工作目标".
//   - Raw HTML is shown escaped unless Options.UnsafeHTML; HTML comments
//     are dropped.
//   - Every link and image destination goes through a Resolver, and
//     javascript: and similar destinations become "#".
//   - Tables are wrapped in <div class="table-wrap"> to scroll on phones.
//
// Most bodies never reach goldmark: a reader of their own renders the
// plain ones (plain.go) exactly as goldmark would, only faster.
package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures rendering.
type Options struct {
	// UnsafeHTML passes raw HTML and javascript: links through unchanged.
	UnsafeHTML bool
}

// Resolver rewrites a link or image destination found in the body (relative
// Markdown links to other articles, attachment names). ok=false leaves dest
// unchanged.
type Resolver func(dest string) (url string, ok bool)

// Heading is a heading with its generated id.
type Heading struct {
	Level    int
	Text, ID string
}

// Result is one rendered body.
type Result struct {
	HTML []byte
	// Text is the plain text of the body (no markup): headings, paragraphs,
	// list items and table rows, separated by "\n", for the search index
	// and summaries.
	Text string
	// Summary is the plain text of the first paragraph.
	Summary  string
	Headings []Heading
}

// Renderer renders Markdown bodies. It is safe for concurrent use.
type Renderer struct {
	opts Options
	md   goldmark.Markdown
}

// New returns a Renderer with the given options.
func New(opts Options) *Renderer {
	return &Renderer{opts: opts, md: newGoldmark(opts.UnsafeHTML)}
}

// newGoldmark builds the one goldmark instance a Renderer reuses.
func newGoldmark(unsafe bool) goldmark.Markdown {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(newNodeRenderer(unsafe), 100)),
	}
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(emphasisParser{}, 450)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// Render renders body. resolve, when not nil, rewrites link and image
// destinations.
func (r *Renderer) Render(body []byte, resolve Resolver) (Result, error) {
	if res, ok := renderPlain(body, resolve, r.opts.UnsafeHTML); ok { // nests nothing, so never TooDeep
		return res, nil
	}
	if TooDeep(body) > 0 {
		return flatResult(body), nil
	}
	return r.renderGoldmark(body, resolve)
}

// renderGoldmark renders body with goldmark.
func (r *Renderer) renderGoldmark(body []byte, resolve Resolver) (Result, error) {
	doc := r.md.Parser().Parse(text.NewReader(body))
	rewriteLinks(doc, body, resolve, r.opts.UnsafeHTML)
	o := readOutline(doc, body)
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/2)
	if err := r.md.Renderer().Render(bufWriter{&buf}, body, doc); err != nil {
		return Result{}, fmt.Errorf("markdown: %w", err)
	}
	return Result{
		HTML:     buf.Bytes(),
		Text:     string(o.text),
		Summary:  o.summary,
		Headings: o.headings,
	}, nil
}

// bufWriter is a bytes.Buffer as the buffered writer goldmark writes to,
// so that it does not put a bufio.Writer of its own in front of it.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }
