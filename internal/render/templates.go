package render

import (
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"sync"

	"gongkai/internal/msg"
)

//go:embed builtin/*
var builtinFS embed.FS

// pageTemplates are the templates executed for pages; every other .html
// file is shared by all of them (layout.html and any partials).
var pageTemplates = []string{"home.html", "article.html", "list.html", "catalog.html", "column.html", "framed.html", "search.html", "404.html"}

// templates is the parsed theme.
type templates struct {
	pages  map[string]*template.Template // by file name ("article.html")
	assets map[string][]byte             // other files, by name, copied to assets/
	// parts holds what cached made in each page template's set, by file
	// name; emptied before and after each render.
	parts map[string]*parts
}

// parts is the cached function of one page template's set: a template it
// names may be defined in the page template itself, so each set has its
// own.
type parts struct {
	t    *template.Template
	made sync.Map // partKey → template.HTML
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
	k := partKey{name, v}
	keep := v == nil || reflect.TypeOf(v).Comparable()
	if keep {
		if h, ok := ps.made.Load(k); ok {
			return h.(template.HTML), nil
		}
	}
	var b strings.Builder
	if err := ps.t.ExecuteTemplate(&b, name, v); err != nil {
		return "", &partError{err}
	}
	h := template.HTML(b.String())
	if keep {
		ps.made.Store(k, h)
	}
	return h, nil
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
	t := &templates{pages: map[string]*template.Template{}, assets: map[string][]byte{}, parts: map[string]*parts{}}
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
		ps := &parts{}
		clone.Funcs(template.FuncMap{"cached": ps.cached})
		if t.pages[name], err = clone.New(f.shown).Parse(string(f.src)); err != nil {
			return nil, templateError(err)
		}
		ps.t, t.parts[name] = t.pages[name], ps
	}
	return t, nil
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
