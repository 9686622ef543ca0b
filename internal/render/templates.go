package render

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"

	"gongkai/internal/msg"
)

//go:embed builtin/*
var builtinFS embed.FS

// pageTemplates are the templates executed for pages; every other .html
// file is shared by all of them (layout.html and any partials).
var pageTemplates = []string{"home.html", "article.html", "list.html", "catalog.html", "column.html", "framed.html", "search.html", "404.html"}

// templates is the parsed theme.
type templates struct {
	pages  map[string]*pageTemplate // by file name ("article.html")
	assets map[string][]byte        // other files, by name, copied to assets/
	// parts holds what cached made in each page template's set, by file
	// name, and shared what it made for every set; emptied before and
	// after each render.
	parts  map[string]*parts
	shared sync.Map
}

// parts is the cached function of one page template's set: a template it
// names may be defined in the page template itself, so each set has its
// own.
type parts struct {
	t    *template.Template
	made sync.Map // partKey → template.HTML
	// shared is the theme's, for the names that reach no template the
	// page template defines itself (own): those give the same bytes in
	// every set, so a catalogue row is made once for all the lists.
	shared *sync.Map
	own    map[string]bool
}

type partKey struct {
	name string
	v    any
}

// cached returns what template name makes of v, as HTML. It executes the
// template once per render for each name and v when v is comparable (a
// Chrome, a Row): a template sees nothing but its value, a value does not
// change during a render, and the only other function, add, is pure; so
// the same name and value give the same bytes. A pointer inside v is
// compared by identity, which within one render stands for its value. The
// result is the template's own output, escaped by html/template from HTML
// text, so cached belongs where HTML text goes.
func (ps *parts) cached(name string, v any) (template.HTML, error) {
	return ps.cachedBy(name, v, func() (template.HTML, error) { return ps.execute(name, v) })
}

// cachedBy is cached with exec executing the template when what it makes
// of v is not kept yet.
func (ps *parts) cachedBy(name string, v any, exec func() (template.HTML, error)) (template.HTML, error) {
	k := partKey{name, v}
	made := &ps.made
	if !ps.own[name] {
		made = ps.shared
	}
	keep := v == nil || reflect.TypeOf(v).Comparable()
	if keep {
		if h, ok := made.Load(k); ok {
			return h.(template.HTML), nil
		}
	}
	h, err := exec()
	if err != nil {
		return "", err
	}
	if keep {
		made.Store(k, h)
	}
	return h, nil
}

// execute is what html/template makes of template name with v.
func (ps *parts) execute(name string, v any) (template.HTML, error) {
	var b strings.Builder
	if err := ps.t.ExecuteTemplate(&b, name, v); err != nil {
		return "", &partError{err}
	}
	return template.HTML(b.String()), nil
}

// ownNames returns the names of set's templates that reach (by
// {{template}} or cached, at any depth) a template that differs from the
// one in before, the set as it was before the page template was parsed
// into it; a template naming one by a value that is not a constant counts
// as reaching one.
func ownNames(set *template.Template, before map[string]*parse.Tree) map[string]bool {
	calls := map[string][]string{}
	own := map[string]bool{}
	for _, x := range set.Templates() {
		if x.Tree == nil {
			continue
		}
		names, known := templateCalls(x.Tree.Root, nil)
		calls[x.Name()] = names
		if before[x.Name()] != x.Tree || !known {
			own[x.Name()] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for n, cs := range calls {
			for _, c := range cs {
				if own[c] && !own[n] {
					own[n], changed = true, true
				}
			}
		}
	}
	return own
}

// templateCalls appends the names node calls by {{template}} or cached;
// known is false when one is not a constant.
func templateCalls(node parse.Node, names []string) (_ []string, known bool) {
	known = true
	eachCall(node, func(name string, _, constant bool) {
		if constant {
			names = append(names, name)
		} else {
			known = false
		}
	})
	return names, known
}

// eachCall calls f for each template node calls: by {{template NAME}}
// (byCached false) and by cached NAME … (byCached true; name is "" and
// constant false when NAME is not a constant).
func eachCall(node parse.Node, f func(name string, byCached, constant bool)) {
	eachNode(node, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.TemplateNode:
			f(n.Name, false, true)
		case *parse.CommandNode:
			for i, a := range n.Args {
				if id, ok := a.(*parse.IdentifierNode); ok && id.Ident == "cached" {
					s, ok := cachedName(n.Args, i)
					f(s, true, ok)
				}
			}
		}
	})
}

// cachedName is the name given to cached, args[i], when it is a constant.
func cachedName(args []parse.Node, i int) (string, bool) {
	if i+1 < len(args) {
		if s, ok := args[i+1].(*parse.StringNode); ok {
			return s.Text, true
		}
	}
	return "", false
}

// partError is an error of a template executed by cached; templateError
// reports it instead of the call to cached around it.
type partError struct{ err error }

func (e *partError) Error() string { return e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

// resetParts forgets what cached made (a new render's values are new).
func (t *templates) resetParts() {
	for _, ps := range t.parts {
		ps.made.Clear()
	}
	t.shared.Clear()
}

// themeFile is one file of the theme: its name within the theme and the
// repo-relative name errors show ("templates/article.html").
type themeFile struct {
	name, shown string
	src         []byte
}

// templates returns the parsed theme, reusing the last one while no file of
var (
	msgReadingTemplates = msg.New("render.reading_templates", "读取模板：%w", "reading templates: %w")
	msgThemeLacks       = msg.New("render.theme_lacks", "主题中没有 %s", "the theme has no %s")
)

// it changed.
func (r *Renderer) templates(over fs.FS) (*templates, error) {
	files, err := themeFiles(over)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", f.name, f.shown, len(f.src))
		h.Write(f.src)
	}
	var key [32]byte
	h.Sum(key[:0])
	if r.tmpl != nil && key == r.tmplKey {
		return r.tmpl, nil
	}
	t, err := parseTheme(files)
	if err != nil {
		return nil, err
	}
	r.tmpl, r.tmplKey = t, key
	return t, nil
}

var msgThemeLink = msg.New("render.theme_link",
	"%s 是符号链接或特殊文件：templates/ 中只能放普通文件，请把链接换成文件本身",
	"%s is a symbolic link or a special file: templates/ may hold only regular files; replace the link with the file itself")

// themeFiles layers the repository's templates/ over the built-in theme,
// by file name, sorted by name.
func themeFiles(over fs.FS) ([]themeFile, error) {
	byName := map[string]themeFile{}
	sub, _ := fs.Sub(builtinFS, "builtin")
	layers := []struct {
		fsys  fs.FS
		shown string
	}{{sub, "builtin/"}, {over, "templates/"}}
	for _, l := range layers {
		if l.fsys == nil {
			continue
		}
		err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 || !d.Type().IsRegular() {
				return msgThemeLink.Error(l.shown + p)
			}
			src, err := fs.ReadFile(l.fsys, p)
			byName[p] = themeFile{name: p, shown: l.shown + p, src: src}
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, msgReadingTemplates.Error(err)
		}
	}
	files := make([]themeFile, 0, len(byName))
	for _, n := range sortedKeys(byName) {
		files = append(files, byName[n])
	}
	return files, nil
}

// parseTheme parses each template under its shown name, so errors read
// "templates/article.html:2: …".
func parseTheme(files []themeFile) (*templates, error) {
	t := &templates{pages: map[string]*pageTemplate{}, assets: map[string][]byte{}, parts: map[string]*parts{}}
	shared := template.New("").Funcs(templateFuncs)
	pages := map[string]themeFile{}
	for _, f := range files {
		switch {
		case path.Ext(f.name) != ".html":
			t.assets[f.name] = f.src
		case isPageTemplate(f.name):
			pages[f.name] = f
		default:
			if _, err := shared.New(f.shown).Parse(string(f.src)); err != nil {
				return nil, templateError(err)
			}
		}
	}
	for _, name := range pageTemplates {
		f, ok := pages[name]
		if !ok {
			return nil, msgThemeLacks.Error(name)
		}
		clone, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		before := map[string]*parse.Tree{}
		for _, x := range clone.Templates() {
			before[x.Name()] = x.Tree
		}
		ps := &parts{shared: &t.shared}
		clone.Funcs(template.FuncMap{"cached": ps.cached})
		page, err := clone.New(f.shown).Parse(string(f.src))
		if err != nil {
			return nil, templateError(err)
		}
		ps.t, ps.own, t.parts[name] = page, ownNames(page, before), ps
		t.pages[name] = &pageTemplate{Template: page}
		if !testNoFast {
			t.pages[name].fast, _ = compileFast(page, ps) // nil: html/template executes the pages
		}
	}
	return t, nil
}

// pageTemplate is a page template: html/template's, executed by fastExec
// when its set compiled for it (fast is not nil).
type pageTemplate struct {
	*template.Template
	fast *fastSet
}

// testNoFast, set by tests only, leaves every page to html/template.
var testNoFast bool

// Execute is html/template's Execute of the page template.
func (t *pageTemplate) Execute(w io.Writer, data any) error {
	if t.fast == nil {
		return t.Template.Execute(w, data)
	}
	buf, ok := w.(*bytes.Buffer)
	if !ok {
		buf = new(bytes.Buffer)
	}
	n := buf.Len()
	if t.fast.run(t.fast.page, buf, data) {
		if testFast != nil {
			testFast(t.Name(), buf.Bytes()[n:], func(w *bytes.Buffer) error { return t.Template.Execute(w, data) })
		}
		if !ok {
			_, err := w.Write(buf.Bytes())
			return err
		}
		return nil
	}
	buf.Truncate(n)
	return t.Template.Execute(w, data)
}

func isPageTemplate(name string) bool {
	for _, p := range pageTemplates {
		if p == name {
			return true
		}
	}
	return false
}

// templateFuncs are available to every template.
var templateFuncs = template.FuncMap{
	// add is for page numbers and counters.
	"add": func(a, b int) int { return a + b },
	// cached NAME VALUE is what {{template NAME VALUE}} makes, executed
	// once per render for each NAME and VALUE (parts.cached; each page
	// template's set binds its own).
	"cached": func(string, any) (template.HTML, error) { panic("render: cached is bound per template set") },
}

// templateError drops text/template's "template: " prefix so the message
// starts with the file and line, and says the rest in the reader's
// language (templerr.go).
func templateError(err error) error {
	for {
		var pe *partError
		if !errors.As(err, &pe) {
			break
		}
		err = pe.err
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "template: ")
	msg = strings.TrimPrefix(msg, "html/template:")
	return errors.New(templateText(msg))
}
