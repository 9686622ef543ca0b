package render

import (
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
