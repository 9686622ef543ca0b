package build

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithinFollowsLinksEvenToAFolderNotMadeYet(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("site", filepath.Join(dir, "pub")); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	if !Within(filepath.Join(dir, "pub", "x"), site) {
		t.Errorf("pub/x, pub linking to a site/ not made yet, is not within site/")
	}
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if !Within(filepath.Join(dir, "pub", "x", "y"), site) || Within(filepath.Join(dir, "other"), site) {
		t.Errorf("Within disagrees with the resolved paths")
	}
}
