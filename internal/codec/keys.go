package codec

import "sync"

// Keys numbers the front-matter key paths ("title", "review.content.by")
// of a store's articles, so that the store writes each once: an article
// has some forty, of a few dozen different ones in a whole site. Numbers
// only grow: a store made from the previous one keeps its numbers, so the
// previous store's records stay valid in the next (see project's
// ArticleStore). Safe for concurrent use.
type Keys struct {
	mu    sync.Mutex
	index map[string]uint64
	list  []string
}

// NewKeys returns the numbering that list gives (key i is number i).
func NewKeys(list []string) *Keys {
	k := &Keys{index: make(map[string]uint64, len(list)), list: list}
	for i, s := range list {
		k.index[s] = uint64(i)
	}
	return k
}

// List returns the keys by number.
func (k *Keys) List() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.list
}

// Len returns how many keys are numbered.
func (k *Keys) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.list)
}

// numbers appends the number of each key to dst, numbering new ones.
func (k *Keys) numbers(dst []uint64, keys func(yield func(string) bool)) []uint64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	for s := range keys {
		n, ok := k.index[s]
		if !ok {
			n = uint64(len(k.list))
			k.list = append(k.list, s)
			k.index[s] = n
		}
		dst = append(dst, n)
	}
	return dst
}
