package write

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func TestDirRemovesFoldersLeftByInterruptedBuilds(t *testing.T) {
	dir := oldSite(t)
	for _, stale := range []string{".site.tmp-123", ".site.old-456"} {
		if err := os.MkdirAll(filepath.Join(filepath.Dir(dir), stale, "2025/withdrawn"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("new")}}, dir); err != nil {
		t.Fatal(err)
	}
	if got := siblings(t, dir); !reflect.DeepEqual(got, []string{".site.spare", "site"}) {
		t.Errorf("parent holds %v, want the site and its spare", got)
	}
	if got := spareTree(t, dir); len(got) != 0 {
		t.Errorf("spare = %v, want nothing (no file kept its bytes)", got)
	}
}

func TestSiteIsNeverMissingDuringASwap(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the one-step exchange is Linux's")
	}
	dir := oldSite(t)
	var missing, stop atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() {
			if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
				missing.Store(true)
			}
		}
	}()
	for i := 0; i < 200 && !missing.Load(); i++ {
		if err := Dir(fstest.MapFS{"index.html": {Data: []byte("v")}}, dir); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	<-done
	if missing.Load() {
		t.Error("site/ was missing for a moment during a build")
	}
}

func TestDirThroughASymlinkReplacesTheTargetAndKeepsTheLink(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www")
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("old")}}, target); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "repo", "site")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("new")}}, link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("site is no longer a link: %v %v", fi, err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "index.html")); string(b) != "new" {
		t.Errorf("the link's target holds %q, want the new site", b)
	}
}
