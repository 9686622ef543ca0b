package serve

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
	"gongkai/internal/project"
)

// changes is what the watcher saw in one batch of events.
type changes struct {
	config    bool // gongkai.yaml or its calendar file: reload everything
	templates bool // templates/: the renderer re-parses what changed
	assets    bool // a folder or an attachment under content/
	rescan    bool // events may have been lost: re-read every article
	// articles holds the content/ paths of Markdown files written, created,
	// renamed or removed.
	articles map[string]bool
	// files holds every changed path noted, for the log line.
	files map[string]bool
}

// noteFile records a changed path for the log.
func (c *changes) noteFile(p string) {
	if c.files == nil {
		c.files = map[string]bool{}
	}
	c.files[p] = true
}

// others returns the changed paths under content/ that are not Markdown
// files: attachments, link targets, folders, editors' temporary files.
func (c *changes) others() []string {
	var out []string
	for p := range c.files {
		if !c.articles[p] && strings.HasPrefix(p, load.ContentDir+"/") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// markArticle records a changed Markdown file.
func (c *changes) markArticle(p string) {
	if c.articles == nil {
		c.articles = map[string]bool{}
	}
	c.articles[p] = true
}

// source is the repository as last loaded: gongkai.yaml and every article
// with its loader findings, so that a rebuild re-reads only the files that
// changed.
type source struct {
	fsys        fs.FS
	cfg         *config.Config
	cfgFindings diag.List
	files       map[string]*loaded
	// memo keeps each article's own findings between rebuilds, so that the
	// rules re-run on the changed articles only (the rules over several
	// articles run every time).
	memo *check.Memo
	// listed is content/'s Markdown files as load.Files last listed them,
	// with its findings.
	listed       []string
	listFindings diag.List
}

// loaded is one article file as the loader read it.
//
// The preview keeps no Markdown between rebuilds (at 100,000 articles that
// is more than half a gigabyte): once the site is rendered every article's
// Src and Body are dropped, and read again from its file, checked against
// sum, when the rules or the renderer need them (restore, markdown).
type loaded struct {
	art      *article.Article
	findings diag.List
	sum      [32]byte // the SHA-256 of art.Src: the article as checked
	whole    bool     // the file was read whole (art.Src was not nil)
}

// load brings the source up to date with c and returns the project, put
// together by project.Assemble as project.Open does, and whether any article differs from the last
// load. A gongkai.yaml that cannot be used is a *project.ConfigError.
func (s *source) load(c changes, now time.Time) (*project.Project, bool, error) {
	changed := false
	if s.memo == nil {
		s.memo = check.NewMemo()
	}
	others := c.others()
	if c.rescan {
		s.memo.Forget()
	} else {
		s.memo.ForgetFiles(others) // attachments, link targets
	}
	if c.config || s.cfg == nil {
		cfg, l := config.Load(s.fsys)
		if cfg == nil {
			s.cfg = nil
			return nil, false, &project.ConfigError{Findings: l}
		}
		s.cfg, s.cfgFindings, s.files = cfg, l, map[string]*loaded{}
		changed = true
	}
	if s.listed == nil || c.config || c.rescan || !s.known(c.articles) || s.folders(others) {
		s.listed, s.listFindings = load.Files(s.fsys)
	}
	paths, findings := s.listed, slices.Clone(s.listFindings)
	if s.refresh(paths, c.articles, c.rescan) {
		changed = true
	}
	for range 3 { // a file saved again meanwhile is read anew
		changedSince := s.restore(s.memo.Unrecorded(s.cfg, s.articles(paths), now))
		if len(changedSince) == 0 {
			break
		}
		s.refresh(paths, changedSince, false)
		changed = true
	}
	arts := s.articles(paths)
	for _, p := range paths {
		findings = append(findings, s.files[p].findings...)
	}
	p := project.Assemble(s.memo, s.fsys, s.cfg, s.cfgFindings, arts, findings, now)
	return p, changed, nil
}

// articles returns the articles at paths, as last read.
func (s *source) articles(paths []string) []*article.Article {
	arts := make([]*article.Article, len(paths))
	for i, p := range paths {
		arts[i] = s.files[p].art
	}
	return arts
}

// restore gives their Markdown back to the articles whose rules will run
// again (check.Memo.Unrecorded), reading their files; it returns the paths
// of those whose file changed since it was read, to be read anew.
func (s *source) restore(arts []*article.Article) map[string]bool {
	var mu sync.Mutex
	changed := map[string]bool{}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, a := range arts {
		if a.Src != nil {
			continue
		}
		g.Go(func() error {
			f := s.files[a.Path]
			src, body, err := s.markdown(f)
			if err != nil {
				mu.Lock()
				changed[a.Path] = true
				mu.Unlock()
				return nil
			}
			a.Src, a.Body = src, body
			return nil
		})
	}
	g.Wait()
	return changed
}

// markdown reads the file of f again and returns its normalized source and
// body, when they still are what was read (and checked): else
// errChangedSince.
func (s *source) markdown(f *loaded) (src, body []byte, err error) {
	src, body, changed, err := project.Reread(s.fsys, f.art.Path, f.sum)
	if err != nil {
		return nil, nil, err
	}
	if changed || !f.whole {
		return nil, nil, errChangedSince
	}
	return src, body, nil
}

// errChangedSince is a file that changed after it was read: the event of
// the change brings another rebuild.
var errChangedSince = errors.New("changed since read")

// known reports whether every changed article is a file listed last time
// and still there, so that content/ need not be listed again for them.
func (s *source) known(articles map[string]bool) bool {
	for p := range articles {
		if s.files[p] == nil {
			return false
		}
		if st, err := fs.Stat(s.fsys, p); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

// folders reports whether one of the paths is a folder, or was one when
// content/ was listed (a folder that went or was renamed): content/ is
// listed anew.
func (s *source) folders(paths []string) bool {
	for _, p := range paths {
		if st, err := fs.Stat(s.fsys, p); err == nil && st.IsDir() {
			return true
		}
		i, _ := slices.BinarySearch(s.listed, p+"/")
		if i < len(s.listed) && strings.HasPrefix(s.listed[i], p+"/") {
			return true
		}
	}
	return false
}

// refresh re-reads the listed files that are new, dirty, or all of them,
// drops the files no longer listed, and reports whether anything differs.
func (s *source) refresh(paths []string, dirty map[string]bool, all bool) bool {
	next := make(map[string]*loaded, len(paths))
	var todo []string
	known := 0
	for _, p := range paths {
		f := s.files[p]
		if f != nil {
			known++
		}
		if f != nil && !all && !dirty[p] {
			next[p] = f
		} else {
			todo = append(todo, p)
		}
	}
	changed := known < len(s.files) // some file was removed
	arts, lists := load.ReadFiles(s.fsys, todo, s.cfg)
	for i, p := range todo {
		f := &loaded{arts[i], lists[i], sha256.Sum256(arts[i].Src), arts[i].Src != nil}
		if !same(s.files[p], f) {
			changed = true
		}
		next[p] = f
	}
	s.files = next
	return changed
}

// same reports whether a re-read file is what it was: an editor that saves
// without a change costs no render.
func same(old, cur *loaded) bool {
	return old != nil && old.whole && cur.whole &&
		old.sum == cur.sum && slices.EqualFunc(old.findings, cur.findings, diag.Finding.Same)
}
