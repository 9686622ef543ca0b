package project

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// linkedRepo makes a repository with a plain article, links that stay in
// it (to a file, through a linked folder) and links that leave it, and a
// file outside it.
func linkedRepo(t *testing.T) (dir string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "repo")
	for name, text := range map[string]string{
		"repo/content/2025/a.md":   "---\ntitle: 甲\n---\n正文\n",
		"repo/content/2024/b.md":   "---\ntitle: 乙\n---\n",
		"outside/secret.md":        "root:x:0:0",
		"repo/content/2025/big.md": string(bytes.Repeat([]byte("公开"), 100000)),
	} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"content/2025/in.md":   "../2024/b.md",
		"content/linked":       "2024",
		"content/2025/out.md":  "../../../outside/secret.md",
		"content/2025/abs.md":  filepath.Join(base, "outside/secret.md"),
		"content/2025/self.md": filepath.Join(dir, "content/2025/a.md"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	return dir
}

// The repository's ReadFile reads what os.Root reads, and fails as it
// fails, whether or not the path holds a link.
func TestRepoFSReadsWhatOSRootReads(t *testing.T) {
	dir := linkedRepo(t)
	fsys, err := RepoFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := root.FS()
	for _, p := range []string{
		"content/2025/a.md", "content/2025/big.md", "content/2025/in.md", "content/linked/b.md",
		"content/2025/out.md", "content/2025/abs.md", "content/2025/self.md",
		"content/2025/none.md", "content/2025", ".", "../repo/content/2025/a.md", "content//2025/a.md",
	} {
		got, gotErr := fs.ReadFile(fsys, p)
		exp, expErr := fs.ReadFile(want, p)
		if !bytes.Equal(got, exp) || (gotErr == nil) != (expErr == nil) || gotErr != nil && gotErr.Error() != expErr.Error() {
			t.Errorf("%s: read %.20q, %v; os.Root reads %.20q, %v", p, got, gotErr, exp, expErr)
		}
	}
	if b, err := fs.ReadFile(fsys, "content/2025/out.md"); err == nil {
		t.Errorf("a link out of the repository was read: %q", b)
	}
}

// readPlain reads the paths without a link itself, and leaves every other
// one to os.Root.
func TestRepoFSReadsOnlyPlainPathsInOneStep(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("readPlain reads on Linux only")
	}
	dir := linkedRepo(t)
	fsys, err := RepoFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := fsys.(*repoFS)
	for p, plain := range map[string]bool{
		"content/2025/a.md": true, "content/2025/big.md": true,
		"content/2025/in.md": false, "content/linked/b.md": false, "content/2025/out.md": false,
		"content/2025/abs.md": false, "content/2025/self.md": false, "content/2025": false, "content/2025/none.md": false,
	} {
		data, ok := r.readPlain(p)
		if ok != plain {
			t.Errorf("%s: readPlain read it: %v, want %v", p, ok, plain)
		}
		if ok {
			if want, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); !bytes.Equal(data, want) {
				t.Errorf("%s: readPlain read %d bytes, want the file's %d", p, len(data), len(want))
			}
		}
	}
}
