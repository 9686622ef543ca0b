package project

import (
	"io/fs"
	"os"
	"runtime"
)

// repoFS is the repository as RepoFS opens it: os.Root's file system, but
// ReadFile first tries to open the path in one step, refusing any
// symbolic link on the way (readPlain, on Linux), where os.Root opens
// each folder of the path in turn. A path readPlain cannot read — a
// link in it, a file that is not regular, any error — is read by os.Root,
// so what is read, and every error, is os.Root's.
type repoFS struct {
	root fs.FS // root.FS(): a StatFS, ReadFileFS, ReadDirFS and ReadLinkFS
	// dir is the repository folder, opened through root, and fd its
	// descriptor: readPlain opens paths beneath it (dir nil: readPlain
	// reads nothing).
	dir *os.File
	fd  int
}

func newRepoFS(root *os.Root) *repoFS {
	r := &repoFS{root: root.FS()}
	if dir, err := root.Open("."); err == nil {
		r.dir, r.fd = dir, int(dir.Fd())
	}
	return r
}

func (r *repoFS) Open(name string) (fs.File, error) { return r.root.Open(name) }

func (r *repoFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.root, name) }

func (r *repoFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.root, name) }

func (r *repoFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.root, name) }

func (r *repoFS) ReadLink(name string) (string, error) { return fs.ReadLink(r.root, name) }

func (r *repoFS) ReadFile(name string) ([]byte, error) {
	data, ok := r.readPlain(name)
	runtime.KeepAlive(r.dir) // fd stays open while readPlain uses it
	if ok {
		return data, nil
	}
	return fs.ReadFile(r.root, name)
}
