package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/register"
)

// Awards ranks departments and authors for 信息工作先进科室 and 先进个人 by
// the year's points, and names what disqualifies them: 迟报 (an article
// submitted in the year and late by rule GK021), 漏报 (an event in
// annual/<year>-events.yaml that no article reports: none has an event of
// that date whose name equals, contains or is contained in the listed one;
// it counts against the event's department) and 失实 (an article withdrawn
// in the year for a reason that says so: see untrueWords).
type Awards struct {
	Title       string
	Year        int
	Departments []AwardRow
	Authors     []AwardRow
	// Missed are the events nobody reported.
	Missed []register.Event
	doc    docInfo
}

// AwardRow is one candidate.
type AwardRow struct {
	Name    string
	Points  float64
	Late    int
	Missed  int
	Untrue  int
	Reasons []string // what disqualifies, empty when eligible
}

// AwardsReport ranks the year's candidates.
func AwardsReport(src *Source, year int, events []register.Event) *Awards {
	cfg := src.Config
	p := span(year, 1, 12, strconv.Itoa(year), cfg.Location)
	r := &Awards{Title: fmt.Sprintf("%s%d年度信息工作先进科室和先进个人评选情况", orgName(cfg), year), Year: year, doc: newDoc(src, &p)}
	for _, ev := range events {
		if !reported(src, ev) {
			r.Missed = append(r.Missed, ev)
		}
	}
	for _, by := range []Grouping{ByDepartment, ByAuthor} {
		t := Tally(src, p, by)
		var rows []AwardRow
		for _, row := range t.Rows {
			ar := AwardRow{Name: row.Name, Points: row.Points, Late: row.Late}
			for _, a := range src.Articles {
				if !a.Broken && untrue(a, p) && slices.Contains(rowNames(a, by), row.Name) {
					ar.Untrue++
				}
			}
			for _, ev := range r.Missed {
				if by == ByDepartment && ev.Department == row.Name {
					ar.Missed++
				}
			}
			ar.Reasons = reasons(ar)
			rows = append(rows, ar)
		}
		if by == ByDepartment {
			r.Departments = rows
		} else {
			r.Authors = rows
		}
	}
	return r
}

// reported reports whether an article reports on the event: an event of
// the same day whose name equals, contains or is contained in the listed
// one (the office writes 项目集中签约活动, the article 全县重大项目集中签约活动).
func reported(src *Source, ev register.Event) bool {
	want := strings.TrimSpace(ev.Name)
	for _, a := range src.Articles {
		e := a.FM.Event
		if a.Broken || e == nil || e.Date.Day() != ev.Date.Day() {
			continue
		}
		if got := strings.TrimSpace(e.Name); got != "" && (strings.Contains(got, want) || strings.Contains(want, got)) {
			return true
		}
	}
	return false
}

// untrueWords are the words of a withdrawal reason that make it 失实: the
// information published was not true to the facts.
var untrueWords = []string{"失实", "不实", "有误", "错误", "不准确"}

// untrue reports whether the article was withdrawn in p as 失实.
func untrue(a *article.Article, p Period) bool {
	w := a.FM.Withdrawn
	return w != nil && p.Contains(w.At.Time) && containsAny(w.Reason, untrueWords...)
}

func reasons(r AwardRow) []string {
	var out []string
	if r.Late > 0 {
		out = append(out, fmt.Sprintf("迟报%d篇", r.Late))
	}
	if r.Missed > 0 {
		out = append(out, fmt.Sprintf("漏报%d次", r.Missed))
	}
	if r.Untrue > 0 {
		out = append(out, fmt.Sprintf("失实%d篇", r.Untrue))
	}
	return out
}

func (r *Awards) table(title, first string, rows []AwardRow) *table {
	t := &table{Title: title, Header: []string{"名次", first, "积分", "迟报", "漏报", "失实", "评先资格"}, Right: []bool{true, false, true, true, true, true, false}}
	for i, row := range rows {
		status := "符合"
		if len(row.Reasons) > 0 {
			status = "取消（" + strings.Join(row.Reasons, "，") + "）"
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), row.Name, number(row.Points), strconv.Itoa(row.Late), strconv.Itoa(row.Missed), strconv.Itoa(row.Untrue), status})
	}
	return t
}

// Write prints both rankings and the missed events.
func (r *Awards) Write(w io.Writer, format string) error {
	missed := &table{Title: "漏报的事项（annual/" + strconv.Itoa(r.Year) + "-events.yaml 中列出而无稿件报送）", Header: []string{"日期", "事项", "科室"}, Empty: "无漏报。"}
	for _, ev := range r.Missed {
		missed.Rows = append(missed.Rows, []string{ev.Date.Day(), ev.Name, ev.Department})
	}
	tables := []*table{r.table("信息工作先进科室", "科室", r.Departments), r.table("信息工作先进个人", "作者", r.Authors), missed}
	return write(w, format, r.Title, tables, r.jsonValue(), r.doc)
}

type jsonAward struct {
	Name     string   `json:"name"`
	Points   float64  `json:"points"`
	Late     int      `json:"late"`
	Missed   int      `json:"missed"`
	Untrue   int      `json:"untrue"`
	Eligible bool     `json:"eligible"`
	Reasons  []string `json:"reasons"`
}

type jsonAwards struct {
	Year        int          `json:"year"`
	Departments []jsonAward  `json:"departments"`
	Authors     []jsonAward  `json:"authors"`
	Missed      []jsonMissed `json:"missed"`
}

type jsonMissed struct {
	Date       string `json:"date"`
	Name       string `json:"name"`
	Department string `json:"department"`
}

func (r *Awards) jsonValue() jsonAwards {
	conv := func(rows []AwardRow) []jsonAward {
		out := []jsonAward{}
		for _, a := range rows {
			out = append(out, jsonAward{a.Name, a.Points, a.Late, a.Missed, a.Untrue, len(a.Reasons) == 0, append([]string{}, a.Reasons...)})
		}
		return out
	}
	missed := []jsonMissed{}
	for _, ev := range r.Missed {
		missed = append(missed, jsonMissed{ev.Date.Day(), ev.Name, ev.Department})
	}
	return jsonAwards{r.Year, conv(r.Departments), conv(r.Authors), missed}
}
