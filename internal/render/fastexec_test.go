package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gongkai/internal/render"
)

// fastOutputs renders in with every output fastExec makes (a page's or a
// part's) compared with what html/template makes of the same template and
// data, and returns how many it made of each template.
func fastOutputs(t *testing.T, in render.Input) map[string]int {
	t.Helper()
	var mu sync.Mutex
	made := map[string]int{}
	defer render.SetTestFast(func(name string, fast []byte, slow func(w *bytes.Buffer) error) {
		var want bytes.Buffer
		err := slow(&want)
		mu.Lock()
		defer mu.Unlock()
		made[name]++
		switch {
		case err != nil:
			t.Errorf("%s: fastExec made a page html/template fails on: %v", name, err)
		case !bytes.Equal(fast, want.Bytes()):
			t.Errorf("%s: fastExec differs from html/template:\n%s", name, firstDiff(want.String(), string(fast)))
		}
	})()
	mustRender(t, in)
	in.Sink = func(string, []byte) error { return nil }
	if _, err := render.NewRenderer().Render(in); err != nil {
		t.Fatal(err)
	}
	return made
}

// TestFastExecMakesWhatHTMLTemplateMakes: on the test archives (every
// built-in page template, in a build, in a preview with a base path), each
// page and part fastExec made is html/template's, and it made them all.
func TestFastExecMakesWhatHTMLTemplateMakes(t *testing.T) {
	made := map[string]int{}
	for _, archive := range []string{"site.txtar", "policy.txtar", "columns.txtar"} {
		in := loadArchive(t, filepath.Join("testdata", archive))
		for name, n := range fastOutputs(t, in) {
			made[name] += n
		}
		in.Pending, in.BaseURL = true, "https://example.gov.cn/gk/"
		in.Extra = map[string][]byte{"bulletins/index.html": []byte("<html><body>简报</body></html>")}
		for name, n := range fastOutputs(t, in) {
			made[name] += n
		}
	}
	for _, name := range []string{"home", "article", "list", "catalog", "column", "search", "404"} {
		if made["builtin/"+name+".html"] == 0 {
			t.Errorf("fastExec made no page of builtin/%s.html (made %v)", name, made)
		}
	}
	for _, part := range []string{"layout-assets", "layout-feed", "layout-header", "layout-footer", "catalog-row"} {
		if made[part] == 0 {
			t.Errorf("fastExec made no %s (made %v)", part, made)
		}
	}
}

// TestFastExecMakesTheSamplesPages: the repository's own sample site.
func TestFastExecMakesTheSamplesPages(t *testing.T) {
	in := inputFor(t, os.DirFS("../.."))
	if made := fastOutputs(t, in); made["builtin/article.html"] == 0 {
		t.Errorf("fastExec made no article page of the sample (made %v)", made)
	}
}

// TestFastExecMakesTheCorpussPages: GONGKAI_CORPUS, a corpus written by
// bench/gencorpus.go (slow: every page is executed three times).
func TestFastExecMakesTheCorpussPages(t *testing.T) {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		t.Skip("GONGKAI_CORPUS is not set")
	}
	in := inputFor(t, os.DirFS(dir))
	if made := fastOutputs(t, in); made["builtin/article.html"] == 0 {
		t.Errorf("fastExec made no article page of the corpus (made %v)", made)
	}
}

// TestThemesFastExecLeavesGiveHTMLTemplatesSite: themes that use what
// fastExec leaves to html/template (when compiling, when executing) or
// that fail give the site, or the error, html/template gives.
func TestThemesFastExecLeavesGiveHTMLTemplatesSite(t *testing.T) {
	article := func(main string) fstest.MapFS {
		return fstest.MapFS{"article.html": {Data: []byte(`{{template "layout" .}}{{define "main"}}` + main + `{{end}}`)}}
	}
	themes := map[string]fstest.MapFS{
		// Left when compiling.
		"printf":    article(`<p>{{printf "%s（%d）" .Article.Title (len .Article.Attachments)}}</p>`),
		"index":     article(`{{with .Article.Attachments}}<p>{{(index . 0).Title}}</p>{{end}}`),
		"script":    article(`<script>var title = {{.Article.Title}};</script>`),
		"onclick":   article(`<a onclick="go({{.Article.URL}})">x</a>`),
		"attr-call": article(`<a title="{{template "t" .}}">x</a>{{end}}{{define "t"}}{{.Article.Title}}`),
		"variable":  article(`{{$n := "layout-feed"}}{{cached $n .Chrome}}`),
		"break":     article(`{{range .Site.Columns}}{{if eq .Key "rules"}}{{break}}{{end}}<p>{{.Title}}</p>{{end}}`),
		"lt":        article(`{{if lt (len .Article.Attachments) 2}}<p>少</p>{{end}}`),
		"srcset":    article(`<img srcset="{{.Site.Icon}} 1x">`),
		// Left when executing, on the pages whose values call for it (typed
		// HTML in an attribute, a value that is not template.CSS in CSS, a
		// nil pointer, …), or when compiling (nil as an argument).
		"nospace":       article(`<input value={{.Article.Title}}>`),
		"style-attr":    article(`<p style="color: {{.Article.Category}}">x</p>`),
		"html-in-attr":  article(`<div title="{{.Article.Body}}">x</div>`),
		"html-unquoted": article(`<input value={{.Article.Body}}>`),
		"css-value":     article(`<style>p { color: {{.Article.Category}} }</style>`),
		"nil-pointer":   article(`{{if .Article}}<p>{{.Article.Prev.Title}}</p>{{end}}`),
		"nil-compare":   article(`{{if eq .Article.Prev nil}}<p>最早</p>{{end}}`),
		"range-string":  article(`{{range .Article.Title}}{{end}}`),
		// Errors.
		"no-field":    article(`<p>{{.Article.Nope}}</p>`),
		"cached-fail": article(`{{cached "x" .Chrome}}{{end}}{{define "x"}}{{.Nope}}`),
		"no-template": article(`{{template "nowhere" .}}`),
		// Fast, with the functions and forms themes use.
		"forms": article(`{{$a := .Article}}{{with $a}}<h1 data-n="{{add (len .Attachments) 1}}">{{.Title}}</h1>{{end}}
{{range $i, $l := $a.Attachments}}<p>{{add $i 1}}. <a href="{{$l.URL}}">{{$l.Title}}</a></p>{{else}}<p>无附件</p>{{end}}
{{if and $a.DocNo (not $a.Validity)}}{{$a.DocNo}}{{else if or $a.Validity $a.DocNo}}{{$a.Validity}}{{else}}无{{end}}
{{range 3}}{{.}}{{end}}{{if ne $.Section "x"}}<a href="/search/?q={{$a.Title}}&amp;c={{$a.Category}}">{{print $a.Title 1 true}}</a>{{end}}
<title>{{$a.Title}}</title><textarea>{{$a.Body}}</textarea><!-- {{$a.Title}} -->{{$x := 1}}{{$x = add $x 2}}{{$x}}`),
	}
	in := loadArchive(t, "testdata/site.txtar")
	for name, theme := range themes {
		in.Templates = theme
		fast, fastErr := render.NewRenderer().Render(in)
		restore := render.WithoutFastExec()
		slow, slowErr := render.NewRenderer().Render(in)
		restore()
		if fastErr != nil || slowErr != nil {
			if fastErr == nil || slowErr == nil || fastErr.Error() != slowErr.Error() {
				t.Errorf("%s: error %v, html/template's %v", name, fastErr, slowErr)
			}
			continue
		}
		for _, p := range slow.Paths() {
			if !bytes.Equal(fast[p], slow[p]) {
				t.Errorf("%s: %s differs from html/template's:\n%s", name, p, firstDiff(string(slow[p]), string(fast[p])))
			}
		}
		if len(fast) != len(slow) {
			t.Errorf("%s: %d files, html/template %d", name, len(fast), len(slow))
		}
	}
	for _, name := range []string{"no-field", "cached-fail", "no-template"} {
		in.Templates = themes[name]
		if _, err := render.NewRenderer().Render(in); err == nil || !strings.HasPrefix(err.Error(), "templates/article.html:") {
			t.Errorf("%s: error %v does not name the template", name, err)
		}
	}
	// The forms theme is fastExec's own: each article page is made by it.
	in.Templates = themes["forms"]
	made := fastOutputs(t, in)
	if n := made["templates/article.html"]; n < 2*countPublic(in) {
		t.Errorf("fastExec made %d article pages of the forms theme in two renders of %d", n, countPublic(in))
	}
}

func countPublic(in render.Input) int {
	n := 0
	for _, a := range in.Articles {
		if in.Public[a] && !a.WithdrawnAt(in.Now) {
			n++
		}
	}
	return n
}
