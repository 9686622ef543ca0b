package bulletin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/browsertest"
	"gongkai/internal/bulletin"
	"gongkai/internal/diag"
	"gongkai/internal/render"
)

// TestIssuePage runs testdata/render/*.txtar: the case's one manifest is
// rendered as a public issue on the site (public.txt), as an internal issue
// (internal.txt), and listed on the archive page (archive.txt). The pages
// are compared by their outline: every heading, paragraph, list item and
// table cell in order, with its class and links.
func TestIssuePage(t *testing.T) {
	for _, file := range cases(t, "render") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			c := readCase(t, file)
			src := c.source(t)
			ms, l := bulletin.LoadManifests(c.fsys, src.Config)
			if l.HasErrors() || len(ms) != 1 {
				t.Fatalf("want one good manifest, got %d:\n%s", len(ms), findingsText(l))
			}
			for _, aud := range []bulletin.Audience{bulletin.Public, bulletin.Internal} {
				is, l := src.Issue(ms[0], aud)
				if is == nil {
					t.Fatalf("%s issue:\n%s", aud, findingsText(l))
				}
				links := bulletin.Links{Site: "../../", Archive: "../", PDF: is.PDFName()}
				if aud == bulletin.Internal {
					links = bulletin.Links{Site: src.Config.Site.BaseURL}
				}
				page, err := src.RenderIssue(is, links)
				if err != nil {
					t.Fatal(err)
				}
				c.compare(t, string(aud)+".txt", outline(string(page)))
				if aud == bulletin.Public {
					archive, err := src.RenderArchive([]*bulletin.Issue{is}, true)
					if err != nil {
						t.Fatal(err)
					}
					c.compare(t, "archive.txt", outline(string(archive)))
				}
			}
		})
	}
}

var (
	outlineTag = regexp.MustCompile(`(?s)<(title|h[1-6]|p|li|th|td|hr|nav|header|main|footer|article|section)\b([^>]*)>`)
	classAttr  = regexp.MustCompile(`class="([^"]*)"`)
	hrefAttr   = regexp.MustCompile(`(href|src)="([^"]*)"`)
	anyTag     = regexp.MustCompile(`<[^>]*>`)
	htmlLang   = regexp.MustCompile(`<html lang="([^"]*)">`)
)

// outline lists the page's structure: "h1.name 招商信息", "li 标题 → #a1",
// landmarks as "<main>"; text is the element's up to its closing tag.
func outline(page string) string {
	var b strings.Builder
	if m := htmlLang.FindStringSubmatch(page); m != nil {
		fmt.Fprintf(&b, "lang=%s\n", m[1])
	}
	for _, m := range outlineTag.FindAllStringSubmatchIndex(page, -1) {
		tag, attrs := page[m[2]:m[3]], page[m[4]:m[5]]
		name := tag
		if c := classAttr.FindStringSubmatch(attrs); c != nil {
			name += "." + strings.ReplaceAll(c[1], " ", ".")
		}
		switch tag {
		case "hr":
			fmt.Fprintf(&b, "%s\n", name)
			continue
		case "nav", "header", "main", "footer", "article", "section":
			fmt.Fprintf(&b, "<%s%s>\n", name, ariaLabel(attrs))
			continue
		}
		end := strings.Index(page[m[1]:], "</"+tag+">")
		inner := page[m[1] : m[1]+end]
		text := strings.Join(strings.Fields(anyTag.ReplaceAllString(inner, "")), " ")
		fmt.Fprintf(&b, "%s %s", name, text)
		for _, h := range hrefAttr.FindAllStringSubmatch(inner, -1) {
			fmt.Fprintf(&b, " → %s", shorten(h[2]))
		}
		b.WriteString("\n")
	}
	return b.String()
}

var ariaAttr = regexp.MustCompile(`aria-label(ledby)?="([^"]*)"`)

func ariaLabel(attrs string) string {
	if m := ariaAttr.FindStringSubmatch(attrs); m != nil {
		return " " + m[0]
	}
	return ""
}

// shorten keeps data: URLs readable in expected outputs.
func shorten(u string) string {
	if strings.HasPrefix(u, "data:") && len(u) > 40 {
		return u[:40] + "…"
	}
	return u
}

// clueArticle is an internal article with attachments of its own.
const clueArticle = `---
title: 内部公开的线索
department: 办公室
category: 工作动态
kind: 动态信息
authors: [张三]
disclosure: 内部公开
attachments: [clue.png, list.pdf]
review:
  content: {by: 李四, at: 2025-03-05, opinion: 不公开}
  secrecy: {by: 王五, at: 2025-03-05, result: 不涉密}
  release: {by: 赵六, at: 2025-03-05, disclosure: 内部公开}
  signoff: {by: 钱七, at: 2025-03-05}
---
正文。
`

// TestOnlyOwnAttachmentsAreShown checks that an image the article lists
// among its attachments becomes a data: URL, so the page prints and reads
// without the site's files, and that no other file shows: an unlisted image
// beside the article and another article's files are dropped for their
// text, as the site shows no file but an article's own attachments.
func TestOnlyOwnAttachmentsAreShown(t *testing.T) {
	c := readCase(t, "testdata/render/issue.txtar")
	png := &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")}
	c.fsys["content/2025/photo.png"] = png
	c.fsys["content/2025/unlisted.png"] = png
	c.fsys["content/2025/internal/clue.png"] = png
	c.fsys["content/2025/internal/list.pdf"] = &fstest.MapFile{Data: []byte("%PDF-1.4")}
	c.fsys["content/2025/internal/clue.md"] = &fstest.MapFile{Data: []byte(clueArticle)}
	edit(t, c, "content/2025/meeting.md", "attachments: [议程.pdf]", "attachments: [议程.pdf, photo.png]")
	edit(t, c, "content/2025/meeting.md", "重要会议后1个工作日内报送。",
		"重要会议后1个工作日内报送。\n\n![会场](photo.png)![无关](unlisted.png)![线索](internal/clue.png)[名单](internal/list.pdf)")
	// check reports those links (GK050), which keeps the article out of any
	// issue; the page must not show the files even when that is missed.
	src := c.source(t)
	var kept diag.List
	for _, f := range src.Findings {
		if f.ID != "GK050" {
			kept = append(kept, f)
		}
	}
	if len(kept) != len(src.Findings)-3 {
		t.Fatalf("want 3 GK050 findings:\n%s", findingsText(src.Findings))
	}
	src.Findings = kept
	page := issuePage(t, c, src, bulletin.Public)
	want := `<p><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==" alt="会场">无关线索<a href="#">名单</a></p>`
	if !strings.Contains(page, want) {
		t.Errorf("page lacks\n%s\nin\n%s", want, page)
	}
}

// TestDatesInSiteTimeZone checks that the issue's and the articles' dates
// are printed as civil dates in site.timezone (Asia/Shanghai), whatever
// zone they were written in.
func TestDatesInSiteTimeZone(t *testing.T) {
	c := readCase(t, "testdata/render/issue.txtar")
	edit(t, c, "content/2025/meeting.md", "at: 2025-03-05}", "at: 2025-03-05T20:00:00Z}")
	edit(t, c, "content/bulletins/2025-1.yaml", "date: 2025-04-03", "date: 2025-04-02T17:00:00Z")
	page := outline(issuePage(t, c, c.source(t), bulletin.Public))
	for _, want := range []string{"p.issue-line 某某县招商局办公室2025年4月3日\n", "p.meta 办公室 2025年3月6日\n", "p.printed 某某县招商局办公室2025年4月3日印发\n"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
}

// edit replaces old by new in the case's file, which must contain it.
func edit(t *testing.T, c *testCase, name, old, new string) {
	t.Helper()
	f := c.fsys[name]
	if !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s lacks %q", name, old)
	}
	c.fsys[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(f.Data), old, new))}
}

// issuePage renders the case's one manifest for the audience.
func issuePage(t *testing.T, c *testCase, src *bulletin.Source, aud bulletin.Audience) string {
	t.Helper()
	ms, _ := bulletin.LoadManifests(c.fsys, src.Config)
	is, l := src.Issue(ms[0], aud)
	if is == nil {
		t.Fatal(findingsText(l))
	}
	page, err := src.RenderIssue(is, bulletin.Links{})
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

// TestSiteHasPublicIssuesNewestFirst builds the site's bulletin files from
// testdata/manifest/numbering.txtar: every public manifest gets its page,
// the internal one (2025-2) none, and the archive lists them newest first.
func TestSiteHasPublicIssuesNewestFirst(t *testing.T) {
	c := readCase(t, "testdata/manifest/numbering.txtar")
	src := c.source(t)
	issues, l := src.PublicIssues()
	if l.HasErrors() {
		t.Fatal(findingsText(l))
	}
	files, err := src.Site(context.Background(), issues, nil)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	want := "bulletins/2024-4/index.html bulletins/2025-1/index.html bulletins/2025-增1/index.html bulletins/index.html"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files:\n got %s\nwant %s", got, want)
	}
	var order []string
	for _, line := range strings.Split(outline(string(files[bulletin.ArchivePath])), "\n") {
		if strings.HasPrefix(line, "h2 ") {
			order = append(order, strings.TrimPrefix(line, "h2 "))
		}
	}
	wantOrder := "2025年增刊第1期 → 2025-%e5%a2%9e1/ | 2025年第1期 → 2025-1/ | 2024年第4期 → 2024-4/"
	if got := strings.Join(order, " | "); got != wantOrder {
		t.Errorf("archive order:\n got %s\nwant %s", got, wantOrder)
	}
}

// TestNoPublicIssueMeansNoArchive: without a public manifest the site gets
// no bulletin files, so the home page does not link an empty archive.
func TestNoPublicIssueMeansNoArchive(t *testing.T) {
	c := readCase(t, "testdata/manifest/duplicate.txtar") // all internal (gongkai.yaml's audience)
	src := c.source(t)
	issues, _ := src.PublicIssues()
	files, err := src.Site(context.Background(), issues, nil)
	if len(issues) != 0 || files != nil || err != nil {
		t.Errorf("got %d issues, %d files, %v; want none", len(issues), len(files), err)
	}
}

// TestPagesPassAxe loads the issue page and the archive page in headless
// Chromium, standalone (an issue as gongkai bulletin writes it) and inside
// the site's frame, and runs axe-core on them (WCAG 2.1 AA); a standalone
// page requests nothing but itself, a framed one nothing outside the site.
func TestPagesPassAxe(t *testing.T) {
	b := browsertest.Start(t)
	c := readCase(t, "testdata/render/issue.txtar")
	src := c.source(t)
	issues, l := src.PublicIssues()
	if len(issues) != 1 {
		t.Fatal(findingsText(l))
	}
	issue, err := src.RenderIssue(issues[0], bulletin.Links{Site: "../../", Archive: "../"})
	if err != nil {
		t.Fatal(err)
	}
	archive, err := src.RenderArchive(issues, false)
	if err != nil {
		t.Fatal(err)
	}
	files, err := src.Site(context.Background(), issues, nil)
	if err != nil {
		t.Fatal(err)
	}
	site := framedSite(t, src, files)
	site["alone/bulletins/2025-1/index.html"] = issue
	site["alone/bulletins/index.html"] = archive
	srv := httptest.NewServer(http.FileServerFS(site))
	defer srv.Close()
	for _, path := range []string{"/bulletins/", "/bulletins/2025-1/", "/alone/bulletins/", "/alone/bulletins/2025-1/"} {
		p := b.NewPage(t)
		if err := p.Navigate(srv.URL + path); err != nil {
			t.Fatal(err)
		}
		for _, u := range p.Requests() {
			if !strings.HasPrefix(u, srv.URL+"/") || strings.HasPrefix(path, "/alone/") && u != srv.URL+path {
				t.Errorf("%s requested %s", path, u)
			}
		}
		for _, v := range p.Axe(t) {
			t.Errorf("%s: accessibility: %s", path, v)
		}
	}
}

// framedSite renders a site of no articles around the bulletin files.
func framedSite(t *testing.T, src *bulletin.Source, files map[string][]byte) render.Site {
	t.Helper()
	site, err := render.NewRenderer().Render(render.Input{Config: src.Config, Extra: files, BaseURL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// TestSitePagesAreInsideTheSiteFrame: on the site, the archive and an
// issue carry the site's header, navigation (工作简报 current), 长者模式
// and footer, and an issue's print style sheet is the A4 one.
func TestSitePagesAreInsideTheSiteFrame(t *testing.T) {
	c := readCase(t, "testdata/render/issue.txtar")
	src := c.source(t)
	issues, _ := src.PublicIssues()
	files, err := src.Site(context.Background(), issues, nil)
	if err != nil {
		t.Fatal(err)
	}
	site := framedSite(t, src, files)
	for _, p := range []string{bulletin.ArchivePath, "bulletins/2025-1/index.html"} {
		page := string(site[p])
		for _, want := range []string{`<header class="site-header">`, `id="elder-toggle"`, `<footer class="site-footer">`,
			`<link rel="icon"`, `<a href="/bulletins/" aria-current="page">工作简报</a>`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s has no %s", p, want)
			}
		}
		if n := strings.Count(page, "<main"); n != 1 {
			t.Errorf("%s has %d <main>, want 1", p, n)
		}
	}
	issue := string(site["bulletins/2025-1/index.html"])
	if !strings.Contains(issue, "@media print {\n/* A bulletin (简报) issue, laid out after GB/T 9704-2012") ||
		!strings.Contains(issue, "size: A4;") {
		t.Errorf("the framed issue does not print as the A4 page of issue.css")
	}
}

// TestArchiveLinksOnlyPDFsThatExist: without PDFs the archive offers none.
func TestArchiveLinksOnlyPDFsThatExist(t *testing.T) {
	c := readCase(t, "testdata/render/issue.txtar")
	src := c.source(t)
	issues, _ := src.PublicIssues()
	files, err := src.Site(context.Background(), issues, nil)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if strings.Contains(string(data), "PDF 版") {
			t.Errorf("%s links a PDF that was not built", p)
		}
	}
}

// TestArticlesFlowOnUnlessPagePerArticle: by default an article follows
// the one before it on the same page; bulletin.page_per_article: true
// starts each on a new page. Long titles are broken into balanced lines.
func TestArticlesFlowOnUnlessPagePerArticle(t *testing.T) {
	c := readCase(t, "testdata/render/issue.txtar")
	edit(t, c, "content/2025/meeting.md", "title: 县招商局召开一季度信息宣传工作会议", "title: 县招商局召开2025年第一季度信息宣传工作会议")
	src := c.source(t)
	if page := issuePage(t, c, src, bulletin.Public); strings.Contains(page, `class="new-page"`) {
		t.Error("an article starts a new page without bulletin.page_per_article")
	} else if !strings.Contains(page, ">县招商局召开2025年<br>第一季度信息宣传工作会议</h2>") {
		t.Errorf("the long title is not broken into balanced lines:\n%s", page)
	}
	src.Config.Bulletin.PagePerArticle = true
	if page := issuePage(t, c, src, bulletin.Public); strings.Count(page, `class="new-page"`) != 2 {
		t.Error("with bulletin.page_per_article: true, not every article starts a new page")
	}
}
