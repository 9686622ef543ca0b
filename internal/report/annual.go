package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/article"
)

// The document classes of table 第二十条第（一）项.
const (
	ClassRegulation = "规章"
	ClassNormative  = "规范性文件"
)

// Annual is the 主动公开政府信息情况 part of the annual information-disclosure
// report (国办公开办函〔2021〕30号). It counts only articles that are public,
// or were published and then withdrawn; nothing else is named or counted.
type Annual struct {
	Title      string
	Year       int
	Cutoff     time.Time // the end of the year, or now when earlier
	Documents  []DocCount
	Categories []CategoryCount
	Withdrawn  []WithdrawnItem
}

// DocCount is one row of table 第二十条第（一）项.
type DocCount struct {
	Class    string // 规章 or 规范性文件
	Issued   int    // 本年制发件数: generation date in the year
	Repealed int    // 本年废止件数: validity 已废止/已失效 dated in the year
	Valid    int    // 现行有效件数: public at the cutoff and not repealed by then
}

// CategoryCount is one 主题分类 with its proactively disclosed articles.
type CategoryCount struct {
	Name  string
	New   int // 本年新增: publication date in the year
	Total int // 累计: public at the cutoff
}

// WithdrawnItem is an article withdrawn in the year.
type WithdrawnItem struct {
	Path, Title, Reason string
	At                  time.Time
}

// DocClass returns the class an article counts under in table
// 第二十条第（一）项: category 规范性文件 → 规范性文件; category 法律法规 with a
// doc_no or a title containing 规定, 办法 or 规章 → 规章; else "".
func DocClass(a *article.Article) string {
	switch a.FM.Category {
	case "规范性文件":
		return ClassNormative
	case "法律法规":
		if strings.TrimSpace(a.FM.DocNo) != "" || containsAny(a.FM.Title, "规定", "办法", "规章") {
			return ClassRegulation
		}
	}
	return ""
}

func containsAny(s string, words ...string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// AnnualReport counts the year's proactively disclosed information.
func AnnualReport(src *Source, year int) *Annual {
	cfg := src.Config
	p := span(year, 1, 12, strconv.Itoa(year), cfg.Location)
	r := &Annual{
		Title:     fmt.Sprintf("%s%d年度政府信息公开工作年度报告（主动公开政府信息情况）", orgName(cfg), year),
		Year:      year,
		Cutoff:    p.End.Add(-time.Nanosecond),
		Documents: []DocCount{{Class: ClassRegulation}, {Class: ClassNormative}},
	}
	if src.Now.Before(r.Cutoff) {
		r.Cutoff = src.Now
	}
	cats := newCategories(cfg.Categories)
	for _, a := range src.Articles {
		if a.Broken || !(src.Public[a] || a.WithdrawnPage(cfg, src.Now)) {
			continue
		}
		cats.count(src, a, p, r.Cutoff)
		r.countDocument(src, a, p)
		if w := a.FM.Withdrawn; w != nil && p.Contains(w.At.Time) {
			r.Withdrawn = append(r.Withdrawn, WithdrawnItem{Path: a.Path, Title: a.FM.Title, Reason: w.Reason, At: w.At.In(cfg.Location)})
		}
	}
	r.Categories = cats.list()
	slices.SortFunc(r.Withdrawn, func(a, b WithdrawnItem) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Path, b.Path))
	})
	return r
}

// categories counts shown articles per 主题分类: the declared ones first,
// in gongkai.yaml's order, then any other an article names.
type categories struct {
	counts map[string]*CategoryCount
	order  []string
}

func newCategories(declared []string) *categories {
	c := &categories{counts: map[string]*CategoryCount{}}
	for _, name := range declared {
		c.get(name)
	}
	return c
}

func (c *categories) get(name string) *CategoryCount {
	name = cmp.Or(strings.TrimSpace(name), "（未填写主题分类）")
	if c.counts[name] == nil {
		c.counts[name] = &CategoryCount{Name: name}
		c.order = append(c.order, name)
	}
	return c.counts[name]
}

// count adds a shown article: new when published in the year, in the total
// when on the site at the cutoff.
func (c *categories) count(src *Source, a *article.Article, year Period, cutoff time.Time) {
	cc := c.get(a.FM.Category)
	if year.Contains(a.PublishedAt(src.Config).Time) {
		cc.New++
	}
	if publicAt(src, a, cutoff) {
		cc.Total++
	}
}

func (c *categories) list() []CategoryCount {
	out := make([]CategoryCount, len(c.order))
	for i, name := range c.order {
		out[i] = *c.counts[name]
	}
	return out
}

// countDocument adds a shown article to table 第二十条第（一）项.
func (r *Annual) countDocument(src *Source, a *article.Article, year Period) {
	i := slices.IndexFunc(r.Documents, func(d DocCount) bool { return d.Class == DocClass(a) })
	if i < 0 {
		return
	}
	d := &r.Documents[i]
	if year.Contains(a.Generated(src.Config).Time) {
		d.Issued++
	}
	v := a.FM.Validity
	ended := v != nil && (v.Status == article.Repealed || v.Status == article.Expired)
	if ended && year.Contains(v.At.Time) {
		d.Repealed++
	}
	if publicAt(src, a, r.Cutoff) && (!ended || v.At.After(r.Cutoff)) {
		d.Valid++
	}
}

// publicAt reports whether a shown article was on the site at t: entered by
// then and not yet withdrawn.
func publicAt(src *Source, a *article.Article, t time.Time) bool {
	pub := a.PublishedAt(src.Config)
	if pub.IsZero() || pub.After(t) {
		return false
	}
	return a.FM.Withdrawn == nil || a.FM.Withdrawn.At.After(t)
}

// Write prints the tables in format (md is the one to paste into the
// annual report article; text, csv, json and html too).
func (r *Annual) Write(w io.Writer, format string) error {
	return write(w, format, r.Title, r.tables(), r.jsonValue())
}

func (r *Annual) tables() []*table {
	docs := &table{Title: "第二十条第（一）项", Header: []string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}, Right: []bool{false, true, true, true}}
	for _, d := range r.Documents {
		docs.Rows = append(docs.Rows, []string{d.Class, strconv.Itoa(d.Issued), strconv.Itoa(d.Repealed), strconv.Itoa(d.Valid)})
	}
	cats := &table{Title: "主动公开政府信息（按主题分类）", Header: []string{"主题分类", "本年新增", "累计"}, Right: []bool{false, true, true}}
	var nw, total int
	for _, c := range r.Categories {
		cats.Rows = append(cats.Rows, []string{c.Name, strconv.Itoa(c.New), strconv.Itoa(c.Total)})
		nw, total = nw+c.New, total+c.Total
	}
	cats.Foot = []string{"合计", strconv.Itoa(nw), strconv.Itoa(total)}
	wd := &table{Title: "本年撤回的政府信息", Header: []string{"标题", "撤回日期", "撤回原因"}, Empty: "本年无撤回的政府信息。"}
	for _, it := range r.Withdrawn {
		wd.Rows = append(wd.Rows, []string{it.Title, day(it.At), it.Reason})
	}
	return []*table{docs, cats, wd}
}

type jsonAnnual struct {
	Year       int             `json:"year"`
	Documents  []jsonDoc       `json:"documents"`
	Categories []jsonCategory  `json:"categories"`
	Withdrawn  []jsonWithdrawn `json:"withdrawn"`
}

type jsonDoc struct {
	Class    string `json:"class"`
	Issued   int    `json:"issued"`
	Repealed int    `json:"repealed"`
	Valid    int    `json:"valid"`
}

type jsonCategory struct {
	Name  string `json:"name"`
	New   int    `json:"new"`
	Total int    `json:"total"`
}

type jsonWithdrawn struct {
	Path   string `json:"path"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

func (r *Annual) jsonValue() jsonAnnual {
	out := jsonAnnual{Year: r.Year, Categories: []jsonCategory{}, Withdrawn: []jsonWithdrawn{}}
	for _, d := range r.Documents {
		out.Documents = append(out.Documents, jsonDoc(d))
	}
	for _, c := range r.Categories {
		out.Categories = append(out.Categories, jsonCategory(c))
	}
	for _, it := range r.Withdrawn {
		out.Withdrawn = append(out.Withdrawn, jsonWithdrawn{it.Path, it.Title, day(it.At), it.Reason})
	}
	return out
}
