package render

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"gongkai/internal/msg"
)

// Site is the rendered site: site path ("index.html",
// "2025/meeting/index.html", "feed.xml") → file contents. It implements
// fs.FS, so serve can serve it from memory and write can put it on disk.
type Site map[string][]byte

var msgSiteHas = msg.New("render.site_has", "%s：网站中已有文件 %s", "%s: the site already has a file %s")

// What each file put into the site is, for msgSiteHas.
var (
	msgWhatForm        = msg.New("render.what.form", "依申请公开申请表", "application form")
	msgWhatColumn      = msg.New("render.what.column", "栏目页面", "column")
	msgWhatFeed        = msg.New("render.what.feed", "订阅源", "feed")
	msgWhatSectionFeed = msg.New("render.what.section_feed", "“%s”的订阅源", "feed %s")
	msgWhatSitemap     = msg.New("render.what.sitemap", "网站地图", "sitemap")
	msgWhatSearchPage  = msg.New("render.what.search_page", "检索页面", "search page")
	msgWhatSearchIndex = msg.New("render.what.search_index", "检索索引", "search index")
	msgWhat404         = msg.New("render.what.404", "404 页面", "404 page")
	msgWhatThemeFile   = msg.New("render.what.theme_file", "主题文件 %s", "theme file %s")
	msgWhatHome        = msg.New("render.what.home", "首页", "home page")
	msgWhatCatalogue   = msg.New("render.what.catalogue", "信息公开目录页面", "catalogue")
	msgWhatAttachment  = msg.New("render.what.attachment", "%s 的附件 %s", "%s: attachment %s")
	msgWhatBulletin    = msg.New("render.what.bulletin", "简报页面", "bulletin page")
)

// Paths returns every file's path, sorted.
func (s Site) Paths() []string {
	ps := make([]string, 0, len(s))
	for p := range s {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// Open implements fs.FS. Folders exist implicitly, as the parents of files.
func (s Site) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := s[name]; ok {
		return &memFile{info: fileInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	var ents []fs.DirEntry
	seen := map[string]bool{}
	for p := range s {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		child, _, isDir := strings.Cut(rest, "/")
		if !seen[child] {
			seen[child] = true
			fi := fileInfo{name: child, dir: isDir}
			if !isDir {
				fi.size = int64(len(s[p]))
			}
			ents = append(ents, fs.FileInfoToDirEntry(fi))
		}
	}
	if len(ents) == 0 && name != "." {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	return &memDir{info: fileInfo{name: path.Base(name), dir: true}, ents: ents}, nil
}

// output is where a Render puts its files: into a Site, or through
// Input.Sink.
type output struct {
	site Site
	sink func(string, []byte) error
	mu   sync.Mutex
	seen map[string]bool
}

// put adds a file, refusing to replace one already rendered (two pages
// claiming one path would silently lose one of them). It may be called
// concurrently.
func (o *output) put(p string, data []byte, what string) error {
	o.mu.Lock()
	if o.seen[p] {
		o.mu.Unlock()
		return msgSiteHas.Error(what, p)
	}
	o.seen[p] = true
	if o.sink == nil {
		o.site[p] = data
	}
	o.mu.Unlock()
	if o.sink != nil {
		return o.sink(p, data)
	}
	return nil
}

type fileInfo struct {
	name string
	dir  bool
	size int64
}

func (fi fileInfo) Name() string       { return fi.name }
func (fi fileInfo) Size() int64        { return fi.size }
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.dir }
func (fi fileInfo) Sys() any           { return nil }
func (fi fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

type memFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

// Seek lets net/http serve ranges straight from memory.
func (f *memFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }

type memDir struct {
	info fileInfo
	ents []fs.DirEntry
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		ents := d.ents
		d.ents = nil
		return ents, nil
	}
	if len(d.ents) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.ents))
	ents := d.ents[:n]
	d.ents = d.ents[n:]
	return ents, nil
}
