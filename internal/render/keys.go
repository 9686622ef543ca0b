package render

import "encoding/binary"

// keyBuf encodes the values a page template receives, for page keys. Two
// values that differ in any field encode differently: strings carry their
// length, nil pointers and slices a 0 where others carry a 1, and every
// field of a type is written in order. TestPageKeySeesEveryField holds the
// encoders below to every field of the view types, so a field added there
// and not here fails it.
type keyBuf []byte

func (b *keyBuf) str(s string) {
	*b = append(binary.AppendUvarint(*b, uint64(len(s))), s...)
}

func (b *keyBuf) num(n int) { *b = binary.AppendVarint(*b, int64(n)) }

func (b *keyBuf) flag(v bool) {
	if v {
		*b = append(*b, 1)
	} else {
		*b = append(*b, 0)
	}
}

// some writes whether a pointer or slice is non-nil and returns it.
func (b *keyBuf) some(nonNil bool) bool {
	b.flag(nonNil)
	return nonNil
}

// list writes a slice: nil-ness, length and each element.
func list[T any](b *keyBuf, s []T, each func(*keyBuf, *T)) {
	if b.some(s != nil) {
		b.num(len(s))
		for i := range s {
			each(b, &s[i])
		}
	}
}

func (b *keyBuf) strings(s *string) { b.str(*s) }

// page writes a Page; Site is written by the caller (see pageKey).
func (b *keyBuf) page(p *Page) {
	b.str(p.Title)
	b.str(p.Section)
	b.flag(p.Pending)
	list(b, p.Scripts, (*keyBuf).strings)
	b.str(string(p.Style))
	if b.some(p.Article != nil) {
		b.article(p.Article)
	}
	if b.some(p.List != nil) {
		b.listView(p.List)
	}
	if b.some(p.Home != nil) {
		list(b, p.Home.Columns, (*keyBuf).columnBlock)
		list(b, p.Home.Latest, (*keyBuf).row)
		b.str(p.Home.LatestURL)
	}
	if b.some(p.Catalog != nil) {
		c := p.Catalog
		list(b, c.Categories, (*keyBuf).nav)
		list(b, c.Departments, (*keyBuf).nav)
		list(b, c.Years, (*keyBuf).nav)
	}
	if b.some(p.Column != nil) {
		b.columnView(p.Column)
	}
	if b.some(p.Search != nil) {
		list(b, p.Search.Departments, (*keyBuf).strings)
		list(b, p.Search.Categories, (*keyBuf).strings)
	}
	if b.some(p.Framed != nil) {
		b.str(string(p.Framed.Body))
	}
	m := &p.Meta
	for _, f := range [...]string{m.Column, m.ArticleTitle, m.PubDate, m.Source, m.Keywords, m.Description} {
		b.str(f)
	}
}

func (b *keyBuf) site(s *SiteInfo) {
	for _, f := range [...]string{s.Title, s.Lang, s.Base} {
		b.str(f)
	}
	list(b, s.Footer, (*keyBuf).strings)
	for _, f := range [...]string{s.Home, s.Catalog, s.Search, s.Feed, s.CSS, s.ElderJS, s.Icon, s.Bulletins} {
		b.str(f)
	}
	list(b, s.Categories, (*keyBuf).nav)
	for _, f := range [...]string{s.Domain, s.IDCode, s.ICP, s.ICPURL} {
		b.str(f)
	}
	b.maybeLink(s.Police)
	if b.some(s.Badge != nil) {
		b.str(s.Badge.Image)
		b.str(s.Badge.URL)
	}
	b.str(s.ErrorReport)
	list(b, s.Columns, func(b *keyBuf, c *ColumnLink) {
		b.str(c.Key)
		b.str(c.Title)
		b.str(c.URL)
	})
}

// article writes an ArticleView; its Body is written by the caller.
func (b *keyBuf) article(v *ArticleView) {
	for _, f := range [...]string{v.Title, v.URL, v.IndexNo, v.Department, v.Category, v.CategoryURL,
		v.Publisher, v.Generated, v.Published, v.DocNo, v.Disclosure, v.Validity} {
		b.str(f)
	}
	list(b, v.Attachments, (*keyBuf).link)
	b.maybeLink(v.Prev)
	b.maybeLink(v.Next)
	if n := v.Notice; b.some(n != nil) {
		b.str(n.Status)
		b.str(n.Date)
		b.maybeLink(n.Successor)
	}
	if w := v.Withdrawn; b.some(w != nil) {
		b.str(w.Date)
		b.str(w.Reason)
		b.str(w.Notice)
	}
	b.maybeLink(v.Interprets)
	list(b, v.Interpretations, (*keyBuf).link)
}

func (b *keyBuf) link(l *Link) {
	b.str(l.Title)
	b.str(l.URL)
}

func (b *keyBuf) maybeLink(l *Link) {
	if b.some(l != nil) {
		b.link(l)
	}
}

func (b *keyBuf) nav(n *NavItem) {
	b.str(n.Name)
	b.str(n.URL)
	b.num(n.Count)
}

func (b *keyBuf) row(r *Row) {
	for _, f := range [...]string{r.IndexNo, r.Title, r.URL, r.Date, r.Published, r.DocNo, r.Publisher, r.Interpretation} {
		b.str(f)
	}
	b.flag(r.Pending)
}

func (b *keyBuf) listView(l *ListView) {
	b.str(l.Kind)
	b.str(l.Name)
	b.num(l.Total)
	list(b, l.Rows, (*keyBuf).row)
	b.pager(l.Pager)
	b.str(l.Feed)
	list(b, l.Nav, (*keyBuf).nav)
}

func (b *keyBuf) pager(p *Pager) {
	if b.some(p != nil) {
		list(b, p.Pages, func(b *keyBuf, pl *PageLink) {
			b.num(pl.Number)
			b.str(pl.URL)
			b.flag(pl.Current)
			b.flag(pl.Gap)
		})
		b.str(p.Prev)
		b.str(p.Next)
	}
}

func (b *keyBuf) columnBlock(c *ColumnBlock) {
	b.str(c.Key)
	b.str(c.Title)
	b.str(c.URL)
	list(b, c.Rows, (*keyBuf).row)
	list(b, c.Sections, (*keyBuf).nav)
	b.office(c.Office)
	b.maybeLink(c.Form)
}

func (b *keyBuf) columnView(c *ColumnView) {
	b.str(c.Key)
	b.str(c.Name)
	b.num(c.Total)
	list(b, c.Rows, (*keyBuf).row)
	b.pager(c.Pager)
	list(b, c.Groups, func(b *keyBuf, g *ColumnGroup) {
		b.str(g.Number)
		b.str(g.Text)
		list(b, g.Items, (*keyBuf).nav)
	})
	b.office(c.Office)
	b.maybeLink(c.Form)
}

func (b *keyBuf) office(o *OfficeView) {
	if b.some(o != nil) {
		for _, f := range [...]string{o.Name, o.Address, o.Postcode, o.Hours, o.Phone, o.Fax, o.Email} {
			b.str(f)
		}
	}
}
