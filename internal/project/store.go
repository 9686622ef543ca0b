package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/codec"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
	"gongkai/internal/msg"
)

// An ArticleStore carries, from one build to the next into the same
// folder, what opening the project found in each article: the loaded
// article (front matter, key positions, URL — never its text), the
// digest of its normalized file (Project.Sum), the loader's findings and
// what the rules about the article alone found (check.Result) with the
// repository paths they read. The next build takes an article whose file
// has the stamp the store recorded (stamp.go) without opening it, and its
// rules' result when the files they read have their recorded stamps and
// the rules apply in the same check.Scope.
//
// The store is only ever used whole: by the program that wrote it (the
// build's program identity), in the language it was written in, and when
// everything config.Load read is what it read then (configReads). A
// file stamped less than a second before the build that stamped it began
// reading (stamp.racy) is read again: when its normalized bytes are those
// recorded, the loaded article is still taken. A damaged, foreign or
// stale store is an empty one: every article is read and checked.
//
// It holds the front matter of internal articles and their findings,
// what the public site does not show: a build keeps it beside the output
// folder, never in it.
type ArticleStore struct {
	// ready is closed once a store read in the background is read
	// (ReadArticleStoreFrom); nil for one read at once.
	ready   chan struct{}
	program [32]byte

	// The previous build's, as read (prev is false for an empty store).
	prev    bool
	head    storeHead
	entries map[string]storedEntry
	oldKeys []string // the front-matter key paths by number

	// This build's, made as the project is opened with the store.
	opened bool
	next   storeHead
	keys   *codec.Keys
	mu     sync.Mutex
	made   map[string]string
	// unread counts the articles taken without opening their files.
	unread atomic.Int64
}

// maxKeys bounds the key paths a store numbers: they only grow from one
// store to the next (codec.Keys), so past this many a build starts a new
// store.
const maxKeys = 4096

// storeHead is what every entry of a store depends on.
type storeHead struct {
	lang   uint64
	config [sha256.Size]byte
	scope  check.Scope
	// start is when the build that wrote the store began reading.
	start time.Time
}

// storedEntry is one article's entry as read: its file's stamp, and the
// entry's bytes, decoded when the article is loaded (decodeEntry).
type storedEntry struct {
	stamp stamp
	raw   string
}

// articleStoreMagic starts a store file; the format's version is its last
// byte.
var articleStoreMagic = []byte("gongkai-articles\x00\x01")

// ReadArticleStoreFrom is ReadArticleStore of what read returns (the
// store's bytes, nil for none, and the program's identity), read in the
// background while the project's configuration is loaded and its files
// listed: opening the project waits for it when it takes the first
// article.
func ReadArticleStoreFrom(read func() ([]byte, [32]byte)) *ArticleStore {
	s := &ArticleStore{ready: make(chan struct{})}
	go func() {
		defer close(s.ready)
		data, program := read()
		t := ReadArticleStore(data, program)
		s.program, s.prev, s.head, s.entries, s.oldKeys = t.program, t.prev, t.head, t.entries, t.oldKeys
	}()
	return s
}

// NewArticleStore returns an empty store of the program: a first build.
func NewArticleStore(program [32]byte) *ArticleStore {
	return &ArticleStore{program: program}
}

// ReadArticleStore parses a store written by Encode with the same program
// identity; anything else (no file, damaged, another program) gives an
// empty store.
func ReadArticleStore(data []byte, program [32]byte) *ArticleStore {
	s := NewArticleStore(program)
	n := len(data) - sha256.Size
	if n < len(articleStoreMagic)+len(program) || !bytes.HasPrefix(data, articleStoreMagic) {
		return s
	}
	if sum := sha256.Sum256(data[:n]); !bytes.Equal(sum[:], data[n:]) {
		return s
	}
	rest := data[len(articleStoreMagic):n]
	if !bytes.Equal(rest[:len(program)], program[:]) {
		return s
	}
	d := &codec.Decoder{S: string(rest[len(program):])}
	head := decodeHead(d)
	keys := make([]string, d.Len())
	for i := range keys {
		keys[i] = d.Str()
	}
	count := d.Len()
	entries := make(map[string]storedEntry, count)
	for range count {
		raw := d.Str()
		e := &codec.Decoder{S: raw}
		p := e.Str()
		st := decodeStamp(e)
		if e.Err() != nil || !fs.ValidPath(p) {
			return s
		}
		entries[p] = storedEntry{stamp: st, raw: raw}
	}
	if d.Err() != nil || len(d.S) != 0 {
		return s
	}
	s.prev, s.head, s.entries, s.oldKeys = true, head, entries, keys
	return s
}

func (h *storeHead) encode(e *codec.Encoder) {
	e.Uint(h.lang)
	e.B = append(e.B, h.config[:]...)
	e.Int(h.scope.Day.Unix())
	e.B = append(e.B, h.scope.Paths[:]...)
	e.Int(h.start.UnixNano())
}

func decodeHead(d *codec.Decoder) storeHead {
	var h storeHead
	h.lang = d.Uint()
	d.Fixed(h.config[:])
	h.scope.Day = time.Unix(d.Int(), 0)
	d.Fixed(h.scope.Paths[:])
	h.start = time.Unix(0, d.Int())
	return h
}

// Encode returns the store of the project just opened with it, for the
// next build (an empty store when it was not opened).
func (s *ArticleStore) Encode() []byte {
	s.await()
	var made map[string]string
	size := 1 << 10
	if s.opened {
		made = s.made
		for _, raw := range made {
			size += len(raw) + binary.MaxVarintLen32
		}
		for _, k := range s.keys.List() {
			size += len(k) + binary.MaxVarintLen32
		}
	}
	// One buffer of the size the store takes: it is some 750 bytes an
	// article.
	e := &codec.Encoder{B: append(make([]byte, 0, size), articleStoreMagic...)}
	e.B = append(e.B, s.program[:]...)
	s.next.encode(e)
	var keys []string
	if s.opened {
		keys = s.keys.List()
	}
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.Str(k)
	}
	e.Uint(uint64(len(made)))
	paths := make([]string, 0, len(made))
	for p := range made {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		e.Str(made[p])
	}
	d := sha256.Sum256(e.B)
	return append(e.B, d[:]...)
}

// Unread returns how many articles opening the project took from the
// store without reading their files.
func (s *ArticleStore) Unread() int { return int(s.unread.Load()) }

// begin starts this build's store as the project is opened: the
// language, what config.Load read and when reading began.
func (s *ArticleStore) begin(cfgDigest [sha256.Size]byte, start time.Time) {
	s.opened, s.made = true, map[string]string{}
	s.unread.Store(0)
	s.next = storeHead{lang: uint64(msg.Current()), config: cfgDigest, start: start}
}

// await waits for a store read in the background (ReadArticleStoreFrom).
func (s *ArticleStore) await() {
	if s.ready != nil {
		<-s.ready
	}
}

// entry is one article's entry, decoded.
type entry struct {
	sum      [sha256.Size]byte
	art      *article.Article
	findings diag.List
	rules    *check.Result // nil: not recorded
	read     []stamp       // the stamp of each of rules.Read
}

// decodeEntry decodes a stored entry, or returns nil.
func decodeEntry(raw string, loc *time.Location, keys []string) *entry {
	d := &codec.Decoder{S: raw, Loc: loc}
	d.Str()
	decodeStamp(d)
	e := &entry{}
	d.Fixed(e.sum[:])
	e.art = d.Article(keys)
	e.findings = d.Findings()
	if d.Some() {
		e.rules = check.DecodeResult(d)
		e.read = make([]stamp, len(e.rules.Read))
		for i := range e.read {
			e.read[i] = decodeStamp(d)
		}
	}
	if d.Err() != nil || len(d.S) != 0 {
		return nil
	}
	return e
}

// entryBuffers hold the bytes of an entry as it is encoded: the entry is
// copied out of them whole, so each worker grows one buffer once.
var entryBuffers = sync.Pool{New: func() any { return &codec.Encoder{B: make([]byte, 0, 2048)} }}

// encodeEntry encodes an article's entry.
func encodeEntry(p string, st stamp, e *entry, loc *time.Location, keys *codec.Keys) string {
	enc := entryBuffers.Get().(*codec.Encoder)
	enc.B = enc.B[:0]
	defer func() {
		if cap(enc.B) <= 64<<10 { // an unusually large entry's buffer is let go
			entryBuffers.Put(enc)
		}
	}()
	enc.Str(p)
	st.encode(enc)
	enc.B = append(enc.B, e.sum[:]...)
	enc.Article(e.art, loc, keys)
	enc.Findings(e.findings)
	if enc.Some(e.rules != nil) {
		e.rules.Encode(enc)
		for _, r := range e.read {
			r.encode(enc)
		}
	}
	return string(enc.B)
}

// storeRun is an ArticleStore at work while a project is opened.
type storeRun struct {
	s    *ArticleStore
	fsys fs.FS
	cfg  *config.Config
	// scoped is whether the rules apply in the previous build's scope.
	scoped bool
}

// begin notes the scope the rules apply in for so many articles, once the
// previous store is read.
//
// The previous store is given up when it was written in another language
// or under another configuration (or one whose reads could not be
// hashed).
func (r *storeRun) begin(scope check.Scope, articles int) {
	s := r.s
	s.await()
	s.made = make(map[string]string, articles)
	s.next.scope = scope
	if !s.prev || s.head.lang != s.next.lang || s.head.config != s.next.config || s.next.config == ([sha256.Size]byte{}) ||
		len(s.oldKeys) > maxKeys {
		s.prev, s.entries, s.oldKeys = false, nil, nil
	}
	// The previous store's key numbers go on, so that its entries can be
	// kept as they are.
	s.keys = codec.NewKeys(slices.Clip(s.oldKeys))
	r.scoped = s.prev && s.head.scope.Equal(scope)
}

// keep records an article's entry for the next build.
func (r *storeRun) keep(p string, raw string) {
	r.s.mu.Lock()
	r.s.made[p] = raw
	r.s.mu.Unlock()
}

// fileStamp stamps the file at p, listed as d, following a symbolic
// link as reading it does (d's own stat, taken by the listing's folder,
// is cheaper than a stat by path through the repository's os.Root).
func (r *storeRun) fileStamp(p string, d fs.DirEntry) (stamp, bool) {
	if d == nil || d.Type()&fs.ModeSymlink != 0 {
		return stampOf(fs.Stat(r.fsys, p))
	}
	return stampOf(d.Info())
}

// pathStamp stamps a path the rules read, itself (not a link's target).
func (r *storeRun) pathStamp(p string) (stamp, bool) {
	return stampOf(fs.Lstat(r.fsys, p))
}

// trusted reports whether a stamp taken now shows what the previous
// build recorded as want, and may be believed.
func (r *storeRun) trusted(got stamp, ok bool, want stamp) bool {
	return ok && got == want && !want.racy(r.s.head.start)
}

// readsHold reports whether the rules' result of e may be reused: the
// rules apply in the same scope and every path they read is as it was.
func (r *storeRun) readsHold(e *entry) bool {
	if !r.scoped || e.rules == nil {
		return false
	}
	for i, p := range e.rules.Read {
		got, ok := r.pathStamp(p)
		if !r.trusted(got, ok, e.read[i]) {
			return false
		}
	}
	return true
}

// readStamps stamps the paths a fresh result read; false when one of them
// cannot be told unchanged by its stamp next time (a symbolic link, whose
// target may change under it, or a path that cannot be stamped).
func (r *storeRun) readStamps(res *check.Result) ([]stamp, bool) {
	out := make([]stamp, len(res.Read))
	for i, p := range res.Read {
		st, ok := r.pathStamp(p)
		if !ok || st.kind == symlink {
			return nil, false
		}
		out[i] = st
	}
	return out, true
}

// configReads is the repository as config.Load reads it, hashing every
// read's name and result, so that a store is used only with the
// configuration it was written under: gongkai.yaml, the calendar file and
// whatever else the configuration looks at. A file opened otherwise than
// by ReadFile, Stat, Lstat or ReadLink cannot be hashed: the digest is
// then zero, and no store is used.
type configReads struct {
	fs.FS
	h      hash.Hash
	opaque bool
}

func newConfigReads(fsys fs.FS) *configReads { return &configReads{FS: fsys, h: sha256.New()} }

func (c *configReads) note(op, name string, err error, data []byte) {
	e := codec.Encoder{}
	e.Str(op)
	e.Str(name)
	e.Bool(err == nil)
	e.Bytes(data)
	c.h.Write(e.B)
}

func (c *configReads) noteStat(op, name string, fi fs.FileInfo, err error) {
	st, ok := stampOf(fi, err)
	if !ok {
		c.opaque = true
	}
	e := codec.Encoder{}
	st.encode(&e)
	c.note(op, name, nil, e.B)
}

func (c *configReads) Open(name string) (fs.File, error) {
	c.opaque = true
	return c.FS.Open(name)
}

func (c *configReads) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(c.FS, name)
	c.note("read", name, err, data)
	return data, err
}

func (c *configReads) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(c.FS, name)
	c.noteStat("stat", name, fi, err)
	return fi, err
}

func (c *configReads) Lstat(name string) (fs.FileInfo, error) {
	fi, err := fs.Lstat(c.FS, name)
	c.noteStat("lstat", name, fi, err)
	return fi, err
}

func (c *configReads) ReadLink(name string) (string, error) {
	t, err := fs.ReadLink(c.FS, name)
	c.note("readlink", name, err, []byte(t))
	return t, err
}

// digest returns the digest of everything read, zero when a read could
// not be hashed.
func (c *configReads) digest() [sha256.Size]byte {
	var d [sha256.Size]byte
	if !c.opaque {
		c.h.Sum(d[:0])
	}
	return d
}

// loadArticle is load.ReadFile through the store, applying the rules about
// the article alone (through rules): an article whose file is stamped as
// recorded, and whose rules' result holds, is taken without opening the
// file; one whose normalized bytes are those recorded keeps the loaded
// article; any other is parsed. Every article not Broken gets an entry
// for the next build. It returns the article, the loader's findings and
// the digest of its normalized file (false: none, the article is Broken).
func (r *storeRun) loadArticle(p string, d fs.DirEntry, rules *check.Rules) (*article.Article, diag.List, [sha256.Size]byte, bool) {
	st, stOK := r.fileStamp(p, d) // before reading: a change after it shows next time
	loc := r.cfg.Location
	old, had := r.s.entries[p]
	var e *entry
	if had {
		if r.trusted(st, stOK, old.stamp) {
			e = decodeEntry(old.raw, loc, r.s.oldKeys)
			if e != nil && r.readsHold(e) {
				rules.Reuse(e.art, e.rules)
				r.keep(p, old.raw)
				r.s.unread.Add(1)
				return e.art, e.findings, e.sum, true
			}
		}
	}
	raw, err := fs.ReadFile(r.fsys, p)
	if err != nil {
		a, l := load.Unreadable(p, err)
		return a, l, [sha256.Size]byte{}, false
	}
	src, body := load.Body(raw)
	sum := sha256.Sum256(src)
	if e == nil && had {
		e = decodeEntry(old.raw, loc, r.s.oldKeys)
	}
	if e != nil && e.sum != sum {
		e = nil
	}
	var a *article.Article
	var l diag.List
	if e != nil {
		a, l = e.art, e.findings
		a.Src, a.Body = src, body
	} else {
		a, l = load.ParseFile(p, raw, r.cfg)
		if a.Broken {
			return a, l, [sha256.Size]byte{}, false
		}
	}
	next := &entry{sum: sum, art: a, findings: l}
	if e != nil && r.readsHold(e) {
		rules.Reuse(a, e.rules)
		next.rules, next.read = e.rules, e.read
	} else {
		res := rules.Record(a)
		if read, ok := r.readStamps(res); ok {
			next.rules, next.read = res, read
		}
	}
	if stOK {
		r.keep(p, encodeEntry(p, st, next, loc, r.s.keys))
	}
	return a, l, sum, true
}
