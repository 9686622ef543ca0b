package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/render"
)

func TestSiteIsAnFS(t *testing.T) {
	site := render.Site{"index.html": []byte("home"), "2025/a/index.html": []byte("a"), "2025/a/附件.pdf": []byte("pdf")}
	if err := fstest.TestFS(site, "index.html", "2025/a/index.html", "2025/a/附件.pdf"); err != nil {
		t.Fatal(err)
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	first := mustRender(t, in)
	r := render.NewRenderer()
	for i := 0; i < 3; i++ { // a fresh renderer, then one reusing its caches
		again, err := r.Render(loadArchive(t, "testdata/site.txtar"))
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(first) {
			t.Fatalf("render %d has %d files, the first %d", i, len(again), len(first))
		}
		for p, b := range first {
			if !bytes.Equal(again[p], b) {
				t.Errorf("render %d: %s differs", i, p)
			}
		}
	}
}

var hrefRE = regexp.MustCompile(`\b(?:href|src|action)="([^"]*)"`)

func TestBaseURLWithAPathPrefixesEveryLink(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	in.BaseURL = "https://example.github.io/zsj/"
	site := mustRender(t, in)
	links := 0
	for _, p := range site.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		if !bytes.Contains(site[p], []byte(`<html lang="zh-CN" data-base="/zsj/">`)) {
			t.Errorf("%s: no data-base=/zsj/ on <html>", p)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(site[p]), -1) {
			links++
			u := m[1]
			if !strings.HasPrefix(u, "/zsj/") && !strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: link %q is neither under /zsj/ nor absolute nor an anchor", p, u)
			}
		}
	}
	if links < 100 {
		t.Errorf("only %d links checked", links)
	}
	for _, p := range []string{"feed.xml", "sitemap.xml", "catalog/category/gongzuodongtai/feed.xml"} {
		for _, m := range regexp.MustCompile(`<(?:loc|link)>([^<]*)<`).FindAllStringSubmatch(string(site[p]), -1) {
			if !strings.HasPrefix(m[1], "https://example.github.io/zsj/") {
				t.Errorf("%s: URL %q is not absolute under the base", p, m[1])
			}
		}
	}
	want := "Sitemap: https://example.github.io/zsj/sitemap.xml\n"
	if !strings.HasSuffix(string(site["robots.txt"]), want) {
		t.Errorf("robots.txt = %q, want it to end with %q", site["robots.txt"], want)
	}
}

func TestTemplatesOverrideTheBuiltInsByName(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	in.Templates = fstest.MapFS{
		"404.html": {Data: []byte(`{{template "layout" .}}{{define "main"}}<p>自定义的404：{{.Site.Title}}</p>{{end}}`)},
		"site.css": {Data: []byte("body{color:#000}")},
		"logo.png": {Data: []byte("PNG")},
	}
	site := mustRender(t, in)
	if !bytes.Contains(site["404.html"], []byte("<p>自定义的404：某某县招商局政府信息公开</p>")) {
		t.Errorf("404.html does not use the override:\n%s", site["404.html"])
	}
	if !bytes.Contains(site["404.html"], []byte(`<a class="skip-link" href="#main">`)) {
		t.Errorf("404.html override lost the built-in layout")
	}
	if got := string(site["assets/site.css"]); got != "body{color:#000}" {
		t.Errorf("assets/site.css = %q, want the override", got)
	}
	if got := string(site["assets/logo.png"]); got != "PNG" {
		t.Errorf("assets/logo.png = %q, want the added file", got)
	}
}

func TestTemplateErrorsNameTheFileAndLine(t *testing.T) {
	cases := []struct{ src, want string }{
		{"{{template \"layout\" .}}\n{{define \"main\"}}{{if}}{{end}}{{end}}",
			"templates/article.html:2: {{if}} 后面缺少值"},
		{"{{template \"layout\" .}}\n{{define \"main\"}}\n  {{.Article.Nope}}{{end}}",
			"templates/article.html:3:12: 生成“main”时在 <.Article.Nope> 处出错：页面数据（*render.ArticleView）中没有字段 Nope，请检查拼写"},
		{"{{template \"layout\" .}}\n{{define \"main\"}}{{nofunc}}{{end}}",
			"templates/article.html:2: 没有名为“nofunc”的模板函数"},
		{"{{template \"layout\" .}}\n{{define \"main\"}}{{if .Article}}{{end}}",
			"templates/article.html:2: 模板意外结束：{{if}}、{{range}}、{{with}} 或 {{define}} 可能缺少对应的 {{end}}"},
		{"{{template \"layout\" .}}\n{{define \"main\"}}{{cached \"x\" .Chrome}}{{end}}\n{{define \"x\"}}\n  {{.Nope}}{{end}}",
			"templates/article.html:4:4: 生成“x”时在 <.Nope> 处出错：页面数据（render.Chrome）中没有字段 Nope，请检查拼写"},
		{"{{template \"layout\" .}}\n{{define \"main\"}}{{.Title，}}{{end}}",
			"templates/article.html:2: {{ }} 中不能出现字符 '，'"},
	}
	for _, c := range cases {
		in := loadArchive(t, "testdata/site.txtar")
		in.Templates = fstest.MapFS{"article.html": {Data: []byte(c.src)}}
		_, err := render.NewRenderer().Render(in)
		if err == nil || err.Error() != c.want {
			t.Errorf("error = %v\nwant    %s", err, c.want)
		}
	}
}

// TestCachedIsTheTemplateItNames: cached gives what {{template}} gives,
// for each value its own, and takes values that cannot be compared.
func TestCachedIsTheTemplateItNames(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	in.Templates = fstest.MapFS{"article.html": {Data: []byte(`{{template "layout" .}}
{{define "main"}}<p>{{cached "t" .Chrome}}</p><p>{{template "t" .Chrome}}</p>
<p>{{cached "u" .Article.Title}}</p><p>{{template "u" .Article.Title}}</p>
<p>{{cached "v" .Article.Attachments}}</p><p>{{template "v" .Article.Attachments}}</p>{{end}}
{{define "t"}}<a href="{{.Site.Home}}" title="{{.Site.Title}}">{{.Section}}</a>{{end}}
{{define "u"}}<b data-x="{{.}}">{{.}}</b>{{end}}
{{define "v"}}{{range .}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}`)}}
	site := mustRender(t, in)
	pair := regexp.MustCompile(`(?s)<p>(.*?)</p><p>(.*?)</p>`)
	titles := map[string]bool{}
	for _, p := range site.Paths() {
		if !strings.HasSuffix(p, "index.html") || !bytes.Contains(site[p], []byte("<p><b")) {
			continue
		}
		ms := pair.FindAllSubmatch(site[p], -1)
		if len(ms) != 3 {
			t.Fatalf("%s: %d pairs in\n%s", p, len(ms), site[p])
		}
		for _, m := range ms {
			if !bytes.Equal(m[1], m[2]) {
				t.Errorf("%s: cached gave %s, {{template}} %s", p, m[1], m[2])
			}
		}
		titles[string(ms[1][1])] = true
	}
	if len(titles) < 3 {
		t.Errorf("%d different titles: cached gave one page's value to another", len(titles))
	}
}

// TestCachedKeepsAPageTemplatesOwnDefinitions: a page template that
// defines a template cached reaches gets its own, though the other page
// templates share what cached made of the theme's.
func TestCachedKeepsAPageTemplatesOwnDefinitions(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	column, err := os.ReadFile("builtin/column.html")
	if err != nil {
		t.Fatal(err)
	}
	in.Templates = fstest.MapFS{"column.html": {Data: append(column,
		`{{define "catalog-row"}}<tr><td>{{template "row-mark"}}{{.Title}}</td></tr>{{end}}{{define "row-mark"}}自定义{{end}}`...)}}
	site := mustRender(t, in)
	lists, columns := 0, 0
	for _, p := range site.Paths() {
		page := site[p]
		if !bytes.Contains(page, []byte(`<tbody>`)) {
			continue
		}
		custom := bytes.Contains(page, []byte("<tr><td>自定义"))
		switch {
		case strings.HasPrefix(p, "catalog/latest/"):
			columns++
			if !custom {
				t.Errorf("%s: column.html's own catalog-row is not used", p)
			}
		case strings.HasPrefix(p, "catalog/"):
			lists++
			if custom {
				t.Errorf("%s: list.html got column.html's catalog-row", p)
			}
		}
	}
	if lists == 0 || columns == 0 {
		t.Fatalf("%d list and %d column pages with a table", lists, columns)
	}
}

func TestHomePageLinksTheBulletinArchive(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	in.Extra = map[string][]byte{"bulletins/index.html": []byte("<html><body>简报</body></html>")}
	site := mustRender(t, in)
	if !bytes.Contains(site["index.html"], []byte(`<li><a href="/bulletins/">工作简报</a></li>`)) {
		t.Errorf("home page does not link the bulletin archive")
	}
}

func TestPendingPreviewShowsArticlesInReviewWithABanner(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	if site := mustRender(t, in); site["draft/pending/index.html"] != nil {
		t.Fatal("a build renders the article in review")
	}
	in.Pending = true
	site := mustRender(t, in)
	page := string(site["draft/pending/index.html"])
	if !strings.Contains(page, `<div class="pending-banner" role="note"><strong>未审核预览</strong>`) {
		t.Errorf("pending page has no banner:\n%s", page)
	}
	row := `<a href="/draft/pending/">待审稿件标题不应出现</a> <span class="tag-pending">未审核</span>`
	if !strings.Contains(string(site["catalog/category/jigougaikuang/index.html"]), row) {
		t.Errorf("catalogue does not mark the article in review")
	}
	if strings.Contains(string(site["feed.xml"])+string(site["sitemap.xml"]), "pending") {
		t.Errorf("the article in review is in the feed or sitemap")
	}
	if site["content/2025/internal/index.html"] != nil || strings.Contains(page, "内部公开标题") {
		t.Errorf("an internal article is previewed")
	}
}

func TestSitemapIsValidAgainstTheSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	site := mustRender(t, loadArchive(t, "testdata/site.txtar"))
	file := filepath.Join(t.TempDir(), "sitemap.xml")
	if err := os.WriteFile(file, site["sitemap.xml"], 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "sitemap.xsd"), file).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}

func TestEmptySectionsHaveNoPageFeedOrNavEntry(t *testing.T) {
	site := mustRender(t, loadArchive(t, "testdata/site.txtar"))
	for _, p := range []string{"catalog/category/jigougaikuang/index.html", "catalog/category/qita/index.html",
		"catalog/category/jigougaikuang/feed.xml", "catalog/category/qita/feed.xml"} {
		if site[p] != nil {
			t.Errorf("%s rendered for an empty category", p)
		}
	}
	for _, p := range []string{"index.html", "catalog/index.html", "catalog/category/gongzuodongtai/index.html"} {
		if bytes.Contains(site[p], []byte("机构概况")) || bytes.Contains(site[p], []byte(">其他<")) {
			t.Errorf("%s lists an empty category", p)
		}
	}
}

func TestLinksFollowTheirTargetsAcrossCachedRenders(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	r := render.NewRenderer()
	site, err := r.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	report := `<a href="/404.html">活动方案</a>`
	if !bytes.Contains(site["2025/report/index.html"], []byte(report)) {
		t.Errorf("a link to the article in review is not sent to 404.html")
	}
	link := `<a href="/2025/notice/#%E7%AC%AC%E4%BA%8C%E6%9D%A1">`
	if !bytes.Contains(site["2025/meeting/index.html"], []byte(link)) {
		t.Fatalf("meeting does not link the notice")
	}
	for a := range in.Public {
		if a.Path == "content/2025/notice.md" {
			delete(in.Public, a)
		}
	}
	site, err = r.Render(in) // the cached body of meeting.md must not be reused
	if err != nil {
		t.Fatal(err)
	}
	if page := site["2025/meeting/index.html"]; bytes.Contains(page, []byte(link)) ||
		!bytes.Contains(page, []byte(`<a href="/404.html">《信息公开实施办法》</a>`)) {
		t.Errorf("after the notice stopped being public, meeting still links it")
	}
}

func TestAnArticleCannotTakeTheURLOfASitePage(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	for _, a := range in.Articles {
		if a.Path == "content/2025/report.md" {
			a.URL = "/search/"
		}
	}
	_, err := render.NewRenderer().Render(in)
	want := "content/2025/report.md：其网址 /search/ 已被网站自身的页面占用（请修改 site.permalink 或文件名）"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}
