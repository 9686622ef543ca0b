package write

import (
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"gongkai/internal/msg"
)

// A Writer writes one generation of a site: Begin makes a fresh folder
// beside the output folder, Put writes files into it as they are rendered
// (from any number of goroutines), and Commit swaps it in place of the
// output folder in one step. Abort, or a process killed on the way, leaves
// the output folder as it was.
//
// Writes stay inside the new folder by construction rather than through
// os.Root, whose component-by-component opens tripled the open calls of a
// 10,000-page site (and metadata calls are what a build spends most of its
// time on): the folder is fresh and only this process writes to it, every
// path is clean and relative (checked in Put), every folder is made here
// with Mkdir (which fails on anything already there) and every file is
// created with O_EXCL or os.Link, neither of which follows or reuses an
// existing entry, so no symlink can lead a write outside the folder.
type Writer struct {
	dir, tmp string
	prev     *previous // the output folder's files as the last build wrote them, or nil
	base     *spare    // the files tmp started with, when it was the spare (spare.go), or nil

	mu    sync.Mutex
	dirs  map[string]*folder // folders of tmp, slash-separated; "." is tmp
	files map[string]bool    // every path put
	next  manifest           // what Commit records
}

// Stats counts what a Writer did.
type Stats struct {
	Written, Linked int // files written, files hard-linked to the previous generation
}

// Begin starts a new generation of the site in dir. dir may be a symbolic
// link to the folder a web server serves: the link's target is replaced and
// the link kept. An existing folder must be empty or hold the Marker of an
// earlier build.
func Begin(dir string) (*Writer, error) {
	dir, err := followLink(filepath.Clean(dir))
	if err != nil {
		return nil, err
	}
	if err := Replaceable(dir); err != nil {
		return nil, err
	}
	parent, name := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(dir)
	w := &Writer{dir: dir, prev: readManifest(dir),
		dirs: map[string]*folder{}, files: map[string]bool{}, next: manifest{}}
	if tmp, s, ok := claimSpare(dir); ok {
		w.tmp, w.base = tmp, s
		for d := range s.dirs {
			f := &folder{}
			f.once.Do(func() {}) // there already
			w.dirs[d] = f
		}
		return w, nil
	}
	tmp, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	w.tmp = tmp
	return w, nil
}

// Put writes the file p (slash-separated, relative, clean) of the new
// generation. When the spare it started from (spare.go) or the previous
// generation has a file of the same path and the same bytes, untouched
// since, that file is kept or hard-linked instead. Put may be called
// concurrently; a path may be put only once.
func (w *Writer) Put(p string, data []byte) error {
	if !validPut(p) {
		return msgBadPath.Error(p)
	}
	if err := w.claim(p); err != nil {
		return err
	}
	rec := record{sum: sha256.Sum256(data), size: int64(len(data))}
	if done, err := w.carry(p, rec); done || err != nil {
		return err
	}
	if err := w.mkdirs(path.Dir(p)); err != nil {
		return err
	}
	w.base.clear(w.tmp, p)
	dst := filepath.Join(w.tmp, filepath.FromSlash(p))
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil && w.base != nil && errors.Is(err, fs.ErrExist) {
		// The spare has a folder where this generation has a file.
		os.RemoveAll(dst)
		f, err = os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return msgWriting.Error(p, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return msgWriting.Error(p, err)
	}
	w.keep(p, rec, false)
	return nil
}

// Reuse puts at p (as Put would) the file there of the spare or of the
// previous generation when its record has the SHA-256 sum and it is
// untouched since, with no bytes in hand. It reports false, and claims
// nothing, when there is no such file; the caller then Puts the bytes.
func (w *Writer) Reuse(p string, sum [32]byte) (bool, error) {
	if !validPut(p) {
		return false, msgBadPath.Error(p)
	}
	if err := w.claim(p); err != nil {
		return false, err
	}
	done, err := w.carry(p, record{sum: sum, size: -1})
	if !done {
		w.mu.Lock()
		delete(w.files, p)
		w.mu.Unlock()
	}
	return done, err
}

// carry puts at p, claimed, the file of the spare or of the previous
// generation with the bytes r describes (any size when r.size < 0), when
// it is there untouched: kept in place, or hard-linked. It reports whether
// it did.
func (w *Writer) carry(p string, r record) (bool, error) {
	sameBytes := func(old record) bool { return old.sum == r.sum && (r.size < 0 || old.size == r.size) }
	if w.base != nil {
		if old, ok := w.base.files[p]; ok && sameBytes(old) && w.base.has(w.tmp, p, old) {
			w.keep(p, old, true)
			return true, nil
		}
	}
	old, ok := w.prev.lookup(p)
	if !ok || !sameBytes(old) {
		return false, nil
	}
	src := filepath.Join(w.dir, filepath.FromSlash(p))
	if fi, err := os.Lstat(src); err != nil || !w.prev.same(old, fi) {
		return false, nil
	}
	if err := w.mkdirs(path.Dir(p)); err != nil {
		return false, err
	}
	w.base.clear(w.tmp, p)
	if os.Link(src, filepath.Join(w.tmp, filepath.FromSlash(p))) != nil {
		return false, nil
	}
	w.keep(p, old, true)
	return true, nil
}

// Previous returns the bytes of the previous generation's file at p when
// the manifest records it and they still are the bytes recorded there
// (size, untouched since, and SHA-256 checked): what the last build wrote,
// for a build that starts from it (the search index). False otherwise.
func (w *Writer) Previous(p string) ([]byte, bool) {
	old, ok := w.prev.lookup(p)
	if !ok || !fs.ValidPath(p) {
		return nil, false
	}
	file := filepath.Join(w.dir, filepath.FromSlash(p))
	if fi, err := os.Lstat(file); err != nil || !w.prev.same(old, fi) {
		return nil, false // not the file written, nor a link to follow
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !w.prev.same(old, fi) {
		return nil, false
	}
	data := make([]byte, old.size)
	if _, err := io.ReadFull(f, data); err != nil || sha256.Sum256(data) != old.sum {
		return nil, false
	}
	return data, true
}

// Sum returns the SHA-256 of the file put at p, written or linked.
func (w *Writer) Sum(p string) ([32]byte, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r, ok := w.next[p]
	return r.sum, ok
}

// Dir returns the folder the Writer replaces (a symbolic link followed).
func (w *Writer) Dir() string { return w.dir }

var msgTwice = msg.New("write.twice", "网站文件 %s 被写入了两次", "site file %s is written twice")

// validPut reports whether p may be put: clean, relative, not one of the
// generation's own bookkeeping files.
func validPut(p string) bool {
	return fs.ValidPath(p) && p != "." && p != Marker && p != manifestName && p != spareName
}

// claim records that p is put in this generation; a second claim of the
// same path is an error.
func (w *Writer) claim(p string) error {
	w.mu.Lock()
	dup := w.files[p]
	w.files[p] = true
	w.mu.Unlock()
	if dup {
		return msgTwice.Error(p)
	}
	return nil
}

func (w *Writer) keep(p string, r record, linked bool) {
	w.mu.Lock()
	r.linked = linked
	w.next[p] = r
	w.mu.Unlock()
}

// A folder is one folder of the new generation, made once, by whichever
// Put needs it first; the others wait for that one only.
type folder struct {
	once sync.Once
	err  error
}

// mkdirs makes the folder d of the new generation and its parents. The
// Mkdir calls are made outside w.mu, so that the pages of ten thousand
// folders are not put one folder at a time.
func (w *Writer) mkdirs(d string) error {
	if d == "." {
		return nil
	}
	w.mu.Lock()
	f := w.dirs[d]
	if f == nil {
		f = &folder{}
		w.dirs[d] = f
	}
	w.mu.Unlock()
	f.once.Do(func() {
		if f.err = w.mkdirs(path.Dir(d)); f.err != nil {
			return
		}
		full := filepath.Join(w.tmp, filepath.FromSlash(d))
		err := os.Mkdir(full, 0o755)
		if err != nil && w.base != nil && errors.Is(err, fs.ErrExist) {
			// The spare has a file where this generation has a folder.
			w.base.clear(w.tmp, d)
			err = os.Mkdir(full, 0o755)
		}
		if err != nil {
			f.err = msgCreating.Error(d, err)
		}
	})
	return f.err
}

// Stats returns how many files were written and linked so far.
func (w *Writer) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	var s Stats
	for _, r := range w.next {
		if r.linked {
			s.Linked++
		} else {
			s.Written++
		}
	}
	return s
}

// Commit writes the Marker and the manifest and swaps the new generation in
// place of the output folder. A *LeftoverError means the new site is in
// place but the previous copy could not be deleted.
func (w *Writer) Commit() error {
	if w.base != nil {
		w.base.dropUnput(w.tmp, w.files)
	}
	if err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte(markerText), 0o644); err != nil {
		w.Abort()
		return err
	}
	if err := w.next.write(filepath.Join(w.tmp, manifestName)); err != nil {
		w.Abort()
		return err
	}
	old, err := swap(w.tmp, w.dir)
	if err != nil {
		w.Abort()
		return err
	}
	if old == "" {
		return nil
	}
	return keepSpare(old, w.dir, w.prev, w.next)
}

// Abort deletes the new generation; the output folder stays as it was.
func (w *Writer) Abort() { os.RemoveAll(w.tmp) }
