package serve

import (
	"fmt"
	"os"
	"testing"
)

// TestSpoolKeepsOnlyTheSiteServed renders two sites into a spool, the
// second reusing a file of the first, and compacts it: every file of the
// second site reads back as put, from the new spool file, and a request
// still reading the first site's file finishes.
func TestSpoolKeepsOnlyTheSiteServed(t *testing.T) {
	s, err := newSpool()
	if err != nil {
		t.Fatal(err)
	}
	defer s.remove()
	first := s.run(nil)
	for i := range 3 {
		if err := first.sink(fmt.Sprintf("%d.html", i), fmt.Appendf(nil, "第一版 %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	site1, f1, err := s.keepOnly(first.next)
	if err != nil {
		t.Fatal(err)
	}
	second := s.run(site1)
	sum0, _ := first.sum("0.html")
	if ok, err := second.reuse("0.html", sum0); !ok || err != nil {
		t.Fatalf("reuse of an unchanged file: %v %v", ok, err)
	}
	if ok, _ := second.reuse("1.html", [32]byte{1}); ok {
		t.Fatal("a file was reused under another digest")
	}
	if err := second.sink("1.html", []byte("第二版")); err != nil {
		t.Fatal(err)
	}
	if data, ok := second.previous("2.html"); !ok || string(data) != "第一版 2" {
		t.Fatalf("previous gives %q %v", data, ok)
	}
	old := site1["2.html"]
	site2, f2, err := s.compact(second.next)
	if err != nil {
		t.Fatal(err)
	}
	if f2 == f1 {
		t.Fatal("compact kept the spool file")
	}
	want := map[string]string{"0.html": "第一版 0", "1.html": "第二版"}
	if len(site2) != len(want) {
		t.Fatalf("site after compact %v", site2)
	}
	for p, w := range want {
		data, err := read(f2, site2[p])
		if err != nil || string(data) != w {
			t.Errorf("%s reads %q, %v; want %q", p, data, err, w)
		}
	}
	if end := int64(len("第一版 0") + len("第二版")); s.end != end {
		t.Errorf("the compacted spool holds %d bytes, want %d", s.end, end)
	}
	if data, err := read(f1, old); err != nil || string(data) != "第一版 2" {
		t.Errorf("the retired file reads %q, %v", data, err)
	}
	if err := s.remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("the spool is still there: %v", err)
	}
}
