package check_test

import (
	"os"
	"testing"
	"time"

	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/load"
)

// BenchmarkRun times the rules alone (loading is done once, outside the
// timer) on a generated corpus: GONGKAI_CORPUS=/tmp/c/gongkai after
// `go run bench/gencorpus.go -n 10000 -out /tmp/c`.
func BenchmarkRun(b *testing.B) {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		b.Skip("set GONGKAI_CORPUS to a generated corpus (see the doc comment)")
	}
	fsys := os.DirFS(dir)
	cfg, findings := config.Load(fsys)
	if cfg == nil {
		b.Fatal(findings)
	}
	arts, loaded := load.Load(fsys, cfg)
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, cfg.Location)
	b.ResetTimer()
	for range b.N {
		check.RunAfterLoad(cfg, arts, loaded, fsys, now)
	}
}
