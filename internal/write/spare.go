package write

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// The spare (.NAME.spare beside the output folder) is the generation a
// build replaced, kept for the next build to start from instead of making
// ten thousand folders and hard links again and deleting as many
// afterwards. Right after the swap, every file of the replaced generation
// whose bytes the new one does not have (changed, or no longer published:
// a withdrawn article's page) is deleted from it, so the spare holds only
// files that are also in the published site, under the same paths, with
// the same bytes (most of them the same inodes): nothing that is not
// public lingers beside the site. The spare is closed to other users
// (mode 0700) while it waits.
//
// The next build renames the spare to its new generation's folder and
// updates it there: a file whose bytes did not change is left in place, a
// changed one is removed and written (or linked to the published site's)
// anew, and at Commit every file the build did not put is deleted; then
// the folders are swapped as always. So a rebuild after one edit costs a
// metadata call per file (its lstat) and a write per changed file.
//
// A spare is trusted only as far as the writes into it stay safe and its
// files are known. spareName records the kept files (as the manifest does),
// the time the replaced generation's manifest was written (the seal: it
// was written after every file and folder of that generation, so a kept
// file modified later is not trusted and is written anew), and the folders
// this package deleted from since. Every folder of the spare must be a
// real folder, not a link; one modified after the seal must be one of
// those, and its entries are read: each must be a kept file or a folder of
// them. A folder is modified when an entry is added to it or removed, so a
// file or a link put into the spare by hand, or into the site before it
// became the spare, is noticed and the spare deleted unused. File times
// have a clock tick's grain: a folder modified at the seal's very tick is
// read too.
const spareName = ".gongkai-spare"

// spare is a claimed spare: the files already in the new generation's
// folder.
type spare struct {
	files   manifest
	written time.Time           // fileSeal: kept files are untouched since
	dirs    map[string]struct{} // its folders, slash-separated, "." included
}

func sparePath(dir string) string {
	parent, name := filepath.Split(dir)
	return filepath.Join(parent, "."+name+".spare")
}

// claimSpare renames the spare beside dir, when it can be trusted, to a
// fresh generation folder and returns that folder with what it holds.
// Otherwise the spare, if any, is deleted and ok is false.
func claimSpare(dir string) (tmp string, s *spare, ok bool) {
	p := sparePath(dir)
	fi, err := os.Lstat(p)
	if err != nil {
		return "", nil, false
	}
	if s = readSpare(p); s == nil || !fi.IsDir() {
		os.RemoveAll(p)
		return "", nil, false
	}
	parent, name := filepath.Split(dir)
	tmp, err = os.MkdirTemp(parent, "."+name+".tmp-")
	if err == nil {
		err = os.Remove(tmp) // a unique name, reserved; the spare takes it
	}
	if err == nil {
		err = os.Rename(p, tmp)
	}
	if err == nil {
		err = os.Remove(filepath.Join(tmp, spareName))
	}
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err != nil {
		os.RemoveAll(p)
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		return "", nil, false
	}
	return tmp, s, true
}

// readSpare reads the spare folder p's record and checks its folders; nil
// when either fails.
func readSpare(p string) *spare {
	f, err := os.Open(filepath.Join(p, spareName))
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	sc := bufio.NewScanner(f)
	number := func() (int64, bool) {
		if !sc.Scan() {
			return 0, false
		}
		n, err := strconv.ParseInt(sc.Text(), 10, 64)
		return n, err == nil && n >= 0
	}
	ns, ok := number()
	if !ok {
		return nil
	}
	n, ok := number()
	if !ok {
		return nil
	}
	touched := map[string]bool{}
	for ; n > 0 && sc.Scan(); n-- {
		if d := sc.Text(); fs.ValidPath(d) {
			touched[d] = true
		} else {
			return nil
		}
	}
	if n > 0 {
		return nil
	}
	s := &spare{files: manifest{}, written: time.Unix(0, ns)}
	for sc.Scan() {
		p, r, ok := parseRecord(sc.Bytes())
		if !ok {
			return nil
		}
		s.files[p] = r
	}
	if sc.Err() != nil {
		return nil
	}
	dirs, ok := sealedFolders(p, s.files, s.written, touched, spareName)
	if !ok {
		return nil
	}
	s.dirs = dirs
	return s
}

// has reports whether the spare's file at p, recorded as r, is untouched
// since the spare was kept; tmp is the folder the spare now is.
func (s *spare) has(tmp, p string, r record) bool {
	fi, err := os.Lstat(filepath.Join(tmp, filepath.FromSlash(p)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == r.size && !fi.ModTime().After(s.written)
}

// clear removes the spare's file at p, if it holds one, before a new one
// is written there.
func (s *spare) clear(tmp, p string) {
	if s == nil {
		return
	}
	if _, ok := s.files[p]; ok {
		os.Remove(filepath.Join(tmp, filepath.FromSlash(p)))
	}
}

// dropUnput deletes the spare's files that this generation did not put
// (and the folders that leaves empty), so that the generation holds
// exactly what was put.
func (s *spare) dropUnput(tmp string, put map[string]bool) {
	var dirs []string
	for p := range s.files {
		if !put[p] {
			os.Remove(filepath.Join(tmp, filepath.FromSlash(p)))
			dirs = append(dirs, path.Dir(p))
		}
	}
	removeEmptied(tmp, dirs, put)
}

// removeEmptied removes each folder of dirs (relative to root) and its
// parents while they are empty, and returns those it removed; a folder
// that is not empty stays, and so does a path of files (a folder of the
// spare that is a file now).
func removeEmptied(root string, dirs []string, files map[string]bool) (removed []string) {
	dirs = slices.Compact(slices.Sorted(slices.Values(dirs))) // the caller's slice untouched
	// Deepest first, so that a parent is tried after its children.
	slices.SortFunc(dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range dirs {
		for ; d != "." && !files[d]; d = path.Dir(d) {
			if os.Remove(filepath.Join(root, filepath.FromSlash(d))) != nil {
				break
			}
			removed = append(removed, d)
		}
	}
	return removed
}

// keepSpare turns old, the generation just replaced (its manifest prev),
// into the spare: the files the new generation (next) does not have with
// the same bytes are deleted, and the record is written. On any doubt or
// failure old is deleted instead (os.RemoveAll, which follows no link), as
// without a spare.
func keepSpare(old, dir string, prev *previous, next manifest) error {
	if prev == nil {
		return removeLeftover(old)
	}
	// A file put into the site by hand (a search engine's verification
	// page, say) is not the build's to keep: the generation is deleted, as
	// without a spare. Beside the site's own root the next build finds any
	// such file by the time of its folder (see spareName).
	if !holdOnly(old, []string{"."}, prev.files, foldersOf(prev.files), []string{Marker, manifestName}) {
		return removeLeftover(old)
	}
	kept := manifest{}
	var dirs []string
	real := map[string]bool{".": true}
	for p, r := range prev.files {
		if n, ok := next[p]; ok && n.sum == r.sum && n.size == r.size {
			kept[p] = r
			continue
		}
		// A file is deleted only through real folders, never through a
		// link someone put in place of one.
		if !realFolder(old, path.Dir(p), real) {
			return removeLeftover(old)
		}
		if err := os.Remove(filepath.Join(old, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removeLeftover(old)
		}
		dirs = append(dirs, path.Dir(p))
	}
	removed := removeEmptied(old, dirs, nil)
	if !onlyKeptFolders(old, kept, dirs) {
		return removeLeftover(old)
	}
	for _, name := range []string{manifestName, Marker} {
		if err := os.Remove(filepath.Join(old, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removeLeftover(old)
		}
	}
	// The folders modified since the seal: those files were deleted from
	// and the parents of those removed, less the removed.
	touched := map[string]bool{}
	for _, d := range dirs {
		touched[d] = true
	}
	for _, d := range removed {
		touched[path.Dir(d)] = true
	}
	for _, d := range removed {
		delete(touched, d)
	}
	delete(touched, ".") // always read
	var b bytes.Buffer
	b.WriteString(strconv.FormatInt(prev.written.UnixNano(), 10))
	b.WriteByte('\n')
	b.WriteString(strconv.Itoa(len(touched)))
	b.WriteByte('\n')
	for _, d := range slices.Sorted(maps.Keys(touched)) {
		b.WriteString(d)
		b.WriteByte('\n')
	}
	kept.appendTo(&b)
	spare := sparePath(dir)
	if err := os.RemoveAll(spare); err != nil {
		if err := removeLeftover(old); err != nil {
			return err
		}
		return &LeftoverError{spare, err}
	}
	if err := os.WriteFile(filepath.Join(old, spareName), b.Bytes(), 0o600); err != nil {
		return removeLeftover(old)
	}
	if err := os.Chmod(old, 0o700); err != nil {
		return removeLeftover(old)
	}
	if err := os.Rename(old, spare); err != nil {
		return removeLeftover(old)
	}
	return nil
}

// realFolder reports whether d and every folder on its way, under root,
// is a real folder (real caches the answers).
func realFolder(root, d string, real map[string]bool) bool {
	if real[d] {
		return true
	}
	if !realFolder(root, path.Dir(d), real) {
		return false
	}
	fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(d)))
	if err != nil || !fi.IsDir() {
		return false
	}
	real[d] = true
	return true
}

// onlyKeptFolders reports whether, of the folders in dirs that files were
// deleted from (and their parents), only those of kept files are left in
// root: a folder left behind empty would not be checked again.
func onlyKeptFolders(root string, kept manifest, dirs []string) bool {
	keptDirs := map[string]bool{}
	for p := range kept {
		for d := path.Dir(p); d != "." && !keptDirs[d]; d = path.Dir(d) {
			keptDirs[d] = true
		}
	}
	for _, d := range dirs {
		for ; d != "." && !keptDirs[d]; d = path.Dir(d) {
			if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(d))); err == nil {
				return false
			}
		}
	}
	return true
}

// sealedFolders checks the folders of the spare in root, as the paths of
// its files imply (see spareName), and returns them: each a real folder,
// and one modified after seal, at seal's tick or in touched (and root
// itself) holding nothing but files, their folders and extra.
func sealedFolders(root string, files manifest, seal time.Time, touched map[string]bool, extra ...string) (map[string]struct{}, bool) {
	dirs := foldersOf(files)
	var listed []string // folders whose entries are read
	for d := range dirs {
		fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(d)))
		if err != nil || !fi.IsDir() {
			return nil, false
		}
		switch {
		case d == "." || touched[d] || !fi.ModTime().Before(seal) && !fi.ModTime().After(seal):
			listed = append(listed, d)
		case fi.ModTime().After(seal):
			return nil, false
		}
	}
	if !holdOnly(root, listed, files, dirs, extra) {
		return nil, false
	}
	return dirs, true
}

// holdOnly reports whether each folder of listed, under root, holds
// nothing but files, the folders of files (dirs) and extra.
func holdOnly(root string, listed []string, files manifest, dirs map[string]struct{}, extra []string) bool {
	children := childNames(files, dirs, extra, listed)
	for _, d := range listed {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(d)))
		if err != nil {
			return false
		}
		for _, e := range entries {
			if !children[d][e.Name()] {
				return false
			}
		}
	}
	return true
}

// foldersOf returns the folders of files' paths, "." included.
func foldersOf(files manifest) map[string]struct{} {
	dirs := map[string]struct{}{".": {}}
	for p := range files {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, seen := dirs[d]; seen {
				break
			}
			dirs[d] = struct{}{}
		}
	}
	return dirs
}

// childNames maps each folder of of to the names of the files and
// folders it holds.
func childNames(files manifest, dirs map[string]struct{}, extra, of []string) map[string]map[string]bool {
	children := map[string]map[string]bool{}
	for _, d := range of {
		children[d] = map[string]bool{}
	}
	add := func(p string) {
		if names := children[path.Dir(p)]; names != nil {
			names[path.Base(p)] = true
		}
	}
	for p := range files {
		add(p)
	}
	for d := range dirs {
		if d != "." {
			add(d)
		}
	}
	for _, name := range extra {
		add(name)
	}
	return children
}

// appendTo writes the manifest's lines, in path order, to b:
// "sha256 size path".
func (m manifest) appendTo(b *bytes.Buffer) {
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	b.Grow(len(paths) * 120)
	for _, p := range paths {
		r := m[p]
		b.WriteString(hex.EncodeToString(r.sum[:]))
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(r.size, 10))
		b.WriteByte(' ')
		b.WriteString(p)
		b.WriteByte('\n')
	}
}
