// Package deploy publishes a built site to a folder on the agency's own web
// server as a new release, switched in with one symlink:
//
//	<target>/releases/20261202T091500Z/   one folder per deployment
//	<target>/current -> releases/20261202T091500Z
//
// The web server's document root is <target>/current. A release is complete
// before current points at it (the symlink is replaced with one rename), so a
// visitor sees the old site or the new one, never half of each. Files equal
// to the previous release's are hard-linked, not copied. The newest Keep
// releases stay for Rollback, which points current at the release before it.
package deploy

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gongkai/internal/msg"
)

// Releases is the folder of releases under a target; Current the symlink.
const (
	Releases = "releases"
	Current  = "current"
)

var (
	msgNoRelease = msg.New("deploy.no_release",
		"%s 中没有可回退的上一个版本",
		"%s has no earlier release to roll back to")
	msgNotSymlink = msg.New("deploy.not_symlink",
		"%s 存在但不是符号链接：请先将其移走，再部署",
		"%s exists and is not a symbolic link: move it away before deploying")
)

// Local deploys the folder site to the local folder target, keeping the
// newest keep releases (at least 1), and returns the new release's name.
func Local(site, target string, keep int, now time.Time) (string, error) {
	rel := filepath.Join(target, Releases)
	if err := os.MkdirAll(rel, 0o755); err != nil {
		return "", err
	}
	prev, err := current(target)
	if err != nil {
		return "", err
	}
	name := now.UTC().Format("20060102T150405Z")
	for i := 2; exists(filepath.Join(rel, name)); i++ {
		name = fmt.Sprintf("%s-%d", now.UTC().Format("20060102T150405Z"), i)
	}
	tmp := filepath.Join(rel, "."+name+".partial")
	os.RemoveAll(tmp)
	prevDir := ""
	if prev != "" {
		prevDir = filepath.Join(rel, prev)
	}
	if err := copyTree(site, tmp, prevDir); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, filepath.Join(rel, name)); err != nil {
		return "", err
	}
	if err := Switch(target, name); err != nil {
		return "", err
	}
	return name, prune(target, max(keep, 1))
}

// Rollback points current at the release before the current one and
// returns its name.
func Rollback(target string) (string, error) {
	names, err := List(target)
	if err != nil {
		return "", err
	}
	cur, err := current(target)
	if err != nil {
		return "", err
	}
	i := slices.Index(names, cur)
	if i <= 0 {
		return "", msgNoRelease.Error(target)
	}
	return names[i-1], Switch(target, names[i-1])
}

// Switch points target/current at releases/name with one rename.
func Switch(target, name string) error {
	link := filepath.Join(target, Current)
	if fi, err := os.Lstat(link); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
		return msgNotSymlink.Error(link)
	}
	tmp := filepath.Join(target, "."+Current+".new")
	os.Remove(tmp)
	if err := os.Symlink(filepath.Join(Releases, name), tmp); err != nil {
		return err
	}
	return os.Rename(tmp, link)
}

// List returns the names of the complete releases, oldest first.
func List(target string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(target, Releases))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// current returns the release current points at, or "" when there is none.
func current(target string) (string, error) {
	dest, err := os.Readlink(filepath.Join(target, Current))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", msgNotSymlink.Error(filepath.Join(target, Current))
	}
	return filepath.Base(dest), nil
}

// prune removes all but the newest keep releases, never the current one.
func prune(target string, keep int) error {
	names, err := List(target)
	if err != nil {
		return err
	}
	cur, _ := current(target)
	for _, n := range names[:max(0, len(names)-keep)] {
		if n != cur {
			if err := os.RemoveAll(filepath.Join(target, Releases, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// copyTree copies the regular files and folders of src into dst, hard-linking
// a file from prev (the previous release) when its bytes are the same.
func copyTree(src, dst, prev string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		case !d.Type().IsRegular():
			return nil // gongkai writes no symlinks into site/; never follow one
		}
		if prev != "" && sameFile(p, filepath.Join(prev, rel)) {
			if os.Link(filepath.Join(prev, rel), out) == nil {
				return nil
			}
		}
		return copyFile(p, out)
	})
}

// sameFile reports whether the regular files a and b hold the same bytes.
func sameFile(a, b string) bool {
	fa, errA := os.Lstat(a)
	fb, errB := os.Lstat(b)
	if errA != nil || errB != nil || !fb.Mode().IsRegular() || fa.Size() != fb.Size() {
		return false
	}
	da, errA := os.ReadFile(a)
	db, errB := os.ReadFile(b)
	return errA == nil && errB == nil && bytes.Equal(da, db)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// NginxConfig is the shipped nginx server block for a deployed target.
//
//go:embed nginx.conf
var NginxConfig string
