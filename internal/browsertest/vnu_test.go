package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckHTMLReportsErrorsWithTheirPlace(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.html"), filepath.Join(dir, "bad.html")
	os.WriteFile(good, []byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>好</title></head><body><p>好</p></body></html>`), 0o644)
	os.WriteFile(bad, []byte("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>坏</title></head>\n<body><span id=a></span><span id=a></span></body></html>"), 0o644)
	errs := CheckHTML(t, good, bad)
	if len(errs) != 1 || !strings.HasSuffix(errs[0].File, "/bad.html") || errs[0].Line != 2 ||
		!strings.Contains(errs[0].Message, "Duplicate ID") {
		t.Errorf("errors: %v; want one duplicate ID on line 2 of bad.html", errs)
	}
}
