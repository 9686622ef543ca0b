package bulletin

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/render"
)

// ArchivePath is the bulletin archive page's site path; the site's home
// page links "bulletins/" when it exists.
const ArchivePath = "bulletins/index.html"

// PublicIssues resolves every issued manifest (see Issued: dated by Now)
// whose audience is public (its own audience:, else gongkai.yaml's); a
// scheduled issue is not on the site yet. Problems in any manifest (syntax,
// keys, a number used twice) and in the issued public ones' articles are
// findings.
func (s *Source) PublicIssues() ([]*Issue, diag.List) {
	ms, l := LoadManifests(s.FS, s.Config)
	var issues []*Issue
	for _, m := range ms {
		if s.AudienceOf(m, "") != Public || !s.Issued(m) {
			continue
		}
		is, found := s.Issue(m, "")
		l = append(l, found...)
		if is != nil {
			issues = append(issues, is)
		}
	}
	l.Sort()
	return issues, l.Dedupe()
}

var msgInternalOnSite = msg.New("bulletin.internal_on_site",
	"第 %s 期简报是内部简报，不能放到网站上",
	"bulletin %s is internal and never goes on the site")

// Site renders the public issues (see PublicIssues) for the site: site
// path → bytes, with each issue's index.html (and its PDF when chrome is
// not nil) under bulletins/<year>-<n>/, and the archive page. It returns no
// files when there is no issue. Internal issues never come here.
func (s *Source) Site(ctx context.Context, issues []*Issue, chrome *Chrome) (map[string][]byte, error) {
	if len(issues) == 0 {
		return nil, nil
	}
	files := map[string][]byte{}
	for _, is := range issues {
		if is.Audience != Public {
			return nil, msgInternalOnSite.Error(is.ID())
		}
		links := Links{Site: "../../", Archive: "../"}
		if chrome != nil {
			links.PDF = is.PDFName()
		}
		page, err := s.framedIssue(is, links)
		if err != nil {
			return nil, fmt.Errorf("bulletin %s: %w", is.ID(), err)
		}
		files[is.Dir()+"/index.html"] = page
		if chrome != nil {
			pdf, err := s.PrintIssue(ctx, chrome, is, links)
			if err != nil {
				return nil, fmt.Errorf("bulletin %s: %w", is.ID(), err)
			}
			files[is.Dir()+"/"+is.PDFName()] = pdf
		}
	}
	archive, err := s.framedArchive(issues, func(is *Issue) bool { return files[is.Dir()+"/"+is.PDFName()] != nil })
	if err != nil {
		return nil, err
	}
	files[ArchivePath] = archive
	return files, nil
}

// framedIssue is an issue's page on the site: inside the site's frame on
// screen (render.FramedPage), the A4 page of issue.css when printed.
func (s *Source) framedIssue(is *Issue, links Links) ([]byte, error) {
	pg, err := s.page(is, links, printLayout{})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := issueTmpl.ExecuteTemplate(&b, "issue-frame", pg); err != nil {
		return nil, err
	}
	return render.FramedPage{Title: pg.Name + " " + pg.Label, Section: "bulletins", Column: "工作简报",
		Style: frameStyle(issueCSS), Body: template.HTML(b.String())}.Bytes(), nil
}

// framedArchive is the archive page on the site, inside its frame; an
// issue links its PDF when hasPDF says it has one.
func (s *Source) framedArchive(issues []*Issue, hasPDF func(*Issue) bool) ([]byte, error) {
	pg := s.archive(issues, hasPDF)
	var b bytes.Buffer
	if err := archiveTmpl.ExecuteTemplate(&b, "archive-frame", pg); err != nil {
		return nil, err
	}
	return render.FramedPage{Title: "《" + pg.Name + "》简报", Section: "bulletins", Column: "工作简报",
		Style: frameStyle(""), Body: template.HTML(b.String())}.Bytes(), nil
}

// frameStyle is the style sheet of a framed bulletin page: frame.css on
// screen, and printed, the page's own print style sheet (issue.css) alone.
func frameStyle(print template.CSS) template.CSS {
	if print == "" {
		return frameCSS
	}
	return frameCSS + "@media print {\n" + print + "}\n"
}

// archivePage is what archive.html shows.
type archivePage struct {
	CSS                     template.CSS
	SiteTitle, Name, Issuer string
	Issues                  []archiveItem
}

type archiveItem struct {
	ID, Label, Date, Href, PDF string
	Count                      int
	Titles                     []string
}

// RenderArchive renders the archive page (bulletins/index.html): the
// issues newest first, each linking its page and, with pdf, its PDF.
func (s *Source) RenderArchive(issues []*Issue, pdf bool) ([]byte, error) {
	pg := s.archive(issues, func(*Issue) bool { return pdf })
	var b bytes.Buffer
	if err := archiveTmpl.Execute(&b, pg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// archive is what the archive page shows: the issues newest first, each
// linking its PDF when hasPDF says it has one.
func (s *Source) archive(issues []*Issue, hasPDF func(*Issue) bool) archivePage {
	sorted := append([]*Issue(nil), issues...)
	sort.SliceStable(sorted, func(i, j int) bool { return newer(sorted[i], sorted[j]) })
	pg := archivePage{CSS: archiveCSS, SiteTitle: s.Config.Site.Title,
		Name: s.Config.Bulletin.Name, Issuer: s.Config.Bulletin.Issuer}
	for _, is := range sorted {
		it := archiveItem{ID: "issue-" + is.ID(), Label: is.Label(), Date: s.chinese(is.Date), Href: is.ID() + "/", Count: len(is.Articles)}
		if hasPDF(is) {
			it.PDF = is.ID() + "/" + is.PDFName()
		}
		for _, a := range is.Articles {
			it.Titles = append(it.Titles, a.FM.Title)
		}
		pg.Issues = append(pg.Issues, it)
	}
	return pg
}

// newer orders issues newest first: by date, then year, then number, a
// supplement after the regular issue of the same number.
func newer(a, b *Issue) bool {
	switch {
	case !a.Date.Equal(b.Date.Time):
		return a.Date.After(b.Date.Time)
	case a.Year != b.Year:
		return a.Year > b.Year
	case a.Number != b.Number:
		return a.Number > b.Number
	}
	return a.Supplement && !b.Supplement
}
