package write

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/msg"
)

// TestMain runs these tests in English: they pin the English catalogue
// (--lang en); the Chinese texts are pinned by build's and cmd's tests.
func TestMain(m *testing.M) {
	msg.SetLang(msg.EN)
	os.Exit(m.Run())
}

// tree reads every file under dir into a map keyed by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if rel != Marker && rel != manifestName { // checked in TestDirRefusesAFolderItDidNotWrite
			got[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// siblings lists the entries of dir's parent, to see no temp folder is left.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func oldSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Dir(fstest.MapFS{
		"index.html":            {Data: []byte("old home")},
		"2024/stale/index.html": {Data: []byte("stale")},
	}, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

var oldTree = map[string]string{"index.html": "old home", "2024/stale/index.html": "stale"}

func TestDirCreatesTheFolderWithExactlyTheFiles(t *testing.T) {
	dir := oldSite(t)
	if got := tree(t, dir); !reflect.DeepEqual(got, oldTree) {
		t.Fatalf("tree = %v, want %v", got, oldTree)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("site folder mode = %v, %v; want 0755", fi.Mode(), err)
	}
}

func TestDirReplacesTheOldTreeAndLeavesNothingStale(t *testing.T) {
	dir := oldSite(t)
	site := fstest.MapFS{
		"index.html":                     {Data: []byte("new home")},
		"2025/a/index.html":              {Data: []byte("a")},
		"2025/a/附件.pdf":                  {Data: []byte("%PDF")},
		"catalog/category/gzdt/feed.xml": {Data: []byte("<rss/>")},
	}
	if err := Dir(site, dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "new home", "2025/a/index.html": "a",
		"2025/a/附件.pdf": "%PDF", "catalog/category/gzdt/feed.xml": "<rss/>"}
	if got := tree(t, dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("tree = %v, want %v", got, want)
	}
	if got := siblings(t, dir); !reflect.DeepEqual(got, []string{".site.spare", "site"}) {
		t.Errorf("parent holds %v, want the site and its spare", got)
	}
	if got := spareTree(t, dir); len(got) != 0 {
		t.Errorf("spare = %v, want nothing: the stale page and the old home page are gone", got)
	}
}

// failingFS lists its files but cannot open the one named bad.
type failingFS struct {
	fstest.MapFS
	bad string
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("disk on fire")}
	}
	return f.MapFS.Open(name)
}

// ReadFile hides fstest.MapFS's own ReadFile so that reads go through Open.
func (f failingFS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(file)
}

func (f failingFS) Paths() []string {
	var ps []string
	for p := range f.MapFS {
		ps = append(ps, p)
	}
	return ps
}

func TestDirFailingMidwayLeavesTheOldSiteUntouched(t *testing.T) {
	cases := []struct {
		name string
		site fs.FS
		want string
	}{
		{"open fails", failingFS{MapFS: fstest.MapFS{
			"a.html": {Data: []byte("a")}, "m/n.html": {Data: []byte("n")}, "z.html": {Data: []byte("z")},
		}, bad: "m/n.html"}, `reading m/n\.html from the site: open m/n\.html: disk on fire`},
		{"file name cannot be created", fstest.MapFS{
			"a.html": {Data: []byte("a")}, "bad\x00name.html": {Data: []byte("x")},
		}, "writing bad\x00name\\.html: "},
		{"file where a folder is needed", failingFS{MapFS: fstest.MapFS{
			"a": {Data: []byte("a")}, "a/b.html": {Data: []byte("b")},
		}}, "(writing|creating) a: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := oldSite(t)
			err := Dir(c.site, dir)
			if err == nil || !regexp.MustCompile("^"+c.want).MatchString(err.Error()) {
				t.Fatalf("Dir error = %v, want it to start with %q", err, c.want)
			}
			if got := tree(t, dir); !reflect.DeepEqual(got, oldTree) {
				t.Errorf("old site changed: %v", got)
			}
			if got := siblings(t, dir); !reflect.DeepEqual(got, []string{"site"}) {
				t.Errorf("parent holds %v, want only site (temp folder removed)", got)
			}
		})
	}
}

func TestDirRejectsPathsThatAreNotCleanAndRelative(t *testing.T) {
	for _, p := range []string{"../escape.html", "/abs.html", "a//b.html", "a/./b.html", "a/../b.html"} {
		dir := oldSite(t)
		err := Dir(failingFS{MapFS: fstest.MapFS{p: {Data: []byte("x")}}}, dir)
		want := `site path "` + p + `" is not a clean relative path`
		if err == nil || err.Error() != want {
			t.Errorf("Dir with %q: error %v, want %s", p, err, want)
		}
		if got := tree(t, dir); !reflect.DeepEqual(got, oldTree) {
			t.Errorf("old site changed: %v", got)
		}
	}
}

func TestDirRefusesToReplaceAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.WriteFile(dir, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Dir(fstest.MapFS{"index.html": {Data: []byte("x")}}, dir)
	if err == nil || !strings.HasSuffix(err.Error(), "exists and is not a folder") {
		t.Fatalf("error = %v, want: exists and is not a folder", err)
	}
	if b, _ := os.ReadFile(dir); string(b) != "keep" {
		t.Errorf("file changed to %q", b)
	}
}

func TestDirRefusesAFolderItDidNotWrite(t *testing.T) {
	dir := oldSite(t)
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		t.Fatalf("no marker in a written site: %v", err)
	}
	// Someone's folder of files: never replaced.
	mine := filepath.Join(t.TempDir(), "docs")
	if err := os.MkdirAll(filepath.Join(mine, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "notes", "plan.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Dir(fstest.MapFS{"index.html": {Data: []byte("x")}}, mine)
	if !errors.Is(err, ErrNotASite) || !strings.Contains(err.Error(), "choose another -o") {
		t.Fatalf("err = %v, want ErrNotASite", err)
	}
	if b, _ := os.ReadFile(filepath.Join(mine, "notes", "plan.txt")); string(b) != "keep me" {
		t.Fatal("the folder's files were touched")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if err := Dir(fstest.MapFS{"index.html": {Data: []byte("x")}}, empty); err != nil {
		t.Fatalf("empty folder: %v", err)
	}
}
