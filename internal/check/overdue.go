package check

import (
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

var (
	msgOverdueWorkdays = msg.New("check.report_overdue_workdays",
		"已超过报送时限 %d 个工作日，尚未提交内容审核：%s要求在事由（%s）后 %d 个工作日内报送，时限为 %s；请尽快提交%s（review.%s），否则将计为迟报",
		"%[1]d working {day|days} past the reporting deadline and not yet submitted for content review: %[2]s is due within %[4]d working {day|days} of the event (%[3]s), by %[5]s; submit it for %[6]s (review.%[7]s) now, or it counts as late")
	msgOverdueDays = msg.New("check.report_overdue_days",
		"已超过报送时限 %d 天，尚未提交内容审核：%s要求在事由（%s）后 %d 日内报送，时限为 %s；请尽快提交%s（review.%s），否则将计为迟报",
		"%[1]d {day|days} past the reporting deadline and not yet submitted for content review: %[2]s is due within %[4]d {day|days} of the event (%[3]s), by %[5]s; submit it for %[6]s (review.%[7]s) now, or it counts as late")
)

// overdue warns, before the content review is signed, that the kind's
// reporting deadline after the event has already passed at now (GK021):
// 迟报 is known before it happens.
func (c *checker) overdue(a *article.Article, kind *config.Kind, deadline time.Time) {
	if a.FM.Withdrawn != nil {
		return
	}
	today := article.CivilDay(c.now, c.cfg.Location)
	if !today.After(deadline) {
		return
	}
	content := c.cfg.StepFor(config.PurposeContent)
	event := day(article.CivilDay(a.FM.Event.Date.Time, c.cfg.Location))
	if kind.CalendarDays {
		n := int(today.Sub(deadline).Hours()/24 + 0.5)
		c.l.Warnf(a.Pos("event.date"), "GK021", "%s", msgOverdueDays.F(n, kind.Name, event, *kind.Deadline, day(deadline), content.Label, content.Key))
		return
	}
	n := max(c.cfg.Calendar.WorkdaysBetween(deadline, today), 1)
	c.l.Warnf(a.Pos("event.date"), "GK021", "%s", msgOverdueWorkdays.F(n, kind.Name, event, *kind.Deadline, day(deadline), content.Label, content.Key))
}
