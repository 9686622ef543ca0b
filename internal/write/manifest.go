package write

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The manifest (.gongkai-manifest, beside the Marker) lists every file of
// a generation with its SHA-256 and size; like the site, it is the same
// bytes for the same input. The next build reads it to hard-link each file
// whose bytes did not change instead of writing it again, so a rebuild
// after one edit writes only what the edit changed, and the swap stays one
// step. A file is linked only when it is a regular file of the recorded
// size modified no later than the manifest (which is written after every
// file), so one changed by hand since is written anew. A missing or
// damaged manifest means every file is written.
const manifestName = ".gongkai-manifest"

type record struct {
	sum    [32]byte
	size   int64
	linked bool // not recorded: whether this build linked the file
}

// previous is the manifest of the folder being replaced, with its time.
type previous struct {
	files   manifest
	written time.Time
}

// same reports whether fi is the file r describes, untouched since the
// manifest was written.
func (pr *previous) same(r record, fi fs.FileInfo) bool {
	return fi.Mode().IsRegular() && fi.Size() == r.size && !fi.ModTime().After(pr.written)
}

type manifest map[string]record

func (pr *previous) lookup(p string) (record, bool) {
	if pr == nil {
		return record{}, false
	}
	r, ok := pr.files[p]
	return r, ok
}

// write saves the manifest to file, one line per path in path order:
// "sha256 size path".
func (m manifest) write(file string) error {
	var b bytes.Buffer
	m.appendTo(&b)
	return os.WriteFile(file, b.Bytes(), 0o644)
}

// readManifest returns the manifest of the folder dir, or nil when it has
// none (or not the Marker) or the manifest does not parse.
func readManifest(dir string) *previous {
	if _, err := os.Lstat(filepath.Join(dir, Marker)); err != nil {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, manifestName))
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	m := manifest{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p, r, ok := parseRecord(sc.Bytes())
		if !ok {
			return nil
		}
		m[p] = r
	}
	if sc.Err() != nil {
		return nil
	}
	return &previous{files: m, written: fi.ModTime()}
}

// parseRecord parses one manifest line, "sha256 size path".
func parseRecord(line []byte) (string, record, bool) {
	fields := bytes.SplitN(line, []byte(" "), 3)
	if len(fields) != 3 {
		return "", record{}, false
	}
	var r record
	if n, err := hex.Decode(r.sum[:], fields[0]); err != nil || n != len(r.sum) {
		return "", record{}, false
	}
	size, err := strconv.ParseInt(string(fields[1]), 10, 64)
	p := string(fields[2])
	if err != nil || size < 0 || !fs.ValidPath(p) || p == "." {
		return "", record{}, false
	}
	r.size = size
	return p, r, true
}
