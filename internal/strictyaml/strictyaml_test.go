package strictyaml

import (
	"strings"
	"testing"
)

func TestSyntaxErrorLineFindsTheLineThatBreaks(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"a: b\nc: d\n", 0},
		{"title: a\n  bad: x\nc: d\n", 2},
		{"a: b\n- x\n", 2},
		{"a: b\nc:\n\t- tab\n", 3},
		{"a: \"unterminated\nb: c\n", 1},
		{"a: b\nb: c\nd: [a, b\ne: f\n", 3},
	} {
		if got := SyntaxErrorLine([]byte(tc.src)); got != tc.want {
			t.Errorf("%q: line %d, want %d", tc.src, got, tc.want)
		}
	}
}

func TestSyntaxErrorLineOnALongTextIsRightAndCheap(t *testing.T) {
	long := strings.Repeat("key: value\n", 5000) + "  bad: x\n" + strings.Repeat("k: v\n", 100)
	// Keys repeat, which is fine for the parser; the error is the indented line.
	if got := SyntaxErrorLine([]byte(long)); got != 5001 {
		t.Errorf("line %d, want 5001", got)
	}
}

func TestSuggestNeedsACloseWordSharingACharacter(t *testing.T) {
	fields := []string{"title", "category", "department"}
	if got := Suggest("catgory", fields); got != `（是否应为“category”？）` {
		t.Errorf("catgory: %q", got)
	}
	if got := Suggest("刘备", []string{"吴十", "张三"}); got != "" {
		t.Errorf("刘备 suggested %q", got)
	}
	if got := Suggest("zzzzzz", fields); got != "" {
		t.Errorf("zzzzzz suggested %q", got)
	}
}
