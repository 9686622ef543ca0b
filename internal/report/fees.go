package report

import (
	"bufio"
	"cmp"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"time"

	"gongkai/internal/article"
)

// FeeList is every adoption of a period with its points and 稿费, and each
// author's share: what finance pays from (report --fees).
type FeeList struct {
	Title  string
	Period Period
	Items  []FeeItem
	// Claims are the authors' 稿费申领单, in pinyin order.
	Claims      []Claim
	doc         docInfo
	points, fee int64
}

// FeeItem is one adoption.
type FeeItem struct {
	Path, Title, Department string
	Authors                 []string
	Outlet, Level, Form     string
	Issue                   string
	Date                    time.Time
	Award                   bool
	points, fee             int64 // hundredths; fee in 分
}

// Claim is one author's 稿费申领单: their share of each adoption.
type Claim struct {
	Name, Unit string
	Lines      []ClaimLine
	fee        int64
}

// ClaimLine is one adoption on a claim.
type ClaimLine struct {
	Item *FeeItem
	fee  int64 // the author's share, in 分
}

// Fees lists the adoptions dated in p, sorted by date then article, and
// splits each fee among the article's authors (equal shares in 分, the
// remainder to the first author).
func Fees(src *Source, p Period) *FeeList {
	cfg := src.Config
	l := &FeeList{Title: orgName(cfg) + p.Chinese() + "信息采用及稿费清单", Period: p, doc: newDoc(src, &p)}
	for _, a := range src.Articles {
		if a.Broken {
			continue
		}
		for _, ad := range a.FM.Adoptions {
			if cfg.LevelIndex(ad.Level) < 0 || !p.Contains(ad.Date.Time) {
				continue
			}
			points, fee := adoptionValue(cfg, ad)
			l.Items = append(l.Items, FeeItem{Path: a.Path, Title: a.FM.Title, Department: a.FM.Department,
				Authors: rowNames(a, ByAuthor), Outlet: ad.Outlet, Level: ad.Level, Form: ad.Form, Issue: ad.Issue,
				Date: ad.Date.In(cfg.Location), Award: ad.Award, points: points, fee: fee})
			l.points += points
			l.fee += fee
		}
	}
	slices.SortFunc(l.Items, func(a, b FeeItem) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Outlet, b.Outlet))
	})
	l.Claims = claims(src, l.Items)
	return l
}

// claims gathers each author's shares of the items.
func claims(src *Source, items []FeeItem) []Claim {
	byName := map[string]*Claim{}
	var names []string
	for i := range items {
		it := &items[i]
		for j, s := range shares(it.fee, len(it.Authors)) {
			name := it.Authors[j]
			c := byName[name]
			if c == nil {
				c = &Claim{Name: name, Unit: it.Department}
				if p := src.Config.Person(name); p != nil && p.Department != "" {
					c.Unit = p.Department
				}
				c.Unit = orgName(src.Config) + c.Unit
				byName[name] = c
				names = append(names, name)
			}
			c.Lines = append(c.Lines, ClaimLine{Item: it, fee: s})
			c.fee += s
		}
	}
	rows := make([]Row, len(names))
	for i, n := range names {
		rows[i] = Row{Name: n}
	}
	sortRows(rows)
	out := make([]Claim, len(rows))
	for i, r := range rows {
		out[i] = *byName[r.Name]
	}
	return out
}

// yuan formats an amount in 分 as 元.
func yuan(fen int64) string { return number(float64(fen) / 100) }

func (l *FeeList) table() *table {
	t := &table{Header: []string{"日期", "文章", "作者", "刊物", "级别", "形式", "积分", "稿费（元）"},
		Right: []bool{false, false, false, false, false, false, true, true}, Empty: "本期没有采用记录。"}
	for _, it := range l.Items {
		form := it.Form
		if it.Award {
			form += "（优质稿件）"
		}
		t.Rows = append(t.Rows, []string{day(it.Date), it.Title, strings.Join(it.Authors, "、"), it.Outlet, it.Level, form, yuan(it.points), yuan(it.fee)})
	}
	t.Foot = []string{"合计", "", "", "", "", "", yuan(l.points), yuan(l.fee)}
	return t
}

func (l *FeeList) sharesTable() *table {
	t := &table{Title: "稿费按作者分配（共同作者均分，尾差计入第一作者）", Header: []string{"作者", "单位", "篇次", "稿费（元）"}, Right: []bool{false, false, true, true}}
	for _, c := range l.Claims {
		t.Rows = append(t.Rows, []string{c.Name, c.Unit, fmt.Sprint(len(c.Lines)), yuan(c.fee)})
	}
	t.Foot = []string{"合计", "", fmt.Sprint(len(l.Items)), yuan(l.fee)}
	return t
}

// Write prints the list and the shares; html adds each author's 稿费申领单
// on a page of its own.
func (l *FeeList) Write(w io.Writer, format string) error {
	tables := []*table{l.table(), l.sharesTable()}
	if format != "html" {
		return write(w, format, l.Title, tables, l.jsonValue(), l.doc)
	}
	bw := bufio.NewWriter(w)
	var body strings.Builder
	writeHTML(&body, l.Title, l.doc, tables...)
	page := strings.TrimSuffix(body.String(), "</main>\n</body>\n</html>\n")
	bw.WriteString(page)
	for _, c := range l.Claims {
		l.writeClaim(bw, c)
	}
	bw.WriteString("</main>\n</body>\n</html>\n")
	return bw.Flush()
}

// writeClaim prints one 稿费申领单 in the seed's form.
func (l *FeeList) writeClaim(w *bufio.Writer, c Claim) {
	e := html.EscapeString
	fmt.Fprintf(w, "<section class=\"claim\">\n<h1>稿费申领单</h1>\n<p class=\"scope\">%s</p>\n<table>\n", e(l.Period.Chinese()))
	fmt.Fprintf(w, "<tr><th scope=\"row\">姓名</th><td>%s</td><th scope=\"row\">单位</th><td colspan=\"3\">%s</td></tr>\n", e(c.Name), e(c.Unit))
	w.WriteString("<tr><th scope=\"col\">文章题目</th><th scope=\"col\">发表报刊</th><th scope=\"col\">期数</th><th scope=\"col\">时间</th><th scope=\"col\" colspan=\"2\">奖励金额（元）</th></tr>\n")
	for _, ln := range c.Lines {
		it := ln.Item
		title := it.Title
		if others := slices.DeleteFunc(slices.Clone(it.Authors), func(n string) bool { return n == c.Name }); len(others) > 0 {
			title += "（与" + strings.Join(others, "、") + "合作，稿费均分）"
		}
		if it.Award {
			title += "（优质稿件）"
		}
		fmt.Fprintf(w, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\" colspan=\"2\">%s</td></tr>\n",
			e(title), e(it.Outlet), e(it.Issue), e(article.ChineseDate(it.Date, it.Date.Location())), yuan(ln.fee))
	}
	fmt.Fprintf(w, "<tr><th scope=\"row\" colspan=\"4\">合计</th><td class=\"num\" colspan=\"2\">%s</td></tr>\n", yuan(c.fee))
	w.WriteString("<tr><th scope=\"row\">办公室意见</th><td class=\"blank\" colspan=\"5\"></td></tr>\n")
	w.WriteString("<tr><th scope=\"row\">领导批示</th><td class=\"blank\" colspan=\"5\"></td></tr>\n</table>\n</section>\n")
}

type jsonFees struct {
	Period string      `json:"period"`
	Items  []jsonFee   `json:"items"`
	Claims []jsonClaim `json:"claims"`
	Points float64     `json:"points"`
	Fee    float64     `json:"fee"`
}

type jsonFee struct {
	Path    string   `json:"path"`
	Title   string   `json:"title"`
	Authors []string `json:"authors"`
	Outlet  string   `json:"outlet"`
	Level   string   `json:"level"`
	Form    string   `json:"form"`
	Issue   string   `json:"issue"`
	Date    string   `json:"date"`
	Award   bool     `json:"award"`
	Points  float64  `json:"points"`
	Fee     float64  `json:"fee"`
}

type jsonClaim struct {
	Name string  `json:"name"`
	Unit string  `json:"unit"`
	Fee  float64 `json:"fee"`
}

func (l *FeeList) jsonValue() jsonFees {
	out := jsonFees{Period: l.Period.Label, Items: []jsonFee{}, Claims: []jsonClaim{}, Points: float64(l.points) / 100, Fee: float64(l.fee) / 100}
	for _, it := range l.Items {
		out.Items = append(out.Items, jsonFee{it.Path, it.Title, it.Authors, it.Outlet, it.Level, it.Form, it.Issue, day(it.Date), it.Award, float64(it.points) / 100, float64(it.fee) / 100})
	}
	for _, c := range l.Claims {
		out.Claims = append(out.Claims, jsonClaim{c.Name, c.Unit, float64(c.fee) / 100})
	}
	return out
}
