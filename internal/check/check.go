// Package check applies gongkai's rules (GK002–GK052) to loaded articles and
// lists the articles still in review.
//
// The loader (internal/load) already reports what it cannot read: GK001
// unreadable front matter, GK002 unknown keys and wrong types, GK043
// impossible dates. A Broken article has no usable front matter, so no rule
// here looks at it. Every other rule lives here, one file per family:
//
//	fields.go    GK002 required fields, GK003 undeclared names
//	chain.go     GK010–GK015 the review chain: signers, order, disclosure
//	deadlines.go GK020 entry deadline, GK021 reporting deadline (迟报)
//	secrecy.go   GK030 secrecy terms in the text
//	numbers.go   GK040 索引号, GK041 URL collisions, GK042 文号, GK043 offsets
//	links.go     GK050 links, attachments, superseding articles
//	interpret.go GK050 interprets:, GK052 a policy without its 政策解读
//	sections.go  GK051 empty sections (空白栏目)
package check

import (
	"io/fs"
	"slices"
	"sync"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// RunAfterLoad applies every rule to the articles. fsys is the repository
// (for attachments and link targets); now is the clock for deadline rules.
// It takes the loader's findings into account: an article the loader
// found an error in is not public, so a public article may not link to it
// (GK050) and it does not fill a section (GK051). It returns only the
// findings of the rules, sorted.
func RunAfterLoad(cfg *config.Config, arts []*article.Article, loaded diag.List, fsys fs.FS, now time.Time) diag.List {
	paths := make([]string, len(arts))
	for i, a := range arts {
		paths[i] = a.Path
	}
	return NewRules(cfg, fsys, now, paths).Run(arts, loaded)
}

// Rules applies the rules in two parts, so that a loader can check each
// article as it reads it and then forget its text: Article applies the
// rules about one article alone (the only ones that read its source and
// body), Run the rest.
type Rules struct {
	c     *checker
	paths []string
	mu    sync.Mutex
	done  map[*article.Article]*articleResult
}

// articleResult is what the rules about one article alone found: their
// findings, in the order found, the links to other articles, and the
// unknown calendar years its deadlines ran into.
type articleResult struct {
	findings diag.List
	links    []articleLink
	unknown  map[int]unknownYear
}

var nothingFound = &articleResult{}

// NewRules prepares the rules for the articles at paths (every Markdown
// file under content/, readable or not: a link to one of them is a link to
// an article).
func NewRules(cfg *config.Config, fsys fs.FS, now time.Time, paths []string) *Rules {
	return &Rules{c: newChecker(cfg, paths, fsys, now), paths: paths, done: make(map[*article.Article]*articleResult, len(paths))}
}

// Article applies the rules about a alone (none when it is Broken). It is
// safe for concurrent use. Once it returned, Run needs neither a.Src nor
// a.Body.
func (r *Rules) Article(a *article.Article) {
	if a.Broken {
		return
	}
	r.keep(a, r.c.articleResult(a))
}

// Run applies every rule to arts (the articles at the paths NewRules was
// given, in order), reusing what Article found, and returns the findings
// of the rules, sorted (see RunAfterLoad).
func (r *Rules) Run(arts []*article.Article, loaded diag.List) diag.List {
	c := r.c
	c.arts = arts
	for _, a := range arts {
		c.byPath[a.Path] = a
	}
	for _, a := range arts {
		if a.Broken {
			continue
		}
		res := r.done[a]
		if res == nil {
			res = c.articleResult(a)
		}
		c.l = append(c.l, res.findings...)
		if len(res.links) > 0 {
			c.links[a] = res.links
		}
		for y, u := range res.unknown {
			seen, ok := c.unknown[y]
			if !ok || u.at.Before(seen.at) {
				seen.at, seen.id = u.at, u.id
			}
			seen.articles += u.articles
			c.unknown[y] = seen
		}
	}
	r.done = nil
	c.indexNumbers()
	c.urls()
	c.sharedAttachments()
	c.articleLinks(loaded)
	c.sections(loaded)
	c.interpretations(loaded)
	c.unknownYearWarnings()
	c.l.Sort()
	return c.l.Dedupe()
}

// Public returns the articles that are public at now — the public set,
// defined here only: the front matter allows publication
// (article.Eligible) and findings hold no error for the file
// (diag.List.ErrorPaths). findings should hold the loader's and the rules'.
func Public(cfg *config.Config, arts []*article.Article, findings diag.List, now time.Time) map[*article.Article]bool {
	return withoutErrors(arts, findings, func(a *article.Article) bool { return a.Eligible(cfg, now) })
}

// publicSet is Public over the findings so far: the loader's and the rules'
// run before the caller.
func (c *checker) publicSet(loaded diag.List) map[*article.Article]bool {
	return withoutErrors(c.arts, slices.Concat(loaded, c.l), c.eligible)
}

// eligible is a.Eligible at the checker's clock, worked out once per
// article: several rules over all articles ask it. Only the run's checker
// asks (the rules over several articles), not the copies of articleResult.
func (c *checker) eligible(a *article.Article) bool {
	e, ok := c.eligibleAt[a]
	if !ok {
		if c.eligibleAt == nil {
			c.eligibleAt = map[*article.Article]bool{}
		}
		e = a.Eligible(c.cfg, c.now)
		c.eligibleAt[a] = e
	}
	return e
}

// WithdrawnPages returns the withdrawn articles whose URL keeps the
// withdrawal notice (article.WithdrawnPage) and whose file has no error.
func WithdrawnPages(cfg *config.Config, arts []*article.Article, findings diag.List, now time.Time) map[*article.Article]bool {
	return withoutErrors(arts, findings, func(a *article.Article) bool { return a.WithdrawnPage(cfg, now) })
}

// withoutErrors returns the articles that keep holds for and whose file has
// no error finding.
func withoutErrors(arts []*article.Article, findings diag.List, keep func(*article.Article) bool) map[*article.Article]bool {
	bad := findings.ErrorPaths()
	out := map[*article.Article]bool{}
	for _, a := range arts {
		if !bad[a.Path] && keep(a) {
			out[a] = true
		}
	}
	return out
}

// checker holds the configuration's names in maps, so each rule looks a
// name up once, and collects the findings.
type checker struct {
	cfg    *config.Config
	fsys   fs.FS
	now    time.Time
	arts   []*article.Article
	byPath map[string]*article.Article
	// isArticle holds every article's path, known before the articles are
	// (the rules about one article alone look other articles up in it).
	isArticle map[string]bool
	people    map[string]*config.Person
	depts     map[string]*config.Department
	cats      map[string]bool
	kinds     map[string]*config.Kind
	levels    map[string]bool
	forms     map[string]bool
	// links holds each article's links to other articles, for the rule that
	// needs every article's findings first (a public article links only to
	// public ones).
	links map[*article.Article][]articleLink
	// maySignCache caches config.MaySign, which walks every person; the
	// rules about single articles run concurrently.
	maySignMu    sync.Mutex
	maySignCache map[signerKey][]string
	// unknown holds the years deadlines ran into that the calendar does
	// not know, for one warning per year.
	unknown map[int]unknownYear
	l       diag.List
	// parent is the run's checker when this one is the copy that applies
	// the rules about one article alone (see articleResult).
	parent *checker
	// eligibleAt caches eligible.
	eligibleAt map[*article.Article]bool
}

type signerKey struct {
	step       *config.Step
	department string
	important  bool
}

// maySign is cfg.MaySign, cached.
func (c *checker) maySign(s *config.Step, department string, important bool) []string {
	k := signerKey{s, department, important}
	c.shared().maySignMu.Lock()
	defer c.shared().maySignMu.Unlock()
	cache := c.shared().maySignCache
	names, ok := cache[k]
	if !ok {
		names = c.cfg.MaySign(s, department, important)
		cache[k] = names
	}
	return names
}

func newChecker(cfg *config.Config, paths []string, fsys fs.FS, now time.Time) *checker {
	c := &checker{
		cfg: cfg, fsys: fsys, now: now,
		byPath:    make(map[string]*article.Article, len(paths)),
		isArticle: make(map[string]bool, len(paths)),
		people:    map[string]*config.Person{}, depts: map[string]*config.Department{},
		cats: map[string]bool{}, kinds: map[string]*config.Kind{},
		levels: map[string]bool{}, forms: map[string]bool{},
		links:        map[*article.Article][]articleLink{},
		maySignCache: map[signerKey][]string{},
		unknown:      map[int]unknownYear{},
	}
	for _, p := range paths {
		c.isArticle[p] = true
	}
	for i := range cfg.People {
		c.people[cfg.People[i].Name] = &cfg.People[i]
	}
	for i := range cfg.Departments {
		c.depts[cfg.Departments[i].Name] = &cfg.Departments[i]
	}
	for _, n := range cfg.Categories {
		c.cats[n] = true
	}
	for i := range cfg.Kinds {
		c.kinds[cfg.Kinds[i].Name] = &cfg.Kinds[i]
	}
	for _, n := range cfg.Scoring.Levels {
		c.levels[n] = true
	}
	for n := range cfg.Scoring.Forms {
		c.forms[n] = true
	}
	return c
}

// articleResult applies the rules about a alone on a copy of c that
// collects the findings, links and unknown years apart, so that articles
// can be checked concurrently and their results joined in file order.
func (c *checker) articleResult(a *article.Article) *articleResult {
	return c.articleResultIn(a, c.fsys)
}

// articleResultIn is articleResult reading the repository's files through
// fsys (Memo notes what they read).
func (c *checker) articleResultIn(a *article.Article, fsys fs.FS) *articleResult {
	res := &articleResult{}
	w := &checker{
		cfg: c.cfg, fsys: fsys, now: c.now, isArticle: c.isArticle,
		people: c.people, depts: c.depts, cats: c.cats, kinds: c.kinds, levels: c.levels, forms: c.forms,
		links: map[*article.Article][]articleLink{}, unknown: map[int]unknownYear{},
		parent: c,
	}
	w.article(a)
	res.findings, res.links = w.l, w.links[a]
	if len(w.unknown) > 0 {
		res.unknown = w.unknown
	}
	return res
}

// shared is the checker whose caches the copies of articleResult share.
func (c *checker) shared() *checker {
	if c.parent != nil {
		return c.parent
	}
	return c
}

// article applies the rules about one article alone.
func (c *checker) article(a *article.Article) {
	c.required(a)
	c.body(a)
	c.bodyDepth(a)
	c.names(a)
	c.stepFields(a)
	c.signers(a)
	c.order(a)
	c.disclosure(a)
	c.deadlines(a)
	c.secrecyTerms(a)
	c.unreadAttachments(a)
	c.indexNumberFormat(a)
	c.docNumber(a)
	c.offsets(a)
	c.fileLinks(a)
	c.withdrawal(a)
	c.validity(a)
	c.interprets(a)
}
