package render

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"
	"testing"
	"time"
)

// fastRun executes src with data both ways: by fastExec (compiled false
// when compileFast left it, ran false when fastExec left the execution)
// and by html/template.
func fastRun(t testing.TB, src string, data any) (fast string, compiled, ran bool, slow string, slowErr error) {
	t.Helper()
	ps := &parts{shared: new(sync.Map)}
	set := template.New("t").Funcs(templateFuncs).Funcs(template.FuncMap{"cached": ps.cached})
	if _, err := set.Parse(src); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	ps.t = set
	fs, err := compileFast(set, ps)
	if compiled = err == nil; compiled {
		var b bytes.Buffer
		if ran = fs.run(fs.page, &b, data); ran {
			fast = b.String()
		}
	}
	var b bytes.Buffer
	slowErr = set.Execute(&b, data)
	return fast, compiled, ran, b.String(), slowErr
}

// escapeContexts put one value in each context whose escapers fastExec
// has, with the escapers html/template uses there. In CSS fastExec takes
// template.CSS only.
var escapeContexts = []string{
	`<p>{{.}}</p>`,                     // htmlescaper
	`<a title="{{.}}">x</a>`,           // attrescaper
	`<a title='{{.}}'>x</a>`,           // attrescaper
	`<a href="{{.}}">x</a>`,            // urlfilter, urlnormalizer, attrescaper
	`<a href="/s?q={{.}}&amp;x">x</a>`, // urlescaper, attrescaper
	`<a href="/{{.}}/">x</a>`,          // urlnormalizer, attrescaper
	`<title>{{.}}</title>`,             // rcdataescaper
	`<textarea>{{.}}</textarea>`,       // rcdataescaper
	`<input value={{.}}>`,              // nospaceescaper
	`<p>{{.}}<!-- {{.}} --></p>`,       // htmlescaper; the comment is dropped
	`<style>{{.}}</style>`,             // cssvaluefilter
	`<p class="a-{{.}}" {{if .}}data-x="{{.}}"{{end}}>{{.}}</p>`,
}

type named string

type stringer struct{ n int }

func (s stringer) String() string { return strings.Repeat("<>", s.n) }

var escapeValues = []any{
	"", "纯文本", `<b>"Tom" & 'Jerry' + 1 > 0</b>`, "javascript:alert(1)", "JavaScript:x", " mailto:a@b.c",
	"http://example.gov.cn/a b/路径?q=中文&x=1#frag", "HTTPS://A/B", "/a:b/c", "%zz%41%4a%", "!#$&*+,/:;=?@[]-._~'()",
	"\x00nul", "\xff\xfe bad utf-8 \xc3", "\ufdd0\ufdef\ufff0\uffff\U0001F600", "a=b c\td`e\n\r\f\v", "expression(x)",
	template.HTML(`<b title="x>y">粗</b> &amp; <script>x()</script> <!-- c --> 1 < 2`), template.HTML(""), template.HTML("&lt;ok&gt;"),
	template.URL("javascript:ok()"), template.URL("/a b/%zz?q=中"), template.CSS("color: red"), template.JS("x < y"),
	template.JSStr(`a"b`), template.HTMLAttr(`a="b"`), template.Srcset("a.png 1x, b.png 2x"),
	42, -7, 0, 3.5, true, false, uint8(200), int64(-1 << 40), nil, (*string)(nil), ptr("指针<>"), ptr(ptr("二级")),
	named("命名<类型>"), stringer{2}, ptr(stringer{1}), errors.New("<错误>"), time.Duration(1500),
	struct{ A, B int }{1, 2}, []string{"a", "<b>"}, map[string]int{"b": 2, "a": 1}, []any{nil, 1},
}

func ptr[T any](v T) *T { return &v }

// TestFastEscapersAreHTMLTemplates: each escaper fastExec has gives what
// html/template gives, for strings, typed content and other values; it
// takes every plain string itself.
func TestFastEscapersAreHTMLTemplates(t *testing.T) {
	ran := 0
	for _, src := range escapeContexts {
		for _, v := range escapeValues {
			fast, compiled, ok, slow, err := fastRun(t, src, v)
			if !compiled {
				t.Fatalf("%s: not compiled", src)
			}
			if _, plain := v.(string); plain && !ok && err == nil && !strings.HasPrefix(src, "<style>") {
				t.Errorf("%s with %q: left to html/template", src, v)
			}
			if !ok {
				continue
			}
			ran++
			if err != nil {
				t.Errorf("%s with %#v: fastExec made %q, html/template failed: %v", src, v, fast, err)
			} else if fast != slow {
				t.Errorf("%s with %#v:\nfast %q\nwant %q", src, v, fast, slow)
			}
		}
	}
	if ran < len(escapeContexts)*len(escapeValues)*3/4 {
		t.Errorf("fastExec ran %d of %d", ran, len(escapeContexts)*len(escapeValues))
	}
}

// FuzzFastEscapers: any string, plain or typed, in each context.
func FuzzFastEscapers(f *testing.F) {
	for _, v := range escapeValues {
		if s, ok := v.(string); ok {
			f.Add(s, uint8(0))
		}
	}
	f.Add("<b>x</b>", uint8(1))
	f.Add("javascript:x", uint8(2))
	f.Fuzz(func(t *testing.T, s string, kind uint8) {
		v := []any{s, template.HTML(s), template.URL(s), template.CSS(s), template.HTMLAttr(s), template.JS(s), named(s), &s}[kind%8]
		for _, src := range escapeContexts {
			fast, _, ok, slow, err := fastRun(t, src, v)
			if ok && (err != nil || fast != slow) {
				t.Errorf("%s with %#v:\nfast %q\nwant %q (%v)", src, v, fast, slow, err)
			}
		}
	})
}

type execData struct {
	Title  string
	N      int
	U      uint
	F      float64
	Items  []execItem
	Ptr    *execItem
	Nil    *execItem
	Any    any
	NilAny any
	Err    error
	HTML   template.HTML
	Embed
	*PEmbed
	Map     map[string]string
	private string
}

type execItem struct {
	Name  string
	Count int
	Tags  []string
}

type Embed struct{ Inner string }

type PEmbed struct{ Deep string }

func (execItem) Method() string { return "方法" }

// TestFastExecIsTextTemplates: text/template's forms and functions, on
// values fastExec handles and on values it leaves (run false), which must
// leave or give html/template's output.
func TestFastExecIsTextTemplates(t *testing.T) {
	d := &execData{Title: "标题<>", N: 3, U: 3, F: 1.5, Items: []execItem{{"一", 1, []string{"a"}}, {"二", 0, nil}},
		Ptr: &execItem{Name: "指针"}, Any: "任意", HTML: "<i>斜</i>", Embed: Embed{"内嵌"}, Map: map[string]string{"k": "v"}}
	fast := []string{
		`{{.Title}}|{{.N}}|{{.U}}|{{.F}}|{{.HTML}}|{{.Inner}}|{{.Embed.Inner}}|{{.Any}}|{{.NilAny}}|{{.Ptr.Name}}|{{.Nil}}|{{.Err}}`,
		`{{range .Items}}<p>{{.Name}}{{range .Tags}}[{{.}}]{{else}}无{{end}}</p>{{else}}空{{end}}`,
		`{{range $i, $e := .Items}}{{$i}}={{$e.Name}},{{$.Title}};{{end}}{{range $e := .Items}}{{$e.Count}}{{end}}`,
		`{{$x := 0}}{{range $x = .Items}}{{end}}{{$x.Name}}{{$i := 9}}{{$e := 8}}{{range $i, $e = .Items}}{{end}}{{$i}}{{$e.Name}}`,
		`{{with .Ptr}}{{.Name}}{{else}}无{{end}}{{with .Nil}}有{{else}}无{{end}}{{with $x := .Title}}{{$x}}{{end}}`,
		`{{with .Nil}}有{{else with .Ptr}}{{.Name}}{{end}}{{if .N}}a{{else if .Title}}b{{end}}{{if not .Items}}空{{end}}`,
		`{{if and .N .Title}}{{and .N .Title}}{{end}}|{{or .NilAny .Nil 0 "" "末"}}|{{and 1 0 2}}|{{or .Title | print}}|{{.N | and 1}}`,
		`{{if eq .N 3}}3{{end}}{{if eq .U 3}}u{{end}}{{if eq .N .U}}nu{{end}}{{if eq .Title "x" "标题<>"}}t{{end}}{{if ne .F 1.0}}f{{end}}{{eq true true}}`,
		`{{len .Items}}{{len .Title}}{{len .Map}}{{print .Title 1 2 "a" .Nil .NilAny}}{{print}}{{add .N 4}}{{add 1 2}}{{add 1e3 -1}}{{.N | add 1}}`,
		`{{range 3}}{{.}}{{end}}{{range 0}}x{{else}}零{{end}}{{range .NilAny}}x{{else}}无{{end}}{{range .Items}}{{$.N}}{{end}}`,
		`{{define "s"}}<b>{{.}}</b>{{if .}}{{template "u" .}}{{end}}{{end}}{{define "u"}}{{$}}{{end}}{{template "s" .Title}}{{template "s"}}{{template "s" .NilAny}}`,
		`{{cached "c" .Ptr}}{{cached "c" .Ptr}}{{.Ptr | cached "c"}}{{cached "c" .Items}}{{define "c"}}<i title="{{.}}">{{.}}</i>{{end}}`,
		`{{(.Title)}}{{(print .N)}}{{"常量"}}{{1}}{{1.5}}{{true}}{{'a'}}{{0x10}}{{1e3}}{{$}}{{define "v"}}[{{.X.Y}}]{{end}}{{template "v" .NilAny}}`,
	}
	leaves := []string{
		`{{.Ptr.Method}}`, `{{.Nil.Name}}`, `{{.Map.k}}`, `{{.Deep}}`, `{{.HTML | print | printf "%s"}}`,
		`<a title="{{.HTML}}">x</a>`, `{{eq .Nil nil}}`, `{{len .Nil}}`, `{{add .F 1}}`, `{{range .Map}}{{.}}{{end}}`,
		`{{.Title.X}}`, `{{.Items.X}}`, `{{.Any.X}}`, `{{.NilAny.X}}`, `{{if .Items}}{{.private}}{{end}}`,
	}
	for _, src := range fast {
		got, compiled, ok, want, err := fastRun(t, src, d)
		switch {
		case !compiled || !ok:
			t.Errorf("%s: left to html/template (compiled %v)", src, compiled)
		case err != nil:
			t.Errorf("%s: html/template: %v", src, err)
		case got != want:
			t.Errorf("%s:\nfast %q\nwant %q", src, got, want)
		}
	}
	for _, src := range leaves {
		got, _, ok, want, err := fastRun(t, src, d)
		if ok {
			t.Errorf("%s: fastExec made %q (html/template %q, %v)", src, got, want, err)
		}
	}
}
