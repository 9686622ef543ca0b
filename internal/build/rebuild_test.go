package build_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/project"
)

// TestRebuildIsTheCleanBuildOfTheEditedTree edits the repository step by
// step and, after each step, builds into the same folder again (reusing
// what it can of the previous build: pages, and the articles of the
// article store) and into a new folder: the two trees must be the same
// files and folders, byte for byte, so that nothing stale survives a
// rebuild (a removed article's folder, a page whose list changed) and
// nothing reused is out of date; the findings and the public set must be
// the clean build's. After a step the files are dated an hour back (as
// files edited a while ago are), so that the article store takes what
// it can by their stamps, except in the steps that test a file written
// just before a build (racy). fresh marks the steps after which no
// article may be taken from the article store unread: another
// configuration, day or set of article paths, or a store not to be used.
func TestRebuildIsTheCleanBuildOfTheEditedTree(t *testing.T) {
	dir := newRepo(t)
	site := filepath.Join(dir, "site")
	store := filepath.Join(dir, ".site.articles")
	later := buildTime.AddDate(0, 0, 40)
	var racyTime time.Time
	steps := []struct {
		what  string
		do    func()
		now   time.Time
		racy  bool // leave the files as they are written, not dated back
		fresh bool // the article store must not be used
		// shows is text a file of the step's site must hold (so that the
		// step does what it says); "" a file it must not have.
		shows map[string]string
	}{
		{what: "nothing changed", do: func() {}},
		{what: "one body edited", do: func() { edit(t, dir, "content/2025/meeting.md", "正文甲部署", "正文甲布置") }},
		{what: "a title edited (lists, feeds, neighbours)", do: func() {
			edit(t, dir, "content/2025/notice.md", "title: 某某县招商局信息公开实施办法", "title: 某某县招商局信息公开实施细则")
		}},
		{what: "an article removed", fresh: true, do: func() { remove(t, dir, "content/2025/report.md") }},
		{what: "an article added", fresh: true, do: func() {
			b, err := os.ReadFile(filepath.Join(dir, "content/2025/meeting.md"))
			if err != nil {
				t.Fatal(err)
			}
			s := strings.Replace(string(b), "2025-00002", "2025-00004", 1)
			s = strings.Replace(s, "attachments: [议程.pdf]\n", "", 1)
			s = strings.Replace(s, "议程见[附件](议程.pdf)", "另行通知", 1)
			writeFile(t, dir, "content/2025/again.md", s)
		}},
		{what: "the attachment changed", do: func() { writeFile(t, dir, "content/2025/议程.pdf", "%PDF-1.4 新议程") }},
		// The body facts (render.PageStore): what a body not rendered again
		// stands for must change whenever the body's page would.
		{what: "a first paragraph edited (the summary: feeds, the page's description)", do: func() {
			edit(t, dir, "content/2025/notice.md", "正文乙制定本办法", "正文乙订立本办法")
		}, shows: map[string]string{"feed.xml": "正文乙订立本办法"}},
		{what: "a neighbour's title edited (its neighbour's prev and next links)", do: func() {
			edit(t, dir, "content/2025/again.md", "title: 县招商局召开信息宣传工作会议", "title: 县招商局再次召开信息宣传工作会议")
		}, shows: map[string]string{"2025/meeting/index.html": "县招商局再次召开"}},
		{what: "a linked article moved (the links to it resolve elsewhere)", do: func() {
			replaceAll(t, dir, "content/2025/notice.md", "at: 2025-02-1", "at: 2024-12-1")
		}, shows: map[string]string{"2025/meeting/index.html": `href="/2024/notice/"`, "2025/notice/index.html": ""}},
		{what: "a linked article removed (the articles linking it are left out)", fresh: true, do: func() {
			rename(t, dir, "content/2025/notice.md", "notice.md.bak")
		}, shows: map[string]string{"2025/meeting/index.html": "", "2024/notice/index.html": ""}},
		{what: "the linked article added again", fresh: true, do: func() { rename(t, dir, "notice.md.bak", "content/2025/notice.md") },
			shows: map[string]string{"2025/meeting/index.html": `href="/2024/notice/"`}},
		{what: "raw HTML in a body", do: func() { edit(t, dir, "content/2025/again.md", "另行通知", "<span class=\"x\">另行</span>通知") },
			shows: map[string]string{"2025/again/index.html": "&lt;span"}},
		{what: "markdown.unsafe_html turned on", fresh: true, do: func() {
			edit(t, dir, "gongkai.yaml", "categories:", "markdown: {unsafe_html: true}\ncategories:")
		}, shows: map[string]string{"2025/again/index.html": `<span class="x">`}},
		{what: "markdown.unsafe_html turned off", fresh: true, do: func() {
			edit(t, dir, "gongkai.yaml", "markdown: {unsafe_html: true}\n", "")
		}, shows: map[string]string{"2025/again/index.html": "&lt;span"}},
		{what: "a template overridden", do: func() { writeFile(t, dir, "templates/site.css", "body { color: #000 }\n") }},
		{what: "an article renamed", fresh: true, do: func() { rename(t, dir, "content/2025/again.md", "content/2025/again2.md") }},
		{what: "an article moved to another folder", fresh: true, do: func() { rename(t, dir, "content/2025/again2.md", "content/2026/again.md") }},
		{what: "the attachment a rule reads removed (GK050)", do: func() { remove(t, dir, "content/2025/议程.pdf") }},
		{what: "the attachment back", do: func() { writeFile(t, dir, "content/2025/议程.pdf", "%PDF-1.4 议程附件") }},
		{what: "a link target article removed (GK050)", fresh: true, do: func() { rename(t, dir, "content/2025/notice.md", "notice.md.bak") }},
		{what: "the link target back", fresh: true, do: func() { rename(t, dir, "notice.md.bak", "content/2025/notice.md") }},
		{what: "gongkai.yaml edited (a secrecy term, GK030)", fresh: true, do: func() {
			edit(t, dir, "gongkai.yaml", "secrecy_terms: [内部资料, 征求意见稿]", "secrecy_terms: [内部资料, 征求意见稿, 另行通知]")
		}},
		{what: "now on another day", now: later, fresh: true, do: func() {}},
		{what: "the same day again", now: later, do: func() {}},
		{what: "a damaged article store", fresh: true, do: func() {
			data := readFile(t, store)
			data[len(data)/2] ^= 1
			writeFile(t, dir, ".site.articles", string(data))
		}},
		{what: "an article store of another program", fresh: true, do: func() {
			data := readFile(t, store)
			data[len("gongkai-articles\x00\x01")] ^= 1 // the program's identity
			sum := sha256.Sum256(data[:len(data)-sha256.Size])
			copy(data[len(data)-sha256.Size:], sum[:])
			writeFile(t, dir, ".site.articles", string(data))
		}},
		{what: "an article written just before the build", racy: true, do: func() {
			edit(t, dir, "content/2025/meeting.md", "正文甲布置", "正文甲部署")
			fi, err := os.Stat(filepath.Join(dir, "content/2025/meeting.md"))
			if err != nil {
				t.Fatal(err)
			}
			racyTime = fi.ModTime()
		}},
		{what: "rewritten with the same size and time (racy)", racy: true, do: func() {
			edit(t, dir, "content/2025/meeting.md", "正文甲部署", "正文甲布署")
			p := filepath.Join(dir, "content/2025/meeting.md")
			if err := os.Chtimes(p, racyTime, racyTime); err != nil {
				t.Fatal(err)
			}
		}},
	}
	dateBack(t, dir, 0)
	first := mustRun(t, dir, build.Options{KeepGoing: true})
	if first.Reused != 0 || first.Unread != 0 {
		t.Errorf("a first build reused %d pages, %d articles", first.Reused, first.Unread)
	}
	for i, s := range steps {
		s.do()
		if !s.racy {
			dateBack(t, dir, i+1)
		}
		now := buildTime
		if !s.now.IsZero() {
			now = s.now
		}
		res := runAt(t, dir, now, build.Options{KeepGoing: true})
		if i == 0 && (res.Reused == 0 || res.Unread != len(res.Project.Articles)) {
			t.Errorf("a rebuild without a change executed pages (%d reused) or read articles (%d of %d unread)",
				res.Reused, res.Unread, len(res.Project.Articles))
		}
		if s.fresh && res.Unread != 0 {
			t.Errorf("step %d, %s: %d articles taken from the article store", i, s.what, res.Unread)
		}
		if !s.fresh && !s.racy && res.Unread == 0 {
			t.Errorf("step %d, %s: no article taken from the article store", i, s.what)
		}
		clean := filepath.Join(t.TempDir(), "clean")
		want := runAt(t, dir, now, build.Options{Out: clean, KeepGoing: true})
		if want.Reused != 0 || want.Unread != 0 {
			t.Errorf("a build into a new folder reused %d pages, %d articles", want.Reused, want.Unread)
		}
		got := tree(t, site)
		if d := diffTrees(tree(t, clean), got); len(d) > 0 {
			t.Errorf("step %d, %s: the rebuild differs from a clean build:\n%s", i, s.what, strings.Join(d, "\n"))
		}
		sameFindings(t, fmt.Sprintf("step %d, %s", i, s.what), res.Project, want.Project)
		for f, text := range s.shows {
			if page, ok := got[f]; text == "" && ok {
				t.Errorf("step %d, %s: the site has %s", i, s.what, f)
			} else if text != "" && !strings.Contains(page, text) {
				t.Errorf("step %d, %s: %s does not show %q", i, s.what, f, text)
			}
		}
		noTempFolders(t, dir)
	}
}

// replaceAll replaces every occurrence (at least one) of old in a
// repository file.
func replaceAll(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeFile(t, dir, rel, strings.ReplaceAll(string(b), old, new))
}

// runAt builds dir at now and fails the test on any error.
func runAt(t *testing.T, dir string, now time.Time, opts build.Options) *build.Result {
	t.Helper()
	opts.Dir, opts.Now = dir, now
	res, err := build.Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// sameFindings fails unless the two projects have the same findings and
// the same public articles.
func sameFindings(t *testing.T, what string, got, want *project.Project) {
	t.Helper()
	if !slices.EqualFunc(got.Findings, want.Findings, diag.Finding.Same) {
		t.Errorf("%s: findings\n got %v\nwant %v", what, got.Findings, want.Findings)
	}
	paths := func(p *project.Project) []string {
		var out []string
		for a := range p.Public() {
			out = append(out, a.Path)
		}
		slices.Sort(out)
		return out
	}
	if g, w := paths(got), paths(want); !slices.Equal(g, w) {
		t.Errorf("%s: public %v, want %v", what, g, w)
	}
}

// longAgo is an hour before the tests began.
var longAgo = time.Now().Add(-time.Hour).Truncate(time.Second)

// dateBack dates the files and folders of the repository written since
// longAgo to longAgo and step seconds, as files edited a while before a
// build are; the others keep their times.
func dateBack(t *testing.T, dir string, step int) {
	t.Helper()
	when := longAgo.Add(time.Duration(step) * time.Second)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == "site" && d.IsDir() {
			return filepath.SkipDir
		}
		fi, err := d.Info()
		if err != nil || !fi.ModTime().After(longAgo.Add(10*time.Minute)) {
			return err
		}
		return os.Chtimes(p, when, when)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	to = filepath.Join(dir, filepath.FromSlash(to))
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, filepath.FromSlash(from)), to); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDamagedOrForeignPageStoreReusesNothing: the page store beside the
// site, damaged, from another program, or naming other bytes than the site
// holds, makes the rebuild execute its pages (or reuse only what the site
// really holds), and the site is the clean build's.
func TestDamagedOrForeignPageStoreReusesNothing(t *testing.T) {
	dir := newRepo(t)
	site := filepath.Join(dir, "site")
	store := filepath.Join(dir, ".site.pagekeys")
	mustRun(t, dir, build.Options{})
	good, err := os.ReadFile(store)
	if err != nil {
		t.Fatalf("no page store beside the site: %v", err)
	}
	damaged := []byte(strings.Repeat("x", len(good)))
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 1
	foreign := append([]byte(nil), good...)
	foreign[20] ^= 1 // inside the program's identity
	clean := filepath.Join(t.TempDir(), "clean")
	mustRun(t, dir, build.Options{Out: clean})
	want := tree(t, clean)
	for _, c := range []struct {
		what string
		data []byte
	}{{"damaged", damaged}, {"one bit flipped", flipped}, {"from another program", foreign}, {"empty", nil}} {
		if err := os.WriteFile(store, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		res := mustRun(t, dir, build.Options{})
		if res.Reused != 0 {
			t.Errorf("%s store: %d pages reused", c.what, res.Reused)
		}
		if d := diffTrees(want, tree(t, site)); len(d) > 0 {
			t.Errorf("%s store: the site differs from a clean build:\n%s", c.what, strings.Join(d, "\n"))
		}
	}
	// A page changed by hand in the site is never reused, whatever the
	// store says.
	page := filepath.Join(site, "2025", "meeting", "index.html")
	if err := os.WriteFile(page, []byte("手工修改"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, build.Options{})
	if d := diffTrees(want, tree(t, site)); len(d) > 0 {
		t.Errorf("after a page was changed by hand: the site differs from a clean build:\n%s", strings.Join(d, "\n"))
	}
}
