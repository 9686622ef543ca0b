package build_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gongkai/internal/build"
)

func TestOldCopyThatCannotBeDeletedIsAWarningAndTheNewSiteIsInPlace(t *testing.T) {
	dir := newRepo(t)
	mustRun(t, dir, build.Options{})
	// An immutable file stops the deletion of the previous site's copy,
	// even for root.
	stuck := filepath.Join(dir, "site", "stuck.txt")
	if err := os.WriteFile(stuck, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chattr", "+i", stuck).CombinedOutput(); err != nil {
		t.Skipf("cannot make a file immutable here: %v %s", err, out)
	}
	old := ""
	t.Cleanup(func() {
		matches, _ := filepath.Glob(filepath.Join(dir, ".site.*-*", "stuck.txt"))
		for _, m := range append(matches, stuck) {
			exec.Command("chattr", "-i", m).Run()
		}
	})
	edit(t, dir, "content/2025/meeting.md", "正文甲部署", "正文甲再次部署")
	res := mustRun(t, dir, build.Options{})
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "未能删除") {
		t.Fatalf("warnings %q, want the copy that could not be deleted", res.Warnings)
	}
	if page := tree(t, filepath.Join(dir, "site"))["2025/meeting/index.html"]; !strings.Contains(page, "正文甲再次部署") {
		t.Errorf("the new site is not in place")
	}
	matches, _ := filepath.Glob(filepath.Join(dir, ".site.*-*")) // .site.tmp-* after an exchange
	if len(matches) != 1 {
		t.Fatalf("want the one copy left beside site/, got %q", matches)
	}
	old = matches[0]
	// Once the file can go, the next build removes the copy.
	exec.Command("chattr", "-i", filepath.Join(old, "stuck.txt")).Run()
	if res := mustRun(t, dir, build.Options{}); len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the next build left %s (%v)", old, err)
	}
}

func TestTwoBuildsIntoOneFolderAtOnceBothSucceed(t *testing.T) {
	dir := newRepo(t)
	mustRun(t, dir, build.Options{})
	want := tree(t, filepath.Join(dir, "site"))
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = run(dir, build.Options{})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i, err)
		}
	}
	sameSite(t, filepath.Join(dir, "site"), want)
	noTempFolders(t, dir)
}
