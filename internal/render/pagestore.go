package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"strings"
	"sync"

	"gongkai/internal/search"
)

// A PageStore carries page keys (pageKey) from one build to the next one
// into the same folder: which key made the page at each site path. When a
// page's key is the one the previous build recorded for its path, and the
// previous build's file there still has the bytes that key made (the
// output's manifest says so, see Input.Reuse), the template is not
// executed: the previous file is taken as it is. It also carries each
// article's body facts (bodyFacts: digests, the summary, the link
// resolutions), so that an unchanged body whose page is reused is neither
// read nor rendered, and the search index's State (search.ReadPrior). A
// store holds hashes, and besides of public articles only their summaries
// and link destinations (see bodyFacts). Its file is checked whole (a digest) and stamped with the
// program that wrote it, so a damaged store, or one from another program,
// is no store at all: nothing is reused, nothing is wrong.
type PageStore struct {
	last       map[string]storedPage
	lastBodies map[string]*bodyFacts // by article path
	// lastSearch is the previous build's search.Stream State, lastIndex
	// the SHA-256 of each index file it wrote with it, by site path.
	lastSearch []byte
	lastIndex  map[string][32]byte

	mu         sync.Mutex
	next       map[string][32]byte // key by path, this build's
	nextBodies map[string]*bodyFacts
	nextSearch []byte
	nextIndex  []string // the paths of this build's index files
}

// storedPage is what the store says of one path: the key that made the
// page and the SHA-256 of its bytes.
type storedPage struct{ key, sum [32]byte }

// NewPageStore returns an empty store: a first build.
func NewPageStore() *PageStore {
	return &PageStore{last: map[string]storedPage{}, lastBodies: map[string]*bodyFacts{},
		next: map[string][32]byte{}, nextBodies: map[string]*bodyFacts{}}
}

// pageStoreMagic starts a store file; the format's version is its last
// byte.
var pageStoreMagic = []byte("gongkai-pages\x00\x02")

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
	r := &storeReader{b: data[len(pageStoreMagic):n]}
	if p := r.sum(); p != program {
		return s
	}
	n = r.count()
	last := make(map[string]storedPage, n)
	for range n {
		p := r.path()
		last[p] = storedPage{key: r.sum(), sum: r.sum()}
	}
	n = r.count()
	bodies := make(map[string]*bodyFacts, n)
	for range n {
		p := r.path()
		bodies[p] = r.facts()
	}
	search := r.str()
	n = r.count()
	index := make(map[string][32]byte, n)
	for range n {
		p := r.path()
		index[p] = r.sum()
	}
	if r.bad || len(r.b) != 0 {
		return s
	}
	s.last, s.lastBodies, s.lastSearch, s.lastIndex = last, bodies, []byte(search), index
	s.reserve(len(last), len(bodies))
	return s
}

// reserve makes room in this build's records for about as many pages and
// bodies as the previous build's: a rebuild records nearly all of them
// again, and growing the maps by doubling costs more than their filling.
func (s *PageStore) reserve(pages, bodies int) {
	s.next = make(map[string][32]byte, pages)
	s.nextBodies = make(map[string]*bodyFacts, bodies)
}

// pages is how many pages the previous build recorded.
func (s *PageStore) pages() int { return len(s.last) }

// Encode returns the store of this build for the next build: each page
// path whose key was recorded, with the SHA-256 of the bytes the build
// wrote there, which sum gives (false: the path was not written, and is
// left out); each public article's body facts; the search index's State
// with the SHA-256 of each index file written with it.
func (s *PageStore) Encode(program [32]byte, sum func(path string) ([32]byte, bool)) []byte {
	b := make(keyBuf, 0, s.size())
	b = append(b, pageStoreMagic...)
	b = append(b, program[:]...)
	type written struct {
		path string
		sum  [32]byte
	}
	var pages []written
	for _, p := range sortedKeys(s.next) {
		if d, ok := sum(p); ok {
			pages = append(pages, written{p, d})
		}
	}
	b.num(len(pages))
	for _, w := range pages {
		k := s.next[w.path]
		b.str(w.path)
		b = append(b, k[:]...)
		b = append(b, w.sum[:]...)
	}
	b.num(len(s.nextBodies))
	for _, p := range sortedKeys(s.nextBodies) {
		b.str(p)
		b.facts(s.nextBodies[p])
	}
	b.str(string(s.nextSearch))
	var index []written
	for _, p := range s.nextIndex {
		if d, ok := sum(p); ok {
			index = append(index, written{p, d})
		}
	}
	b.num(len(index))
	for _, w := range index {
		b.str(w.path)
		b = append(b, w.sum[:]...)
	}
	d := sha256.Sum256(b)
	return append(b, d[:]...)
}

// size is at least the length of Encode's result, so that the buffer is
// allocated once (a store is some megabytes for 10,000 articles).
func (s *PageStore) size() int {
	const num = binary.MaxVarintLen64
	n := len(pageStoreMagic) + 32 + 4*num + len(s.nextSearch) + sha256.Size
	for _, p := range s.nextIndex {
		n += num + len(p) + 32
	}
	for p := range s.next {
		n += num + len(p) + 64
	}
	for p, f := range s.nextBodies {
		n += num + len(p) + 3*32 + 2 + 2*num + len(f.summary)
		for _, l := range f.links {
			n += 2*num + len(l.dest) + len(l.url) + 1
		}
	}
	return n
}

// facts writes body facts for the store.
func (b *keyBuf) facts(f *bodyFacts) {
	*b = append(*b, f.src[:]...)
	*b = append(*b, f.html[:]...)
	*b = append(*b, f.text[:]...)
	b.flag(f.unsafe)
	b.str(f.summary)
	list(b, f.links, func(b *keyBuf, l *resolution) {
		b.str(l.dest)
		b.str(l.url)
		b.flag(l.ok)
	})
}

// A storeReader reads what keyBuf wrote into a store, in the same order.
// From the first thing it cannot read on, it is bad and every read gives
// a zero value.
type storeReader struct {
	b   []byte
	bad bool
}

func (r *storeReader) fail() { r.b, r.bad = nil, true }

// count reads a number of entries, each of which takes at least a byte:
// a count larger than what is left is damage.
func (r *storeReader) count() int {
	n, k := binary.Varint(r.b)
	if k <= 0 || n < 0 || n > int64(len(r.b)) {
		r.fail()
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

func (r *storeReader) str() string {
	l, k := binary.Uvarint(r.b)
	if k <= 0 || l > uint64(len(r.b)-k) {
		r.fail()
		return ""
	}
	s := string(r.b[k : k+int(l)])
	r.b = r.b[k+int(l):]
	return s
}

// path reads a site or article path; one that is not clean is damage.
func (r *storeReader) path() string {
	p := r.str()
	if !fs.ValidPath(p) {
		r.fail()
	}
	return p
}

func (r *storeReader) sum() (d [32]byte) {
	if len(r.b) < len(d) {
		r.fail()
		return d
	}
	copy(d[:], r.b)
	r.b = r.b[len(d):]
	return d
}

func (r *storeReader) flag() bool {
	if len(r.b) < 1 || r.b[0] > 1 {
		r.fail()
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

// facts reads what keyBuf.facts wrote.
func (r *storeReader) facts() *bodyFacts {
	f := &bodyFacts{src: r.sum(), html: r.sum(), text: r.sum(), unsafe: r.flag(), summary: r.str()}
	if r.flag() { // list's nil-ness
		n := r.count()
		f.links = make(resolutions, 0, n)
		for range n {
			f.links = append(f.links, resolution{dest: r.str(), url: r.str(), ok: r.flag()})
		}
	}
	return f
}

// body returns the facts the previous build kept of the article at path.
func (s *PageStore) body(path string) *bodyFacts { return s.lastBodies[path] }

// keepBody keeps body facts of the article at path for the next build;
// nil keeps none.
func (s *PageStore) keepBody(path string, f *bodyFacts) {
	if f == nil {
		return
	}
	s.mu.Lock()
	s.nextBodies[path] = f
	s.mu.Unlock()
}

// searchPrior is what the previous build left of the search index
// (search.ReadPrior): its State, and its index files as previous reads
// them (Input.Previous), each only when it is the bytes that build wrote
// with that State. Nil without previous.
func (s *PageStore) searchPrior(previous func(path string) ([]byte, bool)) *search.Prior {
	if previous == nil {
		return nil
	}
	return search.ReadPrior(s.lastSearch, s.indexFiles(previous))
}

// indexFiles reads, through previous, the previous build's index files,
// each only when it has the SHA-256 the store recorded of it.
func (s *PageStore) indexFiles(previous func(path string) ([]byte, bool)) func(path string) ([]byte, bool) {
	return func(p string) ([]byte, bool) {
		want, ok := s.lastIndex[p]
		if !ok {
			return nil, false
		}
		data, ok := previous(p)
		if !ok || sha256.Sum256(data) != want {
			return nil, false
		}
		return data, true
	}
}

// keepSearch keeps, for the next build, the search index's State and the
// paths of the index files written with it.
func (s *PageStore) keepSearch(state []byte, files []string) {
	s.nextSearch, s.nextIndex = state, files
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
// record records the key of a page that was executed instead. body is the
// digest of p's article body, when known (see pageKey). Without
// Input.Pages it does nothing.
func (j *job) reusePage(site *output, file, name string, p *Page, body *[32]byte, what string) (done bool, record func(), err error) {
	st := j.in.Pages
	if st == nil || j.in.Reuse == nil {
		return false, func() {}, nil
	}
	k := j.pageKey(name, p, body)
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

// Next returns the store a following render reads when this one succeeded,
// as ReadPageStore of Encode with the same sum would give, without
// encoding: serve keeps its store in memory between rebuilds.
func (s *PageStore) Next(sum func(path string) ([32]byte, bool)) *PageStore {
	n := NewPageStore()
	n.last = make(map[string]storedPage, len(s.next))
	for p, k := range s.next {
		if d, ok := sum(p); ok {
			n.last[p] = storedPage{key: k, sum: d}
		}
	}
	n.lastBodies, n.lastSearch = s.nextBodies, s.nextSearch
	n.reserve(len(n.last), len(n.lastBodies))
	for p, f := range s.nextBodies {
		if s.lastBodies[p] != f {
			// A summary made this time is a part of its body's text: a
			// copy lets the body go.
			f.summary = strings.Clone(f.summary)
		}
	}
	n.lastIndex = make(map[string][32]byte, len(s.nextIndex))
	for _, p := range s.nextIndex {
		if d, ok := sum(p); ok {
			n.lastIndex[p] = d
		}
	}
	return n
}

// Retry returns a store that reads what this one read, for a render that
// starts again after one that failed (this one's records are dropped).
func (s *PageStore) Retry() *PageStore {
	n := NewPageStore()
	n.last, n.lastBodies, n.lastSearch, n.lastIndex = s.last, s.lastBodies, s.lastSearch, s.lastIndex
	n.reserve(len(n.last), len(n.lastBodies))
	return n
}
