package deploy

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDeploySwitchesCurrentKeepsNAndRollsBack(t *testing.T) {
	target := t.TempDir()
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	var names []string
	for i, body := range []string{"一", "二", "三", "四"} {
		site := writeSite(t, map[string]string{"index.html": body, "assets/site.css": "css"})
		name, err := Local(site, target, 3, t0.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
		if got := read(t, filepath.Join(target, Current, "index.html")); got != body {
			t.Fatalf("after deployment %d current serves %q", i+1, got)
		}
	}
	got, _ := List(target)
	if !slices.Equal(got, names[1:]) {
		t.Errorf("releases kept = %v, want the newest 3 %v", got, names[1:])
	}
	// Unchanged files are hard links to the previous release's.
	a, _ := os.Stat(filepath.Join(target, Releases, names[2], "assets/site.css"))
	b, _ := os.Stat(filepath.Join(target, Releases, names[3], "assets/site.css"))
	if !os.SameFile(a, b) {
		t.Error("an unchanged file was copied, not hard-linked")
	}
	if dest, _ := os.Readlink(filepath.Join(target, Current)); dest != filepath.Join(Releases, names[3]) {
		t.Errorf("current -> %s, want a relative link to the release", dest)
	}

	back, err := Rollback(target)
	if err != nil || back != names[2] || read(t, filepath.Join(target, Current, "index.html")) != "三" {
		t.Fatalf("rollback to %q, %v", back, err)
	}
	Rollback(target)
	if _, err := Rollback(target); err == nil {
		t.Error("rolling back past the oldest release kept should fail")
	}
	if read(t, filepath.Join(target, Current, "index.html")) != "二" {
		t.Error("a failed rollback moved current")
	}
}

func TestDeployRefusesACurrentThatIsAFolder(t *testing.T) {
	target := t.TempDir()
	os.MkdirAll(filepath.Join(target, Current), 0o755)
	site := writeSite(t, map[string]string{"index.html": "x"})
	if _, err := Local(site, target, 3, time.Now()); err == nil {
		t.Fatal("deployed over a current folder")
	}
}
