package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The escapers html/template puts into an escaped template's actions
// (_html_template_htmlescaper and the others), restated for fastExec so
// that they are called directly and not through reflection. Each is the
// standard library's function (html/template's html.go, url.go,
// content.go) for the inputs it accepts and says ok false for the rest
// (text typed template.HTML in an attribute, which html/template strips of
// its tags; a value that is not template.CSS in CSS), which fastExec then
// leaves to html/template. fastexec_test.go compares them with
// html/template's.

// contentType is what a value is known to be safe as (html/template's
// contentType): a plain string is nothing yet.
type contentType uint8

const (
	contentPlain contentType = iota
	contentCSS
	contentHTML
	contentHTMLAttr
	contentJS
	contentJSStr
	contentURL
	contentSrcset
)

// escaper is one of html/template's escapers: what it makes of s, known
// to be of type t; ok is false when fastExec leaves s to html/template.
type escaper func(s string, t contentType) (out string, ok bool)

// escapers are the escapers fastExec knows, by the name html/template
// gives them in an escaped template.
var escapers = map[string]escaper{
	"_html_template_htmlescaper":    htmlEscaper,
	"_html_template_attrescaper":    attrEscaper,
	"_html_template_rcdataescaper":  rcdataEscaper,
	"_html_template_nospaceescaper": nospaceEscaper,
	"_html_template_commentescaper": func(string, contentType) (string, bool) { return "", true },
	"_html_template_urlfilter":      urlFilter,
	"_html_template_urlnormalizer":  func(s string, t contentType) (string, bool) { return urlProcessor(true, s, t), true },
	"_html_template_urlescaper":     func(s string, t contentType) (string, bool) { return urlProcessor(false, s, t), true },
	"_html_template_cssvaluefilter": cssValueFilter,
}

// filterFailsafe is what html/template puts in place of an unsafe value.
const filterFailsafe = "ZgotmplZ"

func htmlEscaper(s string, t contentType) (string, bool) {
	if t == contentHTML {
		return s, true
	}
	return htmlReplacer(s, htmlReplacementTable, true), true
}

func attrEscaper(s string, t contentType) (string, bool) {
	if t == contentHTML {
		return "", false // html/template strips the tags
	}
	return htmlReplacer(s, htmlReplacementTable, true), true
}

func rcdataEscaper(s string, t contentType) (string, bool) {
	if t == contentHTML {
		return htmlReplacer(s, htmlNormReplacementTable, true), true
	}
	return htmlReplacer(s, htmlReplacementTable, true), true
}

func nospaceEscaper(s string, t contentType) (string, bool) {
	if s == "" {
		return filterFailsafe, true
	}
	if t == contentHTML {
		return "", false // html/template strips the tags
	}
	return htmlReplacer(s, htmlNospaceReplacementTable, false), true
}

func cssValueFilter(s string, t contentType) (string, bool) {
	return s, t == contentCSS
}

var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNormReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNospaceReplacementTable = []string{
	0:    "&#xfffd;",
	'\t': "&#9;",
	'\n': "&#10;",
	'\v': "&#11;",
	'\f': "&#12;",
	'\r': "&#13;",
	' ':  "&#32;",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'=':  "&#61;",
	'>':  "&gt;",
	'`':  "&#96;",
}

// htmlReplacer is html/template's: s with runes replaced by the table's
// entries; unless badRunes, the noncharacters U+FDD0–U+FDEF and
// U+FFF0–U+FFFF are written as character references.
func htmlReplacer(s string, replacementTable []string, badRunes bool) string {
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
			// Allowed through.
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func urlFilter(s string, t contentType) (string, bool) {
	if t == contentURL {
		return s, true
	}
	if !isSafeURL(s) {
		return "#" + filterFailsafe, true
	}
	return s, true
}

// isSafeURL is true if s is a relative URL or if URL has a protocol in
// (http, https, mailto).
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// urlProcessor normalizes (when norm is true) or escapes s to a valid
// hierarchical or opaque URL part.
func urlProcessor(norm bool, s string, t contentType) string {
	if t == contentURL {
		norm = true
	}
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}

// processURLOnto appends a normalized URL corresponding to its input to b
// and reports whether the appended content differs from s.
func processURLOnto(s string, norm bool, b *strings.Builder) bool {
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return false
	}
	b.WriteString(s[written:])
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

var (
	stringType   = reflect.TypeFor[string]()
	intType      = reflect.TypeFor[int]()
	contentTypes = map[reflect.Type]contentType{
		stringType:                           contentPlain,
		reflect.TypeFor[template.CSS]():      contentCSS,
		reflect.TypeFor[template.HTML]():     contentHTML,
		reflect.TypeFor[template.HTMLAttr](): contentHTMLAttr,
		reflect.TypeFor[template.JS]():       contentJS,
		reflect.TypeFor[template.JSStr]():    contentJSStr,
		reflect.TypeFor[template.URL]():      contentURL,
		reflect.TypeFor[template.Srcset]():   contentSrcset,
	}
)

// stringify is html/template's stringify of the one value an escaper is
// given: v as a string and the type of its content.
func stringify(v reflect.Value) (string, contentType) {
	switch {
	case !v.IsValid():
		return "", contentPlain
	case v.Kind() == reflect.String:
		if t, ok := contentTypes[v.Type()]; ok {
			return v.String(), t
		}
	case v.Type() == intType:
		return strconv.Itoa(int(v.Int())), contentPlain
	}
	return stringifyAny(v.Interface())
}

// stringifyAny is html/template's stringify of one argument.
func stringifyAny(a any) (string, contentType) {
	switch s := indirectToBase(a).(type) {
	case string:
		return s, contentPlain
	case template.CSS:
		return string(s), contentCSS
	case template.HTML:
		return string(s), contentHTML
	case template.HTMLAttr:
		return string(s), contentHTMLAttr
	case template.JS:
		return string(s), contentJS
	case template.JSStr:
		return string(s), contentJSStr
	case template.URL:
		return string(s), contentURL
	case template.Srcset:
		return string(s), contentSrcset
	}
	if a == nil {
		return "", contentPlain // html/template skips an untyped nil
	}
	return fmt.Sprint(indirectToStringerOrError(a)), contentPlain
}

// indirectToBase is html/template's indirect: a after dereferencing as
// many pointers as needed to reach the base type (or nil).
func indirectToBase(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

var (
	errorType       = reflect.TypeFor[error]()
	fmtStringerType = reflect.TypeFor[fmt.Stringer]()
)

// indirectToStringerOrError is html/template's: a after dereferencing as
// many pointers as needed to reach the base type (or nil) or an
// implementation of fmt.Stringer or error.
func indirectToStringerOrError(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(fmtStringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}
