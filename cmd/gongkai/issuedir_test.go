package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// internalLeft fails the test when the internal issue 2025-2 (or any
// internal issue) was written under the folder.
func internalLeft(t *testing.T, dir, folder string) {
	t.Helper()
	filepath.WalkDir(filepath.Join(dir, folder), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "内部") && strings.HasSuffix(p, "index.html") && strings.Contains(string(b), "2025年第2期") {
				t.Errorf("%s holds the internal issue", p)
			}
		}
		return nil
	})
}

func TestBulletinRefusesAnInternalIssueThroughALinkToTheSite(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	if _, stderr, code := gongkai(t, "-C", dir, "build", "--now", "2025-10-09"); code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	if err := os.Symlink("site", filepath.Join(dir, "pub")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"pub/preview", "pub", filepath.Join(dir, "pub", "a", "b")} {
		_, stderr, code := gongkai(t, "-C", dir, "bulletin", "content/bulletins/2025-2.yaml", "-o", out, "--now", "2025-10-09")
		if code != 2 || !strings.Contains(stderr, "绝不写到 site/ 下") {
			t.Errorf("-o %s: code %d, stderr %q", out, code, stderr)
		}
	}
	internalLeft(t, dir, "site")
}

func TestBulletinRefusesAnInternalIssueInAnyBuiltSite(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	if _, stderr, code := gongkai(t, "-C", dir, "build", "-o", "docs", "--now", "2025-10-09"); code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	for _, out := range []string{"docs", "docs/bulletins/internal"} {
		_, stderr, code := gongkai(t, "-C", dir, "bulletin", "content/bulletins/2025-2.yaml", "-o", out, "--now", "2025-10-09")
		if code != 2 || !strings.Contains(stderr, "绝不写到") {
			t.Errorf("-o %s: code %d, stderr %q", out, code, stderr)
		}
	}
	internalLeft(t, dir, "docs")
}

func TestPublicIssueOnAFreshCloneLeavesASiteTheBuildReplaces(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "bulletin", "content/bulletins/2025-1.yaml", "--now", "2025-10-09")
	if code != 0 || !exists(dir, "site/bulletins/2025-1/index.html") {
		t.Fatalf("bulletin: code %d\n%s%s", code, out, stderr)
	}
	out, stderr, code = gongkai(t, "-C", dir, "build", "--now", "2025-10-09")
	if code != 0 || !exists(dir, "site/index.html") {
		t.Errorf("build after bulletin: code %d\n%s%s", code, out, stderr)
	}
}
