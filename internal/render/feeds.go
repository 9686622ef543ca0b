package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/xml"
	"reflect"
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
func (j *job) feeds(site *output) error {
	if err := site.put("feed.xml", j.feed("", j.siteInfo.Title, j.public), msgWhatFeed.F()); err != nil {
		return err
	}
	names, groups := j.group(categoryIndex, j.public)
	for _, n := range names {
		dir := j.sectionDir(categoryIndex, n)
		if err := site.put(dir+"feed.xml", j.feed(dir, j.siteInfo.Title+" — "+n, groups[n]), msgWhatSectionFeed.F(n)); err != nil {
			return err
		}
	}
	return nil
}

// feed renders an RSS 2.0 feed of the entries for the page at dir.
func (j *job) feed(dir, title string, entries []*entry) []byte {
	entries = newestPublished(entries, feedItems)
	ch := rssChannel{
		Title: title, Link: j.base.abs(dir), Language: "zh-CN",
		Self:        atomLink{Href: j.base.abs(dir + "feed.xml"), Rel: "self", Type: "application/rss+xml"},
		Description: title,
	}
	for _, e := range entries {
		u := j.base.origin + e.url
		ch.Items = append(ch.Items, rssItem{
			Title: e.a.FM.Title, Link: u, GUID: rssGUID{true, u},
			PubDate:  e.pub.In(j.loc).Format(time.RFC1123Z),
			Category: e.a.FM.Category, Description: e.summary,
		})
	}
	if len(ch.Items) > 0 {
		ch.LastBuildDate = ch.Items[0].PubDate
	}
	return j.marshalXML(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch})
}

// marshalXML returns v as an XML file, reusing the last render's file when
// v is the same (v holds only the kinds appendValue encodes).
func (j *job) marshalXML(v any) []byte {
	if j.pc == nil {
		return marshalXML(v)
	}
	k := sha256.Sum256(appendValue([]byte("xml\x00"), reflect.ValueOf(v)))
	out, ok := j.pc.get(k)
	if !ok {
		out = marshalXML(v)
	}
	j.pc.keep(k, out)
	return out
}

// appendValue appends an encoding of v to b that differs for values that
// differ: strings with their length, nil apart from empty, each field of a
// struct in order. It panics on a kind that views do not use, so that a new
// field of such a kind is noticed by the tests.
func appendValue(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		return append(b, v.String()...)
	case reflect.Int:
		return binary.AppendVarint(b, v.Int())
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1)
		}
		return append(b, 0)
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0)
		}
		return appendValue(append(b, 1), v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, 0)
		}
		b = binary.AppendUvarint(append(b, 1), uint64(v.Len()))
		for i := range v.Len() {
			b = appendValue(b, v.Index(i))
		}
		return b
	case reflect.Struct:
		for i := range v.NumField() {
			b = appendValue(b, v.Field(i))
		}
		return b
	}
	panic("render: page keys cannot encode a " + v.Type().String())
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
	return bytes.Clone(b.Bytes())
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
func (j *job) sitemap(site *output) error {
	s := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	add := func(p string, d time.Time) {
		s.URLs = append(s.URLs, sitemapURL{Loc: j.base.abs(p), Lastmod: j.day(d)})
	}
	var newest time.Time
	if len(j.public) > 0 {
		newest = slices.MinFunc(j.public, newestPublishedFirst).pub.Time
	}
	add("", newest)
	add("catalog/", newest)
	j.columnsInSitemap(add, newest)
	for _, ix := range indexes {
		names, groups := j.group(ix, j.public)
		for _, n := range names {
			add(j.sectionDir(ix, n), slices.MinFunc(groups[n], newestPublishedFirst).pub.Time)
		}
	}
	for _, e := range j.pages {
		if e.kind == publicEntry {
			s.URLs = append(s.URLs, sitemapURL{Loc: j.base.origin + e.url, Lastmod: e.pubDay})
		}
	}
	return site.put("sitemap.xml", j.marshalXML(s), msgWhatSitemap.F())
}

// day formats a time in the site's time zone as 2025-03-04, "" for zero.
func (j *job) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(j.loc).Format("2006-01-02")
}

// robotsTxt allows everything and names the sitemap.
func (j *job) robotsTxt() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + j.base.abs("sitemap.xml") + "\n")
}
