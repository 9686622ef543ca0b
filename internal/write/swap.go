package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gongkai/internal/msg"
)

// LeftoverError says the new site is in place but the previous copy could
// not be removed: a warning, not a failed build.
type LeftoverError struct {
	Path string
	Err  error
}

var msgLeftover = msg.New("write.leftover",
	"新网站已就位，但旧副本 %s 未能删除（%v），请手动删除",
	"the new site is in place, but the previous copy %s could not be removed (%v): remove it yourself")

func (e *LeftoverError) Error() string { return msgLeftover.F(e.Path, e.Err) }
func (e *LeftoverError) Unwrap() error { return e.Err }

// target returns the folder a build replaces: dir itself, or the folder a
// symbolic link dir points to (the link is kept).
func target(dir string) (string, error) {
	fi, err := os.Lstat(dir)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return dir, nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return "", msgDanglingLink.Error(dir)
	} else if err != nil {
		return "", err
	}
	return real, nil
}

var msgDanglingLink = msg.New("write.dangling_link",
	"输出目录 %s 是一个符号链接，但它指向的文件夹不存在；请先创建该文件夹，或改用 -o 指定其他目录",
	"the output folder %s is a symbolic link to a folder that does not exist: create that folder, or choose another -o")

// swap puts the folder tmp in dir's place and returns where the previous
// dir now is ("" when there was none): an atomic exchange where the system
// has one, else two renames, putting the old folder back if the second fails.
func swap(tmp, dir string) (old string, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, dir)
	}
	if err := exchange(tmp, dir); err == nil {
		return tmp, nil
	} else if !errors.Is(err, errNoExchange) {
		return "", err
	}
	parent, name := filepath.Split(dir)
	old, err = os.MkdirTemp(parent, "."+name+".old-")
	if err != nil {
		return "", err
	}
	// old is an empty placeholder that reserves a unique name; replace it.
	if err := os.Remove(old); err != nil {
		return "", err
	}
	if err := os.Rename(dir, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if back := os.Rename(old, dir); back != nil {
			return "", fmt.Errorf("%w (and the previous site stays in %s: %v)", err, old, back)
		}
		return "", err
	}
	return old, nil
}

// errNoExchange says the system or file system cannot exchange two paths.
var errNoExchange = errors.New("atomic exchange not supported")

// staleAge is how old a leftover folder must be to be removed where no
// lock tells that no other build is running.
const staleAge = time.Hour

// removeStale removes the .<name>.tmp-* and .<name>.old-* folders in parent
// that interrupted builds left: each holds a whole copy of a site (withdrawn
// articles included). Under the build lock every one is stale; without a
// lock (systems without flock) only those older than staleAge.
func removeStale(parent, name string) {
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() || !strings.HasPrefix(n, "."+name+".tmp-") && !strings.HasPrefix(n, "."+name+".old-") {
			continue
		}
		if !haveLock {
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < staleAge {
				continue
			}
		}
		os.RemoveAll(filepath.Join(parent, n))
	}
}
