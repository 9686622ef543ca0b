package article

import (
	"iter"
	"sort"

	"gongkai/internal/diag"
)

// KeyPositions records where each front-matter key of one article is. Every
// loaded article keeps it, so it is compact: the key paths (interned by the
// decoder) with line and column, sorted by path.
type KeyPositions struct {
	list []keyAt
}

type keyAt struct {
	key       string
	line, col int32
}

// Set records the position of key (1-based line, column in characters).
// A key set twice keeps the last position.
func (k *KeyPositions) Set(key string, line, col int) {
	if n := len(k.list); n == 0 || k.list[n-1].key < key {
		k.list = append(k.list, keyAt{key, int32(line), int32(col)}) // in order: a store decoding
		return
	}
	i, found := k.find(key)
	if found {
		k.list[i].line, k.list[i].col = int32(line), int32(col)
		return
	}
	k.list = append(k.list, keyAt{})
	copy(k.list[i+1:], k.list[i:])
	k.list[i] = keyAt{key, int32(line), int32(col)}
}

func (k *KeyPositions) find(key string) (int, bool) {
	i := sort.Search(len(k.list), func(i int) bool { return k.list[i].key >= key })
	return i, i < len(k.list) && k.list[i].key == key
}

// Grow makes room for exactly n more keys, so that setting them
// allocates once and Compact then has nothing to drop (a store decoding
// the positions it recorded, the loader those it decoded).
func (k *KeyPositions) Grow(n int) {
	if cap(k.list)-len(k.list) < n {
		k.list = append(make([]keyAt, 0, len(k.list)+n), k.list...)
	}
}

// Compact drops the spare capacity left by Set, once every key is set:
// every loaded article keeps its positions.
func (k *KeyPositions) Compact() {
	if cap(k.list) > len(k.list) {
		k.list = append([]keyAt(nil), k.list...)
	}
}

// Key returns the position of a front-matter key, and whether it is written.
func (a *Article) Key(key string) (diag.Pos, bool) {
	i, ok := a.Keys.find(key)
	if !ok {
		return diag.Pos{}, false
	}
	e := a.Keys.list[i]
	return diag.Pos{Path: a.Path, Line: int(e.line), Col: int(e.col)}, true
}

// HasKey reports whether a front-matter key is written.
func (a *Article) HasKey(key string) bool {
	_, ok := a.Keys.find(key)
	return ok
}

// AllKeys yields every written key with its position, in the order of the
// keys' paths.
func (a *Article) AllKeys() iter.Seq2[string, diag.Pos] {
	return func(yield func(string, diag.Pos) bool) {
		for _, e := range a.Keys.list {
			if !yield(e.key, diag.Pos{Path: a.Path, Line: int(e.line), Col: int(e.col)}) {
				return
			}
		}
	}
}
