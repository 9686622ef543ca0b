package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"sync"
)

// A PageStore carries page keys (pageKey) from one build to the next one
// into the same folder: which key made the page at each site path. When a
// page's key is the one the previous build recorded for its path, and the
// previous build's file there still has the bytes that key made (the
// output's manifest says so, see Input.Reuse), the template is not
// executed: the previous file is taken as it is. A store holds hashes
// only, no text of any article. Its file is checked whole (a digest) and
// stamped with the program that wrote it, so a damaged store, or one from
// another program, is no store at all: nothing is reused, nothing is
// wrong.
type PageStore struct {
	last map[string]storedPage
	mu   sync.Mutex
	next map[string][32]byte // key by path, this build's
}

// storedPage is what the store says of one path: the key that made the
// page and the SHA-256 of its bytes.
type storedPage struct{ key, sum [32]byte }

// NewPageStore returns an empty store: a first build.
func NewPageStore() *PageStore {
	return &PageStore{last: map[string]storedPage{}, next: map[string][32]byte{}}
}

// pageStoreMagic starts a store file; the format's version is its last
// byte.
var pageStoreMagic = []byte("gongkai-pages\x00\x01")

// ReadPageStore parses a store written by Encode with the same program
// identity; anything else (no file, damaged, another program) gives an
// empty store.
func ReadPageStore(data []byte, program [32]byte) *PageStore {
	s := NewPageStore()
	n := len(data) - sha256.Size
	if n < len(pageStoreMagic)+len(program) || !bytes.HasPrefix(data, pageStoreMagic) {
		return s
	}
	if sum := sha256.Sum256(data[:n]); !bytes.Equal(sum[:], data[n:]) {
		return s
	}
	rest := data[len(pageStoreMagic):n]
	if !bytes.Equal(rest[:len(program)], program[:]) {
		return s
	}
	rest = rest[len(program):]
	last := map[string]storedPage{}
	for len(rest) > 0 {
		l, k := binary.Uvarint(rest)
		if k <= 0 || uint64(len(rest)-k) < l+64 {
			return s
		}
		p := string(rest[k : k+int(l)])
		rest = rest[k+int(l):]
		var sp storedPage
		copy(sp.key[:], rest[:32])
		copy(sp.sum[:], rest[32:64])
		rest = rest[64:]
		if !fs.ValidPath(p) {
			return s
		}
		last[p] = sp
	}
	s.last = last
	return s
}

// Encode returns the store of this build's pages for the next build:
// each path whose key was recorded, with the SHA-256 of the bytes the
// build wrote there, which sum gives (false: the path was not written,
// and is left out).
func (s *PageStore) Encode(program [32]byte, sum func(path string) ([32]byte, bool)) []byte {
	b := append([]byte(nil), pageStoreMagic...)
	b = append(b, program[:]...)
	for _, p := range sortedKeys(s.next) {
		d, ok := sum(p)
		if !ok {
			continue
		}
		k := s.next[p]
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
		b = append(b, k[:]...)
		b = append(b, d[:]...)
	}
	d := sha256.Sum256(b)
	return append(b, d[:]...)
}

// record notes that the page at path was made from key k in this build.
func (s *PageStore) record(path string, k [32]byte) {
	s.mu.Lock()
	s.next[path] = k
	s.mu.Unlock()
}

// reusePage takes, for the page template name makes of p at file, the
// previous build's file when the store recorded the same key for file and
// that file is still those bytes (Input.Reuse), and reports whether it did;
// record records the key of a page that was executed instead. Without
// Input.Pages it does nothing.
func (j *job) reusePage(site *output, file, name string, p *Page, what string) (done bool, record func(), err error) {
	st := j.in.Pages
	if st == nil || j.in.Reuse == nil {
		return false, func() {}, nil
	}
	k := j.pageKey(name, p, nil)
	if old, ok := st.last[file]; ok && old.key == k {
		done, err := site.reuse(file, old.sum, what, j.in.Reuse)
		if err != nil || done {
			if done {
				st.record(file, k)
			}
			return done, nil, err
		}
	}
	return false, func() { st.record(file, k) }, nil
}

// reuse claims the path p as put does and asks reuse to take the previous
// build's file of digest sum there; when it cannot, the path stays free
// for put.
func (o *output) reuse(p string, sum [32]byte, what string, reuse func(string, [32]byte) (bool, error)) (bool, error) {
	o.mu.Lock()
	if o.seen[p] {
		o.mu.Unlock()
		return false, msgSiteHas.Error(what, p)
	}
	o.seen[p] = true
	o.mu.Unlock()
	done, err := reuse(p, sum)
	if !done || err != nil {
		o.mu.Lock()
		delete(o.seen, p)
		o.mu.Unlock()
	}
	return done, err
}
