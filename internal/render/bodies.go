package render

import (
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"gongkai/internal/markdown"
)

// cachedBody is a rendered article body with the link resolutions it used:
// it is reused only while each of those links still resolves the same way.
type cachedBody struct {
	res   markdown.Result
	links []resolution
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

// bodyKey identifies an article body's source: its path (relative links
// depend on it), the raw-HTML option and the Markdown.
func bodyKey(p string, unsafe bool, body []byte) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%t\x00", p, unsafe)
	h.Write(body)
	var k [32]byte
	h.Sum(k[:0])
	return k
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
	keys := make([][32]byte, len(todo))
	bodies := make([]*cachedBody, len(todo))
	errs := make([]error, len(todo))
	parallel(len(todo), func(i int) {
		e := todo[i]
		resolve := j.resolver(e)
		keys[i] = bodyKey(e.a.Path, unsafe, e.a.Body)
		if c := r.bodies[keys[i]]; c != nil && c.valid(resolve) {
			bodies[i] = c
			return
		}
		bodies[i], errs[i] = renderBody(md, e, resolve)
	})
	fresh := make(map[[32]byte]*cachedBody, len(todo))
	for i, e := range todo {
		if errs[i] != nil {
			return errs[i]
		}
		fresh[keys[i]] = bodies[i]
		e.res = &bodies[i].res
		e.summary = e.a.FM.Summary
		if e.summary == "" {
			e.summary = e.res.Summary
		}
	}
	r.bodies = fresh
	return nil
}

func renderBody(md *markdown.Renderer, e *entry, resolve markdown.Resolver) (*cachedBody, error) {
	c := &cachedBody{}
	var mu sync.Mutex
	record := func(dest string) (string, bool) {
		u, ok := resolve(dest)
		mu.Lock()
		c.links = append(c.links, resolution{dest, u, ok})
		mu.Unlock()
		return u, ok
	}
	res, err := md.Render(e.a.Body, record)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.a.Path, err)
	}
	c.res = res
	return c, nil
}

// parallel calls f(0) … f(n-1) on GOMAXPROCS workers.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), n); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}
