// Package build puts the stages together: load → check → render → write.
// It is the one place where the pipeline reads top to bottom; the project
// it builds is opened by internal/project, as check, serve, bulletin and
// report open theirs. It owns the build's options and the rule of where a
// site may be written (never over the repository, content/, templates/ or
// .git).
package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/render"
	"gongkai/internal/write"
)

// Options configures one build.
type Options struct {
	Dir       string    // the repository root
	Out       string    // the output folder; relative paths are under Dir
	Now       time.Time // the build time: entries dated later are not yet published
	BaseURL   string    // overrides site.base_url (project sites live under /REPO/)
	KeepGoing bool      // leave out articles with errors instead of stopping
	// Progress, when set, is told each phase as it ends (a terminal shows
	// it; CI logs do not need it).
	Progress func(format string, args ...any)
	// BulletinPDF also prints each public bulletin issue to PDF (needs
	// Chromium); the issues themselves are always part of the site.
	BulletinPDF bool
	// Pending is for serve only: preview articles in review. Run clears
	// it, so such pages never reach site/.
	Pending bool
	// SkipBrokenBulletins is for serve only: a bulletin manifest with errors
	// leaves the bulletins out of the site instead of stopping Render, which
	// returns the site with the *project.ManifestError, so that one broken
	// manifest does not freeze the preview. Run clears it.
	SkipBrokenBulletins bool
}

// Result is what a build did.
type Result struct {
	Project *project.Project
	Files   int // files in the new site
	// Written counts the files written; the others are hard links to the
	// previous build's identical files.
	Written int
	// Reused counts the pages taken from the previous build without
	// executing their templates (pages.go).
	Reused int
	// Unread counts the articles taken from the previous build's article
	// store without reading their files (project.ArticleStore).
	Unread int
	Public int // public articles
	// Warnings are problems that did not stop the build (the previous
	// site's copy could not be deleted).
	Warnings []string
}

// ErrFindings means check found errors and the build stopped; the findings
// are in Result.Project.Findings.
var ErrFindings = msg.New("build.findings",
	"检查发现错误，没有写入任何文件（加 --keep-going 可跳过有错误的稿件继续构建）",
	"check found errors; nothing was written (use --keep-going to leave those articles out)").Sentinel()

var (
	msgChecked      = msg.New("build.checked", "已检查 %d 篇稿件：%d 个错误，%d 条警告（%.2f 秒）", "checked %d {article|articles}: %d {error|errors}, %d {warning|warnings} (%.2fs)")
	msgRendered     = msg.New("build.rendered", "已生成 %d 个文件（%.2f 秒）", "rendered %d {file|files} (%.2fs)")
	msgWrote        = msg.New("build.wrote", "已写入 %s（%.2f 秒）", "wrote %s (%.2fs)")
	msgOutIsRepo    = msg.New("build.out_is_repo", "输出文件夹 %s 会覆盖仓库本身，请用 -o 另选一个", "output folder %s would replace the repository; choose another -o")
	msgOutInside    = msg.New("build.out_inside", "输出文件夹 %s 在 %s/ 之内，请用 -o 另选一个", "output folder %s is inside %s/; choose another -o")
	msgRenderFailed = msg.New("build.render_failed", "生成网站：%w", "render: %w")
	msgWriteFailed  = msg.New("build.write_failed", "写入网站：%w", "write: %w")
)

// Run checks the repository, renders the site in memory and writes it
// atomically to the output folder: load → check → render → write.
func Run(ctx context.Context, opts Options) (*Result, error) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	start := time.Now()
	// The output folder is resolved first, for the article store beside
	// it; a folder refused is reported after the findings, as ever.
	out, outErr := outputDir(opts.Dir, opts.Out)
	var arts *project.ArticleStore
	var artsFile string
	if outErr == nil {
		artsFile = articleStoreFile(out)
		arts = readArticleStore(artsFile)
	}
	// The sources are read again as each page is made (their digests
	// checked), so the build never holds the Markdown of the whole site.
	p, err := project.OpenDirWith(opts.Dir, opts.Now, project.Options{Reread: true, Store: arts})
	if err != nil {
		return nil, err
	}
	e, w := p.Findings.Count()
	progress("%s", msgChecked.F(len(p.Articles), e, w, time.Since(start).Seconds()))
	res := &Result{Project: p}
	if p.Findings.HasErrors() && !opts.KeepGoing {
		return res, ErrFindings
	}
	if outErr != nil {
		return res, &OutputError{msg.Cause(outErr).Error()}
	}
	opts.Pending, opts.SkipBrokenBulletins = false, false
	start = time.Now()
	unlock, err := lockOutput(out)
	if err != nil {
		return res, msgWriteFailed.Error(err)
	}
	defer unlock()
	wr, err := write.Begin(out)
	if err != nil {
		return res, msgWriteFailed.Error(err)
	}
	var writeErr error
	var once sync.Once
	sink := func(path string, data []byte) error {
		err := wr.Put(path, data)
		if err != nil {
			once.Do(func() { writeErr = err })
		}
		return err
	}
	res.Public = len(p.Public())
	program, pagesFile := programID(), pageStoreFile(wr.Dir())
	pages := readPageStore(pagesFile, program)
	var reused atomic.Int64
	reuse := func(path string, sum [32]byte) (bool, error) {
		ok, err := wr.Reuse(path, sum)
		if ok {
			reused.Add(1)
		}
		return ok, err
	}
	if err := stream(ctx, p, opts, sink, pages, reuse, wr.Previous); err != nil {
		wr.Abort()
		if writeErr != nil {
			return res, msgWriteFailed.Error(writeErr)
		}
		return res, msgRenderFailed.Error(err)
	}
	if err := ctx.Err(); err != nil {
		wr.Abort()
		return res, err
	}
	st := wr.Stats()
	progress("%s", msgRendered.F(st.Written+st.Linked, time.Since(start).Seconds()))
	// The stores are encoded while the new site is switched in and the
	// previous one removed, and written once the new one is in place.
	encoded := make(chan storeBytes, 1)
	go func() { encoded <- encodeStores(pages, arts, program, wr.Sum) }()
	var left *write.LeftoverError
	if err := wr.Commit(); errors.As(err, &left) {
		res.Warnings = append(res.Warnings, left.Error())
	} else if err != nil {
		return res, msgWriteFailed.Error(err)
	}
	stores := <-encoded
	savePageStore(pagesFile, stores.pages)
	saveArticleStore(artsFile, stores.articles)
	progress(msgWrote.T(), out, time.Since(start).Seconds())
	res.Files, res.Written = st.Written+st.Linked+2, st.Written // +2: write.Marker and the manifest
	res.Reused = int(reused.Load())
	res.Unread = arts.Unread()
	return res, nil
}

// stream renders the site file by file into sink, dropping each article's
// Markdown once its page is rendered (nothing after render needs it); a
// page the previous build made from the same key is reused, and an
// unchanged body whose page is reused is not rendered (pages.go); previous
// reads the previous build's files for the search index to start from.
func stream(ctx context.Context, p *project.Project, opts Options, sink func(string, []byte) error,
	pages *render.PageStore, reuse func(string, [32]byte) (bool, error), previous func(string) ([]byte, bool)) error {
	return RenderTo(ctx, render.NewRenderer(), p, opts, Stream{
		Sink: sink, DropSources: true, Body: p.Body,
		Pages: pages, Reuse: reuse, Sum: p.Sum, Previous: previous,
	})
}

// Stream is where RenderTo hands the files and what it starts from: the
// render.Input fields of the same names (Sink, DropSources, Body, Pages,
// Reuse, Sum, Previous).
type Stream struct {
	Sink        func(path string, data []byte) error
	DropSources bool
	Body        func(*article.Article) ([]byte, error)
	Pages       *render.PageStore
	Reuse       func(path string, sum [32]byte) (bool, error)
	Sum         func(*article.Article) ([32]byte, bool)
	Previous    func(path string) ([]byte, bool)
}

// RenderTo renders the project's public site file by file through s.Sink
// with r (whose parsed templates serve keeps between rebuilds): a build
// streams to its output folder this way, serve to its private spool. With
// opts.SkipBrokenBulletins a manifest with errors leaves the bulletins out
// and is returned, a *project.ManifestError, after a render that
// succeeded, as Render does.
func RenderTo(ctx context.Context, r *render.Renderer, p *project.Project, opts Options, s Stream) error {
	in, err := input(ctx, p, opts)
	var me *project.ManifestError
	if err != nil && !(opts.SkipBrokenBulletins && errors.As(err, &me)) {
		return err
	}
	in.Sink, in.DropSources, in.Body = s.Sink, s.DropSources, s.Body
	in.Pages, in.Reuse, in.Sum, in.Previous = s.Pages, s.Reuse, s.Sum, s.Previous
	if _, rerr := r.Render(in); rerr != nil {
		return rerr
	}
	return err
}

// OutputError is an output folder a build refuses to write: the repository
// or its sources, or a folder of files gongkai did not write.
type OutputError struct{ Msg string }

func (e *OutputError) Error() string { return e.Msg }

// Render renders the project's public site in memory with r, which serve
// keeps between rebuilds so that unchanged bodies are not rendered again:
// the articles and the public bulletin issues (project.BulletinSite; a
// manifest with errors is a *project.ManifestError).
func Render(ctx context.Context, r *render.Renderer, p *project.Project, opts Options) (render.Site, error) {
	in, err := input(ctx, p, opts)
	var me *project.ManifestError
	if err != nil && !(opts.SkipBrokenBulletins && errors.As(err, &me)) {
		return nil, err
	}
	site, rerr := r.Render(in)
	if rerr != nil {
		return nil, rerr
	}
	return site, err
}

// input is the render input of the project's public site.
func input(ctx context.Context, p *project.Project, opts Options) (render.Input, error) {
	in := render.Input{
		Config:    p.Config,
		Articles:  p.Articles,
		Public:    p.Public(),
		Withdrawn: p.Withdrawn(),
		Content:   p.FS,
		Templates: templatesFS(opts.Dir),
		Now:       p.Now,
		BaseURL:   opts.BaseURL,
		Pending:   opts.Pending,
	}
	if opts.Pending {
		in.InReview = inReview(p)
	}
	extra, err := p.BulletinSite(ctx, opts.BulletinPDF)
	in.Extra = extra
	return in, err
}

// inReview is what serve --pending previews: the review queue of gongkai
// status (project.Pending), without rejected or withdrawn articles.
func inReview(p *project.Project) map[*article.Article]bool {
	queued := map[string]bool{}
	for _, q := range p.Pending() {
		queued[q.Path] = true
	}
	out := map[*article.Article]bool{}
	for _, a := range p.Articles {
		if queued[a.Path] && a.Previewable(p.Config, p.Now) {
			out[a] = true
		}
	}
	return out
}

// templatesFS returns templates/ of the repository, or nil. Reads are
// confined to the folder (os.Root); the renderer refuses symbolic links in
// it, so no link to /etc/hostname or to an internal article is copied into
// assets/.
func templatesFS(dir string) fs.FS {
	t := filepath.Join(dir, "templates")
	if st, err := os.Lstat(t); err != nil || !st.IsDir() {
		return nil
	}
	root, err := os.OpenRoot(t)
	if err != nil {
		return nil
	}
	return root.FS()
}

// outputDir resolves the output folder and refuses places a build must
// never replace: the repository itself, content/, templates/, or a parent.
func outputDir(dir, out string) (string, error) {
	if out == "" {
		out = "site"
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(dir, out)
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	// A symbolic link (site → the web server's folder) is followed: its
	// target is what the build replaces, so the target is what is checked.
	for _, o := range resolved(absOut) {
		if Within(absDir, o) {
			return "", msgOutIsRepo.Error(out)
		}
		for _, keep := range []string{"content", "templates", ".git"} {
			if k := filepath.Join(absDir, keep); Within(o, k) {
				return "", msgOutInside.Error(out, keep)
			}
			if k, err := filepath.EvalSymlinks(filepath.Join(absDir, keep)); err == nil && Within(o, k) {
				return "", msgOutInside.Error(out, keep)
			}
		}
	}
	if err := write.Replaceable(absOut); err != nil {
		return "", err
	}
	return absOut, nil
}

// resolved returns the path and, when it or a parent is a symbolic link,
// the path it resolves to.
func resolved(p string) []string {
	out := []string{p}
	if r, err := filepath.EvalSymlinks(p); err == nil && r != p {
		out = append(out, r)
	}
	return out
}
