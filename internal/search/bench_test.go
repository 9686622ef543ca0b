package search

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// corpus makes n documents of about 1,500 Han characters each, drawn from a
// vocabulary of 4,000 words over 3,000 characters with a skewed frequency,
// plus a few numbers, like the bodies of a government site.
func corpus(n int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 4000)
	for i := range vocab {
		w := make([]rune, 2+r.IntN(3))
		for j := range w {
			w[j] = rune(0x4E00 + r.IntN(3000))
		}
		vocab[i] = string(w)
	}
	word := func() string { return vocab[int(float64(len(vocab))*r.Float64()*r.Float64())] }
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < 1500*3 {
			for range 8 + r.IntN(8) {
				b.WriteString(word())
			}
			if r.IntN(6) == 0 {
				fmt.Fprintf(&b, "%d", 1+r.IntN(2025))
			}
			b.WriteString("，")
		}
		docs[i] = Doc{
			URL:        fmt.Sprintf("%d/doc-%d/", 2020+i%6, i),
			Title:      word() + word() + word() + word(),
			Text:       b.String(),
			IndexNo:    fmt.Sprintf("11530000-%d-%05d", 2020+i%6, i),
			DocNo:      fmt.Sprintf("县政发〔%d〕%d号", 2020+i%6, i%300),
			Department: fmt.Sprintf("部门%d", i%20),
			Category:   fmt.Sprintf("分类%d", i%12),
			Date:       fmt.Sprintf("%d-%02d-%02d", 2020+i%6, 1+i%12, 1+i%28),
		}
	}
	return docs
}

func benchmarkBuild(b *testing.B, n int) {
	docs := corpus(n)
	b.ResetTimer()
	for b.Loop() {
		Build(docs)
	}
}

func BenchmarkBuild1000(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }

// BenchmarkBuildCorpus indexes the bodies of a corpus written by
// bench/gencorpus.go, when GONGKAI_CORPUS names its
// repository.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := corpusContent(b)
	docs := loadCorpus(b, dir)
	b.ResetTimer()
	for b.Loop() {
		Build(docs)
	}
}

// loadCorpus reads the articles of a gencorpus content/ folder, roughly:
// the body as text and a few front-matter keys.
func loadCorpus(tb testing.TB, dir string) []Doc {
	var docs []Doc
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fm, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		doc := Doc{URL: path, Text: body}
		for line := range strings.Lines(fm) {
			k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
			switch v = strings.Trim(v, `"`); k {
			case "title":
				doc.Title = v
			case "department":
				doc.Department = v
			case "category":
				doc.Category = v
			case "index_no":
				doc.IndexNo = v
			case "signoff":
				_, at, _ := strings.Cut(v, "at: ")
				doc.Date, _, _ = strings.Cut(at, "}")
			}
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkIndexerAfterOneEdit measures an Indexer building again after one
// document's text changed, on the GONGKAI_CORPUS corpus.
func BenchmarkIndexerAfterOneEdit(b *testing.B) {
	dir := corpusContent(b)
	docs := loadCorpus(b, dir)
	var ix Indexer
	ix.Build(docs)
	text := docs[0].Text
	n := 0
	for b.Loop() {
		n++
		docs[0].Text = text + fmt.Sprintf("第%d次修改，补充招商引资情况。", n)
		ix.Build(docs)
	}
}

// BenchmarkBuildOnce100000 measures BuildOnce on 100,000 generated
// documents (about 450 MB of text). Besides time and allocations it
// reports the CPU time of every core (user and system, cpu-ms/op) and the
// heap's peak above what it held before (the documents): heap-MB counts
// every object not yet collected, live-MB what the collector found live,
// both sampled every 2 ms.
func BenchmarkBuildOnce100000(b *testing.B) {
	benchmarkPeak(b, corpus(100000))
}

// BenchmarkBuildOnceCorpus is BenchmarkBuildOnce100000 on the corpus that
// GONGKAI_CORPUS names.
func BenchmarkBuildOnceCorpus(b *testing.B) {
	dir := corpusContent(b)
	benchmarkPeak(b, loadCorpus(b, dir))
}

func benchmarkPeak(b *testing.B, docs []Doc) {
	var in []Doc
	peak(b, func() { in = slices.Clone(docs) }, func() { BuildOnce(in) })
}

// peak runs prepare, unmeasured, then run, once per iteration, and reports
// the CPU time of every core (user and system, cpu-ms/op) and the heap's
// peak above what it held after prepare: heap-MB counts every object not
// yet collected, live-MB what the collector found live, both sampled
// every 2 ms.
func peak(b *testing.B, prepare, run func()) {
	heap, live := math.Inf(-1), math.Inf(-1)
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		prepare()
		runtime.GC()
		base := heapSample()
		mb := func(n, base uint64) float64 { return float64(int64(n)-int64(base)) / (1 << 20) }
		stop := sampleHeap(func(s [2]uint64) {
			heap, live = max(heap, mb(s[0], base[0])), max(live, mb(s[1], base[1]))
		})
		before := cpuTime()
		b.StartTimer()
		run()
		b.StopTimer()
		cpu += cpuTime() - before
		stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(live, "live-MB")
}

// BenchmarkStreamCorpus measures a Stream given every text of the
// GONGKAI_CORPUS corpus, as a clean build's index is made (CPU time
// and heap peak, as BenchmarkBuildOnce100000's).
func BenchmarkStreamCorpus(b *testing.B) {
	docs := benchCorpus(b)
	fields, _ := fieldsAndSums(docs)
	peak(b, func() {}, func() {
		s := NewStream(fields)
		for _, i := range s.Order() {
			s.Add(i, docs[i].Text)
		}
		s.Files()
	})
}

// BenchmarkStreamFromAfterOneEdit measures a build's index after one
// document's text changed (edited) or one document was added before all
// others, so that every id moves (added): NewStreamFrom the previous
// build's files and state, Add of the one text it needs, and Files.
// BenchmarkStreamCorpus is the clean build's for comparison.
func BenchmarkStreamFromAfterOneEdit(b *testing.B) {
	docs := benchCorpus(b)
	fields, sums := fieldsAndSums(docs)
	s := NewStreamFrom(fields, sums, nil)
	for i := range docs {
		s.Add(i, docs[i].Text)
	}
	files, state := s.Files(), s.State()
	run := func(b *testing.B, edit func(n int) (fields []Doc, sums [][32]byte, text string)) {
		n := 0
		var f []Doc
		var ss [][32]byte
		var text string
		peak(b, func() {
			n++
			f, ss, text = edit(n)
		}, func() {
			s := NewStreamFrom(f, ss, priorOf(state, files))
			for _, i := range s.Order() {
				if !s.Need(i) {
					continue
				}
				if i == 0 {
					s.Add(i, text)
				} else {
					s.Add(i, docs[i].Text)
				}
			}
			s.Files()
		})
	}
	b.Run("edited", func(b *testing.B) {
		run(b, func(n int) ([]Doc, [][32]byte, string) {
			text := docs[0].Text + fmt.Sprintf("第%d次修改，补充招商引资情况。", n)
			ss := slices.Clone(sums)
			ss[0] = sha256.Sum256([]byte(text))
			return fields, ss, text
		})
	})
	b.Run("added", func(b *testing.B) {
		run(b, func(n int) ([]Doc, [][32]byte, string) {
			text := fmt.Sprintf("第%d篇新文章，关于招商引资情况的通报。", n)
			d := Doc{URL: "new/", Title: "新文章", Date: "2099-01-01", Department: "招商科"}
			return append([]Doc{d}, fields...), append([][32]byte{sha256.Sum256([]byte(text))}, sums...), text
		})
	})
}

// benchCorpus loads the GONGKAI_CORPUS corpus, or skips.
func benchCorpus(b *testing.B) []Doc {
	dir := corpusContent(b)
	return loadCorpus(b, dir)
}

// fieldsAndSums returns docs without their texts, and their texts'
// SHA-256, as NewStreamFrom takes them.
func fieldsAndSums(docs []Doc) ([]Doc, [][32]byte) {
	fields := slices.Clone(docs)
	sums := make([][32]byte, len(docs))
	for i := range fields {
		sums[i] = sha256.Sum256([]byte(fields[i].Text))
		fields[i].Text = ""
	}
	return fields, sums
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// heapSample returns the heap's bytes in objects, live or not yet
// collected, and the bytes the last collection found live.
func heapSample() [2]uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return [2]uint64{s[0].Value.Uint64(), s[1].Value.Uint64()}
}

// sampleHeap calls f with heapSample every 2 ms until stop is called.
func sampleHeap(f func([2]uint64)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				f(heapSample())
				return
			case <-t.C:
				f(heapSample())
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// corpusContent is the content/ folder of the corpus repository that
// GONGKAI_CORPUS names (OUT/gongkai of bench/gencorpus.go, as for every
// corpus benchmark), or skips.
func corpusContent(b *testing.B) string {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		b.Skip("set GONGKAI_CORPUS to a generated corpus repository (see the doc comment)")
	}
	return filepath.Join(dir, "content")
}
