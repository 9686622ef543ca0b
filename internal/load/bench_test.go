package load

import (
	"io/fs"
	"os"
	"testing"

	"gongkai/internal/config"
)

// BenchmarkParse times Parse on the first 2,000 articles of a generated
// corpus (read once, outside the timer): GONGKAI_CORPUS=/tmp/c/gongkai after
// `go run bench/gencorpus.go -n 10000 -out /tmp/c`.
func BenchmarkParse(b *testing.B) {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		b.Skip("set GONGKAI_CORPUS to a generated corpus (see the doc comment)")
	}
	fsys := os.DirFS(dir)
	cfg, findings := config.Load(fsys)
	if cfg == nil {
		b.Fatal(findings)
	}
	paths, _ := Files(fsys)
	paths = paths[:min(len(paths), 2000)]
	srcs := make([][]byte, len(paths))
	for i, p := range paths {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = src
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for i, p := range paths {
			Parse(p, append([]byte(nil), srcs[i]...), cfg)
		}
	}
}
