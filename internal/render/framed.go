package render

import (
	"bytes"
	"html"
	"html/template"
	"strings"
)

// FramedPage is a page another package makes for the site (the bulletin
// archive and the public issues) that the site shows inside its own frame:
// the header, the navigation, 长者模式, the footer and the favicon, as on
// every page. Its Bytes go into Input.Extra under the page's path; render
// recognises them and executes framed.html with the page.
type FramedPage struct {
	// Title is the page's own title; the layout adds the site title.
	Title string
	// Section is the navigation item to mark as current ("bulletins");
	// Column the page's column in the 政府网站 metadata (工作简报).
	Section, Column string
	// Style is the page's own style sheet, after the site's: its print
	// rules can make the printed page its own (an A4 bulletin issue).
	Style template.CSS
	// Body is what the page shows inside <main>.
	Body template.HTML
}

// framedMark starts the Bytes of a FramedPage.
const framedMark = "<!--gongkai:framed-->\n"

// Bytes encodes the page for Input.Extra: readable HTML, the mark, the
// title, section and style, then the body.
func (p FramedPage) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(framedMark)
	b.WriteString("<title>" + html.EscapeString(p.Title) + "</title>\n")
	b.WriteString(`<meta name="section" content="` + html.EscapeString(p.Section) + "\">\n")
	b.WriteString(`<meta name="column" content="` + html.EscapeString(p.Column) + "\">\n")
	b.WriteString("<style>" + strings.ReplaceAll(string(p.Style), "</style", `<\/style`) + "</style>\n")
	b.WriteString(string(p.Body))
	return b.Bytes()
}

// parseFramed decodes what FramedPage.Bytes wrote; ok is false for any
// other file.
func parseFramed(data []byte) (p FramedPage, ok bool) {
	s, ok := strings.CutPrefix(string(data), framedMark)
	if !ok {
		return p, false
	}
	field := func(open, close string) (string, bool) {
		rest, ok := strings.CutPrefix(s, open)
		if !ok {
			return "", false
		}
		v, rest, ok := strings.Cut(rest, close)
		s = rest
		return v, ok
	}
	title, ok1 := field("<title>", "</title>\n")
	section, ok2 := field(`<meta name="section" content="`, "\">\n")
	column, ok4 := field(`<meta name="column" content="`, "\">\n")
	style, ok3 := field("<style>", "</style>\n")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return FramedPage{}, false
	}
	return FramedPage{Title: html.UnescapeString(title), Section: html.UnescapeString(section), Column: html.UnescapeString(column),
		Style: template.CSS(style), Body: template.HTML(s)}, true
}

// framedPage puts a FramedPage inside the site's frame.
func (j *job) framedPage(fp FramedPage) ([]byte, error) {
	return j.execute("framed.html", &Page{Chrome: Chrome{j.siteInfo, fp.Section}, Title: fp.Title,
		Style: fp.Style, Framed: &FramedView{Body: fp.Body}, Meta: PageMeta{Column: fp.Column}}, nil)
}
