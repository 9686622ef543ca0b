package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/build"
)

// TestRebuildIsTheCleanBuildOfTheEditedTree edits the repository step by
// step and, after each step, builds into the same folder again (reusing
// what it can of the previous build) and into a new folder: the two trees
// must be the same files and folders, byte for byte, so that nothing stale
// survives a rebuild (a removed article's folder, a page whose list
// changed) and nothing reused is out of date.
func TestRebuildIsTheCleanBuildOfTheEditedTree(t *testing.T) {
	dir := newRepo(t)
	site := filepath.Join(dir, "site")
	var removed []byte // notice.md while it is removed
	keepGoing := false // whether the tree has errors to leave out
	// shows, for a step, is text a file of its site must hold (so that
	// the step does what it says); "" a file it must not have.
	steps := []struct {
		what  string
		do    func()
		shows map[string]string
	}{
		{"nothing changed", func() {}, nil},
		{"one body edited", func() { edit(t, dir, "content/2025/meeting.md", "正文甲部署", "正文甲布置") }, nil},
		{"a title edited (lists, feeds, neighbours)", func() {
			edit(t, dir, "content/2025/notice.md", "title: 某某县招商局信息公开实施办法", "title: 某某县招商局信息公开实施细则")
		}, nil},
		{"an article removed", func() {
			if err := os.Remove(filepath.Join(dir, "content/2025/report.md")); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"an article added", func() {
			b, err := os.ReadFile(filepath.Join(dir, "content/2025/meeting.md"))
			if err != nil {
				t.Fatal(err)
			}
			s := strings.Replace(string(b), "2025-00002", "2025-00004", 1)
			s = strings.Replace(s, "attachments: [议程.pdf]\n", "", 1)
			s = strings.Replace(s, "议程见[附件](议程.pdf)", "另行通知", 1)
			writeFile(t, dir, "content/2025/again.md", s)
		}, nil},
		{"the attachment changed", func() { writeFile(t, dir, "content/2025/议程.pdf", "%PDF-1.4 新议程") }, nil},
		// The body facts (render.PageStore): what a body not rendered again
		// stands for must change whenever the body's page would.
		{"a first paragraph edited (the summary: feeds, the page's description)", func() {
			edit(t, dir, "content/2025/notice.md", "正文乙制定本办法", "正文乙订立本办法")
		}, map[string]string{"feed.xml": "正文乙订立本办法"}},
		{"a neighbour's title edited (its neighbour's prev and next links)", func() {
			edit(t, dir, "content/2025/again.md", "title: 县招商局召开信息宣传工作会议", "title: 县招商局再次召开信息宣传工作会议")
		}, map[string]string{"2025/meeting/index.html": "县招商局再次召开"}},
		{"a linked article moved (the links to it resolve elsewhere)", func() {
			replaceAll(t, dir, "content/2025/notice.md", "at: 2025-02-1", "at: 2024-12-1")
		}, map[string]string{"2025/meeting/index.html": `href="/2024/notice/"`, "2025/notice/index.html": ""}},
		{"a linked article removed (the articles linking it are left out)", func() {
			keep, err := os.ReadFile(filepath.Join(dir, "content/2025/notice.md"))
			if err != nil {
				t.Fatal(err)
			}
			removed = keep
			if err := os.Remove(filepath.Join(dir, "content/2025/notice.md")); err != nil {
				t.Fatal(err)
			}
			keepGoing = true // the articles linking it have errors now
		}, map[string]string{"2025/meeting/index.html": "", "2024/notice/index.html": ""}},
		{"the linked article added again", func() {
			writeFile(t, dir, "content/2025/notice.md", string(removed))
			keepGoing = false
		},
			map[string]string{"2025/meeting/index.html": `href="/2024/notice/"`}},
		{"raw HTML in a body", func() { edit(t, dir, "content/2025/again.md", "另行通知", "<span class=\"x\">另行</span>通知") },
			map[string]string{"2025/again/index.html": "&lt;span"}},
		{"markdown.unsafe_html turned on", func() {
			edit(t, dir, "gongkai.yaml", "categories:", "markdown: {unsafe_html: true}\ncategories:")
		}, map[string]string{"2025/again/index.html": `<span class="x">`}},
		{"markdown.unsafe_html turned off", func() {
			edit(t, dir, "gongkai.yaml", "markdown: {unsafe_html: true}\n", "")
		}, map[string]string{"2025/again/index.html": "&lt;span"}},
		{"a template overridden", func() { writeFile(t, dir, "templates/site.css", "body { color: #000 }\n") }, nil},
	}
	first := mustRun(t, dir, build.Options{})
	if first.Reused != 0 {
		t.Errorf("a first build reused %d pages", first.Reused)
	}
	for i, s := range steps {
		s.do()
		res := mustRun(t, dir, build.Options{KeepGoing: keepGoing})
		if i == 0 && res.Reused == 0 {
			t.Errorf("a rebuild without a change executed every page")
		}
		clean := filepath.Join(t.TempDir(), "clean")
		if res := mustRun(t, dir, build.Options{Out: clean, KeepGoing: keepGoing}); res.Reused != 0 {
			t.Errorf("a build into a new folder reused %d pages", res.Reused)
		}
		got := tree(t, site)
		if d := diffTrees(tree(t, clean), got); len(d) > 0 {
			t.Errorf("step %d, %s: the rebuild differs from a clean build:\n%s", i, s.what, strings.Join(d, "\n"))
		}
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
	// Nor is a search index file the next index would start from.
	index := filepath.Join(site, "search", "index", "0.bin")
	if err := os.WriteFile(index, []byte("手工修改"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, build.Options{})
	if d := diffTrees(want, tree(t, site)); len(d) > 0 {
		t.Errorf("after an index file was changed by hand: the site differs from a clean build:\n%s", strings.Join(d, "\n"))
	}
}
