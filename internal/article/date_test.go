package article

import (
	"fmt"
	"testing"
	"time"
)

// ParseDate reads a plain day as the same Date, in the same zone, as
// time.ParseInLocation does, whether or not it takes the quick way.
func TestParseDateReadsPlainDaysAsTimeDoes(t *testing.T) {
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("W", -11*3600)} {
		for _, y := range []int{1999, 2000, 2024, 2025, 2100} {
			for m := 1; m <= 12; m++ {
				for d := 1; d <= 31; d++ {
					s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
					got, err := ParseDate(s, loc)
					want, werr := time.ParseInLocation("2006-01-02", s, loc)
					if (err == nil) != (werr == nil) || err == nil && (got.Time != want || got.HasTime) {
						t.Errorf("ParseDate(%q) = %v, %v; time reads %v, %v", s, got, err, want, werr)
					}
				}
			}
		}
	}
}
