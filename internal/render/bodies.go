package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"gongkai/internal/markdown"
)

// cachedBody is a rendered article body with the source it came from and
// the link resolutions it used: it is reused for the same article path while
// the source is the same and each of those links still resolves the same
// way.
type cachedBody struct {
	src    []byte          // the Markdown
	unsafe bool            // the raw-HTML option
	res    markdown.Result // without HTML, which is kept as html
	html   string          // the body's HTML, converted to a string once
	sum    [32]byte        // SHA-256 of html, standing for it in page keys
	links  resolutions
}

type resolution struct {
	dest, url string
	ok        bool
}

// resolutions are the link resolutions a render used, in the order it
// asked for them.
type resolutions []resolution

// valid reports whether every recorded link resolves as it did.
func (rs resolutions) valid(resolve markdown.Resolver) bool {
	for _, l := range rs {
		if u, ok := resolve(l.dest); u != l.url || ok != l.ok {
			return false
		}
	}
	return true
}

// reusable reports whether c was rendered from this source and every link
// it recorded resolves as it did.
func (c *cachedBody) reusable(body []byte, unsafe bool, resolve markdown.Resolver) bool {
	return c != nil && c.unsafe == unsafe && bytes.Equal(c.src, body) && c.links.valid(resolve)
}

// bodyFacts is what a build keeps of an article's rendered body for the
// next build into the same folder (PageStore): what its page key, the
// lists, feeds and page meta (the summary) and the search index (the
// text's digest) need of it, so that the body is neither read nor
// rendered while its source, the raw-HTML option and the resolution of
// each of its links are the same and its page is reused. Headings are not
// kept: nothing outside markdown reads them. Facts hold hashes and what
// the public page shows, and the link destinations of a public body (a
// body with a link to the 404 page, whose destination may name a file
// that is not public, keeps no facts).
type bodyFacts struct {
	src     [32]byte // the article's digest as checked (Input.Sum)
	unsafe  bool     // the raw-HTML option
	links   resolutions
	html    [32]byte // SHA-256 of the body's HTML (cachedBody.sum)
	text    [32]byte // SHA-256 of its search text (markdown.Result.Text)
	summary string   // markdown.Result.Summary
	// described and desc memoise description: desc is description of
	// described, the summary last asked for (see describe).
	described, desc string
}

// describe is description(summary), kept for the next build that asks
// with the same summary: an article's facts outlive its builds (serve
// keeps them in memory), its summary seldom changes. Each article's facts
// are used by one goroutine at a time, as its page is made.
func (f *bodyFacts) describe(summary string) string {
	if f.desc == "" || f.described != summary {
		f.described, f.desc = summary, description(summary)
	}
	return f.desc
}

// valid reports whether the facts are those of a body rendered now from
// the article of digest src with the raw-HTML option unsafe.
func (f *bodyFacts) valid(src [32]byte, unsafe bool, resolve markdown.Resolver) bool {
	return f != nil && f.src == src && f.unsafe == unsafe && f.links.valid(resolve)
}

// factsOf returns the facts of body c of the article of digest src, whose
// text has the digest text, each link once, or nil when c links the 404
// page (see bodyFacts).
func (j *job) factsOf(c *cachedBody, src, text [32]byte) *bodyFacts {
	notFound := j.base.link("404.html")
	f := &bodyFacts{src: src, unsafe: c.unsafe, html: c.sum, summary: c.res.Summary, text: text}
	seen := make(map[string]bool, len(c.links))
	for _, l := range c.links {
		if l.ok && l.url == notFound {
			return nil
		}
		if !seen[l.dest] {
			seen[l.dest] = true
			f.links = append(f.links, l)
		}
	}
	return f
}

// renderBodies renders the Markdown of every article with a body, in
// parallel, reusing cached bodies; the cache keeps only this render's.
func (r *Renderer) renderBodies(j *job) error {
	unsafe := j.cfg.Markdown.UnsafeHTML
	md := markdown.New(markdown.Options{UnsafeHTML: unsafe})
	var todo []*entry
	for _, e := range j.pages {
		if e.kind != withdrawnEntry {
			todo = append(todo, e)
		}
	}
	bodies := make([]*cachedBody, len(todo))
	errs := make([]error, len(todo))
	parallel(len(todo), func(i int) {
		e := todo[i]
		if errs[i] = j.source(e); errs[i] != nil {
			return
		}
		resolve := j.resolver(e)
		if c := r.bodies[e.a.Path]; c.reusable(e.a.Body, unsafe, resolve) {
			bodies[i] = c
			return
		}
		bodies[i], errs[i] = renderBody(md, e, unsafe, resolve, true)
	})
	fresh := make(map[string]*cachedBody, len(todo))
	for i, e := range todo {
		if errs[i] != nil {
			return errs[i]
		}
		fresh[e.a.Path] = bodies[i]
		e.setBody(bodies[i])
	}
	r.bodies = fresh
	return nil
}

// setBody records the rendered body and what lists, feeds and the search
// index need of it.
func (e *entry) setBody(b *cachedBody) {
	e.body = b
	e.setSummary(b.res.Summary)
}

// setSummary records what lists and feeds show of the article: its
// front matter's summary, else its body's first paragraph (summary).
func (e *entry) setSummary(summary string) {
	if e.summary = e.a.FM.Summary; e.summary == "" {
		e.summary = summary
	}
	e.desc = ""
}

// description is the page meta's description of e (see description):
// the one its body facts kept (streamArticle), or made now.
func (e *entry) description() string {
	if e.desc != "" {
		return e.desc
	}
	return description(e.summary)
}

// renderBody renders e's body; for the cache or the body facts (cache
// true) it records the link resolutions and the digest that let a later
// render reuse it.
func renderBody(md *markdown.Renderer, e *entry, unsafe bool, resolve markdown.Resolver, cache bool) (*cachedBody, error) {
	c := &cachedBody{src: e.a.Body, unsafe: unsafe}
	if cache {
		var mu sync.Mutex
		plain := resolve
		resolve = func(dest string) (string, bool) {
			u, ok := plain(dest)
			mu.Lock()
			c.links = append(c.links, resolution{dest, u, ok})
			mu.Unlock()
			return u, ok
		}
	}
	res, err := md.Render(e.a.Body, resolve)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.a.Path, err)
	}
	c.html = string(res.HTML)
	if cache {
		c.sum = sha256.Sum256(res.HTML)
	}
	c.res, c.res.HTML = res, nil
	return c, nil
}

// parallel calls f(0) … f(n-1) on GOMAXPROCS workers.
func parallel(n int, f func(i int)) { parallelN(runtime.GOMAXPROCS(0), n, f) }

// parallelN calls f(0) … f(n-1) on at most the given number of workers
// (errgroup's pool, as load.ReadFiles uses): each worker takes the next i
// in turn, one goroutine per worker and not per call, so that each grows
// its stack once (template execution and Markdown go deep).
func parallelN(workers, n int, f func(i int)) {
	var next atomic.Int64
	var g errgroup.Group
	for range min(max(workers, 1), n) {
		g.Go(func() error {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
			return nil
		})
	}
	g.Wait()
}
