package serve

import (
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/render"
)

func TestSourceRereadsOnlyChangedFiles(t *testing.T) {
	dir := repo(t)
	src := &source{fsys: os.DirFS(dir)}
	p1, changed, err := src.load(changes{config: true}, testNow)
	if err != nil || !changed {
		t.Fatalf("first load: changed %v, %v", changed, err)
	}
	file := filepath.Join(dir, meeting)
	writeFile(t, file, strings.Replace(readFile(t, file), "会议强调", "再次", 1))
	p2, changed, err := src.load(changes{articles: map[string]bool{meeting: true}}, testNow)
	if err != nil || !changed {
		t.Fatalf("second load: changed %v, %v", changed, err)
	}
	for i, a := range p2.Articles {
		if reread := a != p1.Articles[i]; reread != (a.Path == meeting) {
			t.Errorf("%s: re-read %v", a.Path, reread)
		}
	}
	// The project is the one project.Open makes.
	open := mustOpen(t, dir)
	if got, want := lines(p2.Findings), lines(open.Findings); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings\n%s\nwant, as project.Open gives,\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(string(p2.Articles[0].Body), "再次") {
		t.Errorf("the changed article was not re-read: %q", p2.Articles[0].Body)
	}
}

func TestSavingWithoutAChangeDoesNotRender(t *testing.T) {
	dir := repo(t)
	b := &builder{
		src: &source{fsys: os.DirFS(dir)}, r: render.NewRenderer(), opts: build.Options{Dir: dir},
		now: func() time.Time { return testNow }, log: io.Discard, hub: newHub(),
	}
	t.Cleanup(func() { b.close() })
	if err := b.rebuild(changes{config: true}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, meeting)
	writeFile(t, file, readFile(t, file))
	if err := b.rebuild(changes{articles: map[string]bool{meeting: true}}); err != nil {
		t.Fatal(err)
	}
	if n := b.builds.Load(); n != 1 {
		t.Fatalf("%d renders, want 1: an unchanged file was rendered again", n)
	}
	writeFile(t, file, strings.Replace(readFile(t, file), "会议强调", "变了", 1))
	if err := b.rebuild(changes{articles: map[string]bool{meeting: true}}); err != nil {
		t.Fatal(err)
	}
	if n := b.builds.Load(); n != 2 {
		t.Fatalf("%d renders after a change, want 2", n)
	}
}

// TestSourceSeesOtherFilesComeAndGo: an article's own findings are kept
// between loads (check.Memo), but not once a file it links to appears or
// goes: the findings stay project.Open's.
func TestSourceSeesOtherFilesComeAndGo(t *testing.T) {
	dir := repo(t)
	file := filepath.Join(dir, meeting)
	writeFile(t, file, readFile(t, file)+"\n见[附件](附件.txt)。\n")
	src := &source{fsys: os.DirFS(dir)}
	load := func(what string, c changes) {
		t.Helper()
		p, _, err := src.load(c, testNow)
		if err != nil {
			t.Fatal(err)
		}
		open := mustOpen(t, dir)
		if got, want := strings.Join(lines(p.Findings), "\n"), strings.Join(lines(open.Findings), "\n"); got != want {
			t.Errorf("%s: findings\n%s\nwant, as project.Open gives,\n%s", what, got, want)
		}
	}
	load("first load", changes{config: true})
	att := path.Join(path.Dir(meeting), "附件.txt")
	writeFile(t, filepath.Join(dir, att), "附件")
	load("the linked file appeared", changes{assets: true, files: map[string]bool{att: true}})
	if err := os.Remove(filepath.Join(dir, att)); err != nil {
		t.Fatal(err)
	}
	load("the linked file went", changes{assets: true, files: map[string]bool{att: true}})
}
