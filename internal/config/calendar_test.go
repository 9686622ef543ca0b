package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// cst is China Standard Time, the zone of every date in these tests.
var cst = time.FixedZone("CST", 8*3600)

// day parses a 2006-01-02 date at midnight in cst.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, s, cst)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestShippedYearsHaveTheOfficialNumberOfWorkingDays(t *testing.T) {
	c := ShippedCalendar()
	for year, want := range map[int]int{2024: 251, 2025: 248, 2026: 248} {
		start := time.Date(year, time.January, 1, 0, 0, 0, 0, cst)
		end := time.Date(year, time.December, 31, 0, 0, 0, 0, cst)
		if got := c.WorkdaysBetween(start.AddDate(0, 0, -1), end); got != want {
			t.Errorf("WorkdaysBetween over %d = %d, want %d", year, got, want)
		}
		counted := 0
		for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
			if c.IsWorkday(d) {
				counted++
			}
		}
		if counted != want {
			t.Errorf("IsWorkday counts %d working days in %d, want %d", counted, year, want)
		}
	}
}

func TestIsWorkdayFollowsHolidaysAndMakeUpDays(t *testing.T) {
	c := ShippedCalendar()
	tests := []struct {
		date string
		want bool
	}{
		{"2025-01-26", true},  // Sunday, 调休 for the Spring Festival
		{"2025-01-27", true},  // Monday before the Spring Festival
		{"2025-01-28", false}, // 除夕
		{"2025-02-04", false}, // last day of the Spring Festival
		{"2025-02-05", true},
		{"2025-02-08", true},  // Saturday, 调休
		{"2025-02-09", false}, // an ordinary Sunday
		{"2025-09-28", true},  // Sunday, 调休 for National Day
		{"2025-10-01", false},
		{"2025-10-08", false}, // last day of National Day
		{"2025-10-09", true},
		{"2025-10-11", true}, // Saturday, 调休
		{"2024-09-14", true}, // Saturday, 调休 for the Mid-Autumn Festival
		{"2024-09-16", false},
		{"2024-02-18", true}, // Sunday, 调休
		{"2026-01-04", true}, // Sunday, 调休 for New Year
		{"2026-02-23", false},
		{"2026-06-19", false}, // Dragon Boat Festival, a Friday
		{"2026-03-02", true},  // an ordinary Monday
		{"2026-03-07", false}, // an ordinary Saturday
	}
	for _, tt := range tests {
		if got := c.IsWorkday(day(t, tt.date)); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestAddWorkdaysCountsFromTheDayAfter(t *testing.T) {
	c := ShippedCalendar()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-01-27", 1, "2025-02-05"},  // across the Spring Festival
		{"2025-01-24", 1, "2025-01-26"},  // Friday → the make-up Sunday
		{"2025-01-20", 20, "2025-02-21"}, // 20 working days over the Spring Festival
		{"2025-09-30", 1, "2025-10-09"},  // across National Day
		{"2025-10-10", 1, "2025-10-11"},  // the make-up Saturday
		{"2025-10-03", 0, "2025-10-03"},  // N = 0 is the same day, holiday or not
		{"2025-03-04", 0, "2025-03-04"},
		{"2024-12-31", 1, "2025-01-02"},  // New Year's Day 2025 is off
		{"2025-12-31", 1, "2026-01-04"},  // the make-up Sunday of 2026
		{"2025-12-31", 2, "2026-01-05"},  // after the make-up Sunday
		{"2026-12-31", 1, "2027-01-01"},  // 2027 is unknown: Monday–Friday
		{"2025-10-09", -1, "2025-09-30"}, // negative counts back
	}
	for _, tt := range tests {
		got := c.AddWorkdays(day(t, tt.from), tt.n)
		if want := day(t, tt.want); !got.Equal(want) || got.Location() != cst {
			t.Errorf("AddWorkdays(%s, %d) = %v, want %v", tt.from, tt.n, got, want)
		}
	}
}

func TestAddWorkdaysUsesTheCivilDateInTheTimesOwnZone(t *testing.T) {
	c := ShippedCalendar()
	late := time.Date(2025, time.September, 30, 23, 30, 0, 0, cst)
	if got, want := c.AddWorkdays(late, 1), day(t, "2025-10-09"); !got.Equal(want) {
		t.Errorf("AddWorkdays(%v, 1) = %v, want %v", late, got, want)
	}
	// 2025-09-30 16:00 UTC is already October 1 in China, but the date in
	// its own zone is September 30.
	utc := time.Date(2025, time.September, 30, 16, 0, 0, 0, time.UTC)
	got := c.AddWorkdays(utc, 0)
	if want := time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("AddWorkdays(%v, 0) = %v, want %v", utc, got, want)
	}
	if !c.IsWorkday(utc) || c.IsWorkday(utc.In(cst)) {
		t.Errorf("IsWorkday must take the date in the time's own zone")
	}
}

func TestWorkdaysBetweenCountsHowManyWorkingDaysLate(t *testing.T) {
	c := ShippedCalendar()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2025-09-30", "2025-10-09", 1},
		{"2025-10-09", "2025-10-13", 3}, // Friday, the make-up Saturday, Monday
		{"2025-10-09", "2025-10-09", 0},
		{"2025-10-09", "2025-10-06", 0}, // to before from
		{"2025-10-01", "2025-10-08", 0}, // all holidays
		{"2024-12-31", "2025-01-02", 1},
		{"2026-12-31", "2027-01-08", 6}, // 2027 unknown: Monday–Friday
	}
	for _, tt := range tests {
		if got := c.WorkdaysBetween(day(t, tt.from), day(t, tt.to)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWorkdaysBetweenInvertsAddWorkdays(t *testing.T) {
	c := ShippedCalendar()
	start := day(t, "2024-01-01")
	seed := uint32(1)
	next := func(n uint32) int { // a fixed linear congruential sequence
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % int(n)
	}
	for range 2000 {
		d := start.AddDate(0, 0, next(3*365+1))
		n := next(31)
		got := c.AddWorkdays(d, n)
		if back := c.WorkdaysBetween(d, got); back != n {
			t.Fatalf("WorkdaysBetween(%s, AddWorkdays(%s, %d) = %s) = %d", d.Format(time.DateOnly), d.Format(time.DateOnly), n, got.Format(time.DateOnly), back)
		}
		if n > 0 && !c.IsWorkday(got) {
			t.Fatalf("AddWorkdays(%s, %d) = %s is not a working day", d.Format(time.DateOnly), n, got.Format(time.DateOnly))
		}
	}
}

func TestWorkdaysBetweenAgreesWithIsWorkday(t *testing.T) {
	c := ShippedCalendar()
	from := day(t, "2023-06-01")
	seed := uint32(7)
	for range 200 {
		seed = seed*1664525 + 1013904223
		span := int(seed>>8) % 1500 // reaches into 2027
		to := from.AddDate(0, 0, span)
		want := 0
		for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
			if c.IsWorkday(d) {
				want++
			}
		}
		if got := c.WorkdaysBetween(from, to); got != want {
			t.Fatalf("WorkdaysBetween(%s, %s) = %d, counting IsWorkday gives %d", from.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
		}
		from = from.AddDate(0, 0, span%97)
	}
}

func TestOutsideKnownYearsCountsMondayToFriday(t *testing.T) {
	c := ShippedCalendar()
	if !c.IsWorkday(day(t, "2007-10-02")) || !c.IsWorkday(day(t, "2027-02-08")) || c.IsWorkday(day(t, "2027-02-06")) {
		t.Errorf("outside 2008–2026, Monday–Friday are working days and weekends are not")
	}
	if c.Known(2007) || !c.Known(2008) || !c.Known(2023) || !c.Known(2026) || c.Known(2027) {
		t.Errorf("Known: want exactly 2008–2026")
	}
	got := c.UnknownYears(day(t, "2007-12-01"), day(t, "2027-01-05"))
	if want := []int{2007, 2027}; !slices.Equal(got, want) {
		t.Errorf("UnknownYears = %v, want %v", got, want)
	}
	if got := c.UnknownYears(day(t, "2027-01-05"), day(t, "2026-12-01")); !slices.Equal(got, []int{2027}) {
		t.Errorf("UnknownYears reversed = %v, want [2027]", got)
	}
	if got := c.UnknownYears(day(t, "2025-01-01"), day(t, "2025-12-31")); got != nil {
		t.Errorf("UnknownYears within 2025 = %v, want none", got)
	}
}

func TestNilCalendarIsMondayToFriday(t *testing.T) {
	var c *Calendar
	if !c.IsWorkday(day(t, "2025-10-01")) || c.IsWorkday(day(t, "2025-01-26")) {
		t.Errorf("a nil calendar must know no holidays and no make-up days")
	}
	if got, want := c.AddWorkdays(day(t, "2025-09-30"), 4), day(t, "2025-10-06"); !got.Equal(want) {
		t.Errorf("AddWorkdays = %v, want %v", got, want)
	}
	if got := c.WorkdaysBetween(day(t, "2025-09-30"), day(t, "2025-10-13")); got != 9 {
		t.Errorf("WorkdaysBetween = %d, want 9", got)
	}
	if c.Known(2025) || !slices.Equal(c.UnknownYears(day(t, "2025-01-01"), day(t, "2026-01-01")), []int{2025, 2026}) {
		t.Errorf("a nil calendar knows no year")
	}
}

func TestCalendarFileAddsAndReplacesYears(t *testing.T) {
	fsys := fstest.MapFS{"calendar.yaml": {Data: []byte(`# 2027 as announced
2027:
  off:
    - 2027-01-01
    - 2027-02-06..2027-02-12
  work: [2027-02-14]
2025:
  off: [2025-03-03]
`)}}
	c, findings := loadCalendar(fsys, "./calendar.yaml")
	if len(findings) > 0 {
		t.Fatalf("findings: %v", findings)
	}
	tests := []struct {
		date string
		want bool
	}{
		{"2027-01-01", false},
		{"2027-02-08", false},
		{"2027-02-14", true},  // Sunday, 调休
		{"2027-02-15", true},  // Monday after
		{"2025-03-03", false}, // the file's 2025 …
		{"2025-10-01", true},  // … replaces the shipped one
		{"2026-10-01", false}, // shipped 2026 stays
	}
	for _, tt := range tests {
		if got := c.IsWorkday(day(t, tt.date)); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
	if !c.Known(2027) || c.UnknownYears(day(t, "2024-01-01"), day(t, "2027-12-31")) != nil {
		t.Errorf("2027 must be known")
	}
	if got, want := c.AddWorkdays(day(t, "2027-02-05"), 1), day(t, "2027-02-14"); !got.Equal(want) {
		t.Errorf("AddWorkdays(2027-02-05, 1) = %v, want %v", got, want)
	}
}

func TestCalendarFileProblemsArePositioned(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"impossible date", "2027:\n  off: [2027-01-01, 2027-02-30]\n",
			"calendar.yaml:2:21: 错误 GK043 2027-02-30 不是真实存在的日期（2027年2月只有28天）"},
		{"impossible range end", "2027:\n  off:\n    - \"2027-02-27..2027-02-29\"\n",
			"calendar.yaml:3:20: 错误 GK043 2027-02-29 不是真实存在的日期（2027年2月只有28天）"},
		{"no such month", "2027:\n  work: [2027-13-01]\n",
			"calendar.yaml:2:10: 错误 GK043 2027-13-01 不是真实存在的日期（没有13月）"},
		{"not a date", "2027:\n  off: [2027-1-1]\n",
			"calendar.yaml:2:9: 错误 GK002 “2027-1-1”不是日期：请写成 2027-10-01，或写一段日期 2027-10-01..2027-10-07"},
		{"not a year", "27:\n  off: [2027-01-01]\n",
			"calendar.yaml:1:1: 错误 GK002 “27”不是年份：请写四位年份，如 2027"},
		{"unknown key", "2027:\n  of: [2027-01-01]\n",
			"calendar.yaml:2:3: 错误 GK002 未知的键“2027.of”（是否应为“off”？）：每一年之下只能写 off（放假）和 work（调休上班）"},
		{"not a list", "2027:\n  off: 2027-01-01\n",
			"calendar.yaml:2:8: 错误 GK002 2027.off 应为日期列表，如 [2027-10-01..2027-10-07]，而不是“2027-01-01”"},
		{"empty year", "2027:\n",
			"calendar.yaml:1:6: 错误 GK002 2027 年之下应写 off 和 work 两个日期列表，而不是空值"},
		{"off and work", "2027:\n  off: [2027-02-06..2027-02-12]\n  work: [2027-02-07]\n",
			"calendar.yaml:3:10: 错误 GK002 2027-02-07 在 2027 年中既列为放假（off）又列为上班（work），请删去其中一处"},
		{"work inside off", "2027:\n  work: [2027-02-07]\n  off: [2027-02-06..2027-02-12]\n",
			"calendar.yaml:3:9: 错误 GK002 2027-02-07 在 2027 年中既列为放假（off）又列为上班（work），请删去其中一处"},
		{"reversed range", "2027:\n  off: [2027-02-12..2027-02-06]\n",
			"calendar.yaml:2:9: 错误 GK002 日期范围 2027-02-12..2027-02-06 的结束日早于开始日"},
		{"wrong year", "2027:\n  off: [2026-10-01]\n",
			"calendar.yaml:2:9: 错误 GK002 2026-10-01 不属于 2027 年：一年的安排最多只能延伸到上一年的12月和下一年的1月"},
		{"year twice", "2027:\n  off: [2027-01-01]\n2027:\n  off: [2027-01-01]\n",
			"calendar.yaml:3:1: 错误 GK002 2027 年出现了两次：每一年只能写一次"},
		{"not a mapping", "- 2027-01-01\n",
			"calendar.yaml:1:1: 错误 GK002 calendar.yaml 应按年份列出 off 和 work 两个日期列表，而不是列表"},
		{"syntax", "2027:\n  off: [2027-01-01]\n\twork: []\n",
			"calendar.yaml:3:1: 错误 GK001 缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"calendar.yaml": {Data: []byte(tt.src)}}
			_, findings := loadCalendar(fsys, "calendar.yaml")
			var b strings.Builder
			findings.WriteText(&b)
			if got := strings.TrimSpace(b.String()); got != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestCalendarFileThatCannotBeReadIsAnError(t *testing.T) {
	fsys := fstest.MapFS{"empty.yaml": {Data: []byte("# nothing yet\n")}}
	tests := []struct{ name, want string }{
		{"calendar.yaml", "calendar.yaml:1:1: 错误 GK002 无法读取 gongkai.yaml 中 calendar 指定的节假日安排文件：calendar.yaml 不存在"},
		{"../calendar.yaml", "gongkai.yaml:1:1: 错误 GK002 calendar 应为仓库内的相对路径，不能是“../calendar.yaml”"},
		{"empty.yaml", "empty.yaml:1:1: 错误 GK002 empty.yaml 是空文件：应按年份写明 off（放假）和 work（调休上班）两个日期列表"},
	}
	for _, tt := range tests {
		c, findings := loadCalendar(fsys, tt.name)
		if len(findings) != 1 || findings[0].String() != tt.want {
			t.Errorf("loadCalendar(%q) findings = %v, want %s", tt.name, findings, tt.want)
		}
		if !c.Known(2025) || !c.IsWorkday(day(t, "2025-01-26")) {
			t.Errorf("loadCalendar(%q): the shipped years must stay known", tt.name)
		}
	}
}

// A check of the shipped schedules independent of the notices' text: the
// 全国年节及纪念日放假办法 gives 11 public holidays a year (13 from 2025), so a
// year's days off on weekdays less its make-up days on weekends must come to
// that number; 2015 had one more day (9月3日, the 70th anniversary) and 2020
// two (春节 extended to 2月2日, the make-up day of 2月1日 dropped). A make-up
// day is always a weekend day.
func TestShippedSchedulesGiveEachYearItsStatutoryHolidays(t *testing.T) {
	c := ShippedCalendar()
	for year := 2008; year <= 2026; year++ {
		off, work, ok := c.Schedule(year)
		if !ok {
			t.Errorf("%d is not built in", year)
			continue
		}
		want := 11
		switch {
		case year >= 2025:
			want = 13
		case year == 2015:
			want = 12
		case year == 2020:
			want = 13
		}
		n := 0
		for _, d := range off {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				n++
			}
		}
		for _, d := range work {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("%d: make-up day %s is a %s", year, d.Format(time.DateOnly), wd)
			}
			n--
		}
		if n != want {
			t.Errorf("%d: %d weekdays off less make-up days, want %d", year, n, want)
		}
	}
}

func TestDigitsIsOneOrMoreASCIIDigits(t *testing.T) {
	for s, want := range map[string]bool{"2025": true, "00001": true, "0": true, "": false, "2025-": false, "２０２５": false, "+1": false, " 1": false} {
		if got := Digits(s); got != want {
			t.Errorf("Digits(%q) = %v, want %v", s, got, want)
		}
	}
}
