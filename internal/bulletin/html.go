package bulletin

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/markdown"
)

//go:embed assets
var assets embed.FS

var (
	issueTmpl   = template.Must(template.ParseFS(assets, "assets/issue.html", "assets/issue-frame.html"))
	archiveTmpl = template.Must(template.ParseFS(assets, "assets/archive.html", "assets/archive-frame.html"))
	// withdrawnTmpl is what an issue shows in place of an article withdrawn
	// after the issue came out.
	withdrawnTmpl = template.Must(template.ParseFS(assets, "assets/withdrawn.html"))
	issueCSS      = mustRead("assets/issue.css")
	archiveCSS    = mustRead("assets/archive.css")
	frameCSS      = mustRead("assets/frame.css")
)

func mustRead(name string) template.CSS {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return template.CSS(b)
}

// Links says where an issue page links to, besides itself.
type Links struct {
	// Site is the site's home as seen from the issue page ("../../" on the
	// site), or "" for no link.
	Site string
	// Archive is the bulletin archive page ("../"), or "".
	Archive string
	// PDF is the issue's PDF beside the page ("2025-1.pdf"), or "".
	PDF string
}

// issuePage is what issue.html shows.
type issuePage struct {
	CSS                                   template.CSS
	Name, Label, NumberText, Issuer, Date string
	Internal                              bool
	Home, Archive, PDF                    string
	Note                                  []string
	Items                                 []issueItem
	Distribution                          []distLine
	Copies                                int
	PagePerArticle                        bool
	// MeasureTop and MeasureEnd are the links the printer finds the 版记's
	// top and bottom by, or ""; BanjiGap is the space above the 版记 that
	// puts its last rule on the bottom edge of the type area ("" for one
	// line, on screen); BanjiOwnPage puts it on a page of its own.
	MeasureTop, MeasureEnd, BanjiGap string
	BanjiOwnPage                     bool
}

type issueItem struct {
	ID, Title, Department, Date string
	// TitleLines is the title broken into balanced lines (see titleLines).
	TitleLines template.HTML
	Body       template.HTML
}

// printLayout is what only the printed page has: the measuring links or
// the measured gap above the 版记.
type printLayout struct {
	measureTop, measureEnd, banjiGap string
	ownPage                          bool
}

type distLine struct{ Label, Names string }

// RenderIssue renders the issue's index.html: a print-ready A4 page that
// also reads well on screen.
func (s *Source) RenderIssue(is *Issue, links Links) ([]byte, error) {
	return s.renderIssue(is, links, printLayout{})
}

func (s *Source) renderIssue(is *Issue, links Links, pl printLayout) ([]byte, error) {
	pg, err := s.page(is, links, pl)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := issueTmpl.Execute(&b, pg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// page gathers what an issue shows, for the HTML page and the .docx alike.
func (s *Source) page(is *Issue, links Links, pl printLayout) (issuePage, error) {
	cfg := s.Config
	pg := issuePage{
		CSS: issueCSS, Name: cfg.Bulletin.Name, Label: is.Label(), NumberText: is.NumberText(),
		Issuer: cfg.Bulletin.Issuer, Date: s.chinese(is.Date), Internal: is.Audience == Internal,
		Home: links.Site, Archive: links.Archive, PDF: links.PDF,
		Note: paragraphs(is.EditorNote), Distribution: distribution(cfg.Bulletin.Distribution),
		Copies: cfg.Bulletin.Copies, PagePerArticle: cfg.Bulletin.PagePerArticle,
		MeasureTop: pl.measureTop, MeasureEnd: pl.measureEnd, BanjiGap: pl.banjiGap, BanjiOwnPage: pl.ownPage,
	}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML})
	for i, a := range is.Articles {
		body, err := s.itemBody(md, is, a)
		if err != nil {
			return pg, fmt.Errorf("%s: %w", a.Path, err)
		}
		pg.Items = append(pg.Items, issueItem{
			ID: "a" + strconv.Itoa(i+1), Title: a.FM.Title, TitleLines: titleHTML(a.FM.Title), Department: a.FM.Department,
			Date: s.chinese(a.Generated(cfg)), Body: body,
		})
	}
	return pg, nil
}

// itemBody is the article's text as the issue prints it, or its withdrawal
// notice once it is withdrawn (see withdrawnSince): the text, its images
// and its attachments are gone from the issue as from the site.
func (s *Source) itemBody(md *markdown.Renderer, is *Issue, a *article.Article) (template.HTML, error) {
	if w := a.FM.Withdrawn; w != nil && a.WithdrawnAt(s.Now) {
		var b bytes.Buffer
		err := withdrawnTmpl.Execute(&b, struct{ Date, Reason, Notice string }{s.chinese(w.At), w.Reason, w.Notice})
		return template.HTML(b.String()), err
	}
	res, err := md.Render(a.Body, s.resolver(is, a))
	if err != nil {
		return "", err
	}
	return template.HTML(shiftHeadings(dropImages(res.HTML))), nil
}

// droppedImage is an image the resolver sent nowhere: <img src="#" alt="…">.
var droppedImage = regexp.MustCompile(`<img src="#" alt="([^"]*)"(?: title="[^"]*")?\s*/?>`)

// dropImages replaces each image that goes nowhere by its alt text, so the
// page neither shows a broken image nor requests itself as one.
func dropImages(html []byte) []byte {
	return droppedImage.ReplaceAll(html, []byte("$1"))
}

var blankLine = regexp.MustCompile(`\n\s*\n`)

// paragraphs splits the editor's note at blank lines; the lines of a
// paragraph are joined without a space, as Chinese text wants.
func paragraphs(s string) []string {
	var out []string
	for _, p := range blankLine.Split(strings.TrimSpace(s), -1) {
		lines := strings.Split(p, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		if t := strings.Join(lines, ""); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// distOrder is the order of the distribution lines: 报 (up), 送 (across),
// 发 (down); other labels follow in name order.
var distOrder = map[string]int{"报": 1, "送": 2, "抄送": 3, "发": 4}

// distribution returns the 版记 lines: "报：市招商局。"
func distribution(m map[string][]string) []distLine {
	labels := make([]string, 0, len(m))
	for k := range m {
		labels = append(labels, k)
	}
	sort.Slice(labels, func(i, j int) bool {
		oi, oj := distOrder[labels[i]], distOrder[labels[j]]
		if oi == 0 {
			oi = 99
		}
		if oj == 0 {
			oj = 99
		}
		if oi != oj {
			return oi < oj
		}
		return labels[i] < labels[j]
	})
	var out []distLine
	for _, k := range labels {
		if len(m[k]) > 0 {
			out = append(out, distLine{k, strings.Join(m[k], "，") + "。"})
		}
	}
	return out
}

var headingTag = regexp.MustCompile(`<(/?)h([1-6])([ >])`)

// shiftHeadings moves the body's headings down so that its top level is
// h3, under the page's h1 (the masthead) and the article's h2 title; the
// levels below keep their distance (一、 h3 黑体, （一） h4 楷体 …).
func shiftHeadings(html []byte) []byte {
	top := 7
	for _, m := range headingTag.FindAllSubmatch(html, -1) {
		top = min(top, int(m[2][0]-'0'))
	}
	if top == 7 || top == 3 {
		return html
	}
	return headingTag.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := headingTag.FindSubmatch(m)
		level := min(max(int(sub[2][0]-'0')-top+3, 3), 6)
		return []byte(fmt.Sprintf("<%sh%d%s", sub[1], level, sub[3]))
	})
}
