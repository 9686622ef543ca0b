package check

import (
	"maps"
	"slices"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

var (
	msgLateReport = msg.New("check.late_report",
		"迟报：%[1]s于 %[2]s 报送，比报送期限 %[4]s 晚了 %[3]s（%[5]s须在事件%[7]s（%[8]s）%[6]s报送）；如日期或信息类型有误请更正，否则统计报表将计为迟报",
		"迟报: submitted (%[1]s) on %[2]s, %[3]s after the reporting deadline %[4]s (%[5]s: %[6]s the event%[7]s on %[8]s); if a date or the kind is wrong, correct it, otherwise this counts as late in reports")
	msgLateEntry = msg.New("check.late_entry",
		"%[1]s于 %[2]s 完成，比录入期限 %[4]s（%[5]s）晚了 %[3]s；主动公开信息须在签发后%[6]s内录入，如日期有误请更正",
		"%[1]s on %[2]s is %[3]s after the entry deadline %[4]s (%[5]s): 主动公开 information is entered within %[6]s of sign-off; if a date is wrong, correct it")
	msgNotEntered = msg.New("check.not_entered",
		"尚未录入（%[1]s）：录入期限为 %[2]s（%[3]s），已超过 %[4]s；请在网站上录入，并签署 review.%[5]s",
		"not yet entered (%[1]s): the entry deadline was %[2]s (%[3]s), %[4]s ago; enter it on the site and sign review.%[5]s")
	msgEntrySince = msg.New("check.entry_since",
		"%[2]s（%[3]s）后%[1]s",
		"%[1]s after %[2]s on %[3]s")
	msgWorkingDays = msg.New("check.working_days", "%d个工作日", "%d working {day|days}")
	msgDays        = msg.New("check.days", "%d天", "%d {day|days}")
	msgSameDay     = msg.New("check.same_day", "当日", "the same day as")
	msgWithin      = msg.New("check.within", "后%s内", "within %s after")
	msgEventName   = msg.New("check.event_name", "“%s”", " %s")
)

// deadlines applies the deadline warnings: GK021 submitted after the kind's
// reporting deadline (迟报), GK020 entered after the entry deadline or not
// entered when it has passed, and notes the years a computation used that
// the working-day calendar does not know (see unknownYearWarnings).
func (c *checker) deadlines(a *article.Article) {
	years := map[int]bool{}
	reportYears := c.reportDeadline(a, years)
	entryYears := c.entryDeadline(a, years)
	if len(years) == 0 {
		return
	}
	id, at := "GK021", a.Pos("event.date")
	if !reportYears && entryYears {
		id, at = "GK020", a.Pos("review."+c.cfg.StepFor(config.PurposeSignoff).Key+".at")
	}
	for y := range years {
		u, seen := c.unknown[y]
		if !seen || at.Before(u.at) {
			u.at, u.id = at, id
		}
		u.articles++
		c.unknown[y] = u
	}
}

// unknownYear is a year the calendar does not know that deadlines ran into:
// the first place (in file order) and how many articles.
type unknownYear struct {
	at       diag.Pos
	id       string
	articles int
}

var msgUnknownYear = msg.New("check.calendar_unknown_year",
	"工作日历中没有 %d 年的节假日安排，%d 篇文章的期限按周一至周五计算（此处为第一篇）；请将该年安排加入日历文件（gongkai.yaml 的 calendar:），国务院通知可用 gongkai calendar import 导入",
	"the working-day calendar does not know %d: deadlines of %d {article|articles} count Monday–Friday (this is the first); add the year's holiday schedule to the calendar file (gongkai.yaml calendar:), or import the State Council's notice with gongkai calendar import")

// unknownYearWarnings warns once per unknown year in the run, at the first
// article whose deadline ran into it, so that an archive of many years does
// not get one warning per article.
func (c *checker) unknownYearWarnings() {
	for _, y := range slices.Sorted(maps.Keys(c.unknown)) {
		u := c.unknown[y]
		c.l.Warnf(u.at, u.id, "%s", msgUnknownYear.F(y, u.articles))
	}
}

// unknownYears adds the years from..to the calendar does not know to years
// and reports whether there were any.
func (c *checker) unknownYears(from, to time.Time, years map[int]bool) bool {
	ys := c.cfg.Calendar.UnknownYears(from, to)
	for _, y := range ys {
		years[y] = true
	}
	return len(ys) > 0
}

// reportDeadline warns when the information was submitted (内容审核) after
// the kind's deadline counted from the event (GK021).
func (c *checker) reportDeadline(a *article.Article, years map[int]bool) (touchedUnknown bool) {
	deadline, ok := a.ReportDeadline(c.cfg)
	if !ok {
		return false
	}
	kind := c.kinds[a.FM.Kind]
	event := article.CivilDay(a.FM.Event.Date.Time, c.cfg.Location)
	submitted, signed := a.Submitted(c.cfg)
	if !kind.CalendarDays {
		touchedUnknown = c.unknownYears(event, later(deadline, submitted), years)
	}
	if !signed {
		c.overdue(a, kind, deadline)
		return touchedUnknown
	}
	n, late := a.Late(c.cfg)
	if !late {
		return touchedUnknown
	}
	content := c.cfg.StepFor(config.PurposeContent)
	c.l.Warnf(a.Pos("review."+content.Key+".at"), "GK021", msgLateReport.T(),
		content.Label, day(submitted), days(n, !kind.CalendarDays), day(deadline), kind.Name, within(*kind.Deadline, !kind.CalendarDays), eventName(a), day(event))
	return touchedUnknown
}

// entryDeadline warns when a signed 主动公开 article was entered after the
// entry deadline, or is not entered and the deadline has passed (GK020).
func (c *checker) entryDeadline(a *article.Article, years map[int]bool) (touchedUnknown bool) {
	entry := c.cfg.StepFor(config.PurposeEntry)
	deadline, ok := a.EntryDeadline(c.cfg)
	if entry == nil || !ok {
		return false
	}
	signoff := c.cfg.StepFor(config.PurposeSignoff)
	signed := article.CivilDay(a.Generated(c.cfg).Time, c.cfg.Location)
	since := msgEntrySince.F(days(*c.cfg.EntryDeadline, true), signoff.Label, day(signed))
	if st := a.Step(entry); st.Complete() {
		entered := article.CivilDay(st.At.Time, c.cfg.Location)
		touchedUnknown = c.unknownYears(signed, later(deadline, entered), years)
		if entered.After(deadline) {
			n := max(c.cfg.Calendar.WorkdaysBetween(deadline, entered), 1)
			c.l.Warnf(a.Pos("review."+entry.Key+".at"), "GK020", msgLateEntry.T(),
				stepName(entry), day(entered), days(n, true), day(deadline), since, days(*c.cfg.EntryDeadline, true))
		}
		return touchedUnknown
	}
	if a.FM.Withdrawn != nil {
		return false
	}
	today := article.CivilDay(c.now, c.cfg.Location)
	touchedUnknown = c.unknownYears(signed, later(deadline, today), years)
	if today.After(deadline) {
		n := max(c.cfg.Calendar.WorkdaysBetween(deadline, today), 1)
		c.l.Warnf(a.Pos("review."+entry.Key), "GK020", msgNotEntered.T(),
			entry.Label, day(deadline), since, days(n, true), entry.Key)
	}
	return touchedUnknown
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func day(t time.Time) string { return t.Format("2006-01-02") }

// days writes "3个工作日", "3天" (in English "1 working day", "3 days").
func days(n int, working bool) string {
	if working {
		return msgWorkingDays.F(n)
	}
	return msgDays.F(n)
}

// within describes a kind's deadline: "后1个工作日内", "当日" ("within 1
// working day after", "the same day as").
func within(n int, working bool) string {
	if n == 0 {
		return msgSameDay.F()
	}
	return msgWithin.F(days(n, working))
}

func eventName(a *article.Article) string {
	if n := strings.TrimSpace(a.FM.Event.Name); n != "" {
		return msgEventName.F(n)
	}
	return ""
}
