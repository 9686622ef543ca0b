package render_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/render"
)

// edit replaces the article at path with a changed copy, as serve does
// when a file is saved, keeping whether it is public.
func edit(t *testing.T, in *render.Input, path string, change func(a *article.Article)) {
	t.Helper()
	for i, a := range in.Articles {
		if a.Path == path {
			c := *a
			change(&c)
			in.Articles[i] = &c
			if in.Public[a] {
				delete(in.Public, a)
				in.Public[&c] = true
			}
			return
		}
	}
	t.Fatalf("no article %s", path)
}

// countsTemplate shows the category counts on article pages, which the
// built-in theme does not: a theme may show anything a Page holds.
const countsTemplate = `{{template "layout" .}}{{define "main"}}<h1>{{.Article.Title}}</h1>
<ul>{{range .Site.Categories}}<li>{{.Name}} {{.Count}}</li>{{end}}</ul>{{end}}`

// cacheSteps change the input one thing at a time; each names pages that
// must differ from the render before.
var cacheSteps = []struct {
	name    string
	change  func(t *testing.T, in *render.Input)
	changed []string
}{
	{"a body edited", func(t *testing.T, in *render.Input) {
		edit(t, in, "content/2025/meeting.md", func(a *article.Article) {
			a.Body = append(bytes.Clone(a.Body), "\n补充一段。\n"...)
		})
	}, []string{"2025/meeting/index.html"}},
	{"a neighbour's title", func(t *testing.T, in *render.Input) {
		edit(t, in, "content/2025/report.md", func(a *article.Article) { a.FM.Title = "营商环境提升月活动（更新）" })
	}, []string{"2025/meeting/index.html", "2025/report/index.html", "catalog/category/gongzuodongtai/index.html", "index.html"}},
	{"an older neighbour's title", func(t *testing.T, in *render.Input) {
		edit(t, in, "content/2025/meeting.md", func(a *article.Article) { a.FM.Title = "一季度信息宣传工作会议" })
	}, []string{"2025/meeting/index.html", "2025/report/index.html"}},
	{"the successor's title", func(t *testing.T, in *render.Input) {
		edit(t, in, "content/2025/notice.md", func(a *article.Article) { a.FM.Title = "某某县招商局信息公开办法（修订）" })
	}, []string{"2024/old-rule/index.html", "2025/notice/index.html"}},
	{"the withdrawal notice", func(t *testing.T, in *render.Input) {
		edit(t, in, "content/2025/withdrawn.md", func(a *article.Article) {
			w := *a.FM.Withdrawn
			w.Notice = "更正稿已发布。"
			a.FM.Withdrawn = &w
		})
	}, []string{"2025/withdrawn/index.html"}},
	{"a theme showing counts", func(t *testing.T, in *render.Input) {
		in.Templates = fstest.MapFS{"article.html": {Data: []byte(countsTemplate)}}
	}, []string{"2025/notice/index.html", "2025/meeting/index.html"}},
	{"an article added elsewhere changes the counts", func(t *testing.T, in *render.Input) {
		for _, a := range in.Articles {
			if a.Path == "content/2025/report.md" {
				c := *a
				c.Path, c.URL, c.FM.Title = "content/2025/report2.md", "/2025/report2/", "第二篇工作动态"
				in.Articles = append(in.Articles, &c)
				in.Public[&c] = true
			}
		}
	}, []string{"2025/notice/index.html", "2025/report2/index.html"}},
	{"the built-in theme again", func(t *testing.T, in *render.Input) { in.Templates = nil },
		[]string{"2025/notice/index.html"}},
	{"the site title", func(t *testing.T, in *render.Input) {
		c := *in.Config
		c.Site.Title = "某某县招商局"
		in.Config = &c
	}, []string{"2025/notice/index.html", "index.html", "feed.xml"}},
	{"the base URL", func(t *testing.T, in *render.Input) { in.BaseURL = "https://example.github.io/zsj/" },
		[]string{"2025/notice/index.html", "sitemap.xml", "catalog/year/2025/index.html"}},
	{"articles in review previewed", func(t *testing.T, in *render.Input) { in.Pending = true },
		[]string{"catalog/category/jigougaikuang/index.html", "draft/pending/index.html"}},
	{"a bulletin archive", func(t *testing.T, in *render.Input) {
		in.Extra = map[string][]byte{"bulletins/index.html": []byte("<html><body>简报</body></html>")}
	}, []string{"2025/notice/index.html", "404.html", "search/index.html"}},
	{"a later clock publishes the scheduled article", func(t *testing.T, in *render.Input) {
		in.Now = in.Now.Add(400 * 24 * time.Hour)
		for _, a := range in.Articles {
			if a.Eligible(in.Config, in.Now) {
				in.Public[a] = true
			}
		}
	}, []string{"index.html", "sitemap.xml"}},
}

// TestRerenderingMatchesAFreshRenderer renders after each change with one
// Renderer and compares every file with a fresh Renderer's render.
func TestRerenderingMatchesAFreshRenderer(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	r := render.NewRenderer()
	last, err := r.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cacheSteps {
		s.change(t, &in)
		got, err := r.Render(in)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		want := mustRender(t, in)
		if len(got) != len(want) {
			t.Errorf("%s: %d files, a fresh render %d", s.name, len(got), len(want))
		}
		for p, w := range want {
			if !bytes.Equal(got[p], w) {
				t.Errorf("%s: %s differs from a fresh render:\n%s", s.name, p, firstDiff(string(w), string(got[p])))
			}
		}
		for _, p := range s.changed {
			if got[p] == nil || bytes.Equal(got[p], last[p]) {
				t.Errorf("%s: %s did not change", s.name, p)
			}
		}
		last = got
	}
}

// TestRerenderingReusesUnchangedPages checks that after one article's body
// changed only its page is made again: every other page and XML file is the
// same slice as in the render before.
func TestRerenderingReusesUnchangedPages(t *testing.T) {
	in := loadArchive(t, "testdata/site.txtar")
	r := render.NewRenderer()
	first, err := r.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, &in, "content/2025/notice.md", func(a *article.Article) {
		a.Body = append(bytes.Clone(a.Body), "\n补充一段。\n"...)
	})
	second, err := r.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range first.Paths() {
		reused := len(first[p]) > 0 && &first[p][0] == &second[p][0]
		switch {
		case p == "2025/notice/index.html" && reused:
			t.Errorf("%s: the edited article's page was reused", p)
		case p != "2025/notice/index.html" && !reused && isCached(p):
			t.Errorf("%s: not reused though nothing it shows changed", p)
		}
	}
}

// isCached reports whether a file is one the Renderer keeps: an executed
// page or an XML file, not a copied file or the search index's data.
func isCached(p string) bool {
	return strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".xml")
}
