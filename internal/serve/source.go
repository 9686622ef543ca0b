package serve

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"slices"
	"strings"
	"time"

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
type loaded struct {
	art      *article.Article
	findings diag.List
	sum      [32]byte // the SHA-256 of art.Src: the article as checked
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
	arts := make([]*article.Article, len(paths))
	for i, p := range paths {
		arts[i] = s.files[p].art
		findings = append(findings, s.files[p].findings...)
	}
	p := project.Assemble(s.memo, s.fsys, s.cfg, s.cfgFindings, arts, findings, now)
	return p, changed, nil
}

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
		f := &loaded{arts[i], lists[i], sha256.Sum256(arts[i].Src)}
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
	return old != nil && old.art.Src != nil &&
		bytes.Equal(old.art.Src, cur.art.Src) && slices.EqualFunc(old.findings, cur.findings, diag.Finding.Same)
}
