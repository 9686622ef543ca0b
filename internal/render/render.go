// Package render turns loaded, checked articles into the public disclosure
// site, in memory: article pages with their attachments, the 政府信息公开目录
// (by category, department and year, paginated), the platform's fixed
// columns (xxgk/: 指南, 制度, 法定主动公开内容, 年报, 依申请公开, 政策解读; see
// columns.go), pages made elsewhere inside the site's frame (FramedPage:
// the bulletins), RSS feeds, sitemap.xml,
// robots.txt, 404.html, the search page with its index, and the theme's
// assets. It reads nothing but its Input and writes nothing; the result is
// a Site, an fs.FS that write puts on disk and serve serves.
//
// Templates are html/template files. The defaults are embedded from
// builtin/; a file of the same name in the repository's templates/ folder
// overrides one. layout.html defines "layout", which the page templates
// (home.html, article.html, list.html, catalog.html, column.html,
// framed.html, search.html, 404.html)
// call before defining "main"; every other .html file is parsed alongside
// them (for partials). Each template receives a *Page. Besides add, the
// templates have cached: {{cached "name" VALUE}} is what {{template "name"
// VALUE}} makes, executed once per render for each name and comparable
// VALUE; the built-in layout passes it .Chrome (the site and the current
// navigation item) for its header, footer and the site's part of <head>,
// and the catalogue tables pass it each Row. Every other file (site.css,
// elder.js, search.js, images) is copied to assets/.
//
// Only public articles reach the output. A withdrawn article keeps its URL
// with its title and the withdrawal notice, nothing else of it.
package render

import (
	"io/fs"
	"sync"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/markdown"
	"gongkai/internal/msg"
	"gongkai/internal/search"
)

// Input is everything a render depends on; the same Input gives the same
// bytes.
type Input struct {
	Config   *config.Config
	Articles []*article.Article // every loaded article
	// Public holds the published articles (eligible, and no check error).
	Public map[*article.Article]bool
	// Withdrawn holds the withdrawn articles that keep their URL with the
	// notice (article.WithdrawnPage, and no check error). When nil, the
	// front matter alone decides.
	Withdrawn map[*article.Article]bool
	// Pending also renders articles still in review, with a 未审核预览
	// banner, marked in lists (serve --pending; never in a build).
	Pending bool
	// InReview holds, with Pending, the articles previewed: the review
	// queue of gongkai status without the rejected ones
	// (article.Rejected). When nil, the front matter alone decides.
	InReview map[*article.Article]bool
	// Content is the repository, for attachments ("content/...").
	Content fs.FS
	// Templates is the repository's templates/ folder, or nil; a file there
	// overrides the built-in file of the same name.
	Templates fs.FS
	Now       time.Time
	// BaseURL overrides site.base_url when not empty; it may have a path
	// (https://x.github.io/repo/).
	BaseURL string
	// Extra holds more files to place in the site (bulletins), by site path.
	Extra map[string][]byte
	// Sink, when set, receives every file as soon as it is rendered, from
	// several goroutines at once, and Render returns no Site: nothing holds
	// the rendered site, and nothing is kept for a next Render (a build
	// streams to disk this way; serve keeps the Site). Sink must not keep
	// data once it returns: Render reuses the buffer for another file. The
	// files are the same bytes either way.
	Sink func(path string, data []byte) error
	// DropSources lets Render forget each article's Markdown (Article.Body
	// and Src) once its page is rendered, with Sink: lists, feeds, sitemap
	// and the search index are made from compact per-article records.
	DropSources bool
	// Body, when set, gives an article's Markdown when Article.Body is nil
	// (a build reads each file again as its page is made; see
	// project.Options.Reread). An error stops the render.
	Body func(*article.Article) ([]byte, error)
	// Pages, with Sink and Reuse, is what the previous build into the same
	// folder recorded of its pages and records this build's (see
	// PageStore): a page whose key and file are unchanged is not executed.
	Pages *PageStore
	// Reuse asks the sink to take, at a site path, the previous build's
	// file there when its bytes have the SHA-256 sum, and reports whether
	// it did (false: the page is executed and put as usual).
	Reuse func(path string, sum [32]byte) (bool, error)
	// Sum gives, with Pages, an article's digest as checked (the SHA-256
	// of its normalized file, project.Project.Sum), false when unknown: a
	// body whose article has the digest the previous build recorded, and
	// whose links resolve as they did, is not rendered again when its page
	// is reused (see bodyFacts).
	Sum func(*article.Article) ([32]byte, bool)
	// Previous gives, with Pages, the bytes of a file the previous build
	// wrote at a site path when they still are the bytes it wrote (the
	// output's manifest says so), for the search index to start from
	// (search.ReadPrior).
	Previous func(path string) ([]byte, bool)
}

// Renderer renders sites. It keeps between calls the parsed templates, the
// rendered article bodies, the executed pages and the search index's
// tokens, each as of the last render only, so a rebuild after one edit
// re-renders one body, executes the templates of the pages whose data
// changed (see pagecache.go) and re-indexes one document; the result is
// byte-identical to a new Renderer's. The articles given to Render must not
// be modified afterwards (serve replaces an edited article's value). A
// Renderer serialises its calls to Render.
type Renderer struct {
	mu      sync.Mutex
	tmplKey [32]byte
	tmpl    *templates
	bodies  map[string]*cachedBody // by article path
	pages   pageCache
	indexer search.Indexer
}

var msgExtraPath = msg.New("render.extra_path", "附加文件“%s”不是规范的相对路径", "extra file %q is not a clean relative path")

// NewRenderer returns a Renderer with empty caches.
func NewRenderer() *Renderer {
	return &Renderer{bodies: map[string]*cachedBody{}}
}

// Render renders the whole site. A template error names the template file
// and line ("templates/article.html:2: …"); a Markdown error names the
// article.
func (r *Renderer) Render(in Input) (Site, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	j, err := newJob(in)
	if err != nil {
		return nil, err
	}
	if j.tm, err = r.templates(in.Templates); err != nil {
		return nil, err
	}
	j.tmplKey = r.tmplKey // page keys: the page cache's, and Input.Pages'
	j.tm.resetParts()
	defer j.tm.resetParts()
	seen := 0
	if in.Pages != nil {
		seen = in.Pages.pages()
	}
	site := &output{seen: make(map[string]bool, seen), sink: in.Sink}
	if in.Sink != nil {
		// Streaming: bodies are rendered with their pages, nothing is cached.
		j.md = markdown.New(markdown.Options{UnsafeHTML: j.cfg.Markdown.UnsafeHTML})
	} else {
		if err := r.renderBodies(j); err != nil {
			return nil, err
		}
		j.pc, j.indexer = &r.pages, &r.indexer
		r.pages.start()
		site.site = make(Site, 4*len(j.pages)+64)
	}
	for _, step := range []func(*output) error{
		j.articlePages, j.attachments, j.homePage, j.catalogPages, j.columnPages,
		j.feeds, j.sitemap, j.searchPage, j.fixedPages, j.assets, j.extra,
	} {
		if err := step(site); err != nil {
			return nil, err
		}
	}
	if j.pc != nil {
		r.pages.commit()
	}
	return site.site, nil
}

// extra places Input.Extra (bulletins) into the site, a FramedPage inside
// the site's frame.
func (j *job) extra(site *output) error {
	for _, p := range sortedKeys(j.in.Extra) {
		if !fs.ValidPath(p) {
			return msgExtraPath.Error(p)
		}
		data := j.in.Extra[p]
		if fp, ok := parseFramed(data); ok {
			var err error
			if data, err = j.framedPage(fp); err != nil {
				return err
			}
		}
		if err := site.put(p, data, msgWhatBulletin.F()); err != nil {
			return err
		}
	}
	return nil
}
