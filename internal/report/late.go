package report

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"time"
)

// LateList lists the late submissions (迟报, rule GK021).
type LateList struct {
	Title  string
	Period *Period // nil: every late article
	Items  []LateItem
	doc    docInfo
}

// LateItem is one late submission. Days counts working days, or calendar
// days when the kind has calendar_days (then CalendarDays is set).
type LateItem struct {
	Path         string
	Title        string
	Department   string
	Kind         string
	Event        time.Time // event.date
	Deadline     time.Time // the last day allowed
	Submitted    time.Time // the content review (内容审核) date
	Days         int
	CalendarDays bool
}

// Late lists every late article, sorted by event date then path. With a
// period, only the articles whose generation date (sign-off) falls in it,
// as the periodic report counts them; without, every late article, signed
// or not.
func Late(src *Source, p *Period) *LateList {
	cfg := src.Config
	l := &LateList{Title: orgName(cfg) + "迟报信息清单", Period: p, doc: newDoc(src, p)}
	if p != nil {
		l.Title = orgName(cfg) + p.Chinese() + "迟报信息清单"
	}
	for _, a := range src.Articles {
		if a.Broken || (p != nil && !p.Contains(a.Generated(cfg).Time)) {
			continue
		}
		days, late := a.Late(cfg)
		if !late {
			continue
		}
		deadline, _ := a.ReportDeadline(cfg)
		submitted, _ := a.Submitted(cfg)
		k := cfg.Kind(a.FM.Kind)
		l.Items = append(l.Items, LateItem{
			Path: a.Path, Title: a.FM.Title, Department: a.FM.Department, Kind: a.FM.Kind,
			Event: a.FM.Event.Date.In(cfg.Location), Deadline: deadline, Submitted: submitted,
			Days: days, CalendarDays: k != nil && k.CalendarDays,
		})
	}
	slices.SortFunc(l.Items, func(a, b LateItem) int {
		return cmp.Or(a.Event.Compare(b.Event), cmp.Compare(a.Path, b.Path))
	})
	return l
}

// Write prints the list in format (text, md, csv, json or html).
func (l *LateList) Write(w io.Writer, format string) error {
	return write(w, format, l.Title, []*table{l.table()}, l.jsonValue(), l.doc)
}

func (l *LateList) table() *table {
	t := &table{
		Header: []string{"文件", "标题", "科室", "信息类型", "事件日期", "报送时限", "内容审核日期", "迟报天数", "计算方式"},
		Right:  []bool{7: true},
		Empty:  "无迟报信息。",
	}
	for _, it := range l.Items {
		t.Rows = append(t.Rows, []string{it.Path, it.Title, it.Department, it.Kind,
			day(it.Event), day(it.Deadline), day(it.Submitted), strconv.Itoa(it.Days), unit(it.CalendarDays)})
	}
	return t
}

func day(t time.Time) string { return t.Format("2006-01-02") }

func unit(calendarDays bool) string {
	if calendarDays {
		return "自然日"
	}
	return "工作日"
}

type jsonLate struct {
	Period string         `json:"period"`
	Items  []jsonLateItem `json:"items"`
}

type jsonLateItem struct {
	Path       string `json:"path"`
	Title      string `json:"title"`
	Department string `json:"department"`
	Kind       string `json:"kind"`
	Event      string `json:"event_date"`
	Deadline   string `json:"deadline"`
	Submitted  string `json:"content_review"`
	Days       int    `json:"days_late"`
	Unit       string `json:"unit"` // "workdays" or "days"
}

func (l *LateList) jsonValue() jsonLate {
	out := jsonLate{Items: []jsonLateItem{}}
	if l.Period != nil {
		out.Period = l.Period.Label
	}
	for _, it := range l.Items {
		u := "workdays"
		if it.CalendarDays {
			u = "days"
		}
		out.Items = append(out.Items, jsonLateItem{it.Path, it.Title, it.Department, it.Kind,
			day(it.Event), day(it.Deadline), day(it.Submitted), it.Days, u})
	}
	return out
}
