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

// readSchedules reads and parses the calendar file name from fsys.
func readSchedules(fsys fs.FS, name string) (map[int][]dayEntry, diag.List) {
	var findings diag.List
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	if !fs.ValidPath(clean) {
		findings.Errorf(diag.Pos{Path: FileName}, "GK002", "calendar %q must be a relative path inside the repository", name)
		return nil, findings
	}
	src, err := fs.ReadFile(fsys, clean)
	if err != nil {
		findings.Errorf(diag.Pos{Path: clean}, "GK002", "cannot read the calendar file named in %s: %v", FileName, err)
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
		_, msg := yamlErrorLine(err)
		p.findings.Errorf(diag.Pos{Path: name, Line: strictyaml.SyntaxErrorLine(src)}, "GK001", "%s", msg)
		return nil, p.findings
	}
	if root.Kind == 0 {
		p.findings.Errorf(diag.Pos{Path: name}, "GK002", "%s is empty (want years, each with off and work lists)", name)
		return nil, p.findings
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		p.errorf(doc, 0, "GK002", "%s must map years to off and work lists, not %s", name, nodeKind(doc))
		return nil, p.findings
	}
	years := map[int][]dayEntry{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		y, err := strconv.Atoi(k.Value)
		switch {
		case k.Kind != yaml.ScalarNode || err != nil || len(k.Value) != 4 || !digits(k.Value):
			p.errorf(k, 0, "GK002", "%s is not a year (want a year such as 2027)", nodeKind(k))
		case years[y] != nil:
			p.errorf(k, 0, "GK002", "year %d appears twice", y)
		default:
			years[y] = p.year(y, v)
		}
	}
	return years, p.findings
}

// year parses one year's {off: [...], work: [...]}.
func (p *scheduleParser) year(y int, n *yaml.Node) []dayEntry {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, 0, "GK002", "year %d must be a mapping with off and work lists, not %s", y, nodeKind(n))
		return []dayEntry{}
	}
	entries := []dayEntry{}
	listed := map[int]bool{} // day → work, to catch a day both off and work
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Value != "off" && k.Value != "work":
			p.errorf(k, 0, "GK002", "unknown key \"%d.%s\" (keys: off, work)%s", y, k.Value, strictyaml.Suggest(k.Value, []string{"off", "work"}))
			continue
		case seen[k.Value]:
			p.errorf(k, 0, "GK002", "key \"%d.%s\" appears twice", y, k.Value)
			continue
		}
		seen[k.Value] = true
		work := k.Value == "work"
		if v.Kind != yaml.SequenceNode {
			p.errorf(v, 0, "GK002", "%d.%s must be a list of dates, not %s", y, k.Value, nodeKind(v))
			continue
		}
		for _, item := range v.Content {
			conflict := false // one finding per item, not per day of a range
			for _, day := range p.days(y, item) {
				if w, ok := listed[day]; ok && w != work && !conflict {
					p.errorf(item, 0, "GK002", "%s is listed both off and work in %d", formatDay(day), y)
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
		p.errorf(n, 0, "GK002", "a date or a range of dates must be a single value, not %s", nodeKind(n))
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
		p.errorf(n, quote, "GK002", "range %s ends before it starts", n.Value)
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
	if len(t) != 10 || t[4] != '-' || t[7] != '-' || !digits(t[:4]+t[5:7]+t[8:]) {
		p.errorf(n, col, "GK002", "%q is not a date (want 2027-10-01) or a range of dates (2027-10-01..2027-10-07)", t)
		return 0, false
	}
	yy, _ := strconv.Atoi(t[:4])
	mm, _ := strconv.Atoi(t[5:7])
	dd, _ := strconv.Atoi(t[8:])
	if mm < 1 || mm > 12 {
		p.errorf(n, col, "GK043", "%s is not a real date (there is no month %d)", t, mm)
		return 0, false
	}
	if last := daysIn(yy, time.Month(mm)); dd < 1 || dd > last {
		p.errorf(n, col, "GK043", "%s is not a real date (%s %d has %d days)", t, time.Month(mm), yy, last)
		return 0, false
	}
	day := civilDay(yy, time.Month(mm), dd)
	if day < civilDay(y-1, time.December, 1) || day > civilDay(y+1, time.January, 31) {
		p.errorf(n, col, "GK002", "%s is not in %d (a year's schedule may reach only into the December before or the January after)", t, y)
		return 0, false
	}
	return day, true
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool { return strings.Trim(s, "0123456789") == "" }

// nodeKind describes a node for a message.
func nodeKind(n *yaml.Node) string {
	if strictyaml.IsNull(n) {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}
