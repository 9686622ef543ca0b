package config

import (
	"bytes"
	_ "embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// Calendar knows which days are working days: Monday–Friday, minus public
// holidays, plus make-up working days (调休), for the years it knows. Outside
// those years it counts Monday–Friday. A nil *Calendar knows no year.
//
// Every method takes the civil date (year, month, day) of a time.Time in the
// time's own location and ignores the clock; dates it returns are at midnight
// in the location of the date it was given.
type Calendar struct {
	known map[int]bool
	// exceptions maps the day number (days since 1970-01-01) of each day that
	// differs from Monday–Friday to whether it is a working day.
	exceptions map[int]bool
	// sorted holds the keys of exceptions in ascending order.
	sorted []int
	// years holds each known year's schedule as listed.
	years map[int][]dayEntry
}

// dayEntry is one day of a year's schedule: off (a holiday) or work (调休).
type dayEntry struct {
	day  int // days since 1970-01-01
	work bool
}

//go:embed holidays.yaml
var shippedSource []byte

// shippedName names the embedded schedules in (never expected) findings.
const shippedName = "internal/config/holidays.yaml"

// shipped returns the embedded State Council schedules, by year.
var shipped = sync.OnceValue(func() map[int][]dayEntry {
	years, findings := parseSchedules(shippedSource, shippedName)
	if len(findings) > 0 {
		panic(fmt.Sprintf("config: bad built-in holiday schedules: %v", findings))
	}
	return years
})

// ShippedCalendar returns the calendar of the built-in years (2008–2026),
// for callers that have no gongkai.yaml, such as tests.
func ShippedCalendar() *Calendar {
	return newCalendar(shipped())
}

// loadCalendar returns the shipped calendar extended by the file named in
// gongkai.yaml (if any); a year in the file replaces the shipped year. The
// file's problems are findings at their positions in that file.
func loadCalendar(fsys fs.FS, name string) (*Calendar, diag.List) {
	years := maps.Clone(shipped())
	if name == "" {
		return newCalendar(years), nil
	}
	file, findings := readSchedules(fsys, name)
	maps.Copy(years, file)
	return newCalendar(years), findings
}

// The calendar file's mistakes.
var (
	msgCalRelative = msg.New("config.calendar_relative",
		"calendar 应为仓库内的相对路径，不能是“%s”",
		"calendar %q must be a relative path inside the repository")
	msgCalUnreadable = msg.New("config.calendar_unreadable",
		"无法读取 %s 中 calendar 指定的节假日安排文件：%v",
		"cannot read the calendar file named in %s: %v")
	msgCalEmpty = msg.New("config.calendar_empty",
		"%s 是空文件：应按年份写明 off（放假）和 work（调休上班）两个日期列表",
		"%s is empty (want years, each with off and work lists)")
	msgCalNotMapping = msg.New("config.calendar_not_mapping",
		"%s 应按年份列出 off 和 work 两个日期列表，而不是%s",
		"%s must map years to off and work lists, not %s")
	msgCalNotYear = msg.New("config.calendar_not_year",
		"%s不是年份：请写四位年份，如 2027",
		"%s is not a year (want a year such as 2027)")
	msgCalYearTwice = msg.New("config.calendar_year_twice",
		"%d 年出现了两次：每一年只能写一次",
		"year %d appears twice")
	msgCalYearNotMapping = msg.New("config.calendar_year_not_mapping",
		"%d 年之下应写 off 和 work 两个日期列表，而不是%s",
		"year %d must be a mapping with off and work lists, not %s")
	msgCalUnknownKey = msg.New("config.calendar_unknown_key",
		"未知的键“%d.%s”%s：每一年之下只能写 off（放假）和 work（调休上班）",
		"unknown key \"%d.%s\"%s (keys: off, work)")
	msgCalKeyTwice = msg.New("config.calendar_key_twice",
		"键“%d.%s”出现了两次：同一个键只能写一次",
		"key \"%d.%s\" appears twice")
	msgCalNotList = msg.New("config.calendar_not_list",
		"%d.%s 应为日期列表，如 [2027-10-01..2027-10-07]，而不是%s",
		"%d.%s must be a list of dates, not %s")
	msgCalBoth = msg.New("config.calendar_both",
		"%s 在 %d 年中既列为放假（off）又列为上班（work），请删去其中一处",
		"%s is listed both off and work in %d")
	msgCalNotScalar = msg.New("config.calendar_not_scalar",
		"列表的每一项应为一个日期或一段日期，而不是%s",
		"a date or a range of dates must be a single value, not %s")
	msgCalBackwards = msg.New("config.calendar_backwards",
		"日期范围 %s 的结束日早于开始日",
		"range %s ends before it starts")
	msgCalNotDate = msg.New("config.calendar_not_date",
		"“%s”不是日期：请写成 2027-10-01，或写一段日期 2027-10-01..2027-10-07",
		"%q is not a date (want 2027-10-01) or a range of dates (2027-10-01..2027-10-07)")
	msgCalNoMonth = msg.New("config.calendar_no_month",
		"%s 不是真实存在的日期（没有%d月）",
		"%s is not a real date (there is no month %d)")
	msgCalNoDay = msg.New("config.calendar_no_day",
		"%s 不是真实存在的日期（%d年%d月只有%d天）",
		"%s is not a real date (%d-%02d has %d days)")
	msgCalOutOfYear = msg.New("config.calendar_out_of_year",
		"%s 不属于 %d 年：一年的安排最多只能延伸到上一年的12月和下一年的1月",
		"%s is not in %d (a year's schedule may reach only into the December before or the January after)")
	msgCalNothing  = msg.New("config.calendar_nothing", "空值", "nothing")
	msgCalAMapping = msg.New("config.calendar_a_mapping", "“键: 值”的映射", "a mapping")
	msgCalAList    = msg.New("config.calendar_a_list", "列表", "a list")
	msgCalQuoted   = msg.New("config.calendar_quoted", "“%s”", "%q")
)

// readSchedules reads and parses the calendar file name from fsys.
func readSchedules(fsys fs.FS, name string) (map[int][]dayEntry, diag.List) {
	var findings diag.List
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	if !fs.ValidPath(clean) {
		findings.Errorf(diag.Pos{Path: FileName}, "GK002", msgCalRelative.T(), name)
		return nil, findings
	}
	src, err := fs.ReadFile(fsys, clean)
	if err != nil {
		findings.Errorf(diag.Pos{Path: clean}, "GK002", msgCalUnreadable.T(), FileName, msg.Cause(err))
		return nil, findings
	}
	return parseSchedules(src, clean)
}

// newCalendar builds a calendar from schedules by year. Where the schedules
// of two years name the same day, the year the day belongs to wins.
func newCalendar(years map[int][]dayEntry) *Calendar {
	c := &Calendar{known: map[int]bool{}, exceptions: map[int]bool{}, years: years}
	order := slices.Sorted(maps.Keys(years))
	for _, own := range []bool{false, true} {
		for _, y := range order {
			c.known[y] = true
			for _, e := range years[y] {
				if (dateOf(e.day, time.UTC).Year() == y) == own {
					c.set(e)
				}
			}
		}
	}
	c.sorted = slices.Sorted(maps.Keys(c.exceptions))
	return c
}

// set records e, as an exception only if it differs from Monday–Friday.
func (c *Calendar) set(e dayEntry) {
	if e.work == isWeekday(e.day) {
		delete(c.exceptions, e.day)
		return
	}
	c.exceptions[e.day] = e.work
}

// IsWorkday reports whether t's date is a working day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	return c.workday(dayNumber(t))
}

// Known reports whether the calendar has the holiday schedule of year.
func (c *Calendar) Known(year int) bool {
	return c != nil && c.known[year]
}

// Schedule returns a known year's schedule: the days off (holidays, weekends
// inside them included) and the make-up working days, each in ascending
// order, as midnight UTC; ok is false for a year the calendar does not know.
func (c *Calendar) Schedule(year int) (off, work []time.Time, ok bool) {
	if !c.Known(year) {
		return nil, nil, false
	}
	for _, e := range c.years[year] {
		if e.work {
			work = append(work, dateOf(e.day, time.UTC))
		} else {
			off = append(off, dateOf(e.day, time.UTC))
		}
	}
	byDate := func(a, b time.Time) int { return a.Compare(b) }
	slices.SortFunc(off, byDate)
	slices.SortFunc(work, byDate)
	return slices.Compact(off), slices.Compact(work), true
}

// AddWorkdays returns the n-th working day after d's date: d itself does not
// count, so n = 0 returns d's date. A negative n counts back before d.
func (c *Calendar) AddWorkdays(d time.Time, n int) time.Time {
	day, step := dayNumber(d), 1
	if n < 0 {
		n, step = -n, -1
	}
	for n > 0 {
		day += step
		if c.workday(day) {
			n--
		}
	}
	return dateOf(day, d.Location())
}

// WorkdaysBetween returns the number of working days after from's date up to
// and including to's date (0 when to's date is not after from's), so that
// WorkdaysBetween(d, AddWorkdays(d, n)) == n for n ≥ 0.
func (c *Calendar) WorkdaysBetween(from, to time.Time) int {
	a, b := dayNumber(from), dayNumber(to)
	if b <= a {
		return 0
	}
	n := weekdaysThrough(b) - weekdaysThrough(a)
	if c == nil {
		return n
	}
	i, _ := slices.BinarySearch(c.sorted, a+1)
	for ; i < len(c.sorted) && c.sorted[i] <= b; i++ {
		if c.exceptions[c.sorted[i]] {
			n++
		} else {
			n--
		}
	}
	return n
}

// UnknownYears returns, in ascending order, the years from from's to to's
// (in either order) whose holiday schedule the calendar does not have, where
// it counts Monday–Friday.
func (c *Calendar) UnknownYears(from, to time.Time) []int {
	lo, hi := from.Year(), to.Year()
	if hi < lo {
		lo, hi = hi, lo
	}
	var out []int
	for y := lo; y <= hi; y++ {
		if !c.Known(y) {
			out = append(out, y)
		}
	}
	return out
}

// workday reports whether the day with day number day is a working day.
func (c *Calendar) workday(day int) bool {
	if c != nil {
		if w, ok := c.exceptions[day]; ok {
			return w
		}
	}
	return isWeekday(day)
}

// dayNumber returns the number of days from 1970-01-01 to t's civil date.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return civilDay(y, m, d)
}

// civilDay returns the day number of the date y-m-d.
func civilDay(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dateOf returns midnight of the day with day number day in loc.
func dateOf(day int, loc *time.Location) time.Time {
	return time.Date(1970, time.January, 1+day, 0, 0, 0, 0, loc)
}

// formatDay formats a day number as 2006-01-02.
func formatDay(day int) string {
	return dateOf(day, time.UTC).Format(time.DateOnly)
}

// isWeekday reports whether the day is Monday to Friday.
func isWeekday(day int) bool {
	_, i := mondayWeeks(day)
	return i < 5
}

// weekdaysThrough returns the number of Mondays to Fridays from some fixed
// Monday up to and including day; only differences are meaningful.
func weekdaysThrough(day int) int {
	weeks, i := mondayWeeks(day)
	return 5*weeks + min(i+1, 5)
}

// mondayWeeks splits a day number into whole weeks since the Monday
// 1970-01-05 (floored) and the weekday index, 0 for Monday to 6 for Sunday.
func mondayWeeks(day int) (weeks, i int) {
	s := day - 4
	weeks, i = s/7, s%7
	if i < 0 {
		weeks, i = weeks-1, i+7
	}
	return weeks, i
}

// scheduleParser collects the findings of one schedule file.
type scheduleParser struct {
	path     string
	findings diag.List
}

func (p *scheduleParser) errorf(n *yaml.Node, col int, id, format string, args ...any) {
	p.findings.Errorf(diag.Pos{Path: p.path, Line: n.Line, Col: n.Column + col}, id, format, args...)
}

// parseSchedules parses a schedule file: years, each mapping off and work to
// lists of dates (2025-10-01) and ranges (2025-10-01..2025-10-08).
func parseSchedules(src []byte, name string) (map[int][]dayEntry, diag.List) {
	p := &scheduleParser{path: name}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		_, text := yamlErrorLine(err)
		line := strictyaml.SyntaxErrorLine(src)
		col, text := strictyaml.Explain(src, line, text)
		p.findings.Errorf(diag.Pos{Path: name, Line: line, Col: col}, "GK001", "%s", text)
		return nil, p.findings
	}
	if root.Kind == 0 {
		p.findings.Errorf(diag.Pos{Path: name}, "GK002", msgCalEmpty.T(), name)
		return nil, p.findings
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		p.errorf(doc, 0, "GK002", msgCalNotMapping.T(), name, nodeKind(doc))
		return nil, p.findings
	}
	years := map[int][]dayEntry{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		y, err := strconv.Atoi(k.Value)
		switch {
		case k.Kind != yaml.ScalarNode || err != nil || len(k.Value) != 4 || !Digits(k.Value):
			p.errorf(k, 0, "GK002", msgCalNotYear.T(), nodeKind(k))
		case years[y] != nil:
			p.errorf(k, 0, "GK002", msgCalYearTwice.T(), y)
		default:
			years[y] = p.year(y, v)
		}
	}
	return years, p.findings
}

// year parses one year's {off: [...], work: [...]}.
func (p *scheduleParser) year(y int, n *yaml.Node) []dayEntry {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, 0, "GK002", msgCalYearNotMapping.T(), y, nodeKind(n))
		return []dayEntry{}
	}
	entries := []dayEntry{}
	listed := map[int]bool{} // day → work, to catch a day both off and work
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Value != "off" && k.Value != "work":
			p.errorf(k, 0, "GK002", msgCalUnknownKey.T(), y, k.Value, strictyaml.Suggest(k.Value, []string{"off", "work"}))
			continue
		case seen[k.Value]:
			p.errorf(k, 0, "GK002", msgCalKeyTwice.T(), y, k.Value)
			continue
		}
		seen[k.Value] = true
		work := k.Value == "work"
		if v.Kind != yaml.SequenceNode {
			p.errorf(v, 0, "GK002", msgCalNotList.T(), y, k.Value, nodeKind(v))
			continue
		}
		for _, item := range v.Content {
			conflict := false // one finding per item, not per day of a range
			for _, day := range p.days(y, item) {
				if w, ok := listed[day]; ok && w != work && !conflict {
					p.errorf(item, 0, "GK002", msgCalBoth.T(), formatDay(day), y)
					conflict = true
				}
				listed[day] = work
				entries = append(entries, dayEntry{day, work})
			}
		}
	}
	return entries
}

// days returns the days of one list item of year y: a date or a range.
func (p *scheduleParser) days(y int, n *yaml.Node) []int {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, 0, "GK002", msgCalNotScalar.T(), nodeKind(n))
		return nil
	}
	quote := 0
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		quote = 1
	}
	first, last, isRange := strings.Cut(n.Value, "..")
	a, ok := p.date(y, n, quote, first)
	b := a
	if isRange {
		var okB bool
		b, okB = p.date(y, n, quote+len(first)+2, last)
		ok = ok && okB
	}
	if !ok {
		return nil
	}
	if b < a {
		p.errorf(n, quote, "GK002", msgCalBackwards.T(), n.Value)
		return nil
	}
	days := make([]int, 0, b-a+1)
	for d := a; d <= b; d++ {
		days = append(days, d)
	}
	return days
}

// date parses one YYYY-MM-DD at column offset col of n and checks that it is
// a real date within reach of year y (its December before to January after).
func (p *scheduleParser) date(y int, n *yaml.Node, col int, s string) (int, bool) {
	t := strings.TrimSpace(s)
	col += strings.Index(s, t)
	if len(t) != 10 || t[4] != '-' || t[7] != '-' || !Digits(t[:4]+t[5:7]+t[8:]) {
		p.errorf(n, col, "GK002", msgCalNotDate.T(), t)
		return 0, false
	}
	yy, _ := strconv.Atoi(t[:4])
	mm, _ := strconv.Atoi(t[5:7])
	dd, _ := strconv.Atoi(t[8:])
	if mm < 1 || mm > 12 {
		p.errorf(n, col, "GK043", msgCalNoMonth.T(), t, mm)
		return 0, false
	}
	if last := daysIn(yy, time.Month(mm)); dd < 1 || dd > last {
		p.errorf(n, col, "GK043", msgCalNoDay.T(), t, yy, mm, last)
		return 0, false
	}
	day := civilDay(yy, time.Month(mm), dd)
	if day < civilDay(y-1, time.December, 1) || day > civilDay(y+1, time.January, 31) {
		p.errorf(n, col, "GK002", msgCalOutOfYear.T(), t, y)
		return 0, false
	}
	return day, true
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Digits reports whether s is one or more ASCII digits (a year, a serial,
// the parts of a date): the one test of config, indexno and check.
func Digits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// nodeKind describes a node for a message.
func nodeKind(n *yaml.Node) string {
	if strictyaml.IsNull(n) {
		return msgCalNothing.F()
	}
	switch n.Kind {
	case yaml.MappingNode:
		return msgCalAMapping.F()
	case yaml.SequenceNode:
		return msgCalAList.F()
	}
	return msgCalQuoted.F(n.Value)
}
