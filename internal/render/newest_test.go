package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"gongkai/internal/article"
)

// TestNewestPublishedIsTheHeadOfTheSort holds newestPublished to what it
// stands for: the first n entries of a sort of all of them, in order, with
// many sharing a publication day (the path decides then).
func TestNewestPublishedIsTheHeadOfTheSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, size := range []int{0, 1, 5, 20, 21, 300} {
		entries := make([]*entry, size)
		for i := range entries {
			gen := day.AddDate(0, 0, rng.IntN(10))
			entries[i] = &entry{a: &article.Article{Path: fmt.Sprintf("content/%03d-%d.md", rng.IntN(1000), i)},
				gen: article.Date{Time: gen}, pub: article.Date{Time: gen.AddDate(0, 0, rng.IntN(3))}}
		}
		sorted := slices.Clone(entries)
		slices.SortFunc(sorted, newestPublishedFirst)
		for _, n := range []int{1, 3, 20, 400} {
			got := newestPublished(entries, n)
			if want := sorted[:min(n, size)]; !slices.Equal(got, want) {
				t.Errorf("%d entries, first %d: got %d entries, not the sort's head", size, n, len(got))
			}
		}
	}
}
