package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// Holiday is one item of a State Council holiday notice as understood: its
// name, the days off and the make-up working days (调休), each in order.
type Holiday struct {
	Name string
	Line int
	Off  []time.Time
	Work []time.Time
}

// Notice is a State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知)
// as understood by ParseNotice.
type Notice struct {
	Year     int
	Holidays []Holiday
}

var (
	noticeTitle = regexp.MustCompile(`关于\s*(\d{4})\s*年部分节假日安排`)
	// noticeItem is a holiday's line: "一、元旦：…" (the numbering optional).
	noticeItem = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+、)?\s*([^：:，。]{1,16}?)\s*[：:]\s*(.+)$`)
	noticeDate = regexp.MustCompile(`(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日`)
	noticeSum  = regexp.MustCompile(`共\s*(\d+)\s*天`)
	// noticeAside is a parenthesis: （周三）, （农历除夕、周二）, （2月9日）.
	noticeAside = regexp.MustCompile(`（[^）]*）|\([^)]*\)`)
)

var (
	msgNoticeNoYear = msg.New("config.notice_no_year",
		"找不到通知的年份：通知标题应含“关于YYYY年部分节假日安排的通知”，或用 --year 指定",
		"cannot tell the notice's year: the title should read 关于YYYY年部分节假日安排的通知, or pass --year")
	msgNoticeNoItems = msg.New("config.notice_no_items",
		"没有读到任何节日安排：应有“一、元旦：1月1日放假……”这样的行",
		"no holiday found: want lines such as 一、元旦：1月1日放假……")
	msgNoticeNoDays = msg.New("config.notice_no_days",
		"“%s”一项没有读到放假日期，请核对这一行",
		"no day off understood for %q: check this line")
	msgNoticeCount = msg.New("config.notice_count",
		"“%s”一项写明共%d天，读到的放假日期为%d天，请核对这一行",
		"%q says %d {day|days} in all, but %d {day|days} off {was|were} understood: check this line")
	msgNoticeBadDate = msg.New("config.notice_bad_date",
		"“%s”不是有效日期",
		"%q is not a real date")
)

// ParseNotice reads the text of a State Council holiday notice: the year
// from its title (or year, when not 0) and each holiday's line, such as
// "二、春节：2月6日至13日放假调休，共8天。2月14日（周日）上班。". Dates
// without a year are in the notice's year, except December in the 元旦 item,
// which is the December before. Problems are findings at their lines of
// name.
func ParseNotice(src, name string, year int) (*Notice, diag.List) {
	var l diag.List
	lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(src, "\ufeff"), "\r\n", "\n"), "\n")
	if year == 0 {
		for _, line := range lines {
			if m := noticeTitle.FindStringSubmatch(line); m != nil {
				year, _ = strconv.Atoi(m[1])
				break
			}
		}
	}
	if year == 0 {
		l.Errorf(diag.Pos{Path: name}, "GK002", "%s", msgNoticeNoYear.T())
		return nil, l
	}
	n := &Notice{Year: year}
	for i, line := range lines {
		m := noticeItem.FindStringSubmatch(line)
		if m == nil || !strings.ContainsAny(m[2], "日") || !strings.Contains(m[2], "放假") && !strings.Contains(m[2], "上班") {
			continue
		}
		h := Holiday{Name: m[1], Line: i + 1}
		pos := diag.Pos{Path: name, Line: i + 1}
		body := noticeAside.ReplaceAllString(m[2], "")
		bad := false
		for _, clause := range strings.FieldsFunc(body, func(r rune) bool { return strings.ContainsRune("，。；,;", r) }) {
			work := strings.Contains(clause, "上班")
			if !work && !strings.ContainsAny(clause, "假休") {
				continue
			}
			days, ok := noticeDays(clause, year, strings.Contains(h.Name, "元旦"))
			if !ok {
				l.Errorf(pos, "GK043", msgNoticeBadDate.T(), strings.TrimSpace(clause))
				bad = true
				continue
			}
			if work {
				h.Work = append(h.Work, days...)
			} else {
				h.Off = append(h.Off, days...)
			}
		}
		switch s := noticeSum.FindStringSubmatch(body); {
		case bad:
		case len(h.Off) == 0:
			l.Errorf(pos, "GK002", msgNoticeNoDays.T(), h.Name)
		case s != nil && atoi(s[1]) != len(h.Off):
			l.Errorf(pos, "GK002", "%s", msgNoticeCount.F(h.Name, atoi(s[1]), len(h.Off)))
		}
		n.Holidays = append(n.Holidays, h)
	}
	if len(n.Holidays) == 0 {
		l.Errorf(diag.Pos{Path: name}, "GK002", "%s", msgNoticeNoItems.T())
	}
	return n, l
}

// noticeDays returns the days of one clause: its dates, and every day of a
// range "A至B". A date without a month takes the month before it; a range
// that ends before it starts ends in the next year. ok is false for a date
// that does not exist.
func noticeDays(clause string, year int, newYear bool) ([]time.Time, bool) {
	var days []time.Time
	month, prevEnd := 0, 0
	for _, m := range noticeDate.FindAllStringSubmatchIndex(clause, -1) {
		y, mo, d := year, month, atoi(clause[m[6]:m[7]])
		if m[4] >= 0 {
			mo = atoi(clause[m[4]:m[5]])
		}
		if m[2] >= 0 {
			y = atoi(clause[m[2]:m[3]])
		} else if newYear && mo == 12 {
			y = year - 1
		}
		if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) {
			return nil, false
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if len(days) > 0 && strings.Contains(clause[prevEnd:m[0]], "至") {
			if t.Before(days[len(days)-1]) && m[2] < 0 {
				t = t.AddDate(1, 0, 0) // 12月31日至1月2日
			}
			for next := days[len(days)-1].AddDate(0, 0, 1); next.Before(t); next = next.AddDate(0, 0, 1) {
				days = append(days, next)
			}
		}
		days = append(days, t)
		month, prevEnd = mo, m[1]
	}
	return days, true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Schedule returns the notice as a schedule file's year: two lines, off and
// work, with runs of consecutive days written as ranges.
func (n *Notice) Schedule() string {
	var off, work []time.Time
	for _, h := range n.Holidays {
		off = append(off, h.Off...)
		work = append(work, h.Work...)
	}
	return fmt.Sprintf("%d:\n  off:  [%s]\n  work: [%s]\n", n.Year, DayList(off, "..", ", "), DayList(work, "..", ", "))
}

// DayList writes days in order, runs of consecutive days as first<sep>last,
// joined by join.
func DayList(days []time.Time, sep, join string) string {
	days = slices.Clone(days)
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	days = slices.Compact(days)
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1].Sub(days[j]) == 24*time.Hour {
			j++
		}
		s := days[i].Format(time.DateOnly)
		if j > i {
			s += sep + days[j].Format(time.DateOnly)
		}
		parts = append(parts, s)
		i = j + 1
	}
	return strings.Join(parts, join)
}

// SetScheduleYear returns the schedule file src with block (a year as
// Notice.Schedule writes it) in place of that year, or inserted before the
// first later year; every other line stays as it was.
func SetScheduleYear(src []byte, year int, block string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 0 && !strings.HasSuffix(lines[len(lines)-1], "\n") {
		lines[len(lines)-1] += "\n"
	}
	var out []string
	placed := false
	for i := 0; i < len(lines); i++ {
		y, isYear := yearLine(lines[i])
		if isYear && y >= year && !placed {
			out, placed = append(out, block), true
		}
		if isYear && y == year {
			for i+1 < len(lines) && !topLevel(lines[i+1]) {
				i++
			}
			continue
		}
		out = append(out, lines[i])
	}
	if !placed {
		out = append(out, block)
	}
	return []byte(strings.Join(out, ""))
}

// yearLine reports whether line starts a year ("2027:") and which.
func yearLine(line string) (int, bool) {
	k, _, ok := strings.Cut(line, ":")
	if !ok || len(k) != 4 || !Digits(k) {
		return 0, false
	}
	return atoi(k), true
}

// topLevel reports whether line starts a new top-level key (or a comment at
// the margin), ending the year before it.
func topLevel(line string) bool {
	return line != "" && line[0] != ' ' && line[0] != '\t' && line[0] != '\n' && line[0] != '\r'
}
