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
	"gongkai/internal/register"
)

// The document classes of table 第二十条第（一）项, as the template names them.
const (
	ClassRegulation = "规章"
	ClassNormative  = "行政规范性文件"
)

// Annual is the whole 政府信息公开工作年度报告 in the format of
// 国办公开办函〔2021〕30号: the office's text (annual/<year>.md, or a
// skeleton from the figures), the four tables of 二、主动公开政府信息情况,
// the table of requests (三) and of appeals (四).
type Annual struct {
	Title  string
	Year   int
	Period Period
	Cutoff time.Time // the end of the year, or now when earlier
	doc    docInfo
	// Text is the office's narrative; Skeleton is set when it was made up
	// from the figures because annual/<year>.md does not exist.
	Text     register.Narrative
	Skeleton bool
	// Published counts the articles published (entered) in the year and
	// public now or withdrawn since, for the skeleton.
	Published int
	Documents []DocCount
	Figures   register.Figures
	Requests  RequestTable
	Appeals   AppealTable
}

// DocCount is one row of table 第二十条第（一）项.
type DocCount struct {
	Class    string // 规章 or 行政规范性文件
	Issued   int    // 本年制发件数: generation date in the year
	Repealed int    // 本年废止件数: validity 已废止/已失效 dated in the year
	Valid    int    // 现行有效件数: public at the cutoff and not repealed by then
}

// Applicant columns of table 三: the register's types, then 总计.
const totalColumn = 6

// Cells are the counts of one row of table 三 by applicant type, the last
// the total.
type Cells [totalColumn + 1]int

func (c *Cells) add(col int) {
	c[col]++
	c[totalColumn]++
}

// RequestTable is table 三、收到和处理政府信息公开申请情况.
type RequestTable struct {
	New     Cells   // 一、本年新收: received in the year
	Carried Cells   // 二、上年结转: received before, not replied before the year
	Results []Cells // 三、本年度办理结果: replied in the year, by register.ResultValues
	Total   Cells   // （七）总计
	Out     Cells   // 四、结转下年度继续办理: received by the year's end, not replied by then
}

// AppealTable is table 四: by kind (行政复议, 行政诉讼 未经复议直接起诉,
// 复议后起诉) and result (维持, 纠正, 其他, 尚未审结, 总计).
type AppealTable [3][5]int

// DocClass returns the class an article counts under in table
// 第二十条第（一）项: category 规范性文件 → 行政规范性文件; category 法律法规
// with a doc_no or a title containing 规定, 办法 or 规章 → 规章; else "".
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

// AnnualReport counts the year: articles for table 二, src.Requests for
// tables 三 and 四, and takes the office's text and figures from in (nil:
// none written; the text is then a skeleton).
func AnnualReport(src *Source, year int, in *register.Annual) *Annual {
	cfg := src.Config
	p := span(year, 1, 12, strconv.Itoa(year), cfg.Location)
	r := &Annual{
		Title:     fmt.Sprintf("%s%d年政府信息公开工作年度报告", orgName(cfg), year),
		Year:      year,
		Period:    p,
		Cutoff:    cutoff(src, p),
		Documents: []DocCount{{Class: ClassRegulation}, {Class: ClassNormative}},
	}
	r.doc = newDoc(src, &p)
	r.doc.Issuer = r.doc.Org // the agency publishes its own report
	for _, a := range src.Articles {
		if a.Broken || !(src.Public[a] || a.WithdrawnPage(cfg, src.Now)) {
			continue
		}
		r.countDocument(src, a, p)
		if p.Contains(a.PublishedAt(cfg).Time) {
			r.Published++
		}
	}
	r.Requests = countRequests(src.Requests, p)
	r.Appeals = countAppeals(src.Requests, p)
	if in != nil {
		r.Figures = in.Figures
	}
	if in != nil && in.Narrative != nil {
		r.Text = *in.Narrative
	} else {
		r.Text, r.Skeleton = r.skeleton(), true
	}
	if r.Text.Preamble == "" {
		r.Text.Preamble = msgPreamble.F(year, year)
	}
	return r
}

// cutoff is the end of p, or now when earlier.
func cutoff(src *Source, p Period) time.Time {
	end := p.End.Add(-time.Nanosecond)
	if src.Now.Before(end) {
		return src.Now
	}
	return end
}

// countRequests fills table 三 from the register.
func countRequests(reqs []*register.Request, p Period) RequestTable {
	t := RequestTable{Results: make([]Cells, len(register.ResultValues()))}
	last := p.End.Add(-time.Nanosecond)
	for _, r := range reqs {
		col := slices.Index(register.ApplicantTypes, string(r.Applicant.Type))
		if r.Broken || col < 0 || r.Received.After(last) {
			continue
		}
		if p.Contains(r.Received.Time) {
			t.New.add(col)
		} else if !r.RepliedBy(p.Start.Add(-time.Nanosecond)) {
			t.Carried.add(col)
		} else {
			continue // answered before the year
		}
		if r.RepliedBy(last) {
			if i := register.ResultIndex(string(r.Reply.Result)); i >= 0 {
				t.Results[i].add(col)
				t.Total.add(col)
			}
			continue
		}
		t.Out.add(col)
	}
	return t
}

// countAppeals fills table 四 with the appeals dated in the year.
func countAppeals(reqs []*register.Request, p Period) AppealTable {
	var t AppealTable
	for _, r := range reqs {
		if r.Broken {
			continue
		}
		for _, a := range r.Appeals {
			k := slices.Index(register.AppealKinds, string(a.Kind))
			res := slices.Index(register.AppealResults, string(a.Result))
			if k < 0 || res < 0 || !p.Contains(a.At.Time) {
				continue
			}
			t[k][res]++
			t[k][4]++
		}
	}
	return t
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

// AnnualExtra is what the office adds to the annual report beyond the
// template: proactively disclosed information by 主题分类, and the year's
// withdrawals. Like table 二 it counts only articles that are public or were
// published and then withdrawn.
type AnnualExtra struct {
	Title      string
	Year       int
	Cutoff     time.Time
	doc        docInfo
	Categories []CategoryCount
	Withdrawn  []WithdrawnItem
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

// AnnualExtraReport counts the extra tables of the year.
func AnnualExtraReport(src *Source, year int) *AnnualExtra {
	cfg := src.Config
	p := span(year, 1, 12, strconv.Itoa(year), cfg.Location)
	r := &AnnualExtra{Title: fmt.Sprintf("%s%d年政府信息公开工作年度报告附表", orgName(cfg), year), Year: year, Cutoff: cutoff(src, p), doc: newDoc(src, &p)}
	cats := newCategories(cfg.Categories)
	for _, a := range src.Articles {
		if a.Broken || !(src.Public[a] || a.WithdrawnPage(cfg, src.Now)) {
			continue
		}
		cats.count(src, a, p, r.Cutoff)
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

// Write prints the extra tables in format.
func (r *AnnualExtra) Write(w io.Writer, format string) error {
	return write(w, format, r.Title, r.tables(), r.jsonValue(), r.doc)
}

func (r *AnnualExtra) tables() []*table {
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
	return []*table{cats, wd}
}

type jsonExtra struct {
	Year       int             `json:"year"`
	Categories []jsonCategory  `json:"categories"`
	Withdrawn  []jsonWithdrawn `json:"withdrawn"`
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

func (r *AnnualExtra) jsonValue() jsonExtra {
	out := jsonExtra{Year: r.Year, Categories: []jsonCategory{}, Withdrawn: []jsonWithdrawn{}}
	for _, c := range r.Categories {
		out.Categories = append(out.Categories, jsonCategory(c))
	}
	for _, it := range r.Withdrawn {
		out.Withdrawn = append(out.Withdrawn, jsonWithdrawn{it.Path, it.Title, day(it.At), it.Reason})
	}
	return out
}

// AnnualCategory is the 主题分类 the annual report is published in.
const AnnualCategory = "信息公开年度工作报告"
