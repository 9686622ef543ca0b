package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/msg"
)

var msgBadPeriod = msg.New("report.bad_period",
	"统计期间“%s”无法识别：请写月份（2025-03）、季度（2025Q1）、半年（2025H1）或年份（2025）",
	"period %q: write a month (2025-03), a quarter (2025Q1), a half year (2025H1) or a year (2025)")

// Period is a month, a quarter or a year in the site's time zone: the
// instants from Start (inclusive) to End (exclusive).
type Period struct {
	Start, End time.Time
	// Label is how the period was written: "2025-03", "2025Q1" or "2025".
	Label string
}

// ParsePeriod reads a month (2025-03), a quarter (2025Q1, 2025q1), a half
// year (2025H1, for the units that report every half year) or a year
// (2025), in loc.
func ParsePeriod(s string, loc *time.Location) (Period, error) {
	s = strings.TrimSpace(s)
	bad := msgBadPeriod.Error(s)
	if len(s) < 4 {
		return Period{}, bad
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || year < 1000 {
		return Period{}, bad
	}
	rest := s[4:]
	switch {
	case rest == "":
		return span(year, 1, 12, s, loc), nil
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4':
		q := int(rest[1] - '0')
		return span(year, time.Month(3*q-2), 3, fmt.Sprintf("%dQ%d", year, q), loc), nil
	case len(rest) == 2 && (rest[0] == 'H' || rest[0] == 'h') && (rest[1] == '1' || rest[1] == '2'):
		h := int(rest[1] - '0')
		return span(year, time.Month(6*h-5), 6, fmt.Sprintf("%dH%d", year, h), loc), nil
	case len(rest) == 3 && rest[0] == '-':
		m, err := strconv.Atoi(rest[1:])
		if err != nil || m < 1 || m > 12 {
			return Period{}, bad
		}
		return span(year, time.Month(m), 1, s, loc), nil
	}
	return Period{}, bad
}

// QuarterOf returns the quarter that contains t, in loc.
func QuarterOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	q := (int(t.Month())-1)/3 + 1
	return span(t.Year(), time.Month(3*q-2), 3, fmt.Sprintf("%dQ%d", t.Year(), q), loc)
}

func span(year int, first time.Month, months int, label string, loc *time.Location) Period {
	start := time.Date(year, first, 1, 0, 0, 0, 0, loc)
	return Period{Start: start, End: start.AddDate(0, months, 0), Label: label}
}

// Contains reports whether t falls in the period. The zero time never does.
func (p Period) Contains(t time.Time) bool {
	return !t.IsZero() && !t.Before(p.Start) && t.Before(p.End)
}

// Months returns the number of calendar months in the period.
func (p Period) Months() int {
	return monthIndex(p.Start, p.End.In(p.Start.Location()))
}

// month returns the index of t's month within the period (0 for the first).
func (p Period) month(t time.Time) int {
	return monthIndex(p.Start, t.In(p.Start.Location()))
}

// monthsBegun returns how many of the period's months have begun by now.
func (p Period) monthsBegun(now time.Time) int {
	if now.Before(p.Start) {
		return 0
	}
	return min(p.month(now)+1, p.Months())
}

func monthIndex(from, t time.Time) int {
	return (t.Year()-from.Year())*12 + int(t.Month()) - int(from.Month())
}

// Chinese names the period as a report title does: 2025年3月,
// 2025年第一季度 or 2025年度.
func (p Period) Chinese() string {
	y, m := p.Start.Year(), p.Start.Month()
	switch p.Months() {
	case 1:
		return fmt.Sprintf("%d年%d月", y, m)
	case 3:
		return fmt.Sprintf("%d年第%s季度", y, [...]string{"一", "二", "三", "四"}[(m-1)/3])
	case 6:
		return fmt.Sprintf("%d年%s半年", y, [...]string{"上", "下"}[(m-1)/6])
	}
	return fmt.Sprintf("%d年度", y)
}
