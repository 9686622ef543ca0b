package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/config"
	"gongkai/internal/project"
)

// TestPreviewSeesWhatBuildSees loads every check fixture the way serve
// does (file by file, then project.Assemble) and the way build does
// (project.Open), and asserts the same findings and the same public set:
// the preview shows exactly what build would publish.
func TestPreviewSeesWhatBuildSees(t *testing.T) {
	files, err := filepath.Glob("../check/testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	base, err := os.ReadFile("../check/testdata/gongkai.yaml")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{config.FileName: {Data: base}}
			for _, f := range ar.Files {
				fsys[f.Name] = &fstest.MapFile{Data: f.Data}
			}
			built, err := project.Open(fsys, now)
			if err != nil {
				t.Skipf("the fixture's gongkai.yaml cannot be used: %v", err)
			}
			served, _, err := (&source{fsys: fsys}).load(changes{config: true}, now)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := served.Findings.String(), built.Findings.String(); g != w {
				t.Errorf("serve's findings differ from build's:\n--- serve\n%s--- build\n%s", g, w)
			}
			if g, w := publicPaths(served), publicPaths(built); !slices.Equal(g, w) {
				t.Errorf("serve's public set %v, build's %v", g, w)
			}
		})
	}
}

func publicPaths(p *project.Project) []string {
	var out []string
	for a := range p.Public() {
		out = append(out, a.Path)
	}
	slices.Sort(out)
	return out
}
