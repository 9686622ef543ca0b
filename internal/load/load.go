package load

import (
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// ContentDir is the folder that holds the articles.
const ContentDir = "content"

// Load reads every Markdown file under content/ in fsys, in parallel, and
// returns the articles sorted by path with the findings about them.
func Load(fsys fs.FS, cfg *config.Config) ([]*article.Article, diag.List) {
	return LoadWith(fsys, cfg, Options{})
}

// Options lets a caller work on each article while the loader reads the
// others (a check applies the rules about one article alone, then forgets
// its text).
type Options struct {
	// Paths, when not nil, is called with every article's path (sorted)
	// before any article is read.
	Paths func(paths []string)
	// Each, when not nil, is called with each article right after it is
	// read, on the worker that read it: concurrently.
	Each func(a *article.Article)
	// Read, when not nil, reads the article at a path in place of
	// ReadFile, concurrently (a build takes an unchanged article from its
	// store without opening the file); it returns what ReadFile would.
	// d is the file's entry in its folder, as listed.
	Read func(p string, d fs.DirEntry) (*article.Article, diag.List)
}

// LoadWith is Load with Options.
func LoadWith(fsys fs.FS, cfg *config.Config, opts Options) ([]*article.Article, diag.List) {
	paths, entries, findings := files(fsys)
	if opts.Paths != nil {
		opts.Paths(paths)
	}
	read := func(i int) (*article.Article, diag.List) { return ReadFile(fsys, paths[i], cfg) }
	if opts.Read != nil {
		read = func(i int) (*article.Article, diag.List) { return opts.Read(paths[i], entries[i]) }
	}
	arts, lists := readFiles(len(paths), read, opts.Each)
	for _, l := range lists {
		findings = append(findings, l...)
	}
	findings.Sort()
	return arts, findings.Dedupe()
}

var (
	msgCannotReadFile    = msg.New("load.cannot_read_file", "无法读取文件：%v", "cannot read the file: %v")
	msgCannotRead        = msg.New("load.cannot_read", "无法读取：%v", "cannot read: %v")
	msgCannotReadContent = msg.New("load.cannot_read_content", "无法读取 content/ 文件夹：%v", "cannot read content/: %v")
)

// ReadFiles reads the articles at paths (ReadFile) on GOMAXPROCS workers:
// the articles and each one's findings, in the order of paths.
func ReadFiles(fsys fs.FS, paths []string, cfg *config.Config) ([]*article.Article, []diag.List) {
	return readFiles(len(paths), func(i int) (*article.Article, diag.List) { return ReadFile(fsys, paths[i], cfg) }, nil)
}

// readFiles reads the n articles read(i) gives.
func readFiles(n int, read func(int) (*article.Article, diag.List), each func(*article.Article)) ([]*article.Article, []diag.List) {
	arts := make([]*article.Article, n)
	lists := make([]diag.List, n)
	// GOMAXPROCS workers take the next path in turn: one goroutine per
	// worker, not per file, so that each grows its stack once.
	var next atomic.Int64
	var g errgroup.Group
	for range min(runtime.GOMAXPROCS(0), n) {
		g.Go(func() error {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				arts[i], lists[i] = read(i)
				if each != nil {
					each(arts[i])
				}
			}
		})
	}
	g.Wait()
	return arts, lists
}

// ReadFile reads and parses one article from fsys and sets its URL.
func ReadFile(fsys fs.FS, p string, cfg *config.Config) (*article.Article, diag.List) {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return Unreadable(p, err)
	}
	return ParseFile(p, src, cfg)
}

// Unreadable is the article at p that could not be read (err): Broken,
// with its GK001.
func Unreadable(p string, err error) (*article.Article, diag.List) {
	var l diag.List
	l.Errorf(diag.Pos{Path: p}, "GK001", msgCannotReadFile.T(), msg.Cause(err))
	slug, dir := slugOf(p)
	return &article.Article{Path: p, Slug: slug, Dir: dir, Broken: true}, l
}

// ParseFile parses the file src read at p and sets the article's URL:
// ReadFile once the file is read.
func ParseFile(p string, src []byte, cfg *config.Config) (*article.Article, diag.List) {
	a, l := Parse(p, src, cfg)
	a.URL = URL(cfg, a)
	return a, l
}

// Files lists the Markdown files under content/, sorted. Hidden files and
// folders (.git, .obsidian …) are skipped.
func Files(fsys fs.FS) ([]string, diag.List) {
	paths, _, l := files(fsys)
	return paths, l
}

// files is Files with each file's entry in its folder.
func files(fsys fs.FS) ([]string, []fs.DirEntry, diag.List) {
	type file struct {
		path string
		d    fs.DirEntry
	}
	var found []file
	var l diag.List
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.Errorf(diag.Pos{Path: p}, "GK001", msgCannotRead.T(), msg.Cause(err))
			return nil
		}
		name := d.Name()
		if p != ContentDir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(name), ".md") {
			found = append(found, file{p, d})
		}
		return nil
	})
	if err != nil {
		l.Errorf(diag.Pos{Path: ContentDir}, "GK001", msgCannotReadContent.T(), msg.Cause(err))
	}
	slices.SortFunc(found, func(a, b file) int { return strings.Compare(a.path, b.path) })
	paths := make([]string, len(found))
	entries := make([]fs.DirEntry, len(found))
	for i, f := range found {
		paths[i], entries[i] = f.path, f.d
	}
	return paths, entries, l
}

// expand replaces each old string of pairs (old, new, old, new …) in s by
// its new one, in one pass from the left, as strings.Replacer does (the
// replacements are not searched again), without building a replacer for
// every article. Every old string starts with ':' and none is a prefix of
// another.
func expand(s string, pairs []string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i : i+j])
		i += j
		matched := false
		for k := 0; k+1 < len(pairs); k += 2 {
			if strings.HasPrefix(s[i:], pairs[k]) {
				b.WriteString(pairs[k+1])
				i += len(pairs[k])
				matched = true
				break
			}
		}
		if !matched {
			b.WriteByte(':')
			i++
		}
	}
	return b.String()
}

// URL expands site.permalink for the article: :year and :month come from
// the generation date (an unsigned article gets the year "draft"), :slug from
// the file name, :category and :department from the front matter.
func URL(cfg *config.Config, a *article.Article) string {
	year, month := "draft", "00"
	if g := a.Generated(cfg); !g.IsZero() {
		t := g.In(cfg.Location)
		year, month = t.Format("2006"), t.Format("01")
	}
	u := expand(cfg.Site.Permalink, []string{":year", year, ":month", month, ":slug", a.Slug,
		":category", a.FM.Category, ":department", a.FM.Department})
	if !strings.HasSuffix(u, "/") && path.Ext(u) == "" {
		u += "/"
	}
	if strings.HasSuffix(u, "/") {
		return path.Clean(u) + "/"
	}
	return path.Clean(u)
}
