package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"time"
)

// feedItems is the number of items in each RSS feed.
const feedItems = 50

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Self          atomLink  `xml:"atom:link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Category    string  `xml:"category,omitempty"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// feeds writes feed.xml for the site and one per category with public
// articles. Only public articles are in feeds, newest published first.
func (j *job) feeds(site Site) error {
	if err := site.put("feed.xml", j.feed("", j.siteInfo.Title, j.public), "feed"); err != nil {
		return err
	}
	names, groups := j.group(categoryIndex, j.public)
	for _, n := range names {
		dir := categoryIndex.sectionDir(n)
		if err := site.put(dir+"feed.xml", j.feed(dir, j.siteInfo.Title+" — "+n, groups[n]), "feed "+n); err != nil {
			return err
		}
	}
	return nil
}

// feed renders an RSS 2.0 feed of the entries for the page at dir.
func (j *job) feed(dir, title string, entries []*entry) []byte {
	entries = slices.Clone(entries)
	slices.SortFunc(entries, newestPublishedFirst)
	entries = entries[:min(feedItems, len(entries))]
	ch := rssChannel{
		Title: title, Link: j.base.abs(dir), Language: "zh-CN",
		Self:        atomLink{Href: j.base.abs(dir + "feed.xml"), Rel: "self", Type: "application/rss+xml"},
		Description: title,
	}
	for _, e := range entries {
		u := j.base.abs(e.dir)
		ch.Items = append(ch.Items, rssItem{
			Title: e.a.FM.Title, Link: u, GUID: rssGUID{true, u},
			PubDate:  e.pub.In(j.loc).Format(time.RFC1123Z),
			Category: e.a.FM.Category, Description: e.summary,
		})
	}
	if len(ch.Items) > 0 {
		ch.LastBuildDate = ch.Items[0].PubDate
	}
	return marshalXML(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch})
}

func marshalXML(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // the types above always marshal
	}
	b.WriteByte('\n')
	return b.Bytes()
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemap lists the home page, the catalogue and every public article.
func (j *job) sitemap(site Site) error {
	s := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	add := func(p string, d time.Time) {
		u := sitemapURL{Loc: j.base.abs(p)}
		if !d.IsZero() {
			u.Lastmod = d.In(j.loc).Format("2006-01-02")
		}
		s.URLs = append(s.URLs, u)
	}
	var newest time.Time
	if len(j.public) > 0 {
		newest = slices.MinFunc(j.public, newestPublishedFirst).pub.Time
	}
	add("", newest)
	add("catalog/", newest)
	for _, ix := range indexes {
		names, groups := j.group(ix, j.public)
		for _, n := range names {
			add(ix.sectionDir(n), slices.MinFunc(groups[n], newestPublishedFirst).pub.Time)
		}
	}
	for _, e := range j.pages {
		if e.kind == publicEntry {
			add(e.dir, e.pub.Time)
		}
	}
	return site.put("sitemap.xml", marshalXML(s), "sitemap")
}

// robotsTxt allows everything and names the sitemap.
func (j *job) robotsTxt() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + j.base.abs("sitemap.xml") + "\n")
}
