package render

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDescriptionIsTheSummaryOnOneLineCut(t *testing.T) {
	if got := description("  为规范招商引资项目管理，\n 制定本办法。 "); got != "为规范招商引资项目管理， 制定本办法。" {
		t.Errorf("description = %q", got)
	}
	long := strings.Repeat("招", 200)
	got := []rune(description(long))
	if len(got) != descriptionLen || got[len(got)-1] != '…' {
		t.Errorf("a long summary gives %d characters ending %q, want %d ending …", len(got), got[len(got)-1], descriptionLen)
	}
}

// TestDescriptionIsFieldsJoinedAndCut holds description to its definition:
// the summary's fields joined by one space, cut to descriptionLen
// characters with "…" last.
func TestDescriptionIsFieldsJoinedAndCut(t *testing.T) {
	want := func(summary string) string {
		s := []rune(strings.Join(strings.Fields(summary), " "))
		if len(s) > descriptionLen {
			return string(s[:descriptionLen-1]) + "…"
		}
		return string(s)
	}
	parts := []string{"招", "a", " ", "\n", "\u3000", "\t ", "\xff", "é", "  "}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(260) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		if got, w := description(b.String()), want(b.String()); got != w {
			t.Fatalf("description(%q)\n = %q\nwant %q", b.String(), got, w)
		}
	}
}
