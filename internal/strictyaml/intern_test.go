package strictyaml

import (
	"fmt"
	"sync"
	"testing"
	"unsafe"
)

// An interned text is one copy, whoever asks and however often, never
// the memory of the text it was asked for; past maxInterned texts, a
// text is copied and not kept.
func TestInternKeepsOneCopyOfEachText(t *testing.T) {
	var tab internTable
	first := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for round := range 3 {
				for i := range maxInterned + 100 {
					text := []byte(fmt.Sprintf("review.step%d.by", i))
					var got string
					if (i+w+round)%2 == 0 {
						got = tab.internBytes(text)
					} else {
						got = tab.intern(string(text))
					}
					if got != string(text) {
						t.Errorf("interned %q as %q", text, got)
						return
					}
					if unsafe.StringData(got) == unsafe.SliceData(text) {
						t.Errorf("%q keeps the memory it was cut from", got)
						return
					}
					if i >= maxInterned+50 {
						continue // past the table's room: counted below
					}
					mu.Lock()
					if f, ok := first[got]; !ok {
						first[got] = got
					} else if i < maxInterned/2 && unsafe.StringData(f) != unsafe.StringData(got) {
						t.Errorf("%q interned as two copies", got)
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	m := *tab.seen.Load()
	if len(m)+len(tab.added) > maxInterned || tab.size != maxInterned {
		t.Errorf("the table holds %d+%d texts (size %d), want at most %d", len(m), len(tab.added), tab.size, maxInterned)
	}
	a, b := tab.intern("not kept"), tab.intern("not kept")
	if a != "not kept" || unsafe.StringData(a) == unsafe.StringData(b) {
		t.Errorf("a text past the table's room is kept: %q", a)
	}
}
