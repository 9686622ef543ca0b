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
	c := newChecker(cfg, arts, fsys, now)
	for _, a := range arts {
		if !a.Broken {
			c.article(a)
		}
	}
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
	return Public(c.cfg, c.arts, slices.Concat(loaded, c.l), c.now)
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
	people map[string]*config.Person
	depts  map[string]*config.Department
	cats   map[string]bool
	kinds  map[string]*config.Kind
	levels map[string]bool
	forms  map[string]bool
	// links holds each article's links to other articles, for the rule that
	// needs every article's findings first (a public article links only to
	// public ones).
	links map[*article.Article][]articleLink
	// maySignCache caches config.MaySign, which walks every person.
	maySignCache map[signerKey][]string
	// unknown holds the years deadlines ran into that the calendar does
	// not know, for one warning per year.
	unknown map[int]unknownYear
	l       diag.List
}

type signerKey struct {
	step       *config.Step
	department string
	important  bool
}

// maySign is cfg.MaySign, cached.
func (c *checker) maySign(s *config.Step, department string, important bool) []string {
	k := signerKey{s, department, important}
	names, ok := c.maySignCache[k]
	if !ok {
		names = c.cfg.MaySign(s, department, important)
		c.maySignCache[k] = names
	}
	return names
}

func newChecker(cfg *config.Config, arts []*article.Article, fsys fs.FS, now time.Time) *checker {
	c := &checker{
		cfg: cfg, fsys: fsys, now: now, arts: arts,
		byPath: make(map[string]*article.Article, len(arts)),
		people: map[string]*config.Person{}, depts: map[string]*config.Department{},
		cats: map[string]bool{}, kinds: map[string]*config.Kind{},
		levels: map[string]bool{}, forms: map[string]bool{},
		links:        map[*article.Article][]articleLink{},
		maySignCache: map[signerKey][]string{},
		unknown:      map[int]unknownYear{},
	}
	for _, a := range arts {
		c.byPath[a.Path] = a
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
