package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/project"
	"gongkai/internal/render"
)

// BenchmarkRebuildAfterOneSave measures serve's rebuild after one saved
// article, as the watcher hands it over (the file named in changes):
// GONGKAI_CORPUS names the repository of a corpus written by
// bench/gencorpus.go (GONGKAI_CORPUS=/tmp/c/gongkai after `go run
// bench/gencorpus.go -n 10000 -out /tmp/c`), as for every corpus
// benchmark. It is copied first (outside the timer; hard links where it
// can, as 100,000 files take minutes to copy) and each iteration edits the
// copy's first article, a file of its own, so the corpus itself is never
// changed.
// It reports what the serve log's own figure measures: re-read, check and
// render.
func BenchmarkRebuildAfterOneSave(b *testing.B) {
	corpus := os.Getenv("GONGKAI_CORPUS")
	if corpus == "" {
		b.Skip("set GONGKAI_CORPUS to a generated corpus (see the doc comment)")
	}
	dir := b.TempDir()
	if err := linkTree(dir, corpus); err != nil {
		b.Fatal(err)
	}
	fsys, err := project.RepoFS(dir)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	bl := &builder{
		src: &source{fsys: fsys}, r: render.NewRenderer(),
		opts: build.Options{Dir: dir, BaseURL: "http://127.0.0.1:1313/", SkipBrokenBulletins: true},
		now:  func() time.Time { return now }, log: io.Discard, hub: newHub(),
	}
	b.Cleanup(func() { bl.close() })
	if err := bl.rebuild(changes{config: true, rescan: true}); err != nil {
		b.Fatal(err)
	}
	rel := "content/" + firstArticle(b, filepath.Join(dir, "content"))
	file := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// The edited file must not be a link to the corpus's.
	if err := os.Remove(file); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n++
		b.StopTimer()
		edited := append(bytes.Clone(orig), fmt.Sprintf("\n第%d次修改。\n", n)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var err error
		// The label tells a profile's rebuilds from the first build
		// (go tool pprof -tagfocus phase=rebuild).
		pprof.Do(context.Background(), pprof.Labels("phase", "rebuild"), func(context.Context) {
			err = bl.rebuild(changes{articles: map[string]bool{rel: true}, files: map[string]bool{rel: true}})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// firstArticle returns the first Markdown file under dir, relative to it.
func firstArticle(b *testing.B, dir string) string {
	var first string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && first == "" && !d.IsDir() && filepath.Ext(p) == ".md" {
			first, _ = filepath.Rel(dir, p)
			return filepath.SkipAll
		}
		return nil
	})
	if first == "" {
		b.Fatal("no article")
	}
	return filepath.ToSlash(first)
}

// linkTree makes dir a copy of the tree at src, its files hard links to
// src's when the file system allows, copies otherwise.
func linkTree(dir, src string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if os.Link(p, to) == nil {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
}
