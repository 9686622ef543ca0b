package project

import (
	"os"
	"testing"
	"time"
)

// corpus returns the generated corpus benchmarks read, or skips:
// GONGKAI_CORPUS=/tmp/c/gongkai after `go run bench/gencorpus.go -n 10000
// -out /tmp/c`.
func corpus(b *testing.B) string {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		b.Skip("set GONGKAI_CORPUS to a generated corpus (see the doc comment)")
	}
	return dir
}

var benchNow = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

// BenchmarkOpenClean opens the corpus as a clean build does: an empty
// article store, every article read, parsed and checked.
func BenchmarkOpenClean(b *testing.B) {
	dir := corpus(b)
	b.ReportAllocs()
	for range b.N {
		if _, err := OpenDirWith(dir, benchNow, Options{Store: NewArticleStore(testProgram)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBodies reads every article's body again as a build renders
// it (Body: the file re-read and its digest compared).
func BenchmarkBodies(b *testing.B) {
	dir := corpus(b)
	p, err := OpenDirWith(dir, benchNow, Options{Store: NewArticleStore(testProgram)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, a := range p.Articles {
			if _, err := p.Body(a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
