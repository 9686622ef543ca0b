package markdown

import (
	"strings"
	"testing"
)

func TestTooDeepFindsTheLineThatNestsPastTheBound(t *testing.T) {
	ok := "# 标题\n\n- 一\n  - 二\n    - 三\n> 引用\n> > 引用中的引用\n1. 第一\n   2) 第二\n"
	if line := TooDeep([]byte(ok)); line != 0 {
		t.Errorf("an ordinary body reported at line %d", line)
	}
	for _, c := range []struct {
		name, body string
		line       int
	}{
		{"markers on one line", "正文\n\n" + strings.Repeat("- ", 100000) + "x\n", 3},
		{"quotes", strings.Repeat("> ", MaxDepth+1) + "x\n", 1},
		{"ordered and mixed", "a\n" + strings.Repeat("1. > * ", 11) + "x\n", 2},
		{"indentation", "a\nb\n" + strings.Repeat("  ", MaxDepth+1) + "- x\n", 3},
	} {
		if got := TooDeep([]byte(c.body)); got != c.line {
			t.Errorf("%s: line %d, want %d", c.name, got, c.line)
		}
	}
	if line := TooDeep([]byte(strings.Repeat("> ", MaxDepth) + "x\n")); line != 0 {
		t.Errorf("exactly MaxDepth levels reported at line %d", line)
	}
}

func TestRenderRefusesABodyTooDeepInsteadOfTakingMinutes(t *testing.T) {
	body := []byte("正文\n\n" + strings.Repeat("- ", 100000) + "x\n")
	if _, err := New(Options{}).Render(body, nil); err == nil || !strings.Contains(err.Error(), "第 3 行") {
		t.Errorf("Render: %v, want the line of the nesting", err)
	}
	if links := Links(body); links != nil {
		t.Errorf("Links parsed a body too deep: %v", links)
	}
	if v := VisibleText(body, false); v.Text != "" {
		t.Errorf("VisibleText parsed a body too deep")
	}
}
