package serve

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// The preview does not hold the rendered site in memory (at 100,000
// articles that is gigabytes): each render streams its files into a spool,
// one file in a private temporary folder of this serve process, removed
// when it stops, where the files of the site are appended, each kept once
// by the SHA-256 of its bytes. (One file, not a file per page: creating a
// hundred thousand files costs far more than appending to one.) What stays
// in memory is the index of the site, site path → where its bytes are, and
// the page store (render.PageStore) that lets the next render take every
// page whose key did not change from the spool instead of executing its
// template. The bytes of earlier sites that no page refers to any more are
// left behind in the file until they outweigh the live ones; then the live
// ones are copied into a new file (compact).

// spool is the folder and its current file.
type spool struct {
	dir string
	mu  sync.Mutex
	f   *os.File
	end int64 // where the next bytes go
	// blobs holds where each kept file is, by digest: those of the site
	// served, and those put by the running render.
	blobs map[[32]byte]spooled
	// live is the size of the site served's bytes, as keepOnly last
	// counted them.
	live int64
	// retired is the file before the last compaction, kept open so that a
	// request still reading it finishes.
	retired *os.File
}

// spooled is where one file of a site is in the spool file.
type spooled struct {
	sum       [32]byte
	off, size int64
}

// siteIndex is one rendered site: site path → its bytes in the spool.
type siteIndex map[string]spooled

func newSpool() (*spool, error) {
	dir, err := os.MkdirTemp("", "gongkai-serve-")
	if err != nil {
		return nil, msgSpool.Error(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "site"), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		os.RemoveAll(dir)
		return nil, msgSpool.Error(err)
	}
	return &spool{dir: dir, f: f, blobs: map[[32]byte]spooled{}}, nil
}

// put keeps data, unless the same bytes are kept already, and returns
// where. It may be called concurrently, not while compact runs.
func (s *spool) put(data []byte) (spooled, error) {
	sum := sha256.Sum256(data)
	s.mu.Lock()
	if e, ok := s.blobs[sum]; ok {
		s.mu.Unlock()
		return e, nil
	}
	e := spooled{sum, s.end, int64(len(data))}
	s.end += e.size
	s.blobs[sum] = e
	f := s.f
	s.mu.Unlock()
	if _, err := f.WriteAt(data, e.off); err != nil {
		s.mu.Lock()
		delete(s.blobs, sum)
		s.mu.Unlock()
		return e, msgSpool.Error(err)
	}
	return e, nil
}

// read returns the bytes of a kept file from f, the spool file its site
// was put in.
func read(f *os.File, e spooled) ([]byte, error) {
	data := make([]byte, e.size)
	_, err := f.ReadAt(data, e.off)
	return data, err
}

// section is a kept file of f as a reader, for http.ServeContent.
func section(f *os.File, e spooled) io.ReadSeeker { return io.NewSectionReader(f, e.off, e.size) }

// keepOnly forgets the bytes that no entry of idx refers to (those of an
// earlier site, or of a render that failed), and when the forgotten bytes
// outweigh the live ones, copies the live ones into a new file: idx is
// returned with their new places, with the file they are in. Nothing may
// be put meanwhile.
func (s *spool) keepOnly(idx siteIndex) (siteIndex, *os.File, error) {
	blobs := make(map[[32]byte]spooled, len(idx))
	var live int64
	for _, e := range idx {
		if _, ok := blobs[e.sum]; !ok {
			blobs[e.sum] = e
			live += e.size
		}
	}
	s.mu.Lock()
	s.blobs, s.live = blobs, live
	s.mu.Unlock()
	if s.end-live <= max(live, minGarbage) {
		return idx, s.f, nil
	}
	return s.compact(idx)
}

// minGarbage is how many forgotten bytes the spool file keeps at least
// before it is compacted.
const minGarbage = 256 << 20

// compact copies the bytes idx refers to into a new spool file and returns
// idx with their places there.
func (s *spool) compact(idx siteIndex) (siteIndex, *os.File, error) {
	f, err := os.CreateTemp(s.dir, "site")
	if err != nil {
		return idx, s.f, msgSpool.Error(err)
	}
	moved := make(map[[32]byte]spooled, len(idx))
	var end int64
	for _, e := range idx {
		if _, ok := moved[e.sum]; ok {
			continue
		}
		data, err := read(s.f, e)
		if err == nil {
			_, err = f.WriteAt(data, end)
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			return idx, s.f, msgSpool.Error(err)
		}
		moved[e.sum] = spooled{e.sum, end, e.size}
		end += e.size
	}
	next := make(siteIndex, len(idx))
	for p, e := range idx {
		next[p] = moved[e.sum]
	}
	if s.retired != nil {
		s.retired.Close()
	}
	os.Remove(s.f.Name())
	s.mu.Lock()
	s.retired, s.f, s.end, s.blobs, s.live = s.f, f, end, moved, end
	s.mu.Unlock()
	return next, f, nil
}

// remove closes and deletes the spool.
func (s *spool) remove() error {
	s.f.Close()
	if s.retired != nil {
		s.retired.Close()
	}
	return os.RemoveAll(s.dir)
}

// spoolRun is one render into the spool: the index it fills, reusing the
// bytes of the last site's.
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
	data, err := read(r.s.f, e)
	return data, err == nil
}

// sum gives the digest of the file put at p in this render.
func (r *spoolRun) sum(p string) ([32]byte, bool) {
	e, ok := r.next[p]
	return e.sum, ok
}
