package check

import (
	"io/fs"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// A Memo keeps, between runs over a repository that changes a few files at
// a time (serve), what the rules about one article alone found in each
// article (a Result), so that a run applies them only to the articles
// that are new values; the rules over several articles run every time, as
// RunAfterLoad's do.
//
// What a Result depends on is said once, in result.go. The article is
// identified by its value (serve replaces an edited article's pointer);
// a different configuration (another *config.Config) or Scope empties the
// memo. A Memo serves one repository, whose files other than articles the
// rules read through the memo while it checks an article: when some of
// them change, ForgetFiles drops the articles that read them (Forget drops
// every article, when the caller cannot tell which files changed).
type Memo struct {
	cfg   *config.Config
	scope Scope
	arts  map[*article.Article]*Result
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// Unrecorded returns the articles that Run with the same configuration,
// articles and clock would apply the rules about one article alone to:
// those the memo has no Result of, or every one when the configuration or
// the Scope changed. Those rules read the article's Markdown; serve, which
// keeps none between rebuilds, reads it again for these first.
func (m *Memo) Unrecorded(cfg *config.Config, arts []*article.Article, now time.Time) []*article.Article {
	paths := make([]string, len(arts))
	for i, a := range arts {
		paths[i] = a.Path
	}
	fresh := m.cfg != cfg || !m.scope.Equal(scopeOf(cfg.Location, now, paths))
	var out []*article.Article
	for _, a := range arts {
		if !a.Broken && (fresh || m.arts[a] == nil) {
			out = append(out, a)
		}
	}
	return out
}

// Forget empties the memo.
func (m *Memo) Forget() { m.arts = nil }

// ForgetFiles drops the articles whose rules looked at one of the paths
// (slash-separated, relative to the repository), or at a file inside one
// of them (a folder renamed or removed).
func (m *Memo) ForgetFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	for a, o := range m.arts {
		if readAny(o.Read, paths) {
			delete(m.arts, a)
		}
	}
}

func readAny(read, changed []string) bool {
	for _, r := range read {
		for _, p := range changed {
			if r == p || strings.HasPrefix(r, p+"/") {
				return true
			}
		}
	}
	return false
}

// Run is RunAfterLoad, reusing the result of every article the memo holds
// and remembering those of the others. The findings are RunAfterLoad's.
func (m *Memo) Run(cfg *config.Config, arts []*article.Article, loaded diag.List, fsys fs.FS, now time.Time) diag.List {
	paths := make([]string, len(arts))
	for i, a := range arts {
		paths[i] = a.Path
	}
	r := NewRules(cfg, fsys, now, paths)
	if scope := r.Scope(); m.cfg != cfg || !m.scope.Equal(scope) {
		m.cfg, m.scope, m.arts = cfg, scope, nil
	}
	next := make(map[*article.Article]*Result, len(arts))
	for _, a := range arts {
		if a.Broken {
			continue
		}
		o := m.arts[a]
		if o == nil {
			o = r.Record(a)
		} else {
			r.Reuse(a, o)
		}
		next[a] = o
	}
	m.arts = next
	return r.Run(arts, loaded)
}

// readFS is a file system that notes every path asked of it, for a Memo.
// Each method does what the io/fs function of its name does on the
// underlying file system, so the rules see the same files and errors.
type readFS struct {
	fs.FS
	read *[]string
}

func (r *readFS) note(name string) { *r.read = append(*r.read, name) }

func (r *readFS) Open(name string) (fs.File, error) { r.note(name); return r.FS.Open(name) }

func (r *readFS) Stat(name string) (fs.FileInfo, error) { r.note(name); return fs.Stat(r.FS, name) }

func (r *readFS) Lstat(name string) (fs.FileInfo, error) { r.note(name); return fs.Lstat(r.FS, name) }

func (r *readFS) ReadLink(name string) (string, error) { r.note(name); return fs.ReadLink(r.FS, name) }

func (r *readFS) ReadFile(name string) ([]byte, error) { r.note(name); return fs.ReadFile(r.FS, name) }

func (r *readFS) ReadDir(name string) ([]fs.DirEntry, error) {
	r.note(name)
	return fs.ReadDir(r.FS, name)
}
