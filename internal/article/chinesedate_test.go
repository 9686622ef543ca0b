package article

import (
	"math/rand/v2"
	"testing"
	"time"
)

// ChineseDate, written by hand for speed, says what Format("2006年1月2日")
// says, in any zone, for any instant.
func TestChineseDateIsFormat(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("W", -11*3600)}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		ts := time.Unix(r.Int64N(1<<38)-1<<37, 0)
		loc := zones[i%len(zones)]
		if got, want := ChineseDate(ts, loc), ts.In(loc).Format("2006年1月2日"); got != want {
			t.Fatalf("ChineseDate(%v, %v) = %q, want %q", ts, loc, got, want)
		}
	}
	if got := ChineseDate(time.Time{}, time.UTC); got != "" {
		t.Errorf("zero time: %q, want empty", got)
	}
}
