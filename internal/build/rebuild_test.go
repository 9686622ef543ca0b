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
	mustRun(t, dir, build.Options{})
	for i, s := range steps {
		s.do()
		mustRun(t, dir, build.Options{})
		clean := filepath.Join(t.TempDir(), "clean")
		mustRun(t, dir, build.Options{Out: clean})
		if d := diffTrees(tree(t, clean), tree(t, site)); len(d) > 0 {
			t.Errorf("step %d, %s: the rebuild differs from a clean build:\n%s", i, s.what, strings.Join(d, "\n"))
		}
		noTempFolders(t, dir)
	}
}
