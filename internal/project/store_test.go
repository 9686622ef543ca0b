package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

var (
	testProgram = [32]byte{1, 2, 3}
	testNow     = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
)

// rebuild opens fsys with the store the previous open left (nil: none),
// and returns the project and the store for the next one, passed through
// its encoding as a build passes it.
func rebuild(t *testing.T, fsys fs.FS, now time.Time, prev *ArticleStore) (*Project, *ArticleStore) {
	t.Helper()
	s := NewArticleStore(testProgram)
	if prev != nil {
		s = ReadArticleStore(prev.Encode(), testProgram)
	}
	p, err := OpenWith(fsys, now, Options{Reread: true, Store: s})
	if err != nil {
		t.Fatal(err)
	}
	return p, s
}

// clean opens fsys as a build without a store does.
func clean(t *testing.T, fsys fs.FS, now time.Time) *Project {
	t.Helper()
	p, err := OpenWith(fsys, now, Options{Reread: true})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// sameProject fails unless got is want: the findings, every article's
// loaded value and digest, and the public and withdrawn sets.
func sameProject(t *testing.T, what string, got, want *Project) {
	t.Helper()
	if !slices.EqualFunc(got.Findings, want.Findings, diag.Finding.Same) {
		t.Errorf("%s: findings\n got %v\nwant %v", what, got.Findings, want.Findings)
	}
	if len(got.Articles) != len(want.Articles) {
		t.Fatalf("%s: %d articles, want %d", what, len(got.Articles), len(want.Articles))
	}
	for i, a := range got.Articles {
		w := want.Articles[i]
		if !reflect.DeepEqual(a, w) {
			t.Errorf("%s: %s:\n got %+v\nwant %+v", what, w.Path, a, w)
		}
		gs, gok := got.Sum(a)
		ws, wok := want.Sum(w)
		if gs != ws || gok != wok {
			t.Errorf("%s: %s: digest %x %v, want %x %v", what, w.Path, gs, gok, ws, wok)
		}
		if got.Public()[a] != want.Public()[w] || got.Withdrawn()[a] != want.Withdrawn()[w] {
			t.Errorf("%s: %s: public %v withdrawn %v, want %v %v", what, w.Path,
				got.Public()[a], got.Withdrawn()[a], want.Public()[w], want.Withdrawn()[w])
		}
	}
}

// sampleFS is the repository's own gongkai.yaml and content/ in memory,
// every file dated an hour before now (not racy).
func sampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	repo := os.DirFS("../..")
	m := fstest.MapFS{}
	old := time.Now().Add(-time.Hour)
	add := func(p string) {
		data, err := fs.ReadFile(repo, p)
		if err != nil {
			t.Fatal(err)
		}
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644, ModTime: old}
	}
	add("gongkai.yaml")
	for _, dir := range []string{"content", "templates"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				add(p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// TestStoreRoundTripOnTheSampleContent opens the repository's sample
// content (on disk, through os.Root as a build does) with a store, then
// again with the store it left: every article is taken from the store,
// and the project is the one a clean open gives.
func TestStoreRoundTripOnTheSampleContent(t *testing.T) {
	fsys, err := RepoFS("../..")
	if err != nil {
		t.Fatal(err)
	}
	want := clean(t, fsys, testNow)
	first, s := rebuild(t, fsys, testNow, nil)
	sameProject(t, "first open with an empty store", first, want)
	second, s2 := rebuild(t, fsys, testNow, s)
	sameProject(t, "open with the store", second, want)
	racy := 0
	for _, a := range want.Articles {
		if st, ok := stampOf(fs.Stat(fsys, a.Path)); ok && st.racy(s2.head.start) {
			racy++ // just written: read again, not taken unread
		}
	}
	if n := len(want.Articles) - racy - broken(want); s2.Unread() != n {
		t.Errorf("%d articles taken from the store unread, want %d", s2.Unread(), n)
	}
	if len(s2.made) != len(want.Articles)-broken(want) {
		t.Errorf("the store holds %d articles, want every one not Broken (%d)", len(s2.made), len(want.Articles)-broken(want))
	}
}

func broken(p *Project) int {
	n := 0
	for _, a := range p.Articles {
		if a.Broken {
			n++
		}
	}
	return n
}

// countingFS counts the opens and reads of each Markdown file.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) count(name string) {
	if strings.HasSuffix(name, ".md") {
		c.mu.Lock()
		c.opened[name]++
		c.mu.Unlock()
	}
}

func (c *countingFS) Open(name string) (fs.File, error) { c.count(name); return c.FS.Open(name) }

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.count(name)
	return fs.ReadFile(c.FS, name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.FS, name) }

func (c *countingFS) ReadLink(name string) (string, error) { return fs.ReadLink(c.FS, name) }

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

func (c *countingFS) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	o := c.opened
	c.opened = map[string]int{}
	return o
}

// TestUnchangedArticlesAreNotOpened: with the store, an open reads only
// the articles whose files changed; the others are not opened at all.
func TestUnchangedArticlesAreNotOpened(t *testing.T) {
	m := sampleFS(t)
	fsys := &countingFS{FS: m, opened: map[string]int{}}
	var arts []string
	for p := range m {
		if strings.HasPrefix(p, "content/") && path.Ext(p) == ".md" {
			arts = append(arts, p)
		}
	}
	slices.Sort(arts)
	_, s := rebuild(t, fsys, testNow, nil)
	if got := fsys.reset(); len(got) != len(arts) {
		t.Fatalf("a first open read %d articles, want %d", len(got), len(arts))
	}
	p, s := rebuild(t, fsys, testNow, s)
	if got := fsys.reset(); len(got) != 0 {
		t.Errorf("an open with the store opened unchanged articles: %v", got)
	}
	sameProject(t, "nothing changed", p, clean(t, m, testNow))
	fsys.reset()
	// One article edited (an hour ago, so not racy): it alone is read.
	edited := arts[len(arts)/2]
	f := m[edited]
	m[edited] = &fstest.MapFile{Data: append(bytes.Clone(f.Data), "\n补充一句。\n"...), Mode: f.Mode, ModTime: f.ModTime.Add(time.Minute)}
	p, _ = rebuild(t, fsys, testNow, s)
	if got := fsys.reset(); !reflect.DeepEqual(got, map[string]int{edited: 1}) {
		t.Errorf("after %s was edited, the open read %v", edited, got)
	}
	sameProject(t, "one article edited", p, clean(t, m, testNow))
	// Its body, read again for the page, is the new one.
	for _, a := range p.Articles {
		if a.Path == edited {
			body, err := p.Body(a)
			if err != nil || !bytes.Contains(body, []byte("补充一句")) {
				t.Errorf("Body(%s) = %q, %v", edited, body, err)
			}
		}
	}
}

// TestRacyFileIsReadAgain: a file stamped within a second of the open
// that stamped it is read again, even with the stamp recorded: rewritten
// with the same size and time (a file system whose stamps are size and
// time only), its new text is what the project has.
func TestRacyFileIsReadAgain(t *testing.T) {
	m := sampleFS(t)
	var target string
	for p, f := range m {
		if strings.HasPrefix(p, "content/") && path.Ext(p) == ".md" && bytes.Contains(f.Data, []byte("\ntitle: ")) {
			target = p
			break
		}
	}
	f := m[target]
	f.ModTime = time.Now() // written just now: racy for the open that follows
	_, s := rebuild(t, m, testNow, nil)
	i := bytes.Index(f.Data, []byte("\ntitle: ")) + len("\ntitle: ")
	data := bytes.Clone(f.Data)
	data[i], data[i+1] = data[i+1], data[i] // same size, same time
	m[target] = &fstest.MapFile{Data: data, Mode: f.Mode, ModTime: f.ModTime}
	p, _ := rebuild(t, m, testNow, s)
	sameProject(t, "racy rewrite", p, clean(t, m, testNow))
}

// TestStoreOfAnotherKindIsEmpty: a store damaged, from another program,
// or written under another gongkai.yaml or language is not used, and the
// project is the clean one.
func TestStoreOfAnotherKindIsEmpty(t *testing.T) {
	m := sampleFS(t)
	_, s := rebuild(t, m, testNow, nil)
	good := s.Encode()
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	for what, data := range map[string][]byte{"damaged": flipped, "cut": good[:len(good)-1], "empty": nil} {
		st := ReadArticleStore(data, testProgram)
		if _, err := OpenWith(m, testNow, Options{Store: st}); err != nil {
			t.Fatal(err)
		}
		if st.Unread() != 0 {
			t.Errorf("%s store: %d articles taken from it", what, st.Unread())
		}
	}
	st := ReadArticleStore(good, [32]byte{9})
	if _, err := OpenWith(m, testNow, Options{Store: st}); err != nil || st.Unread() != 0 {
		t.Errorf("a store of another program: %d articles taken (%v)", st.Unread(), err)
	}
	// Another file config.Load looks at (the badge image, which it stats).
	badge := m["templates/dzjg.svg"]
	m["templates/dzjg.svg"] = &fstest.MapFile{Data: append(bytes.Clone(badge.Data), ' '), ModTime: badge.ModTime}
	st = ReadArticleStore(good, testProgram)
	if _, err := OpenWith(m, testNow, Options{Store: st}); err != nil || st.Unread() != 0 {
		t.Errorf("a file config.Load reads changed: %d articles taken (%v)", st.Unread(), err)
	}
	m["templates/dzjg.svg"] = badge
	st = ReadArticleStore(good, testProgram)
	if _, err := OpenWith(m, testNow, Options{Store: st}); err != nil || st.Unread() == 0 {
		t.Errorf("the file back as it was: no article taken (%v)", err)
	}
	// Findings are in the language the store was written in.
	lang := msg.Current()
	t.Cleanup(func() { msg.SetLang(lang) })
	msg.SetLang(msg.EN)
	st = ReadArticleStore(good, testProgram)
	p, err := OpenWith(m, testNow, Options{Store: st})
	if err != nil || st.Unread() != 0 {
		t.Errorf("another language: %d articles taken (%v)", st.Unread(), err)
	}
	sameProject(t, "another language", p, clean(t, m, testNow))
	msg.SetLang(lang)
	cfg := m["gongkai.yaml"]
	m["gongkai.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(cfg.Data), "\n# 注释\n"...), ModTime: cfg.ModTime}
	st = ReadArticleStore(good, testProgram)
	p, err = OpenWith(m, testNow, Options{Store: st})
	if err != nil || st.Unread() != 0 {
		t.Errorf("gongkai.yaml changed: %d articles taken (%v)", st.Unread(), err)
	}
	sameProject(t, "gongkai.yaml changed", p, clean(t, m, testNow))
	if len(ReadArticleStore(good, testProgram).entries) == 0 {
		t.Fatal("the good store reads empty")
	}
}

// TestStoreKeepsWhatParseFinds: articles of every shape the loader
// knows — TOML front matter, a byte-order mark and CRLF line ends, an
// unknown key (GK002), an impossible date (GK043), a link and an
// attachment that are missing (GK050), a broken front matter and a file
// that is not UTF-8 (Broken) — come out of the store as a clean open
// finds them, both taken by their stamps and, written just now (racy),
// read again and found the same.
func TestStoreKeepsWhatParseFinds(t *testing.T) {
	m := sampleFS(t)
	var base []byte
	for p, f := range m {
		if strings.HasPrefix(p, "content/2025/") && path.Ext(p) == ".md" {
			base = f.Data
			break
		}
	}
	fm, body, ok := strings.Cut(strings.TrimPrefix(string(base), "---\n"), "\n---\n")
	if !ok {
		t.Fatal("no front matter in the sample")
	}
	toml := "+++\ntitle = \"托姆尔\"\ndepartment = \"办公室\"\ntags = [\"甲\", \"乙\"]\n[event]\ndate = 2025-03-01\nname = \"会议\"\n+++\n" + body
	files := map[string]string{
		"content/x/toml.md":      toml,
		"content/x/crlf.md":      "\ufeff" + strings.ReplaceAll("---\n"+fm+"\n---\n"+body, "\n", "\r\n"),
		"content/x/unknown.md":   "---\n" + fm + "\ntitel: 错字\n---\n" + body,
		"content/x/date.md":      "---\n" + strings.Replace(fm, "title:", "event: {date: 2025-02-30, name: 会}\ntitle:", 1) + "\n---\n" + body,
		"content/x/links.md":     "---\n" + fm + "\nattachments: [没有.pdf]\n---\n" + body + "\n见[别处](../没有/这篇.md)和[附件](没有.pdf)。\n",
		"content/x/broken.md":    "没有前置信息\n",
		"content/x/gbk.md":       "---\ntitle: \xd6\xd0\xce\xc4\n---\n",
		"content/x/withdrawn.md": "---\n" + fm + "\nwithdrawn: {at: 2025-05-01, by: 办公室, reason: 过时}\n---\n" + body,
	}
	for _, racy := range []bool{false, true} {
		when := time.Now().Add(-time.Hour)
		if racy {
			when = time.Now()
		}
		for p, data := range files {
			m[p] = &fstest.MapFile{Data: []byte(data), Mode: 0o644, ModTime: when}
		}
		want := clean(t, m, testNow)
		_, s := rebuild(t, m, testNow, nil)
		got, s2 := rebuild(t, m, testNow, s)
		sameProject(t, fmt.Sprintf("racy %v", racy), got, want)
		if !racy && s2.Unread() != len(want.Articles)-broken(want) {
			t.Errorf("%d articles taken unread, want %d", s2.Unread(), len(want.Articles)-broken(want))
		}
		if racy && s2.Unread() != len(want.Articles)-broken(want)-len(files)+2 {
			t.Errorf("racy: %d articles taken unread, want %d", s2.Unread(), len(want.Articles)-broken(want)-len(files)+2)
		}
		for _, id := range []string{"GK002", "GK043", "GK050", "GK001"} {
			if !slices.ContainsFunc(want.Findings, func(f diag.Finding) bool { return f.ID == id && strings.HasPrefix(f.Pos.Path, "content/x/") }) {
				t.Errorf("no %s among the fixtures' findings: the case tests nothing\n%v", id, want.Findings)
			}
		}
	}
}
