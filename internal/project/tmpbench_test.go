package project

import (
	"testing"
	"time"
)

func BenchmarkOpenCorpusWithStore(b *testing.B) {
	fsys, err := RepoFS("/tmp/artstore-corpus/gongkai")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	s := NewArticleStore(testProgram)
	if _, err := OpenWith(fsys, now, Options{Store: s}); err != nil {
		b.Fatal(err)
	}
	data := s.Encode()
	b.Logf("store %d bytes", len(data))
	b.ResetTimer()
	for range b.N {
		st := ReadArticleStore(data, testProgram)
		if _, err := OpenWith(fsys, now, Options{Store: st}); err != nil {
			b.Fatal(err)
		}
		if st.Unread() < 9000 {
			b.Fatalf("unread %d", st.Unread())
		}
	}
}

func TestDumpReads(t *testing.T) {
	fsys, _ := RepoFS("/tmp/artstore-corpus/gongkai")
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	s := NewArticleStore(testProgram)
	OpenWith(fsys, now, Options{Store: s})
	hist := map[int]int{}
	n := 0
	for p, raw := range s.made {
		loc, _ := time.LoadLocation("Asia/Shanghai")
		e := decodeEntry(raw, loc)
		if e == nil {
			t.Fatal("bad")
		}
		if e.rules == nil {
			hist[-1]++
			continue
		}
		hist[len(e.rules.Read)]++
		if n < 3 && len(e.rules.Read) > 0 {
			t.Log(p, e.rules.Read, len(raw))
			n++
		}
	}
	t.Log(hist)
}

func BenchmarkDecodeAll(b *testing.B) {
	fsys, _ := RepoFS("/tmp/artstore-corpus/gongkai")
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	s := NewArticleStore(testProgram)
	OpenWith(fsys, now, Options{Store: s})
	loc, _ := time.LoadLocation("Asia/Shanghai")
	var raws []string
	for _, raw := range s.made {
		raws = append(raws, raw)
	}
	data := s.Encode()
	b.ResetTimer()
	for range b.N {
		for _, raw := range raws {
			if decodeEntry(raw, loc) == nil {
				b.Fatal("bad")
			}
		}
	}
	_ = data
}

func BenchmarkReadStore(b *testing.B) {
	fsys, _ := RepoFS("/tmp/artstore-corpus/gongkai")
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	s := NewArticleStore(testProgram)
	OpenWith(fsys, now, Options{Store: s})
	data := s.Encode()
	b.ResetTimer()
	for range b.N {
		ReadArticleStore(data, testProgram)
	}
}
