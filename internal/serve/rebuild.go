package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sync/atomic"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/render"
)

// served is one rendered site, its files in the spool, and its version;
// pages carry the version in the live-reload script, so a page older than
// the site reloads.
type served struct {
	site    siteIndex
	file    *os.File // the spool file the site's bytes are in
	version int
}

// builder turns batches of changes into sites. Only one goroutine calls
// rebuild at a time (Start, then the watcher); handlers read current.
type builder struct {
	src *source
	r   *render.Renderer // keeps the parsed templates
	// spool holds the files of the site served (spool.go), pages the keys
	// of its pages and the facts of its bodies, so that a rebuild executes
	// the templates of the pages whose data changed and renders the bodies
	// that changed only.
	spool *spool
	pages *render.PageStore
	opts  build.Options // Dir, BaseURL and Pending; the live script is added when a page is served
	now   func() time.Time
	log   io.Writer
	hub   *hub
	// good holds each file's last version that had no error finding: while
	// an article has errors, its last good page stays in the preview.
	good    map[string]*loaded
	version int
	current atomic.Pointer[served]
	builds  atomic.Int64 // renders done, for tests
}

// liveScript is the tag put before </body> of every page in serve mode.
func liveScript(version int) string {
	return fmt.Sprintf(`<script src="/_gongkai/live.js" data-version="%d"></script>`, version)
}

// renderGood renders p, as it returns, with the last good versions of the articles that
// have errors (withLastGood). A good version whose Markdown is needed but
// gone (its file holds the version with errors now, and the preview keeps
// no Markdown) is left out, as an article with errors and no good version
// is.
func (b *builder) renderGood(p *project.Project) (*project.Project, siteIndex, error) {
	// The rules have read the Markdown: it is dropped now, before the
	// render, which reads each body it needs again (as a build does).
	for _, a := range p.Articles {
		a.Src, a.Body = nil, nil
	}
	for {
		rp, files := b.withLastGood(p)
		site, err := b.render(rp, files)
		var gone *goodGone
		if !errors.As(err, &gone) {
			return rp, site, err
		}
		delete(b.good, gone.path)
	}
}

// goodGone is the last good version of an article whose Markdown is gone.
type goodGone struct{ path string }

func (e *goodGone) Error() string { return e.path }

// render renders the project into the spool, reusing the pages and bodies
// of the site served, and returns the new site's index; files gives the
// file each article was read from. A failed render leaves the site served
// and the page store as they were.
func (b *builder) render(p *project.Project, files func(*article.Article) *loaded) (siteIndex, error) {
	if b.spool == nil {
		sp, err := newSpool()
		if err != nil {
			return nil, err
		}
		b.spool, b.pages = sp, render.NewPageStore()
	}
	sum := func(a *article.Article) ([32]byte, bool) {
		if f := files(a); f != nil && f.whole {
			return f.sum, true
		}
		return [32]byte{}, false
	}
	body := func(a *article.Article) ([]byte, error) {
		f := files(a)
		if f == nil {
			return a.Body, nil
		}
		_, body, err := b.src.markdown(f)
		if errors.Is(err, errChangedSince) && b.src.files[a.Path] != f {
			return nil, &goodGone{a.Path}
		}
		if err != nil {
			return nil, msgChangedSince.Error(a.Path)
		}
		return body, nil
	}
	if err := bulletinBodies(p, body); err != nil {
		return nil, err
	}
	var last siteIndex
	if cur := b.current.Load(); cur != nil {
		last = cur.site
	}
	run := b.spool.run(last)
	pages := b.pages
	err := build.RenderTo(context.Background(), b.r, p, b.opts, build.Stream{
		Sink: run.sink, Pages: pages, Reuse: run.reuse, Sum: sum, Previous: run.previous,
		DropSources: true, Body: body,
	})
	var me *project.ManifestError
	if err != nil && !errors.As(err, &me) {
		b.pages = pages.Retry()
		if _, _, kerr := b.spool.keepOnly(last); kerr != nil {
			fmt.Fprintln(b.log, kerr)
		}
		return nil, err
	}
	b.pages = pages.Next(run.sum)
	return run.next, err
}

var msgChangedSince = msg.New("serve.changed_since",
	"%s 在生成预览期间又被修改，预览随后自动更新",
	"%s changed while the preview was made; it updates by itself next")

// bulletinBodies gives their Markdown back to the articles of the public
// bulletin issues, which the bulletins print (project.BulletinSite reads
// Article.Body). A manifest with errors is left to the render to report.
func bulletinBodies(p *project.Project, body func(*article.Article) ([]byte, error)) error {
	issues, findings := p.Bulletins().PublicIssues()
	if findings.HasErrors() {
		return nil
	}
	for _, is := range issues {
		for _, a := range is.Articles {
			if a.Body != nil || a.Broken {
				continue
			}
			data, err := body(a)
			if err != nil {
				return err
			}
			a.Body = data
		}
	}
	return nil
}

// serve makes site the one served, as version.
func (b *builder) serve(site siteIndex, version int) {
	site, file, err := b.spool.keepOnly(site)
	if err != nil { // the spool could not be compacted: it stays as it was
		fmt.Fprintln(b.log, err)
	}
	b.current.Store(&served{site, file, version})
}

// close removes the spool, when there is one.
func (b *builder) close() error {
	if b.spool == nil {
		return nil
	}
	return b.spool.remove()
}

// rebuild loads what changed, checks and renders. A check error or a render
// error leaves the last good site served and is shown on every open page.
func (b *builder) rebuild(c changes) error {
	start := time.Now()
	if c.config {
		b.good = map[string]*loaded{}
	}
	p, changed, err := b.src.load(c, b.now())
	var ce *project.ConfigError
	if errors.As(err, &ce) {
		if b.version > 0 { // a running preview; Start reports it otherwise
			ce.Findings.Sort()
			b.fail(c, start, ce.Findings.Dedupe())
		}
		return err
	}
	if !changed && !c.templates && !c.assets && b.current.Load() != nil {
		return nil
	}
	b.version++
	rp, site, err := b.renderGood(p)
	b.builds.Add(1)
	var me *project.ManifestError
	manifest := errors.As(err, &me)
	if err != nil && !manifest {
		problems := diag.List{{Severity: diag.Error, Msg: msg.Cause(err).Error()}}
		if me != nil {
			problems = append(problems, me.Findings.Errors()...)
		}
		b.fail(c, start, append(problems, p.Findings.Errors()...))
		return err
	}
	b.remember(p)
	b.serve(site, b.version)
	problems := p.Findings.Errors()
	if me != nil { // the site is up to date without its bulletins
		problems = append(me.Findings.Errors(), problems...)
	}
	b.hub.publish(state{Version: b.version, Problems: shown(problems)})
	_, warnings := p.Findings.Count()
	fmt.Fprintln(b.log, logLine(c, start, msgRebuilt.F(len(rp.Public()), len(site), time.Since(start).Seconds(), len(problems), warnings)))
	writeCapped(b.log, problems)
	return nil
}

var (
	msgRebuilt = msg.New("serve.rebuilt",
		"已生成 %d 篇公开稿件、%d 个文件，用时 %.2f 秒；%d 个错误，%d 条警告",
		"built %d public {article|articles}, %d {file|files} in %.2fs; %d {error|errors}, %d {warning|warnings}")
	msgNotUpdated = msg.New("serve.not_updated",
		"预览未更新（用时 %.2f 秒），请修正以下错误：",
		"the preview was not updated (%.2fs):")
	msgChanged  = msg.New("serve.changed", "%s 有改动：", "%s changed: ")
	msgAndMore  = msg.New("serve.and_more", "%s 等 %d 个文件", "%s and %d more {file|files}")
	msgMoreLeft = msg.New("serve.more_left", "……另有 %d 个错误，运行 gongkai check 查看全部", "… and %d more (run gongkai check)")
)

// logLine starts a log line with the time and the files that changed:
// "[15:04:05] content/2025/a.md 有改动：已生成 …".
func logLine(c changes, start time.Time, text string) string {
	head := "[" + start.Format("15:04:05") + "] "
	if len(c.files) == 0 {
		return head + text
	}
	files := slices.Sorted(maps.Keys(c.files))
	const most = 3
	named := msg.List(files)
	if len(files) > most {
		named = msgAndMore.F(msg.List(files[:most]), len(files)-most)
	}
	return head + msgChanged.F(named) + text
}

// fail shows the problems on every open page and keeps the site served.
func (b *builder) fail(c changes, start time.Time, problems diag.List) {
	v := 0
	if cur := b.current.Load(); cur != nil {
		v = cur.version
	}
	b.hub.publish(state{Version: v, Problems: shown(problems)})
	fmt.Fprintln(b.log, logLine(c, start, msgNotUpdated.F(time.Since(start).Seconds())))
	writeCapped(b.log, problems)
}

// withLastGood returns the project to render, and the file each of its
// articles was read from: an article with an error finding is replaced by
// its last version without one, when there is one, so the page being
// edited stays in the preview under the error overlay. Articles with
// errors and no good version are left out, as build --keep-going does.
func (b *builder) withLastGood(p *project.Project) (*project.Project, func(*article.Article) *loaded) {
	bad := p.Findings.ErrorPaths()
	swapped := map[string]*loaded{}
	arts := slices.Clone(p.Articles)
	for i, a := range arts {
		if g := b.good[a.Path]; bad[a.Path] && g != nil {
			arts[i], swapped[a.Path] = g.art, g
		}
	}
	files := func(a *article.Article) *loaded {
		f := b.src.files[a.Path]
		if g := swapped[a.Path]; g != nil {
			f = g
		}
		if f == nil || f.art != a {
			return nil
		}
		return f
	}
	if len(swapped) == 0 {
		return p, files
	}
	var kept diag.List
	for _, f := range p.Findings {
		if f.Severity != diag.Error || swapped[f.Pos.Path] == nil {
			kept = append(kept, f)
		}
	}
	return p.With(arts, kept), files
}

// remember records the files without error findings as the last good
// versions, and forgets files that are gone.
func (b *builder) remember(p *project.Project) {
	bad := p.Findings.ErrorPaths()
	good := make(map[string]*loaded, len(p.Articles))
	for _, a := range p.Articles {
		if f := b.src.files[a.Path]; !bad[a.Path] && f != nil {
			good[a.Path] = f
		} else if g := b.good[a.Path]; g != nil {
			good[a.Path] = g
		}
	}
	b.good = good
}

// lines formats findings as the terminal shows them; a finding without a
// path (a render error) is its message alone.
func lines(l diag.List) []string {
	out := make([]string, len(l))
	for i, f := range l {
		if f.Pos.Path == "" {
			out[i] = f.Msg
		} else {
			out[i] = f.String()
		}
	}
	return out
}

// maxShown caps the problems printed and shown on a page.
const maxShown = 50

// shown is what the overlay lists: up to maxShown problems.
func shown(l diag.List) []string {
	out := lines(l)
	if len(out) > maxShown {
		out = append(out[:maxShown], msgMoreLeft.F(len(out)-maxShown))
	}
	return out
}

// writeCapped prints up to maxShown problems.
func writeCapped(w io.Writer, l diag.List) {
	for i, line := range lines(l) {
		if i == maxShown {
			fmt.Fprintln(w, msgMoreLeft.F(len(l)-maxShown))
			break
		}
		fmt.Fprintln(w, line)
	}
}
