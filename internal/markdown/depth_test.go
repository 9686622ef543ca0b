package markdown

import (
	"strings"
	"testing"
	"time"
)

func TestDeeplyNestedListsAreNotParsedAndTakeLinearTime(t *testing.T) {
	body := []byte("正文。\n\n" + strings.Repeat("- ", 200*1024/2) + "x\n")
	start := time.Now()
	if line := TooDeep(body); line != 3 {
		t.Errorf("TooDeep = %d, want line 3", line)
	}
	res, err := New(Options{}).Render(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	Links(body)
	VisibleText(body, false)
	if d := time.Since(start); d > time.Second {
		t.Errorf("a 200 KB body of nested list markers took %v", d)
	}
	if !strings.HasPrefix(string(res.HTML), "<pre>") {
		t.Errorf("HTML starts %.40q, want the escaped text", res.HTML)
	}
}

func TestOrdinaryNestingIsNotTooDeep(t *testing.T) {
	body := []byte("一、总则\n\n1. 第一\n   - 甲\n     - 乙\n       > 引文\n\n    缩进代码\n")
	if line := TooDeep(body); line != 0 {
		t.Errorf("TooDeep = %d, want 0", line)
	}
}
