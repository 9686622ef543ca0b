package render

import (
	"cmp"
	"crypto/sha256"
	"slices"
	"strings"
	"sync"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/markdown"
	"gongkai/internal/msg"
	"gongkai/internal/search"
)

// job is one Render: the input sorted into what appears where.
type job struct {
	in   Input
	cfg  *config.Config
	base base
	loc  *time.Location
	tm   *templates
	// tmplKey identifies tm; pc holds executed pages across renders.
	tmplKey [32]byte
	pc      *pageCache
	indexer *search.Indexer
	// stream, with Input.Sink, is the search index, to which each public
	// article's text goes as soon as its body is rendered, unless the index
	// started from the previous build's has it (searchDocs, Need).
	stream *search.Stream
	md     *markdown.Renderer // with Input.Sink: bodies are rendered with their pages
	// pages holds every article that gets a page, in path order: public,
	// withdrawn notices, and (with Input.Pending) articles in review.
	pages []*entry
	// listed holds the public (and previewed) articles, newest first;
	// public only the public ones, also newest first.
	listed, public []*entry
	byPath         map[string]*entry
	files          map[string]attachment // by source path, for links
	siteInfo       *SiteInfo
	siteSum        [32]byte // digest of siteInfo, for page keys
	groupings      map[groupingKey]grouping
	// categorySlugs and departmentSlugs name the catalogue's sections.
	categorySlugs, departmentSlugs *slugs
	// policyOf is the policy each 政策解读 interprets; interpretationsOf
	// the interpretations of each policy (pairInterpretations).
	policyOf          map[*entry]*entry
	interpretationsOf map[*entry][]*entry
	// columns are the visible fixed columns (see columns.go).
	columns []*column
}

// entry is one article that gets a page.
type entry struct {
	a         *article.Article
	kind      entryKind
	gen, pub  article.Date
	dir, file string // site paths: the page's folder ("2025/x/") and file
	url       string // the page's link, base path included
	// genDate and pubDate are gen and pub as pages show them (2025年3月4日),
	// pubDay pub as the sitemap does (2025-03-04); year is gen's year, ""
	// when gen is zero.
	genDate, pubDate, pubDay, year string
	// body is the rendered body, nil when withdrawn; with Input.Sink only
	// while its page is rendered (its text goes to the search index then),
	// and not at all when its facts stand for it (bodyFacts). summary is
	// what lists and feeds need of it.
	body    *cachedBody
	summary string
	desc    string // the page meta's description of summary, when known (setSummary clears it)
	rowOnce sync.Once
	row     Row // see (*job).row
}

type entryKind int

const (
	publicEntry entryKind = iota
	withdrawnEntry
	pendingEntry
)

var (
	msgNoConfig = msg.New("render.no_config", "生成网站：没有配置", "render: no configuration")
	msgURLTaken = msg.New("render.url_taken",
		"%s：其网址 %s 已被网站自身的页面占用（请修改 site.permalink 或文件名）",
		"%s: its URL %s is taken by the site's own pages (change site.permalink or the file name)")
)

func newJob(in Input) (*job, error) {
	if in.Config == nil {
		return nil, msgNoConfig.Error()
	}
	baseURL := in.BaseURL
	if baseURL == "" {
		baseURL = in.Config.Site.BaseURL
	}
	b, err := parseBase(baseURL)
	if err != nil {
		return nil, err
	}
	j := &job{in: in, cfg: in.Config, base: b, byPath: map[string]*entry{}, files: map[string]attachment{},
		groupings: map[groupingKey]grouping{}}
	if j.loc = j.cfg.Location; j.loc == nil {
		j.loc = time.UTC
	}
	j.newSiteSlugs()
	if err := j.choosePages(); err != nil {
		return nil, err
	}
	if err := j.sortLists(); err != nil {
		return nil, err
	}
	j.pairInterpretations()
	j.siteInfo = j.newSiteInfo()
	var site keyBuf
	site.site(j.siteInfo)
	j.siteSum = sha256.Sum256(site)
	return j, nil
}

// choosePages picks the articles that get a page, in path order.
func (j *job) choosePages() error {
	arts := slices.Clone(j.in.Articles)
	slices.SortFunc(arts, func(x, y *article.Article) int { return strings.Compare(x.Path, y.Path) })
	entries := make([]*entry, len(arts))
	parallel(len(arts), func(i int) {
		if k, ok := j.kindOf(arts[i]); ok {
			entries[i] = j.newEntry(arts[i], k)
		}
	})
	for _, e := range entries {
		switch {
		case e == nil:
			continue
		case reserved(e.file) && e.kind == pendingEntry:
			continue
		case reserved(e.file):
			return msgURLTaken.Error(e.a.Path, e.a.URL)
		}
		j.pages = append(j.pages, e)
		j.byPath[e.a.Path] = e
	}
	return nil
}

// sortLists fills the lists (newest first) and the attachment table.
func (j *job) sortLists() error {
	for _, e := range j.pages {
		if e.kind == withdrawnEntry {
			continue
		}
		j.listed = append(j.listed, e)
		if e.kind == publicEntry {
			j.public = append(j.public, e)
		}
		atts, err := attachmentsOf(e)
		if err != nil {
			return err
		}
		for _, at := range atts {
			j.files[at.src] = at
		}
	}
	slices.SortFunc(j.listed, newestFirst)
	if len(j.public) == len(j.listed) {
		j.public = j.listed // the same articles; sharing shares their groupings
	} else {
		slices.SortFunc(j.public, newestFirst)
	}
	return nil
}

// kindOf decides whether the article gets a page, and which.
func (j *job) kindOf(a *article.Article) (entryKind, bool) {
	switch {
	case a.Broken || a.URL == "":
		return 0, false
	case j.in.Public[a] && !a.WithdrawnAt(j.in.Now):
		return publicEntry, true
	case j.withdrawnPage(a):
		return withdrawnEntry, true
	case j.in.Pending && j.inReview(a):
		return pendingEntry, true
	}
	return 0, false
}

// inReview reports whether serve --pending previews a: in Input.InReview
// when the caller decided, else by the front matter alone.
func (j *job) inReview(a *article.Article) bool {
	if j.in.InReview != nil {
		return j.in.InReview[a]
	}
	return a.Previewable(j.cfg, j.in.Now)
}

// withdrawnPage reports whether a keeps its URL with the withdrawal notice:
// in Input.Withdrawn when the caller decided (build leaves out articles with
// errors), else by the front matter alone.
func (j *job) withdrawnPage(a *article.Article) bool {
	if j.in.Withdrawn != nil {
		return j.in.Withdrawn[a]
	}
	return a.WithdrawnPage(j.cfg, j.in.Now)
}

func (j *job) newEntry(a *article.Article, k entryKind) *entry {
	e := &entry{a: a, kind: k, gen: a.Generated(j.cfg), pub: a.PublishedAt(j.cfg)}
	p := strings.TrimPrefix(a.URL, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		e.dir, e.file = p, p+"index.html"
	} else {
		e.dir, e.file = dirOf(p), p
	}
	e.url = j.base.link(e.dir)
	e.genDate, e.pubDate, e.pubDay = j.chineseDate(e.gen), j.chineseDate(e.pub), j.day(e.pub.Time)
	if !e.gen.IsZero() {
		e.year = e.gen.In(j.loc).Format("2006")
	}
	return e
}

// reserved reports whether a site file belongs to the site's own pages.
func reserved(file string) bool {
	switch file {
	case "index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt":
		return true
	}
	top, _, _ := strings.Cut(file, "/")
	return top == "assets" || top == "catalog" || top == "search" || top == "bulletins" || top+"/" == columnsDir
}

// dirOf returns the folder of a site path with a trailing slash, "" for the
// root.
func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i+1]
	}
	return ""
}

// newestFirst orders by generation date, then publication date, newest
// first, then by path.
func newestFirst(x, y *entry) int {
	if c := y.gen.Compare(x.gen.Time); c != 0 {
		return c
	}
	if c := y.pub.Compare(x.pub.Time); c != 0 {
		return c
	}
	return cmp.Compare(x.a.Path, y.a.Path)
}

// newestPublishedFirst orders by publication date, newest first, for the
// home page and feeds.
func newestPublishedFirst(x, y *entry) int {
	if c := y.pub.Compare(x.pub.Time); c != 0 {
		return c
	}
	return newestFirst(x, y)
}

// newestPublished returns the first n of entries in newestPublishedFirst
// order (all of them when fewer) without sorting the others: the order is
// total (no two articles share a path), so these are the ones a sort of
// all of them puts first, in the same order.
func newestPublished(entries []*entry, n int) []*entry {
	if n <= 0 {
		return nil
	}
	top := make([]*entry, 0, min(n, len(entries)))
	for _, e := range entries {
		if len(top) == n {
			if newestPublishedFirst(e, top[n-1]) > 0 {
				continue
			}
			top = top[:n-1]
		}
		i, _ := slices.BinarySearchFunc(top, e, newestPublishedFirst)
		top = slices.Insert(top, i, e)
	}
	return top
}

// chineseDate formats a date in the site's time zone as 2025年3月4日.
func (j *job) chineseDate(d article.Date) string {
	return article.ChineseDate(d.Time, j.loc)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
