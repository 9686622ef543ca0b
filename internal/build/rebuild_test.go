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
	steps := []struct {
		what string
		do   func()
	}{
		{"nothing changed", func() {}},
		{"one body edited", func() { edit(t, dir, "content/2025/meeting.md", "正文甲部署", "正文甲布置") }},
		{"a title edited (lists, feeds, neighbours)", func() {
			edit(t, dir, "content/2025/notice.md", "title: 某某县招商局信息公开实施办法", "title: 某某县招商局信息公开实施细则")
		}},
		{"an article removed", func() {
			if err := os.Remove(filepath.Join(dir, "content/2025/report.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"an article added", func() {
			b, err := os.ReadFile(filepath.Join(dir, "content/2025/meeting.md"))
			if err != nil {
				t.Fatal(err)
			}
			s := strings.Replace(string(b), "2025-00002", "2025-00004", 1)
			s = strings.Replace(s, "attachments: [议程.pdf]\n", "", 1)
			s = strings.Replace(s, "议程见[附件](议程.pdf)", "另行通知", 1)
			writeFile(t, dir, "content/2025/again.md", s)
		}},
		{"the attachment changed", func() { writeFile(t, dir, "content/2025/议程.pdf", "%PDF-1.4 新议程") }},
		{"a template overridden", func() { writeFile(t, dir, "templates/site.css", "body { color: #000 }\n") }},
	}
	first := mustRun(t, dir, build.Options{})
	if first.Reused != 0 {
		t.Errorf("a first build reused %d pages", first.Reused)
	}
	for i, s := range steps {
		s.do()
		res := mustRun(t, dir, build.Options{})
		if i == 0 && res.Reused == 0 {
			t.Errorf("a rebuild without a change executed every page")
		}
		clean := filepath.Join(t.TempDir(), "clean")
		if res := mustRun(t, dir, build.Options{Out: clean}); res.Reused != 0 {
			t.Errorf("a build into a new folder reused %d pages", res.Reused)
		}
		if d := diffTrees(tree(t, clean), tree(t, site)); len(d) > 0 {
			t.Errorf("step %d, %s: the rebuild differs from a clean build:\n%s", i, s.what, strings.Join(d, "\n"))
		}
		noTempFolders(t, dir)
	}
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
