package render

import (
	"bytes"
	"crypto/sha256"
	"sync"

	"gongkai/internal/search"
)

// A template's output depends on the parsed theme, the template's name and
// the *Page it receives, nothing else: templates see only the Page (the
// view types have no methods) and their one function, add, is pure. So a
// page is identified by a key over exactly those, and a page whose key was
// rendered last time is not executed again. (serve adds its live-reload
// script when it serves a page, so the cache never sees it.)

// pageCache holds executed pages by key: those of the last
// render, which a render reads, and those of the running render, which
// replace them when it succeeds. So it holds one site's pages, no more.
type pageCache struct {
	last map[[32]byte][]byte
	mu   sync.Mutex
	next map[[32]byte][]byte
}

// start begins a render's generation.
func (c *pageCache) start() { c.next = map[[32]byte][]byte{} }

// commit makes the running render's pages the ones kept. After a render
// that failed, the next one starts again from the last good render's.
func (c *pageCache) commit() { c.last, c.next = c.next, nil }

// get returns the page of key k from the last render.
func (c *pageCache) get(k [32]byte) ([]byte, bool) {
	page, ok := c.last[k]
	return page, ok
}

// keep records the page of key k for the next render.
func (c *pageCache) keep(k [32]byte, page []byte) {
	c.mu.Lock()
	c.next[k] = page
	c.mu.Unlock()
}

// keyBufs recycles the buffers page keys are encoded in.
var keyBufs = sync.Pool{New: func() any { return new(keyBuf) }}

// pageKey is the key of executing template name with p. The site info
// enters by its digest when it is the job's (it is on every page), an
// article body by its SHA-256: body when the caller has it (taken when the
// body was rendered, or recorded in its facts when it was not rendered
// this time, see bodyFacts), else computed here. So the key is the same
// whether or not the body was rendered.
func (j *job) pageKey(name string, p *Page, body *[32]byte) [32]byte {
	b := keyBufs.Get().(*keyBuf)
	defer keyBufs.Put(b)
	*b = append((*b)[:0], j.tmplKey[:]...)
	b.str(name)
	switch {
	case p.Site == nil:
		b.num(0)
	case p.Site == j.siteInfo:
		b.num(1)
		*b = append(*b, j.siteSum[:]...)
	default:
		b.num(2)
		b.site(p.Site)
	}
	if b.some(p.Article != nil) {
		if body == nil {
			sum := search.TextSum(string(p.Article.Body))
			body = &sum
		}
		*b = append(*b, body[:]...)
	}
	b.page(p)
	return sha256.Sum256(*b)
}

// bodySum is the digest of v's body for pageKey when body is what v shows,
// else nil (pageKey computes it).
func bodySum(v *ArticleView, body *cachedBody) *[32]byte {
	if v == nil || body == nil || string(v.Body) != body.html {
		return nil
	}
	return &body.sum
}

// execute returns the page that template name makes of p, executing the
// template unless the last render made the same page. body is the article's rendered body, or nil.
func (j *job) execute(name string, p *Page, body *cachedBody) ([]byte, error) {
	if j.pc == nil { // streaming: nothing to reuse, nothing kept
		size := 8 << 10
		if body != nil {
			size += len(body.html)
		}
		var buf bytes.Buffer
		buf.Grow(size)
		if err := j.tm.pages[name].Execute(&buf, p); err != nil {
			return nil, templateError(err)
		}
		return buf.Bytes(), nil
	}
	k := j.pageKey(name, p, bodySum(p.Article, body))
	page, ok := j.pc.get(k)
	if !ok {
		size := 8 << 10
		if body != nil {
			size += len(body.html)
		}
		var buf bytes.Buffer
		buf.Grow(size)
		if err := j.tm.pages[name].Execute(&buf, p); err != nil {
			return nil, templateError(err)
		}
		// Kept pages are shared by later sites: no room to append into.
		page = buf.Bytes()
		if cap(page)-len(page) > len(page)/8 {
			page = bytes.Clone(page)
		}
		page = page[:len(page):len(page)]
	}
	j.pc.keep(k, page)
	return page, nil
}
