package check_test

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
)

// TestMemoSameFindings runs every case of TestRules through a Memo: the
// first run (nothing remembered), a second (everything remembered) and,
// for each article in turn, a run where that article alone is a new value
// (as serve re-reads a saved file), and runs after a file other than an
// article went and came back (ForgetFiles) must each find exactly what
// RunAfterLoad finds.
func TestMemoSameFindings(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	base, err := os.ReadFile("testdata/gongkai.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		now, _ := directives(t, ar.Comment)
		fsys := fstest.MapFS{config.FileName: {Data: base}}
		for _, f := range ar.Files {
			if !outputNames[f.Name] {
				fsys[f.Name] = &fstest.MapFile{Data: inputFile(t, f.Name, f.Data, ar.Comment)}
			}
		}
		cfg, findings := config.Load(fsys)
		if cfg == nil {
			t.Fatalf("%s: gongkai.yaml: %v", file, findings)
		}
		arts, loaded := load.Load(fsys, cfg)
		want := check.RunAfterLoad(cfg, arts, loaded, fsys, now)
		m := check.NewMemo()
		same := func(what string, got diag.List) {
			t.Helper()
			if !slices.EqualFunc(got, want, diag.Finding.Same) {
				t.Errorf("%s, %s:\n got %v\nwant %v", file, what, got, want)
			}
		}
		same("first run", m.Run(cfg, arts, loaded, fsys, now))
		same("second run", m.Run(cfg, arts, loaded, fsys, now))
		for i := range arts {
			again := slices.Clone(arts)
			fresh, _ := load.ReadFiles(fsys, []string{arts[i].Path}, cfg)
			again[i] = fresh[0]
			wantAgain := check.RunAfterLoad(cfg, again, loaded, fsys, now)
			got := m.Run(cfg, again, loaded, fsys, now)
			if !slices.EqualFunc(got, wantAgain, diag.Finding.Same) {
				t.Errorf("%s, %s re-read:\n got %v\nwant %v", file, arts[i].Path, got, wantAgain)
			}
		}
		m.Forget()
		same("after Forget", m.Run(cfg, arts, loaded, fsys, now))
		// Each file other than an article goes, then comes back: the
		// articles that looked at it are checked again.
		for _, name := range slices.Sorted(maps.Keys(fsys)) {
			if name == config.FileName || strings.HasSuffix(name, ".md") || alone(fsys, name) {
				continue
			}
			f := fsys[name]
			delete(fsys, name)
			m.ForgetFiles([]string{name})
			if got, want := m.Run(cfg, arts, loaded, fsys, now), check.RunAfterLoad(cfg, arts, loaded, fsys, now); !slices.EqualFunc(got, want, diag.Finding.Same) {
				t.Errorf("%s, without %s:\n got %v\nwant %v", file, name, got, want)
			}
			fsys[name] = f
			m.ForgetFiles([]string{path.Dir(name)}) // as when its folder is renamed back
			same("with "+name+" again", m.Run(cfg, arts, loaded, fsys, now))
		}
	}
}

// alone reports whether name is the only file of its folder: a MapFS
// without it has no such folder, which no real file system does.
func alone(fsys fstest.MapFS, name string) bool {
	dir := path.Dir(name) + "/"
	for p := range fsys {
		if p != name && strings.HasPrefix(p, dir) {
			return false
		}
	}
	return true
}
