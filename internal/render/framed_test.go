package render_test

import (
	"strings"
	"testing"

	"gongkai/internal/render"
)

func TestAFramedPageIsPutInsideTheSiteFrame(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	in.Extra = map[string][]byte{
		"bulletins/index.html": render.FramedPage{Title: "《招商信息》<简报>", Section: "bulletins", Column: "工作简报",
			Style: "@media print { .x { color: red } }", Body: `<h1>《招商信息》简报</h1>`}.Bytes(),
		"bulletins/2025-1/index.html": []byte("<!DOCTYPE html><title>alone</title>"),
	}
	site := mustRender(t, in)
	page := string(site["bulletins/index.html"])
	for _, want := range []string{
		"<title>《招商信息》&lt;简报&gt; - 某某县招商局政府信息公开</title>",
		"<style>@media print { .x { color: red } }</style>",
		`<a href="/bulletins/" aria-current="page">工作简报</a>`,
		`<main id="main" class="wrap" tabindex="-1">` + "\n<h1>《招商信息》简报</h1>\n</main>",
		`<meta name="ColumnName" content="工作简报">`,
		`<footer class="site-footer">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the framed page has no %s:\n%s", want, page)
		}
	}
	if got := string(site["bulletins/2025-1/index.html"]); got != "<!DOCTYPE html><title>alone</title>" {
		t.Errorf("a page that is not framed was changed: %s", got)
	}
}
