package write

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no inode numbers here")
	}
	return st.Ino
}

func TestRebuildLinksUnchangedFilesWritesChangedOnesAndDropsStale(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Dir(fstest.MapFS{
		"index.html":        {Data: []byte("home v1")},
		"2025/a/index.html": {Data: []byte("a")},
		"2025/b/index.html": {Data: []byte("b")},
	}, dir); err != nil {
		t.Fatal(err)
	}
	a, home := inode(t, filepath.Join(dir, "2025/a/index.html")), inode(t, filepath.Join(dir, "index.html"))

	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range map[string]string{"index.html": "home v2", "2025/a/index.html": "a", "2025/c/index.html": "c"} {
		if err := w.Put(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if got := w.Stats(); got != (Stats{Written: 2, Linked: 1}) {
		t.Errorf("stats = %+v, want 2 written (home, c) and 1 linked (a)", got)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "home v2", "2025/a/index.html": "a", "2025/c/index.html": "c"}
	if got := tree(t, dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
	if inode(t, filepath.Join(dir, "2025/a/index.html")) != a {
		t.Error("the unchanged page was written again, not linked")
	}
	if inode(t, filepath.Join(dir, "index.html")) == home {
		t.Error("the changed page shares the old file")
	}
	if got := siblings(t, dir); !reflect.DeepEqual(got, []string{".site.spare", "site"}) {
		t.Errorf("parent holds %v, want the site and its spare", got)
	}
	// Of the replaced generation the spare keeps only what the site still
	// publishes with the same bytes: not the old home page, not b.
	if got, want := spareTree(t, dir), map[string]string{"2025/a/index.html": "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("spare = %v, want %v", got, want)
	}
}

func TestRebuildWritesAFileChangedByHandSinceTheLastBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	site := fstest.MapFS{"index.html": {Data: []byte("home")}}
	if err := Dir(site, dir); err != nil {
		t.Fatal(err)
	}
	// Same size, other bytes, touched after the manifest was written.
	p := filepath.Join(dir, "index.html")
	if err := os.WriteFile(p, []byte("HOME"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	if err := Dir(site, dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir)["index.html"]; got != "home" {
		t.Errorf("index.html = %q, want the built bytes, not the hand edit", got)
	}
}

func TestDamagedManifestMeansEveryFileIsWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	site := fstest.MapFS{"index.html": {Data: []byte("home")}}
	if err := Dir(site, dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, manifestName), []byte("garbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put("index.html", []byte("home")); err != nil {
		t.Fatal(err)
	}
	if got := w.Stats(); got != (Stats{Written: 1}) {
		t.Errorf("stats = %+v, want the file written", got)
	}
	w.Abort()
}

func TestPutRefusesAPathTwiceAndTheBookkeepingNames(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Put("a.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a.html", Marker, manifestName, "../x", "/abs"} {
		if err := w.Put(p, []byte("x")); err == nil {
			t.Errorf("Put(%q) succeeded", p)
		}
	}
}

// TestPreviousGivesOnlyTheBytesTheLastBuildWrote: the previous
// generation's file is read back as the manifest records it, and not at
// all when it was changed since (even with the same size and time), is a
// symbolic link, or is not in the manifest.
func TestPreviousGivesOnlyTheBytesTheLastBuildWrote(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	site := fstest.MapFS{"a.bin": {Data: []byte("aaaa")}, "b.bin": {Data: []byte("bbbb")}, "c.bin": {Data: []byte("cccc")}}
	if err := Dir(site, dir); err != nil {
		t.Fatal(err)
	}
	// b: same size and time, other bytes; c: a link to a.
	b := filepath.Join(dir, "b.bin")
	fi, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("BBBB"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(b, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	c := filepath.Join(dir, "c.bin")
	if err := os.Remove(c); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.bin", c); err != nil {
		t.Fatal(err)
	}
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if data, ok := w.Previous("a.bin"); !ok || string(data) != "aaaa" {
		t.Errorf("Previous(a.bin) = %q, %v, want the bytes written", data, ok)
	}
	for _, p := range []string{"b.bin", "c.bin", "d.bin", "../site/a.bin", Marker} {
		if data, ok := w.Previous(p); ok {
			t.Errorf("Previous(%q) = %q, want nothing", p, data)
		}
	}
}
