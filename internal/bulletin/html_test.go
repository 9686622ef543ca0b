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

// TestImagesAreInlined checks that an image beside the article becomes a
// data: URL, so the page prints and reads without the site's files.
func TestImagesAreInlined(t *testing.T) {
	c := readCase(t, "testdata/render/issue.txtar")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	c.fsys["content/2025/photo.png"] = &fstest.MapFile{Data: png}
	meeting := c.fsys["content/2025/meeting.md"]
	meeting.Data = append(append([]byte(nil), meeting.Data...), "\n![会场](photo.png)\n"...)
	src := c.source(t)
	ms, _ := bulletin.LoadManifests(c.fsys, src.Config)
	is, l := src.Issue(ms[0], "")
	if is == nil {
		t.Fatal(findingsText(l))
	}
	page, err := src.RenderIssue(is, bulletin.Links{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==" alt="会场">`
	if !strings.Contains(string(page), want) {
		t.Errorf("page lacks %s", want)
	}
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
// Chromium and runs axe-core on them (WCAG 2.1 AA), and checks that
// neither requests anything but itself.
func TestPagesPassAxe(t *testing.T) {
	b := browsertest.Start(t)
	c := readCase(t, "testdata/render/issue.txtar")
	src := c.source(t)
	issues, l := src.PublicIssues()
	if len(issues) != 1 {
		t.Fatal(findingsText(l))
	}
	files, err := src.Site(context.Background(), issues, nil)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for p, data := range files {
		mux.HandleFunc("/"+strings.TrimSuffix(p, "index.html"), func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(data)
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, path := range []string{"/bulletins/", "/bulletins/2025-1/"} {
		p := b.NewPage(t)
		if err := p.Navigate(srv.URL + path); err != nil {
			t.Fatal(err)
		}
		for _, u := range p.Requests() {
			if u != srv.URL+path {
				t.Errorf("%s requested %s; a page loads nothing but itself", path, u)
			}
		}
		for _, v := range p.Axe(t) {
			t.Errorf("%s: accessibility: %s", path, v)
		}
	}
}
