package report

import (
	"bufio"
	"fmt"
	"html"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/msg"
)

var (
	msgScope      = msg.New("report.doc_scope", "统计范围：%s", "Period: %s")
	msgScopeRange = msg.New("report.doc_scope_range", "%s至%s", "%s to %s")
	msgScopeAll   = msg.New("report.doc_scope_all", "全部稿件", "every article")
	msgCutoff     = msg.New("report.doc_cutoff", "统计截止日期：%s", "Counted up to: %s")
)

// docInfo is what makes an html report a document: whose it is, what it
// counts and up to when, and the 落款 (issuer and date).
type docInfo struct {
	Org    string // 某某县招商局
	Scope  string // 2025年1月1日至2025年3月31日
	Cutoff string // 2025年3月31日
	Issuer string // bulletin.issuer, else the agency's 办公室
	Date   string // the day the report was made
}

// newDoc describes a report over p (nil: every article).
func newDoc(src *Source, p *Period) docInfo {
	cfg := src.Config
	loc := cfg.Location
	d := docInfo{Org: orgName(cfg), Scope: msgScopeAll.F(), Issuer: cfg.Bulletin.Issuer, Date: article.ChineseDate(src.Now, loc)}
	if d.Issuer == "" {
		d.Issuer = d.Org + "办公室"
	}
	end := src.Now
	if p != nil {
		last := p.End.Add(-time.Nanosecond)
		d.Scope = msgScopeRange.F(article.ChineseDate(p.Start, loc), article.ChineseDate(last, loc))
		if last.Before(end) {
			end = last
		}
	}
	d.Cutoff = article.ChineseDate(end, loc)
	return d
}

// head prints the page up to the title and the document's scope.
func (d docInfo) head(w *bufio.Writer, title string) {
	e := html.EscapeString
	fmt.Fprintf(w, htmlHead, e(title), pageCSS, e(title))
	fmt.Fprintf(w, "<p class=\"scope\">%s　　%s</p>\n", e(msgScope.F(d.Scope)), e(msgCutoff.F(d.Cutoff)))
}

// foot prints the 落款 and closes the page.
func (d docInfo) foot(w *bufio.Writer) {
	e := html.EscapeString
	fmt.Fprintf(w, "<p class=\"signature\">%s<br>%s</p>\n</main>\n</body>\n</html>\n", e(d.Issuer), e(d.Date))
}
