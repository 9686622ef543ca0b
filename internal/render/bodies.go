package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"

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
	links  []resolution
}

type resolution struct {
	dest, url string
	ok        bool
}

// valid reports whether every recorded link resolves as it did.
func (c *cachedBody) valid(resolve markdown.Resolver) bool {
	for _, l := range c.links {
		if u, ok := resolve(l.dest); u != l.url || ok != l.ok {
			return false
		}
	}
	return true
}

// reusable reports whether c was rendered from this source and every link
// it recorded resolves as it did.
func (c *cachedBody) reusable(body []byte, unsafe bool, resolve markdown.Resolver) bool {
	return c != nil && c.unsafe == unsafe && bytes.Equal(c.src, body) && c.valid(resolve)
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
	e.body, e.summary = b, e.a.FM.Summary
	if e.summary == "" {
		e.summary = b.res.Summary
	}
}

// renderBody renders e's body; for the cache (cache true) it records the
// link resolutions and the digest that let a later render reuse it.
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
// (errgroup's bounded pool, as load.ReadFiles uses).
func parallelN(workers, n int, f func(i int)) {
	var g errgroup.Group
	g.SetLimit(max(workers, 1))
	for i := range n {
		g.Go(func() error {
			f(i)
			return nil
		})
	}
	g.Wait()
}
