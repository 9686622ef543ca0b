package render

import "html/template"

// Page is what every page template receives. Exactly one of Article, List,
// Home, Catalog, Column, Search and Framed is set, by the page's kind.
// Every URL in it is ready to use in href or src: root-relative with the
// base path.
type Page struct {
	// Chrome holds Site and Section, which templates read as .Site and
	// .Section; the layout passes .Chrome to cached for the parts of the
	// page around its main content.
	Chrome
	// Title is the page's own title; the layout adds the site title.
	Title string
	// Pending is true for an article in review, previewed by serve --pending.
	Pending bool
	// Scripts lists more scripts the page loads (the search page's).
	Scripts []string
	// Style is the page's own style sheet, after the site's, or "" (a
	// FramedPage's).
	Style   template.CSS
	Article *ArticleView
	List    *ListView
	Home    *HomeView
	Catalog *CatalogView
	Column  *ColumnView
	Search  *SearchView
	Framed  *FramedView
	// Meta is the page's part of the 政府网站 metadata in <head>.
	Meta PageMeta
}

// Chrome is what the header, footer and the site's part of <head> depend
// on: the site and the current navigation item.
type Chrome struct {
	Site *SiteInfo
	// Section names the header navigation item to mark as current: "home",
	// "catalog", "search", "bulletins", "column-" and a column's key
	// ("column-guide"), or "" (article, 404).
	Section string
}

// FramedView is a page made elsewhere (see FramedPage): the body of its
// <main>.
type FramedView struct {
	Body template.HTML
}

// PageMeta is what a page adds to the site's metadata in <head> (政府网站
// 网页元数据: ColumnName, ArticleTitle, PubDate, ContentSource, Keywords,
// Description). An empty field is left out.
type PageMeta struct {
	Column, ArticleTitle, PubDate, Source, Keywords, Description string
}

// SiteInfo is the same on every page.
type SiteInfo struct {
	Title  string
	Lang   string
	Base   string // the base path, "/" or "/repo/"; the search script reads it from <html data-base>
	Footer []string
	// URLs of the fixed pages and assets.
	Home, Catalog, Search, Feed, CSS, ElderJS, Icon string
	// Bulletins is the bulletin archive's URL, or "" when there is none.
	Bulletins string
	// Categories lists the non-empty categories with their counts, in the
	// order of gongkai.yaml.
	Categories []NavItem
	// The 政府网站 identification, each "" or nil when not configured:
	// Domain and IDCode (网站标识码) for <head>; the footer's ICP备案号
	// (linked to ICPURL), 公安机关备案号, 党政机关网站标识 and 我为政府网站找错.
	Domain, IDCode, ICP, ICPURL string
	Police                      *Link
	Badge                       *Badge
	ErrorReport                 string
	// Columns are the platform's fixed columns that have something to show
	// (政府信息公开指南, 制度, 法定主动公开内容, 年报, 依申请公开, 政策解读), in
	// navigation order.
	Columns []ColumnLink
}

// ColumnLink is a fixed column in the navigation. Key is its key in
// gongkai.yaml's columns: (guide, rules, proactive, reports, requests,
// interpretations).
type ColumnLink struct {
	Key, Title, URL string
}

// Badge is the 党政机关网站标识: its image and, when configured, its link.
type Badge struct {
	Image, URL string
}

// Link is a titled URL.
type Link struct {
	Title, URL string
}

// NavItem is a catalogue section: a category, department or year.
type NavItem struct {
	Name, URL string
	Count     int
}

// ArticleView is an article page. Dates are formatted 2025年3月4日.
// Publisher is the 发布机构 (the agency), Department the 承办科室.
type ArticleView struct {
	Title, URL                                 string
	IndexNo, Department, Category, CategoryURL string
	Publisher                                  string
	Generated, Published, DocNo, Disclosure    string
	Validity                                   string // 有效性 when set
	Body                                       template.HTML
	Attachments                                []Link
	Prev, Next                                 *Link // older and newer in the same category
	Notice                                     *ValidityNotice
	Withdrawn                                  *WithdrawalView
	// Interprets is the policy this article is the 政策解读 of;
	// Interpretations the public interpretations of this article.
	Interprets      *Link
	Interpretations []Link
}

// ValidityNotice marks an article that is 已修改, 已废止 or 已失效, with the
// superseding article when it is public.
type ValidityNotice struct {
	Status, Date string
	Successor    *Link
}

// WithdrawalView is the notice shown instead of a withdrawn article.
type WithdrawalView struct {
	Date, Reason, Notice string
}

// Row is an article in a list. Date is the generation date (生成日期),
// Published the publication date, Publisher the 发布机构.
type Row struct {
	IndexNo, Title, URL, Date, Published string
	DocNo, Publisher                     string
	// Interpretation is the URL of the newest public 政策解读 of the
	// article, "" when it has none.
	Interpretation string
	Pending        bool
}

// ListView is one page of a catalogue section.
type ListView struct {
	// Kind is 主题分类, 承办科室 or 年份; Name the section's name.
	Kind, Name string
	Total      int
	Rows       []Row
	Pager      *Pager // nil when the section fits on one page
	Feed       string // the section's RSS feed, for categories
	Nav        []NavItem
}

// Pager links the pages of a section.
type Pager struct {
	Pages      []PageLink
	Prev, Next string // "" on the first and last page
}

// PageLink is one page number, or a gap (…) between distant numbers.
type PageLink struct {
	Number       int
	URL          string
	Current, Gap bool
}

// HomeView is the home page: a block per fixed column, then the newest
// articles.
type HomeView struct {
	Columns []ColumnBlock
	Latest  []Row
	// LatestURL is the full list of the newest articles, paginated.
	LatestURL string
}

// ColumnBlock is a fixed column's block on the home page: its newest
// articles (its page has them all); for
// 法定主动公开内容 its categories, for 依申请公开 the office and the form.
type ColumnBlock struct {
	Key, Title, URL string
	Rows            []Row
	Sections        []NavItem
	Office          *OfficeView
	Form            *Link
}

// ColumnView is one page of a fixed column, or of the list of the newest
// articles (Key "latest"): its articles, paginated; on
// the first page of 法定主动公开内容 the categories by the items of 第二十条
// (Groups), of 依申请公开 the office and the application form.
type ColumnView struct {
	Key, Name string
	Total     int
	Rows      []Row
	Pager     *Pager
	Groups    []ColumnGroup
	Office    *OfficeView
	Form      *Link
}

// ColumnGroup is an item of 《政府信息公开条例》第二十条 with the categories
// filed under it.
type ColumnGroup struct {
	Number, Text string
	Items        []NavItem
}

// OfficeView is the 政府信息公开工作机构 that receives requests
// (site.office); empty fields are not shown.
type OfficeView struct {
	Name, Address, Postcode, Hours, Phone, Fax, Email string
}

// CatalogView is the catalogue's front page.
type CatalogView struct {
	Categories, Departments, Years []NavItem
}

// SearchView is the search page: the choices of its filter fields.
type SearchView struct {
	Departments, Categories []string
}
