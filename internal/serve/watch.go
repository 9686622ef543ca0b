package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongkai/internal/config"
	"gongkai/internal/load"
	"gongkai/internal/msg"
)

// Watched folders: fsnotify watches folders, not trees, so every folder
// under content/ and templates/ is added, and new ones as they appear. The
// repository root is watched too, for gongkai.yaml (editors save by
// renaming, which a watch on the file itself would lose) and for content/
// or templates/ appearing. site/ is never watched.
const templatesDir = "templates"

// watchRepo adds the root, content/ and templates/.
func (s *Server) watchRepo() error {
	if err := s.fsw.Add(s.dir); err != nil {
		return msgWatchDir.Error(s.dir, watchCause(err))
	}
	for _, d := range []string{load.ContentDir, templatesDir} {
		if _, err := s.watchTree(d); err != nil {
			return err
		}
	}
	return nil
}

// watchTree watches the folder rel and every folder below it, skipping
// hidden ones, and returns the Markdown files found in them (a folder that
// appears with files already in it sends no event for them).
func (s *Server) watchTree(rel string) ([]string, error) {
	var files []string
	root := filepath.Join(s.dir, filepath.FromSlash(rel))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: the loader reports it
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if isArticle(d.Name()) {
				r, _ := filepath.Rel(s.dir, p)
				files = append(files, filepath.ToSlash(r))
			}
			return nil
		}
		if err := s.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return msgWatchDir.Error(p, watchCause(err))
		}
		return nil
	})
	return files, err
}

// note adds one event to the batch and reports whether it matters.
func (s *Server) note(c *changes, ev fsnotify.Event) bool {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return false // Chmod: touch, antivirus, Spotlight
	}
	r, err := filepath.Rel(s.dir, ev.Name)
	if err != nil {
		return false
	}
	rel := filepath.ToSlash(r)
	if s.isConfigFile(rel) {
		c.config = true
		c.noteFile(rel)
		return true
	}
	top, rest, _ := strings.Cut(rel, "/")
	if (top != load.ContentDir && top != templatesDir) || ignored(rel) {
		return false
	}
	c.noteFile(rel)
	if ev.Has(fsnotify.Remove | fsnotify.Rename) {
		_ = s.fsw.Remove(ev.Name) // a folder that was watched; an error for a file
	}
	if ev.Has(fsnotify.Create) {
		s.watchNewFolder(c, ev.Name, rel)
	}
	switch {
	case top == templatesDir:
		c.templates = true
	case rest == "":
		c.rescan = true // content/ itself appeared or went
	case isArticle(rel):
		c.markArticle(rel)
	default:
		c.assets = true
	}
	return true
}

// watchNewFolder watches a folder that appeared (created, or moved in) and
// marks the articles already in it.
func (s *Server) watchNewFolder(c *changes, name, rel string) {
	if st, err := os.Stat(name); err != nil || !st.IsDir() {
		return
	}
	files, err := s.watchTree(rel)
	if err != nil {
		fmt.Fprintln(s.log, err)
	}
	for _, f := range files {
		c.markArticle(f)
	}
}

// isConfigFile reports whether rel is gongkai.yaml or the calendar file it
// names.
func (s *Server) isConfigFile(rel string) bool {
	if rel == config.FileName {
		return true
	}
	cfg := s.b.src.cfg
	return cfg != nil && cfg.CalendarFile != "" && path.Clean(cfg.CalendarFile) == rel
}

// isArticle reports whether a file name is Markdown, as the loader decides.
func isArticle(name string) bool {
	return strings.EqualFold(path.Ext(name), ".md")
}

// ignored reports whether a path is hidden (the loader skips it; this
// takes Emacs' .#lock and most editors' swap files) or an editor's
// temporary file: vim's 4913, .swp and backup~, JetBrains' ___jb_tmp___ and
// ___jb_old___, *.tmp, Emacs' #autosave#, Office's ~$owner file, and the
// sedXXXXXX that sed -i writes and renames over the file it edits. Such a
// file neither starts a rebuild nor shows in the log; the file it is saved
// as sends its own event.
func ignored(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	base := path.Base(rel)
	for _, suffix := range []string{"~", ".swp", ".swx", ".swo", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(base, suffix) {
			return true
		}
	}
	return base == "4913" || strings.HasPrefix(base, "~$") || isSedTemp(base) ||
		len(base) > 2 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#")
}

// isSedTemp reports whether a file name is GNU sed -i's temporary file:
// "sed" and six letters or digits (mkstemp's sedXXXXXX).
func isSedTemp(base string) bool {
	rest, ok := strings.CutPrefix(base, "sed")
	if !ok || len(rest) != 6 {
		return false
	}
	for _, r := range rest {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

var msgWatchDir = msg.New("serve.watch_dir", "无法监视 %s：%w", "watch %s: %w")

var msgWatchError = msg.New("serve.watch_error", "监视文件：%v", "watch: %v")

// The system's limits on watching files, said with the fix.
var (
	msgWatchLimit = msg.New("serve.watch_limit",
		"系统允许监视的文件夹数已用完（inotify）：请运行 sudo sysctl fs.inotify.max_user_watches=524288 和 sudo sysctl fs.inotify.max_user_instances=512 后再启动预览",
		"the system's limit of watched folders is reached (inotify): run sudo sysctl fs.inotify.max_user_watches=524288 and sudo sysctl fs.inotify.max_user_instances=512, then start the preview again")
	msgTooManyFiles = msg.New("serve.too_many_files",
		"打开的文件数超过了系统限制：请运行 ulimit -n 4096 后再启动预览",
		"too many open files for the system's limit: run ulimit -n 4096, then start the preview again")
)

// watchCause says why a folder cannot be watched: the system's limits with
// their fix, other errors as msg.Cause says them.
func watchCause(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return msgWatchLimit.Error()
	case errors.Is(err, syscall.EMFILE):
		return msgTooManyFiles.Error()
	}
	return msg.Cause(err)
}

// batch collects events until none has come for delay (or maxWait has
// passed since the first), then calls flush once with all of them: a git
// checkout of 500 files is one rebuild. It returns when stop is closed or
// the watcher's channels are.
func batch(events <-chan fsnotify.Event, errs <-chan error, stop <-chan struct{}, delay time.Duration,
	note func(*changes, fsnotify.Event) bool, flush func(changes), logf func(string, ...any)) {
	maxWait := 10 * delay
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var c changes
	var first time.Time
	arm := func() {
		if first.IsZero() {
			first = time.Now()
		}
		timer.Reset(min(delay, time.Until(first.Add(maxWait))))
	}
	for {
		select {
		case <-stop:
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if note(&c, ev) {
				arm()
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				c.rescan = true
				arm()
			} else {
				logf(msgWatchError.T()+"\n", watchCause(err))
			}
		case <-timer.C:
			flush(c)
			c, first = changes{}, time.Time{}
		}
	}
}
