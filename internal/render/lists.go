package render

import (
	"slices"
	"strconv"
)

// perPage is the number of rows on a catalogue page; homeLatest the number
// of articles on the home page.
const (
	perPage    = 20
	homeLatest = 20
)

// index is one way of cutting the catalogue: by category, department or
// year.
type index struct {
	kind, dir string // 主题分类, "category"
	key       func(j *job, e *entry) string
	slug      func(j *job, name string) string
	declared  func(j *job) []string // the section order; nil: newest year first
}

var (
	categoryIndex = index{"主题分类", "category",
		func(_ *job, e *entry) string { return e.a.FM.Category },
		func(j *job, name string) string { return j.categorySlugs.of(name) },
		func(j *job) []string { return j.cfg.Categories }}
	departmentIndex = index{"承办科室", "department",
		func(_ *job, e *entry) string { return e.a.FM.Department },
		func(j *job, name string) string { return j.departmentSlugs.of(name) },
		func(j *job) []string {
			names := make([]string, len(j.cfg.Departments))
			for i, d := range j.cfg.Departments {
				names[i] = d.Name
			}
			return names
		}}
	yearIndex = index{"年份", "year",
		func(_ *job, e *entry) string { return e.year },
		func(_ *job, name string) string { return name }, nil}
	indexes = []index{categoryIndex, departmentIndex, yearIndex}
)

// grouping is the result of group, kept for the rest of the render under
// the index and the list it was made of.
type grouping struct {
	names  []string
	groups map[string][]*entry
}

type groupingKey struct {
	dir   string
	first *entry // the list's first element, nil if empty
	n     int
}

// group splits entries (keeping their order) into the index's non-empty
// sections, in the index's order: declared names first, then the others
// sorted (years newest first). The result is shared and must not be
// modified.
func (j *job) group(ix index, entries []*entry) (names []string, groups map[string][]*entry) {
	k := groupingKey{dir: ix.dir, n: len(entries)}
	if len(entries) > 0 {
		k.first = entries[0]
	}
	if g, ok := j.groupings[k]; ok {
		return g.names, g.groups
	}
	names, groups = j.groupOnce(ix, entries)
	j.groupings[k] = grouping{names, groups}
	return names, groups
}

func (j *job) groupOnce(ix index, entries []*entry) (names []string, groups map[string][]*entry) {
	groups = map[string][]*entry{}
	for _, e := range entries {
		if k := ix.key(j, e); k != "" {
			groups[k] = append(groups[k], e)
		}
	}
	seen := map[string]bool{}
	if ix.declared != nil {
		for _, n := range ix.declared(j) {
			if len(groups[n]) > 0 && !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	var rest []string
	for _, n := range sortedKeys(groups) {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	if ix.declared == nil {
		slices.Reverse(rest)
	}
	return append(names, rest...), groups
}

// sections returns the index's non-empty sections with their counts.
func (j *job) sections(ix index, entries []*entry) []NavItem {
	names, groups := j.group(ix, entries)
	return j.nav(ix, names, groups)
}

// nav lists the sections of a grouping with their counts.
func (j *job) nav(ix index, names []string, groups map[string][]*entry) []NavItem {
	items := make([]NavItem, len(names))
	for i, n := range names {
		items[i] = NavItem{Name: n, URL: j.base.link(j.sectionDir(ix, n)), Count: len(groups[n])}
	}
	return items
}

// sectionDir is the site folder of a section:
// "catalog/category/gongzuodongtai/".
func (j *job) sectionDir(ix index, name string) string {
	return "catalog/" + ix.dir + "/" + ix.slug(j, name) + "/"
}

// row is e's row in the lists; an article is in several (its category's,
// department's and year's at least), so its row is made once a build.
func (j *job) row(e *entry) Row {
	e.rowOnce.Do(func() { e.row = j.makeRow(e) })
	return e.row
}

// rows are the rows of entries, nil when there are none (as appending
// them one by one would leave it), in a slice of just their number.
func (j *job) rows(entries []*entry) []Row {
	if len(entries) == 0 {
		return nil
	}
	rows := make([]Row, len(entries))
	for i, e := range entries {
		rows[i] = j.row(e)
	}
	return rows
}

func (j *job) makeRow(e *entry) Row {
	r := Row{IndexNo: e.a.FM.IndexNo, Title: e.a.FM.Title, URL: e.url,
		Date: e.genDate, Published: e.pubDate, DocNo: e.a.FM.DocNo, Publisher: j.cfg.Publisher(e.a.FM.Department),
		Pending: e.kind == pendingEntry}
	if is := j.interpretationsOf[e]; len(is) > 0 {
		r.Interpretation = is[0].url
	}
	return r
}

// homePage lists the newest articles by publication date.
func (j *job) homePage(site *output) error {
	h := &HomeView{Columns: j.homeColumns(), LatestURL: j.base.link(latestDir)}
	for _, e := range newestPublished(j.listed, homeLatest) {
		h.Latest = append(h.Latest, j.row(e))
	}
	out, err := j.execute("home.html", &Page{Chrome: Chrome{j.siteInfo, "home"}, Home: h, Meta: PageMeta{Column: "首页"}}, nil)
	if err != nil {
		return err
	}
	return site.put("index.html", out, msgWhatHome.F())
}

// catalogPages renders the catalogue's front page and every section's
// paginated table, in parallel.
func (j *job) catalogPages(site *output) error {
	c := &CatalogView{
		Categories:  j.siteInfo.Categories,
		Departments: j.sections(departmentIndex, j.listed),
		Years:       j.sections(yearIndex, j.listed),
	}
	pages := []listPage{{"catalog/index.html", "catalog.html",
		&Page{Chrome: Chrome{j.siteInfo, "catalog"}, Title: "政府信息公开目录", Catalog: c, Meta: PageMeta{Column: "政府信息公开目录"}}}}
	for _, ix := range indexes {
		names, groups := j.group(ix, j.listed)
		nav := j.nav(ix, names, groups)
		for _, n := range names {
			pages = append(pages, j.sectionPages(ix, n, groups[n], nav)...)
		}
	}
	return j.putPages(site, pages, msgWhatCatalogue.F())
}

// putPages executes the pages in parallel and puts them into the site in
// their order; what names them in an error.
func (j *job) putPages(site *output, pages []listPage, what string) error {
	errs := make([]error, len(pages))
	if site.sink != nil {
		parallel(len(pages), func(i int) {
			errs[i] = j.streamPage(site, pages[i].file, pages[i].template, pages[i].page, nil, what)
		})
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
	out := make([][]byte, len(pages))
	parallel(len(pages), func(i int) {
		out[i], errs[i] = j.execute(pages[i].template, pages[i].page, nil)
	})
	for i, p := range pages {
		if errs[i] != nil {
			return errs[i]
		}
		if err := site.put(p.file, out[i], what); err != nil {
			return err
		}
	}
	return nil
}

// listPage is a catalogue page to execute.
type listPage struct {
	file, template string
	page           *Page
}

// sectionPages lays out one section as pages of perPage rows: the first at
// the section's folder, the others at page/2/, page/3/ ….
func (j *job) sectionPages(ix index, name string, entries []*entry, nav []NavItem) []listPage {
	dir := j.sectionDir(ix, name)
	pages := (len(entries) + perPage - 1) / perPage
	feed := ""
	if ix.dir == categoryIndex.dir && j.hasPublic(entries) {
		feed = j.base.link(dir + "feed.xml")
	}
	var out []listPage
	for n := 1; n <= pages; n++ {
		l := &ListView{Kind: ix.kind, Name: name, Total: len(entries), Feed: feed, Nav: nav,
			Pager: j.pager(dir, n, pages)}
		l.Rows = j.rows(entries[(n-1)*perPage : min(n*perPage, len(entries))])
		title := name
		if n > 1 {
			title += "（第" + strconv.Itoa(n) + "页）"
		}
		out = append(out, listPage{pageDir(dir, n) + "index.html", "list.html",
			&Page{Chrome: Chrome{j.siteInfo, "catalog"}, Title: title, List: l, Meta: PageMeta{Column: name}}})
	}
	return out
}

func pageDir(dir string, n int) string {
	if n == 1 {
		return dir
	}
	return dir + "page/" + strconv.Itoa(n) + "/"
}

// pager links the first and last page and those near page n, with gaps
// between, so that a section of hundreds of pages stays light.
func (j *job) pager(dir string, n, pages int) *Pager {
	if pages < 2 {
		return nil
	}
	p := &Pager{}
	for i := 1; i <= pages; i++ {
		switch {
		case i == 1 || i == pages || (i >= n-2 && i <= n+2):
			p.Pages = append(p.Pages, PageLink{Number: i, URL: j.base.link(pageDir(dir, i)), Current: i == n})
		case !p.Pages[len(p.Pages)-1].Gap:
			p.Pages = append(p.Pages, PageLink{Gap: true})
		}
	}
	if n > 1 {
		p.Prev = j.base.link(pageDir(dir, n-1))
	}
	if n < pages {
		p.Next = j.base.link(pageDir(dir, n+1))
	}
	return p
}

func (j *job) hasPublic(entries []*entry) bool {
	for _, e := range entries {
		if e.kind == publicEntry {
			return true
		}
	}
	return false
}
