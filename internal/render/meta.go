package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/internal/config"
)

// identification fills the site's 政府网站 identification from site: in
// gongkai.yaml; what is not configured stays empty and is left out.
func (j *job) identification(s *SiteInfo) {
	c := &j.cfg.Site
	s.Domain, s.IDCode, s.ErrorReport = c.Domain, c.SiteIDCode, c.ErrorReport
	if c.ICP != "" {
		s.ICP, s.ICPURL = c.ICP, config.ICPURL
	}
	if r := c.PoliceRecord; r != nil && r.Number != "" {
		s.Police = &Link{Title: r.Number, URL: r.URL}
	}
	if b := c.Badge; b != nil && b.Image != "" {
		s.Badge = &Badge{Image: j.base.link("assets/" + b.Image), URL: b.URL}
	}
}

// articleMeta is an article page's metadata: its category as the column,
// its title, publication date and 发布机构, its tags as keywords and its
// summary as the description. A withdrawn article's page gives only the
// column and the title.
func (j *job) articleMeta(e *entry) PageMeta {
	fm := &e.a.FM
	m := PageMeta{Column: fm.Category, ArticleTitle: fm.Title}
	if e.kind == withdrawnEntry {
		return m
	}
	m.Source = j.cfg.Publisher(fm.Department)
	m.Keywords = strings.Join(fm.Tags, ",")
	m.Description = e.description()
	switch {
	case e.pub.IsZero():
	case e.pub.HasTime:
		m.PubDate = e.pub.In(j.loc).Format("2006-01-02 15:04")
	default:
		m.PubDate = e.pubDay // the same day, formatted once (newEntry)
	}
	return m
}

// descriptionLen is the most characters a description keeps; search
// engines show about as many.
const descriptionLen = 120

// description is a summary on one line (each run of white space one
// space, none at the ends), cut to descriptionLen characters, the last of
// them "…" when cut. It reads no further into the summary than it keeps.
func description(summary string) string {
	b := make([]byte, 0, min(len(summary), 4*descriptionLen))
	n, cut := 0, 0 // characters in b; len(b) at descriptionLen-1 of them
	space := false
	for _, r := range summary {
		if unicode.IsSpace(r) {
			space = n > 0
			continue
		}
		if space && n+2 > descriptionLen || n+1 > descriptionLen {
			return string(b[:cut]) + "…"
		}
		if space {
			if b, n = append(b, ' '), n+1; n == descriptionLen-1 {
				cut = len(b)
			}
			space = false
		}
		if b, n = utf8.AppendRune(b, r), n+1; n == descriptionLen-1 {
			cut = len(b)
		}
	}
	return string(b)
}
