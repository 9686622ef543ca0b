// Package write puts a rendered site on disk atomically: the whole tree is
// written into a fresh sibling folder (a generation) and then swapped into
// place. A failure at any point leaves the previous folder as it was; a
// success leaves exactly the new files (nothing stale survives). Files are
// written as they come (Writer.Put), so a build never holds the rendered
// site in memory, and a file whose bytes the previous generation already
// has is hard-linked to it instead of written again (see manifest.go).
package write

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"golang.org/x/sync/errgroup"

	"gongkai/internal/msg"
)

// Lister is an fs.FS that can list its files directly. render.Site is one;
// Dir uses the list instead of walking the tree, which matters for sites of
// many thousands of folders.
type Lister interface {
	fs.FS
	// Paths returns every file's path, slash-separated and relative.
	Paths() []string
}

// Marker is the file Dir leaves in every folder it writes. Dir replaces an
// existing folder only when it holds the marker (or nothing at all), so a
// mistyped -o can never wipe a folder of someone's files.
const Marker = ".gongkai-site"

// markerText is in Chinese whatever the language of the run: the folder's
// readers are the agency's staff, and a file must not change with --lang.
const markerText = "此文件夹由 gongkai build 生成，每次构建都会整体替换，请不要在其中手工修改文件。\n"

// Mark creates the folder dir when it is missing and leaves the Marker in
// it, so that a later Dir may replace it: for a command that writes part
// of a site before any build (gongkai bulletin on a fresh clone).
func Mark(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
}

// ErrNotASite is returned for an existing folder that Dir did not write.
var ErrNotASite = msg.New("write.not_a_site", "中已有不是 gongkai 写入的文件", "already holds files that gongkai did not write").Sentinel()

var (
	msgNotAFolder   = msg.New("write.not_a_folder", "%s 已存在，但不是文件夹", "%s exists and is not a folder")
	msgForeignFiles = msg.New("write.foreign_files",
		"%s %w（其中没有 %s 文件）：请自行删除，或用 -o 另选一个文件夹",
		"%s %w (no %s file in it); remove it yourself or choose another -o")
	msgOldKept  = msg.New("write.old_kept", "%w（原来的网站保留在 %s：%v）", "%w (and the previous site stays in %s: %v)")
	msgListing  = msg.New("write.listing", "列出网站文件：%w", "listing the site: %w")
	msgBadPath  = msg.New("write.bad_path", "网站路径“%s”不是规范的相对路径", "site path %q is not a clean relative path")
	msgCreating = msg.New("write.creating", "创建 %s：%w", "creating %s: %w")
	msgReading  = msg.New("write.reading", "从网站读取 %s：%w", "reading %s from the site: %w")
	msgWriting  = msg.New("write.writing", "写入 %s：%w", "writing %s: %w")
)

// Dir writes every file of site into the folder dir, replacing it whole.
// Paths in site must be clean, relative and not escaping (fs.ValidPath);
// any other path is an error and nothing is changed. An existing dir must be
// empty or hold the Marker of an earlier Dir.
func Dir(site fs.FS, dir string) error {
	paths, err := files(site)
	if err != nil {
		return err
	}
	w, err := Begin(dir)
	if err != nil {
		return err
	}
	if err := writeAll(site, w, paths); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// Target returns the folder a build into dir replaces: dir, or the folder
// it links to (see Begin).
func Target(dir string) (string, error) { return followLink(filepath.Clean(dir)) }

// followLink returns the folder a symbolic link dir points at (the web
// server's root, say), so that the build replaces that folder and the link
// stays; any other dir is returned as it is.
func followLink(dir string) (string, error) {
	fi, err := os.Lstat(dir)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return dir, nil
	}
	target, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", msgBrokenLink.Error(dir, err)
	}
	return target, nil
}

var msgBrokenLink = msg.New("write.broken_link",
	"输出目录 %s 是符号链接，但无法找到它指向的目录（%v）：请修正链接，或用 -o 选择另一个目录",
	"the output folder %s is a symbolic link whose target cannot be found (%v): fix the link or choose another -o")

// Replaceable checks that dir may be replaced: absent, an empty folder, or
// a folder with the Marker.
func Replaceable(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if !fi.IsDir() {
		return msgNotAFolder.Error(dir)
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return msgForeignFiles.Error(dir, ErrNotASite, Marker)
	}
	return nil
}

// files returns the site's file paths, sorted, after checking each one.
func files(site fs.FS) ([]string, error) {
	var paths []string
	if l, ok := site.(Lister); ok {
		paths = append(paths, l.Paths()...)
	} else {
		err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			return nil, msgListing.Error(err)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		if !fs.ValidPath(p) || p == "." {
			return nil, msgBadPath.Error(p)
		}
	}
	return paths, nil
}

// writeAll copies the files with one worker per processor and stops handing
// out work after the first failure. The first error in path order is
// returned.
func writeAll(site fs.FS, w *Writer, paths []string) error {
	errs := make([]error, len(paths))
	work := make(chan int)
	var wg sync.WaitGroup
	var failed sync.Once
	stop := make(chan struct{})
	for n := 0; n < runtime.GOMAXPROCS(0); n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				data, err := fs.ReadFile(site, paths[i])
				if err != nil {
					err = msgReading.Error(paths[i], err)
				} else {
					err = w.Put(paths[i], data)
				}
				if errs[i] = err; err != nil {
					failed.Do(func() { close(stop) })
				}
			}
		}()
	}
feed:
	for i := range paths {
		select {
		case work <- i:
		case <-stop:
			break feed
		}
	}
	close(work)
	wg.Wait()
	return firstError(errs)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// errNoExchange means the system cannot exchange two folders in one step.
var errNoExchange = errors.New("no atomic exchange")

// LeftoverError is a swap that succeeded but could not delete the previous
// site's copy: the new site is in place; the copy is removed by the next
// build. Callers report it as a warning.
type LeftoverError struct {
	Path string
	Err  error
}

func (e *LeftoverError) Error() string { return msgLeftover.F(e.Path, e.Err) }

var msgLeftover = msg.New("write.leftover",
	"网站已更新，但旧版本的副本 %s 未能删除（%v）：下次构建时会再次删除；请确认该目录不会被发布",
	"the site is updated, but the previous copy %s could not be deleted (%v): the next build deletes it again; make sure that folder is not published")

// swap puts the folder tmp in place of dir and returns the folder that
// now holds the previous site ("" when dir did not exist). On Linux the two
// are exchanged in one step (renameat2 RENAME_EXCHANGE), so dir is never
// missing, even when the build is killed. Elsewhere, or on a file system
// that cannot exchange, the old dir is renamed away first and put back if
// the new one cannot be moved in: a kill between the two renames leaves no
// dir (the old site is then in .NAME.old-*, and the next build removes it).
// The caller keeps the previous site as the spare or deletes it.
func swap(tmp, dir string) (old string, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, dir)
	}
	err = exchange(tmp, dir)
	if err == nil {
		return tmp, nil // tmp now holds the previous site
	}
	if !errors.Is(err, errNoExchange) {
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
			return "", msgOldKept.Error(err, old, back)
		}
		return "", err
	}
	return old, nil
}

func removeLeftover(p string) error {
	if err := removeAll(p); err != nil {
		return &LeftoverError{p, err}
	}
	return nil
}

// removeAll is os.RemoveAll, its top-level entries removed on several
// workers: unlinking the previous generation's ten thousand files is a
// build's last step, and metadata calls are what a build spends most of
// its time on.
func removeAll(p string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return os.RemoveAll(p)
	}
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	for _, e := range entries {
		g.Go(func() error { return os.RemoveAll(filepath.Join(p, e.Name())) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return os.RemoveAll(p)
}

// removeStale deletes the .NAME.tmp-* and .NAME.old-* folders beside dir
// that an interrupted build left: they hold whole sites, withdrawn
// articles included. Two builds into one folder at once are not supported.
func removeStale(dir string) {
	parent, name := filepath.Split(dir)
	for _, kind := range []string{".tmp-", ".old-"} {
		stale, _ := filepath.Glob(filepath.Join(parent, "."+name+kind+"*"))
		for _, p := range stale {
			if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
				os.RemoveAll(p)
			}
		}
	}
}
