package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// The preview does not hold the rendered site in memory (at 100,000
// articles that is gigabytes): each render streams its files into a spool,
// a private temporary folder of this serve process removed when it stops,
// where a file is kept once by the SHA-256 of its bytes. What stays in
// memory is the index of a site, site path → digest, and the page store
// (render.PageStore) that lets the next render take every page whose key
// did not change from the spool instead of executing its template.

// spool is the folder of files by digest, "ab/abcdef…".
type spool struct {
	dir string
	mu  sync.Mutex
	// blobs holds the digests of the files in the folder, or being
	// written into it.
	blobs map[[32]byte]bool
}

// spooled is one file of a site in the spool.
type spooled struct {
	sum  [32]byte
	size int64
}

// siteIndex is one rendered site: site path → its file in the spool.
type siteIndex map[string]spooled

func newSpool() (*spool, error) {
	dir, err := os.MkdirTemp("", "gongkai-serve-")
	if err != nil {
		return nil, msgSpool.Error(err)
	}
	return &spool{dir: dir, blobs: map[[32]byte]bool{}}, nil
}

// file is where the file of digest sum is kept.
func (s *spool) file(sum [32]byte) string {
	name := hex.EncodeToString(sum[:])
	return filepath.Join(s.dir, name[:2], name)
}

// put keeps data, unless a file of the same bytes is kept already, and
// returns its entry. It may be called concurrently.
func (s *spool) put(data []byte) (spooled, error) {
	e := spooled{sha256.Sum256(data), int64(len(data))}
	s.mu.Lock()
	have := s.blobs[e.sum]
	s.blobs[e.sum] = true
	s.mu.Unlock()
	if have {
		return e, nil
	}
	f := s.file(e.sum)
	err := os.WriteFile(f, data, 0o600)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(f), 0o700); err == nil {
			err = os.WriteFile(f, data, 0o600)
		}
	}
	if err != nil {
		os.Remove(f)
		s.mu.Lock()
		delete(s.blobs, e.sum)
		s.mu.Unlock()
		return e, msgSpool.Error(err)
	}
	return e, nil
}

// read returns the bytes of a kept file.
func (s *spool) read(e spooled) ([]byte, error) {
	return os.ReadFile(s.file(e.sum))
}

// keepOnly removes the files that no entry of idx refers to: those of
// earlier sites, and those of a render that failed. A request still
// reading an earlier site finds its file gone and looks again in the
// current one (serveSite).
func (s *spool) keepOnly(idx siteIndex) {
	live := make(map[[32]byte]bool, len(idx))
	for _, e := range idx {
		live[e.sum] = true
	}
	s.mu.Lock()
	var gone [][32]byte
	for sum := range s.blobs {
		if !live[sum] {
			gone = append(gone, sum)
			delete(s.blobs, sum)
		}
	}
	s.mu.Unlock()
	for _, sum := range gone {
		os.Remove(s.file(sum))
	}
}

// remove deletes the spool.
func (s *spool) remove() error { return os.RemoveAll(s.dir) }

// spoolRun is one render into the spool: the index it fills, reusing the
// files of the last site's.
type spoolRun struct {
	s    *spool
	last siteIndex
	mu   sync.Mutex
	next siteIndex
}

func (s *spool) run(last siteIndex) *spoolRun {
	return &spoolRun{s: s, last: last, next: make(siteIndex, len(last))}
}

// sink keeps a rendered file (render.Input.Sink).
func (r *spoolRun) sink(p string, data []byte) error {
	e, err := r.s.put(data)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.next[p] = e
	r.mu.Unlock()
	return nil
}

// reuse takes the last site's file at p when it has the digest sum
// (render.Input.Reuse).
func (r *spoolRun) reuse(p string, sum [32]byte) (bool, error) {
	e, ok := r.last[p]
	if !ok || e.sum != sum {
		return false, nil
	}
	r.mu.Lock()
	r.next[p] = e
	r.mu.Unlock()
	return true, nil
}

// previous reads the last site's file at p (render.Input.Previous).
func (r *spoolRun) previous(p string) ([]byte, bool) {
	e, ok := r.last[p]
	if !ok {
		return nil, false
	}
	data, err := r.s.read(e)
	return data, err == nil
}

// sum gives the digest of the file put at p in this render.
func (r *spoolRun) sum(p string) ([32]byte, bool) {
	e, ok := r.next[p]
	return e.sum, ok
}
