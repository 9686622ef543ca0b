package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBrokenManifestListsItsFindingsAndTheRestOfTheSiteUpdates(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	if err := os.MkdirAll(filepath.Join(dir, "content/bulletins"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content/bulletins/2025-1.yaml"),
		"year: 2025\nnumber: 1\ndate: 2025-03-01\naudience: public\narticles:\n  - content/2025/gone.md\n")
	want := "content/bulletins/2025-1.yaml:6:5: 错误 GK070 content/2025/gone.md 不存在（请按路径列出稿件，如 content/2025/meeting.md）"
	waitState(t, s, "broken manifest", func(st state) bool {
		return len(st.Problems) > 0 && strings.Contains(strings.Join(st.Problems, "\n"), want)
	})
	// An edit elsewhere still reaches the preview.
	file := filepath.Join(dir, meeting)
	writeFile(t, file, strings.Replace(readFile(t, file), "会议强调", "改过之后", 1))
	waitPage(t, s, "/2025/meeting/", "an edit while a manifest is broken", has("改过之后"))
	st := waitState(t, s, "still broken", func(st state) bool { return len(st.Problems) > 0 })
	if !strings.Contains(strings.Join(st.Problems, "\n"), want) {
		t.Errorf("the overlay lacks the manifest's finding:\n%s", strings.Join(st.Problems, "\n"))
	}
}
