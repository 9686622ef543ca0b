package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/register"
)

// Awards ranks departments and authors for 信息工作先进科室 and 先进个人 by
// the year's points, and names what disqualifies them: 迟报 (an article
// submitted late, GK021), 漏报 (an event in annual/<year>-events.yaml that
// no article reports: no article with that event name and date) and 失实
// (an article withdrawn in the year with 失实 in the reason).
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
				if !a.Broken && untrue(a, p) && contains(rowNames(a, by), row.Name) {
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

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// reported reports whether an article reports on the event.
func reported(src *Source, ev register.Event) bool {
	for _, a := range src.Articles {
		e := a.FM.Event
		if !a.Broken && e != nil && strings.TrimSpace(e.Name) == strings.TrimSpace(ev.Name) && e.Date.Day() == ev.Date.Day() {
			return true
		}
	}
	return false
}

// untrue reports whether the article was withdrawn in p as 失实.
func untrue(a *article.Article, p Period) bool {
	w := a.FM.Withdrawn
	return w != nil && p.Contains(w.At.Time) && strings.Contains(w.Reason, "失实")
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

func (r *Awards) jsonValue() any {
	conv := func(rows []AwardRow) []jsonAward {
		out := []jsonAward{}
		for _, a := range rows {
			out = append(out, jsonAward{a.Name, a.Points, a.Late, a.Missed, a.Untrue, len(a.Reasons) == 0, append([]string{}, a.Reasons...)})
		}
		return out
	}
	return map[string]any{"year": r.Year, "departments": conv(r.Departments), "authors": conv(r.Authors)}
}
