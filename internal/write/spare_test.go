package write

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"
)

// spareTree reads the spare beside dir as tree does the site, without its
// record.
func spareTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := tree(t, sparePath(dir))
	delete(got, spareName)
	return got
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, data := range files {
		m[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// build writes files as one generation of dir and returns the Writer's
// stats.
func build(t *testing.T, dir string, files map[string]string) Stats {
	t.Helper()
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if err := w.Put(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	st := w.Stats()
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !reflect.DeepEqual(got, files) {
		t.Fatalf("site = %v, want %v", got, files)
	}
	return st
}

func TestRebuildFromTheSpareWritesOnlyWhatChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	build(t, dir, map[string]string{"index.html": "home v1", "2025/a/index.html": "a", "2025/b/index.html": "b"})
	build(t, dir, map[string]string{"index.html": "home v2", "2025/a/index.html": "a", "2025/b/index.html": "b"})
	if got, want := spareTree(t, dir), map[string]string{"2025/a/index.html": "a", "2025/b/index.html": "b"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("spare = %v, want %v", got, want)
	}
	fi, err := os.Stat(sparePath(dir))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("spare mode = %v, %v; want 0700 (closed to other users)", fi.Mode(), err)
	}
	a := inode(t, filepath.Join(sparePath(dir), "2025/a/index.html"))
	folder := inode(t, filepath.Join(sparePath(dir), "2025/a")) // folders cannot be linked

	st := build(t, dir, map[string]string{"index.html": "home v3", "2025/a/index.html": "a", "2025/c/index.html": "c"})
	if st != (Stats{Written: 2, Linked: 1}) {
		t.Errorf("stats = %+v, want 2 written (home, c) and 1 kept (a)", st)
	}
	if inode(t, filepath.Join(dir, "2025/a/index.html")) != a {
		t.Error("the unchanged page was written again instead of kept from the spare")
	}
	if inode(t, filepath.Join(dir, "2025/a")) != folder {
		t.Error("the site was not made from the spare")
	}
	if _, err := os.Lstat(filepath.Join(dir, "2025/b")); err == nil {
		t.Error("the folder of the page no longer published is still in the site")
	}
	fi, err = os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("site mode = %v, %v; want 0755", fi.Mode(), err)
	}
	// The spare now is the second generation less what changed since.
	if got, want := spareTree(t, dir), map[string]string{"2025/a/index.html": "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("spare = %v, want %v", got, want)
	}
	if got := siblings(t, dir); !reflect.DeepEqual(got, []string{".site.spare", "site"}) {
		t.Errorf("parent holds %v, want the site and its spare", got)
	}
	// The folders the spare lost files from (2025, for b) do not stop the
	// next build from using it.
	folder = inode(t, filepath.Join(sparePath(dir), "2025/a"))
	st = build(t, dir, map[string]string{"index.html": "home v4", "2025/a/index.html": "a", "2025/c/index.html": "c"})
	if st != (Stats{Written: 1, Linked: 2}) {
		t.Errorf("stats = %+v, want 1 written (home) and 2 kept (a, c)", st)
	}
	if inode(t, filepath.Join(dir, "2025/a")) != folder {
		t.Error("the spare was not used after it lost files from a folder")
	}
}

// spareOf builds two generations of dir, the second with the same files,
// so that the spare holds them all.
func spareOf(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	build(t, dir, files)
	build(t, dir, files)
	if got := spareTree(t, dir); !reflect.DeepEqual(got, files) {
		t.Fatalf("spare = %v, want %v", got, files)
	}
}

func TestTwoChangedFilesInOneFolderKeepTheSpare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	build(t, dir, map[string]string{"index.html": "home", "list/1.html": "one", "list/2.html": "two", "list/3.html": "three"})
	build(t, dir, map[string]string{"index.html": "home", "list/1.html": "one v2", "list/2.html": "two v2", "list/3.html": "three"})
	if got, want := spareTree(t, dir), map[string]string{"index.html": "home", "list/3.html": "three"}; !reflect.DeepEqual(got, want) {
		t.Errorf("spare = %v, want %v", got, want)
	}
}

func TestAFileAddedToTheSpareByHandIsNeverPublished(t *testing.T) {
	for _, where := range []string{"2025/a/extra.html", "2025/extra/index.html", "extra.html"} {
		t.Run(where, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			files := map[string]string{"index.html": "home", "2025/a/index.html": "a"}
			spareOf(t, dir, files)
			extra := filepath.Join(sparePath(dir), filepath.FromSlash(where))
			if err := os.MkdirAll(filepath.Dir(extra), 0o755); err != nil {
				t.Fatal(err)
			}
			// Written at once, within the clock tick of the spare's record,
			// and also an hour later: neither may reach the site.
			if err := os.WriteFile(extra, []byte("not ours"), 0o644); err != nil {
				t.Fatal(err)
			}
			build(t, dir, files) // fails if the extra file is in the site
		})
	}
}

func TestAFileAddedToTheSiteByHandDoesNotComeBackThroughTheSpare(t *testing.T) {
	for _, later := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "site")
		files := map[string]string{"index.html": "home", "2025/a/index.html": "a"}
		build(t, dir, files)
		if err := os.WriteFile(filepath.Join(dir, "2025/a/notes.txt"), []byte("by hand"), 0o644); err != nil {
			t.Fatal(err)
		}
		if later {
			hour := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(dir, "2025/a"), hour, hour)
		}
		build(t, dir, files) // the site it replaces, notes and all, becomes the spare
		build(t, dir, files) // fails if notes.txt comes back from the spare
	}
}

func TestALinkPutInTheSpareInPlaceOfAFolderIsNotFollowed(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	outside := filepath.Join(root, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	spareOf(t, dir, map[string]string{"index.html": "home", "2025/a/index.html": "a"})
	a := filepath.Join(sparePath(dir), "2025/a")
	if err := os.RemoveAll(a); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, a); err != nil {
		t.Fatal(err)
	}
	build(t, dir, map[string]string{"index.html": "home", "2025/a/index.html": "a changed"})
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Errorf("the build wrote through the link: %v", ents)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "2025/a")); err != nil || !fi.IsDir() {
		t.Errorf("2025/a in the site = %v, %v; want a folder", fi, err)
	}
}

func TestAFileChangedByHandInTheSpareIsWrittenAgain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string]string{"index.html": "home", "2025/a/index.html": "a"}
	spareOf(t, dir, files)
	p := filepath.Join(sparePath(dir), "2025/a/index.html")
	// The spare's file is the site's too (one inode): break the link
	// first, so that only the spare's copy changes.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("b"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(p, later, later)
	os.Chtimes(filepath.Dir(p), time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	build(t, dir, files) // fails unless the page reads "a" again
}

func TestTheSpareGivesWayWhereAFileBecomesAFolderAndBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	spareOf(t, dir, map[string]string{"index.html": "home", "x": "a file", "d/a.html": "in a folder"})
	build(t, dir, map[string]string{"index.html": "home", "x/index.html": "now a folder", "d": "now a file"})
	build(t, dir, map[string]string{"index.html": "home", "x": "a file again", "d/a.html": "a folder again"})
}

func TestAnAbortedBuildDropsTheSpareAndTheNextStartsFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string]string{"index.html": "home", "2025/a/index.html": "a"}
	spareOf(t, dir, files)
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put("index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if got := tree(t, dir); !reflect.DeepEqual(got, files) {
		t.Fatalf("site after an aborted build = %v, want %v", got, files)
	}
	if got := siblings(t, dir); !reflect.DeepEqual(got, []string{"site"}) {
		t.Errorf("parent holds %v, want only the site", got)
	}
	build(t, dir, map[string]string{"index.html": "home 2", "2025/a/index.html": "a"})
}

func TestADamagedSpareRecordMeansAFreshGeneration(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string]string{"index.html": "home", "2025/a/index.html": "a"}
	spareOf(t, dir, files)
	if err := os.WriteFile(filepath.Join(sparePath(dir), spareName), []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st := build(t, dir, files)
	if st.Written != 0 || st.Linked != 2 {
		t.Errorf("stats = %+v, want both files linked to the site's", st)
	}
}
