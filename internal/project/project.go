// Package project opens a repository: gongkai.yaml, every article as the
// loader reads it, the checks over them, the public set and the review
// queue, the bulletin manifests with their findings and the public issues
// the site carries, and what the bulletin and report packages are handed.
// build, check, serve, bulletin, report, status and sign all start from it,
// so they see one set of findings and one public set. A build opens it
// with the previous build's article store (store.go), so that the
// articles whose files did not change are neither read nor checked again.
package project

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"sync"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/bulletin"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
	"gongkai/internal/msg"
	"gongkai/internal/report"
)

// Project is a repository loaded and checked at a moment.
type Project struct {
	FS       fs.FS
	Config   *config.Config
	Articles []*article.Article
	// Findings holds every finding: gongkai.yaml's warnings, the loader's
	// and the rules', sorted.
	Findings diag.List
	Now      time.Time

	// public and withdrawn are Public's and Withdrawn's sets, made once:
	// a build and a serve rebuild ask for them several times.
	public, withdrawn sync.Once
	publicSet         map[*article.Article]bool
	withdrawnSet      map[*article.Article]bool

	// sums holds the digest of each article's normalized file as checked,
	// when the sources were dropped to be read again (Options.Reread).
	sums map[string][sha256.Size]byte
}

var (
	msgReread  = msg.New("project.reread", "读取 %s：%v", "reading %s: %v")
	msgChanged = msg.New("project.changed",
		"%s 在检查之后被修改：为保证发布的内容就是检查过的内容，本次没有写入网站；请在修改保存完毕后重新运行构建",
		"%s changed after it was checked: so that what is published is what was checked, nothing was written; run the build again once the edit is saved")
	msgNoContentShort = msg.New("project.no_content_short", "仓库中没有 content/ 文件夹", "the repository has no content/ folder")
	msgConfigErrors   = msg.New("project.config_errors", "%s 有错误，请先修正", "%s has errors; fix them first")
	msgNoContent      = msg.New("project.no_content",
		"没有 content/ 文件夹：请在仓库根目录运行 gongkai（或用 -C 指定目录），或新建 content/ 文件夹存放稿件",
		"there is no content/ folder: run gongkai in the repository root (or pass -C DIR), or create content/ for the articles")
	msgCannotOpen     = msg.New("project.cannot_open", "无法打开仓库：%w", "cannot open the repository: %w")
	msgManifestErrors = msg.New("project.manifest_errors",
		"简报清单有错误（见上）；请改正，或删除该清单",
		"bulletin manifests have errors (listed above); fix them or remove the manifest")
	msgBulletinPDF = msg.New("project.bulletin_pdf", "--bulletin-pdf：%w", "--bulletin-pdf: %w")
)

// ConfigError is gongkai.yaml failing to load: the command cannot run.
type ConfigError struct{ Findings diag.List }

func (e *ConfigError) Error() string {
	for _, f := range e.Findings {
		if f.Pos.Path == load.ContentDir {
			return msgNoContentShort.F()
		}
	}
	return msgConfigErrors.F(config.FileName)
}

// Options says what a Project keeps.
type Options struct {
	// DropSources forgets each article's Markdown (Article.Src and Body)
	// once the rules about it alone have run, as it is loaded: for a
	// command that reads no article text afterwards (check without
	// --provenance or --changed), so that memory does not grow with the
	// sources of the whole site.
	DropSources bool
	// Reread forgets each article's Markdown as DropSources does, keeping
	// its digest, and Body reads it again when it is needed: a build, which
	// renders each body once and so never holds the sources of the whole
	// site. A file that changed since it was checked is refused, so what is
	// published is what was checked.
	Reread bool
	// Store, when not nil, is the previous build's article store: an
	// article it shows unchanged is taken from it, not read or checked
	// again (see ArticleStore), and the store is made anew for the next
	// build. It implies Reread.
	Store *ArticleStore
}

// Open loads gongkai.yaml and every article and applies the checks.
func Open(fsys fs.FS, now time.Time) (*Project, error) {
	return OpenWith(fsys, now, Options{})
}

// OpenWith is Open with Options. The rules about one article alone run
// as each article is read, on the loader's workers.
func OpenWith(fsys fs.FS, now time.Time, opts Options) (*Project, error) {
	start := time.Now()
	cfgFS := fsys
	var cfgReads *configReads
	if opts.Store != nil {
		opts.Reread = true
		cfgReads = newConfigReads(fsys)
		cfgFS = cfgReads
	}
	cfg, cfgFindings := config.Load(cfgFS)
	if cfg == nil {
		return nil, &ConfigError{cfgFindings}
	}
	if st, err := fs.Stat(fsys, load.ContentDir); err != nil || !st.IsDir() {
		var l diag.List
		l.Errorf(diag.Pos{Path: load.ContentDir}, "GK001", "%s", msgNoContent.F())
		return nil, &ConfigError{append(cfgFindings, l...)}
	}
	var store *storeRun
	if opts.Store != nil {
		opts.Store.begin(cfgReads.digest(), start)
		store = &storeRun{s: opts.Store, fsys: fsys, cfg: cfg}
	}
	var rules *check.Rules
	var mu sync.Mutex
	var sums map[string][sha256.Size]byte
	keepSum := func(p string, sum [sha256.Size]byte) {
		mu.Lock()
		sums[p] = sum
		mu.Unlock()
	}
	drop := func(a *article.Article) {
		if opts.DropSources || opts.Reread && !a.Broken {
			a.Src, a.Body = nil, nil
		}
	}
	lopts := load.Options{
		Paths: func(paths []string) {
			rules = check.NewRules(cfg, fsys, now, paths)
			if opts.Reread {
				sums = make(map[string][sha256.Size]byte, len(paths))
			}
			if store != nil {
				store.begin(rules.Scope(), len(paths))
			}
		},
		Each: func(a *article.Article) {
			rules.Article(a)
			if opts.Reread && !a.Broken && a.Src != nil {
				keepSum(a.Path, sha256.Sum256(a.Src))
			}
			drop(a)
		},
	}
	if store != nil {
		lopts.Each = nil
		lopts.Read = func(p string, d fs.DirEntry) (*article.Article, diag.List) {
			a, l, sum, ok := store.loadArticle(p, d, rules)
			if ok {
				keepSum(p, sum)
			}
			drop(a)
			return a, l
		}
	}
	arts, loaded := load.LoadWith(fsys, cfg, lopts)
	p := assemble(fsys, cfg, cfgFindings, arts, loaded, now, func(f diag.List) diag.List { return rules.Run(arts, f) })
	if opts.Reread {
		p.sums = sums
	}
	return p, nil
}

// Body returns the article's Markdown body: the one loaded, or, when the
// project was opened with Reread, the file read again, refused when its
// bytes are no longer those that were checked.
func (p *Project) Body(a *article.Article) ([]byte, error) {
	sum, ok := p.sums[a.Path]
	if a.Body != nil || !ok {
		return a.Body, nil
	}
	_, body, changed, err := Reread(p.FS, a.Path, sum)
	if err != nil {
		return nil, msgReread.Error(a.Path, err)
	}
	if changed {
		return nil, msgChanged.Error(a.Path)
	}
	return body, nil
}

// Reread reads the article file at path again and returns its normalized
// source and its body; changed reports that the source is no longer the
// one whose SHA-256 is sum (what was checked). Body and serve's preview
// both read an article again this way.
func Reread(fsys fs.FS, path string, sum [sha256.Size]byte) (src, body []byte, changed bool, err error) {
	raw, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, nil, false, err
	}
	src, body = load.Body(raw)
	if sha256.Sum256(src) != sum {
		return nil, nil, true, nil
	}
	return src, body, false, nil
}

// Sum returns the SHA-256 of the article's normalized file as checked,
// when the project was opened with Reread (false otherwise, or for an
// article that was not read whole).
func (p *Project) Sum(a *article.Article) ([sha256.Size]byte, bool) {
	sum, ok := p.sums[a.Path]
	return sum, ok
}

// Assemble checks articles already loaded (serve keeps them between
// rebuilds and re-reads only the changed files): the loader's findings
// count as check's do, so an article the loader found an error in is not
// public, a public article may not link to it (GK050) and it fills no
// section (GK051). It is the one place the findings of a project are put
// together; Open and serve both end here. memo, when not nil, keeps each
// article's own findings for the next Assemble (serve; see check.Memo).
func Assemble(memo *check.Memo, fsys fs.FS, cfg *config.Config, cfgFindings diag.List, arts []*article.Article, loaded diag.List, now time.Time) *Project {
	run := func(f diag.List) diag.List { return check.RunAfterLoad(cfg, arts, f, fsys, now) }
	if memo != nil {
		run = func(f diag.List) diag.List { return memo.Run(cfg, arts, f, fsys, now) }
	}
	return assemble(fsys, cfg, cfgFindings, arts, loaded, now, run)
}

// With returns the project with other articles and findings (serve's
// preview puts an article's last good version in place of one with
// errors): the same repository, configuration and clock.
func (p *Project) With(arts []*article.Article, findings diag.List) *Project {
	return &Project{FS: p.FS, Config: p.Config, Articles: arts, Findings: findings, Now: p.Now}
}

// assemble puts the loader's and gongkai.yaml's findings together with
// those run (the rules) finds given them, sorted once.
func assemble(fsys fs.FS, cfg *config.Config, cfgFindings diag.List, arts []*article.Article, loaded diag.List, now time.Time, run func(diag.List) diag.List) *Project {
	findings := append(append(diag.List{}, loaded...), cfgFindings...)
	findings = append(findings, run(findings)...)
	findings.Sort()
	return &Project{FS: fsys, Config: cfg, Articles: arts, Findings: findings.Dedupe(), Now: now}
}

// RepoFS returns the repository at dir as a file system confined to it:
// reads go through os.Root, so a symlink under content/ (say 议程.pdf →
// /etc/passwd) cannot make a build read, and publish, a file outside the
// repository (a path without any link is opened in one step: repoFS).
func RepoFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, msgCannotOpen.Error(err)
	}
	return newRepoFS(root), nil
}

// OpenDir opens the repository at dir (RepoFS, then Open).
func OpenDir(dir string, now time.Time) (*Project, error) {
	return OpenDirWith(dir, now, Options{})
}

// OpenDirWith is OpenDir with Options.
func OpenDirWith(dir string, now time.Time, opts Options) (*Project, error) {
	fsys, err := RepoFS(dir)
	if err != nil {
		return nil, err
	}
	return OpenWith(fsys, now, opts)
}

// Bulletins hands the loaded, checked project to the bulletin package.
func (p *Project) Bulletins() *bulletin.Source {
	return &bulletin.Source{FS: p.FS, Config: p.Config, Articles: p.Articles, Findings: p.Findings, Public: p.Public(), Now: p.Now}
}

// Reports hands the loaded, checked project to the report package: the
// articles and the public set (report never loads or checks).
func (p *Project) Reports() *report.Source {
	return &report.Source{Config: p.Config, Articles: p.Articles, Public: p.Public(), Now: p.Now}
}

// ManifestError is a bulletin manifest with errors: the public issues
// cannot be rendered, and the site is not built. Findings says why.
type ManifestError struct{ Findings diag.List }

func (e *ManifestError) Error() string { return msgManifestErrors.F() }

// BulletinSite renders every public bulletin issue that has a manifest
// dated by now, and the archive page, as site files by site path (see
// bulletin.Source.Site); with pdf, each issue's PDF too (needs Chromium).
// A manifest with errors is a *ManifestError. build and serve put these
// files into the site, so the bulletins are part of every site a project
// renders.
func (p *Project) BulletinSite(ctx context.Context, pdf bool) (map[string][]byte, error) {
	src := p.Bulletins()
	issues, findings := src.PublicIssues()
	if findings.HasErrors() {
		return nil, &ManifestError{findings}
	}
	for _, is := range issues {
		for _, a := range is.Articles {
			body, err := p.Body(a)
			if err != nil {
				return nil, err
			}
			a.Body = body
		}
	}
	var chrome *bulletin.Chrome
	if pdf && len(issues) > 0 {
		c, err := bulletin.FindChrome()
		if err != nil {
			return nil, msgBulletinPDF.Error(err)
		}
		chrome = c
	}
	return src.Site(ctx, issues, chrome)
}

// ManifestFindings checks every bulletin manifest in content/bulletins/,
// public and internal: its keys, numbering and articles (GK070, GK071).
// The articles of an issue dated after now need not be published yet
// (see bulletin.Source.CheckManifest).
func (p *Project) ManifestFindings() diag.List {
	src := p.Bulletins()
	ms, l := bulletin.LoadManifests(src.FS, src.Config)
	for _, m := range ms {
		l = append(l, src.CheckManifest(m)...)
	}
	return l
}

// Public returns the published articles: eligible by their front matter and
// without an error finding (check.Public, the one definition).
// The set is made once; callers must not modify it.
func (p *Project) Public() map[*article.Article]bool {
	p.public.Do(func() { p.publicSet = check.Public(p.Config, p.Articles, p.Findings, p.Now) })
	return p.publicSet
}

// Withdrawn returns the withdrawn articles that keep their URL with the
// notice: published before the withdrawal, and without an error finding
// (with --keep-going an article with errors is left out whole).
// The set is made once; callers must not modify it.
func (p *Project) Withdrawn() map[*article.Article]bool {
	p.withdrawn.Do(func() { p.withdrawnSet = check.WithdrawnPages(p.Config, p.Articles, p.Findings, p.Now) })
	return p.withdrawnSet
}

// Pending returns the review queue.
func (p *Project) Pending() []check.Pending {
	return check.Queue(p.Config, p.Articles, p.Findings, p.Now)
}
