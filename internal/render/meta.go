package render

import (
	"strings"

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
	m.Description = description(e.summary)
	if !e.pub.IsZero() {
		layout := "2006-01-02"
		if e.pub.HasTime {
			layout = "2006-01-02 15:04"
		}
		m.PubDate = e.pub.In(j.loc).Format(layout)
	}
	return m
}

// descriptionLen is the most characters a description keeps; search
// engines show about as many.
const descriptionLen = 120

// description is a summary on one line, cut to descriptionLen characters.
func description(summary string) string {
	s := []rune(strings.Join(strings.Fields(summary), " "))
	if len(s) > descriptionLen {
		return string(s[:descriptionLen-1]) + "…"
	}
	return string(s)
}
