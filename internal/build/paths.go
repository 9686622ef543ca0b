package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gongkai/internal/write"
)

// Within reports whether path is dir or inside it, comparing resolved
// paths: absolute, with every symbolic link of the part that exists
// followed, so that "pub/x" where pub links to site is inside site.
func Within(path, dir string) bool {
	p, err1 := Resolve(path)
	d, err2 := Resolve(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	return p == d || strings.HasPrefix(p, d+string(filepath.Separator))
}

// Resolve returns the absolute path with the symbolic links of its longest
// existing part followed; the rest, not there yet, is kept as written.
func Resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur, hops := abs, 0; ; hops++ {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if target, err := os.Readlink(cur); err == nil && hops < 40 { // a link to a folder not made yet
			if !filepath.IsAbs(target) {
				target = filepath.Join(parent, target)
			}
			cur = target
			continue
		}
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// SiteFolder returns the built site that holds path (path itself or a
// folder above it with write.Marker), resolved, or "" when there is none.
func SiteFolder(path string) string {
	p, err := Resolve(path)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Lstat(filepath.Join(p, write.Marker)); err == nil {
			return p
		}
		parent := filepath.Dir(p)
		if parent == p {
			return ""
		}
		p = parent
	}
}

// MarkNewSite leaves the site marker in the output folder when something
// other than a build writes there first (gongkai bulletin on a fresh
// clone): without it, the next build would refuse to replace a folder it
// did not write. An existing folder is left as it is.
func MarkNewSite(out string) error {
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return write.Mark(out)
}
