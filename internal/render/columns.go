package render

import (
	"path"
	"slices"
	"strconv"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

// columnsDir is the folder of the fixed columns: xxgk/zhinan/ ….
const columnsDir = "xxgk/"

// homeColumnRows is the number of articles a column's block on the home
// page shows; the block's 更多 link leads to the full list.
const homeColumnRows = 5

// column is one fixed column of the platform (config.Columns) as this
// render shows it.
type column struct {
	key     config.ColumnKey
	cfg     *config.Column
	dir     string   // "xxgk/zhinan/"
	entries []*entry // the listed articles of its categories, newest first
	// sections are the non-empty categories of 法定主动公开内容.
	sections []NavItem
}

// visible reports whether the column has anything to show: an empty one
// is left out of the navigation and the home page.
func (c *column) visible(j *job) bool {
	switch c.key {
	case config.ProactiveColumn:
		return len(c.sections) > 0
	case config.RequestsColumn:
		return len(c.entries) > 0 || c.cfg.Form != "" || !j.cfg.Site.Office.Empty()
	}
	return len(c.entries) > 0
}

// newColumns sorts the listed articles into the visible fixed columns, in
// navigation order: those of the column's categories, and into 政策解读
// also every interpretation linked to its policy (interprets:). It needs
// the category sections (siteInfo.Categories).
func (j *job) newColumns(categories []NavItem) []*column {
	var out []*column
	for i, cfg := range j.cfg.ColumnList() {
		if cfg.Hidden {
			continue
		}
		c := &column{key: config.ColumnKeys()[i], cfg: cfg, dir: columnsDir + cfg.Slug + "/"}
		if c.key == config.ProactiveColumn {
			for _, s := range categories {
				if slices.Contains(cfg.Categories, s.Name) {
					c.sections = append(c.sections, s)
				}
			}
		} else {
			for _, e := range j.listed {
				if slices.Contains(cfg.Categories, e.a.FM.Category) ||
					(c.key == config.InterpretationsColumn && j.policyOf[e] != nil) {
					c.entries = append(c.entries, e)
				}
			}
		}
		if c.visible(j) {
			out = append(out, c)
		}
	}
	return out
}

// columnNav is the columns' entries in the header navigation.
func (j *job) columnNav() []ColumnLink {
	links := make([]ColumnLink, len(j.columns))
	for i, c := range j.columns {
		links[i] = ColumnLink{Key: string(c.key), Title: c.cfg.Title, URL: j.base.link(c.dir)}
	}
	return links
}

// article20Groups groups the proactive column's categories by the item of
// 第二十条 they map to, in the order of the items; the categories no item
// names come last, under the catch-all item (十五).
func article20Groups(sections []NavItem) []ColumnGroup {
	var groups []ColumnGroup
	var rest []NavItem
	for _, item := range config.Article20 {
		g := ColumnGroup{Number: item.Number, Text: item.Text}
		for _, s := range sections {
			if slices.Contains(item.Categories, s.Name) {
				g.Items = append(g.Items, s)
			}
		}
		if len(g.Items) > 0 {
			groups = append(groups, g)
		}
	}
	for _, s := range sections {
		if config.Article20Of(s.Name) == nil {
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		groups = append(groups, ColumnGroup{Number: "（十五）",
			Text: "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", Items: rest})
	}
	return groups
}

// officeView is site.office as the pages show it, or nil.
func (j *job) officeView() *OfficeView {
	o := j.cfg.Site.Office
	if o.Empty() {
		return nil
	}
	v := OfficeView(o)
	return &v
}

// formLink is the 依申请公开 application form's download, or nil.
func (j *job) formLink(c *column) *Link {
	if c.cfg.Form == "" {
		return nil
	}
	return &Link{Title: path.Base(c.cfg.Form), URL: j.base.link(c.dir + path.Base(c.cfg.Form))}
}

// homeColumns are the column blocks of the home page.
func (j *job) homeColumns() []ColumnBlock {
	blocks := make([]ColumnBlock, 0, len(j.columns))
	for _, c := range j.columns {
		b := ColumnBlock{Key: string(c.key), Title: c.cfg.Title, URL: j.base.link(c.dir)}
		b.Rows = j.rows(c.entries[:min(homeColumnRows, len(c.entries))])
		switch c.key {
		case config.ProactiveColumn:
			b.Sections = c.sections
		case config.RequestsColumn:
			b.Office, b.Form = j.officeView(), j.formLink(c)
		}
		blocks = append(blocks, b)
	}
	return blocks
}

var msgForm = msg.New("render.form", "依申请公开申请表 %s：%w", "application form %s: %w")

// columnPages renders each visible column: its list, paginated like a
// catalogue section, and for 法定主动公开内容 the categories by 第二十条, for
// 依申请公开 the office and the form, which is copied beside the page.
func (j *job) columnPages(site *output) error {
	pages := j.latestPages()
	for _, c := range j.columns {
		pages = append(pages, j.columnListPages(c)...)
		if f := c.cfg.Form; f != "" {
			if j.in.Content == nil {
				return msgNoContent.Error(f)
			}
			data, err := article.ReadAttachment(j.in.Content, f)
			if err != nil {
				return msgForm.Error(f, err)
			}
			if err := site.put(c.dir+path.Base(f), data, msgWhatForm.F()); err != nil {
				return err
			}
		}
	}
	return j.putPages(site, pages, msgWhatColumn.F())
}

// columnListPages lays out one column as pages of perPage rows (at least
// one page, for the columns that show more than a list).
func (j *job) columnListPages(c *column) []listPage {
	return j.pagedList(c.dir, c.cfg.Title, "column-"+string(c.key), c.entries, func(i int, v *ColumnView) {
		v.Key = string(c.key)
		if i == 1 {
			switch c.key {
			case config.ProactiveColumn:
				v.Groups = article20Groups(c.sections)
			case config.RequestsColumn:
				v.Office, v.Form = j.officeView(), j.formLink(c)
			}
		}
	})
}

// latestDir is the folder of the full list of the newest articles, the
// home page's 更多.
const latestDir = "catalog/latest/"

// latestPages lists every listed article, newest first as the catalogue
// does, paginated.
func (j *job) latestPages() []listPage {
	return j.pagedList(latestDir, "最新公开信息", "latest", j.listed, func(_ int, v *ColumnView) { v.Key = "latest" })
}

// pagedList lays out entries as pages of perPage rows at dir, dir/page/2/
// …, at least one page; fill completes each page's view (page numbers
// from 1).
func (j *job) pagedList(dir, title, section string, entries []*entry, fill func(int, *ColumnView)) []listPage {
	n := max(1, (len(entries)+perPage-1)/perPage)
	out := make([]listPage, 0, n)
	for i := 1; i <= n; i++ {
		v := &ColumnView{Name: title, Total: len(entries), Pager: j.pager(dir, i, n)}
		v.Rows = j.rows(entries[min((i-1)*perPage, len(entries)):min(i*perPage, len(entries))])
		fill(i, v)
		t := title
		if i > 1 {
			t += "（第" + strconv.Itoa(i) + "页）"
		}
		out = append(out, listPage{pageDir(dir, i) + "index.html", "column.html",
			&Page{Chrome: Chrome{j.siteInfo, section}, Title: t, Column: v, Meta: PageMeta{Column: title}}})
	}
	return out
}

// columnsInSitemap adds each column's first page, dated by its newest
// public article (the newest of the site for a column of sections).
func (j *job) columnsInSitemap(add func(p string, d time.Time), newest time.Time) {
	for _, c := range j.columns {
		d := newest
		if len(c.entries) > 0 {
			d = time.Time{}
			for _, e := range c.entries {
				if e.kind == publicEntry && e.pub.After(d) {
					d = e.pub.Time
				}
			}
		}
		add(c.dir, d)
	}
}
