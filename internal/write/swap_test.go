package write

import (
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func TestDirNeverLeavesTheFolderMissing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the atomic exchange is Linux's renameat2")
	}
	dir := filepath.Join(t.TempDir(), "site")
	site := fstest.MapFS{"index.html": {Data: []byte("home")}, "a/b/index.html": {Data: []byte("b")}}
	if err := Dir(site, dir); err != nil {
		t.Fatal(err)
	}
	var stop, missing, looks atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for stop.Load() == 0 {
			if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
				missing.Add(1)
			}
			looks.Add(1)
		}
	}()
	for range 40 {
		if err := Dir(site, dir); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(1)
	<-done
	if missing.Load() > 0 {
		t.Errorf("%s/index.html was missing %d times in %d looks during 40 rebuilds", dir, missing.Load(), looks.Load())
	}
	if names := siblings(t, dir); len(names) != 1 {
		t.Errorf("parent holds %v, want only site", names)
	}
}

func TestDirRemovesWhatInterruptedBuildsLeft(t *testing.T) {
	dir := oldSite(t)
	parent := filepath.Dir(dir)
	for _, left := range []string{".site.tmp-123", ".site.old-456"} {
		if err := os.MkdirAll(filepath.Join(parent, left, "2025", "withdrawn"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, left, "2025", "withdrawn", "index.html"), []byte("撤回的全文"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(parent, ".other.tmp-1") // another folder's: not ours to remove
	if err := os.Mkdir(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("new")}}, dir); err != nil {
		t.Fatal(err)
	}
	names := siblings(t, dir)
	if len(names) != 2 || names[0] != ".other.tmp-1" || names[1] != "site" {
		t.Errorf("parent holds %v, want the leftovers of site gone and .other.tmp-1 kept", names)
	}
}

func TestDirReplacesTheFolderALinkPointsToAndKeepsTheLink(t *testing.T) {
	root := t.TempDir()
	www := filepath.Join(root, "www", "htdocs")
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("old")}}, www); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "site")
	if err := os.Symlink(www, link); err != nil {
		t.Fatal(err)
	}
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("new")}}, link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("site is no longer a symbolic link: %v %v", fi, err)
	}
	if got := tree(t, www); got["index.html"] != "new" {
		t.Errorf("the linked folder holds %v, want the new site", got)
	}
	dangling := filepath.Join(root, "gone")
	if err := os.Symlink(filepath.Join(root, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("x")}}, dangling); err == nil {
		t.Error("a link to a missing folder was replaced")
	}
	if _, err := os.Stat(filepath.Join(root, "nowhere")); err == nil {
		t.Error("the build created the folder a dangling link names")
	}
}

func TestExchangeSwapsTwoFolders(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchange(a, b); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(a, "name")); string(got) != "b" {
		t.Errorf("after the exchange a holds %q, want b", got)
	}
}
