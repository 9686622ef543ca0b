package register

import (
	"strconv"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

var (
	msgBefore = msg.New("register.date_before",
		"%s（%s）早于%s（%s）：请核对日期",
		"%s (%s) is before %s (%s): check the dates")
	msgFuture = msg.New("register.date_future",
		"%s（%s）晚于今天（%s）：登记的应是已经发生的事",
		"%s (%s) is later than today (%s): record only what has happened")
	msgLateReply = msg.New("register.late_reply",
		"答复日期 %s 晚于答复期限 %s（%s后 %d 个工作日），逾期 %d 个工作日",
		"replied on %s, after the deadline %s (%s plus %d working {day|days}): %d working {day|days} late")
	msgExtensionTooLong = msg.New("register.extension_too_long",
		"延长答复期限 %d 个工作日，超过条例第三十三条允许的 %d 个工作日",
		"the extension of %d working {day|days} exceeds the %d working {day|days} the regulation allows")
	msgExtensionBadDays = msg.New("register.extension_bad_days",
		"extension.days 应为 1 到 %d 之间的工作日数，不是 %d",
		"extension.days must be a number of working days from 1 to %d, not %d")
	msgExtensionLate = msg.New("register.extension_late",
		"延期决定（%s）晚于原答复期限 %s：延期须在期限届满前决定并告知申请人",
		"the extension (%s) was decided after the deadline %s it extends: it must be decided and told to the applicant before")
	msgOverdue = msg.New("register.overdue",
		"尚未答复，答复期限 %s 已过 %d 个工作日：请尽快答复并登记 reply",
		"not replied and the deadline %s passed %d working {day|days} ago: reply and record it under reply")
	msgDueSoon = msg.New("register.due_soon",
		"尚未答复，答复期限 %s，还剩 %d 个工作日",
		"not replied; the deadline is %s, %d working {day|days} from now")
	msgUnknownYears = msg.New("register.unknown_years",
		"工作日历中没有%s年的节假日安排：答复期限按周一至周五计算；请在 gongkai.yaml 的 calendar: 文件中补充",
		"the working-day calendar does not know %s: deadlines count Monday–Friday; add the year's schedule to the calendar file (gongkai.yaml calendar:)")
	whatReceived  = msg.New("register.what_received", "收到申请日期", "the date received")
	whatAsked     = msg.New("register.what_asked", "告知补正日期", "the date the 补正 was asked")
	whatSupplied  = msg.New("register.what_supplied", "收到补正日期", "the date the 补正 was received")
	whatExtension = msg.New("register.what_extension", "延期决定日期", "the date of the extension")
	whatReply     = msg.New("register.what_reply", "答复日期", "the date of the reply")
	whatAppeal    = msg.New("register.what_appeal", "复议诉讼日期", "the date of the appeal")
)

// day formats a date as 2025-03-04.
func day(t time.Time) string { return t.Format(time.DateOnly) }

// Check applies the register's rules GK082–GK087 (GK080 and GK081 come
// from Load) at the time now. Broken requests are skipped.
func Check(reqs []*Request, cfg *config.Config, now time.Time) diag.List {
	var l diag.List
	for _, r := range reqs {
		if r.Broken {
			continue
		}
		c := &checker{r: r, cfg: cfg, now: now, l: &l}
		if c.dates() {
			c.deadline()
		}
	}
	return l
}

type checker struct {
	r   *Request
	cfg *config.Config
	now time.Time
	l   *diag.List
}

// dated is a date of the request with its key and name.
type dated struct {
	key  string
	what msg.M
	at   article.Date
}

// dates checks the order of the request's dates and that none is later
// than now (GK082); it reports whether they are in order.
func (c *checker) dates() bool {
	r := c.r
	var all []dated
	add := func(key string, what msg.M, at article.Date) {
		if !at.IsZero() {
			all = append(all, dated{key, what, at})
		}
	}
	add("received", whatReceived, r.Received)
	ok := true
	after := func(later, earlier dated) {
		if later.at.IsZero() || earlier.at.IsZero() {
			return
		}
		if civil(later.at.Time, c.cfg.Location).Before(civil(earlier.at.Time, c.cfg.Location)) {
			c.l.Errorf(c.r.Pos(later.key), "GK082", msgBefore.T(), later.what.F(), later.at.Day(), earlier.what.F(), earlier.at.Day())
			ok = false
		}
	}
	recv := dated{"received", whatReceived, r.Received}
	if s := r.Supplement; s != nil {
		asked := dated{"supplement.asked", whatAsked, s.Asked}
		after(asked, recv)
		after(dated{"supplement.received", whatSupplied, s.Received}, asked)
		add(asked.key, whatAsked, s.Asked)
		add("supplement.received", whatSupplied, s.Received)
	}
	if e := r.Extension; e != nil {
		after(dated{"extension.at", whatExtension, e.At}, recv)
		add("extension.at", whatExtension, e.At)
	}
	if rp := r.Reply; rp != nil {
		reply := dated{"reply.at", whatReply, rp.At}
		after(reply, recv)
		if s := r.Supplement; s != nil {
			after(reply, dated{"supplement.received", whatSupplied, s.Received})
		}
		add("reply.at", whatReply, rp.At)
	}
	for i, a := range r.Appeals {
		key := "appeals." + strconv.Itoa(i) + ".at"
		after(dated{key, whatAppeal, a.At}, recv)
		add(key, whatAppeal, a.At)
	}
	today := civil(c.now, c.cfg.Location)
	for _, d := range all {
		if civil(d.at.Time, c.cfg.Location).After(today) {
			c.l.Errorf(c.r.Pos(d.key), "GK082", msgFuture.T(), d.what.F(), d.at.Day(), day(today))
			ok = false
		}
	}
	return ok
}

// deadline applies GK083–GK087 about the time to reply.
func (c *checker) deadline() {
	r, cal, loc := c.r, c.cfg.Calendar, c.cfg.Location
	if r.Received.IsZero() || r.Waiting() && r.Reply == nil {
		return
	}
	base := r.BaseDeadline(cal, loc)
	if e := r.Extension; e != nil {
		switch {
		case e.Days < 0:
			c.l.Errorf(r.Pos("extension.days"), "GK084", msgExtensionBadDays.T(), MaxExtension, e.Days)
		case e.Days > MaxExtension:
			c.l.Errorf(r.Pos("extension.days"), "GK084", "%s", msgExtensionTooLong.F(e.Days, MaxExtension))
		}
		if civil(e.At.Time, loc).After(base) {
			c.l.Errorf(r.Pos("extension.at"), "GK084", msgExtensionLate.T(), e.At.Day(), day(base))
		}
	}
	deadline := r.Deadline(cal, loc)
	c.unknownYears(r.ClockStart(loc), deadline)
	today := civil(c.now, loc)
	switch {
	case r.Reply != nil:
		at := civil(r.Reply.At.Time, loc)
		if at.After(deadline) {
			since, days := c.since()
			c.l.Warnf(r.Pos("reply.at"), "GK083", "%s", msgLateReply.F(r.Reply.At.Day(), day(deadline), since, days, cal.WorkdaysBetween(deadline, at)))
		}
	case deadline.Before(today):
		c.l.Errorf(r.Pos("received"), "GK085", "%s", msgOverdue.F(day(deadline), cal.WorkdaysBetween(deadline, today)))
	case cal.WorkdaysBetween(today, deadline) <= SoonDays:
		c.l.Warnf(r.Pos("received"), "GK086", "%s", msgDueSoon.F(day(deadline), cal.WorkdaysBetween(today, deadline)))
	}
}

// since names what the deadline counts from and its working days.
func (c *checker) since() (string, int) {
	what := whatReceived.F()
	if s := c.r.Supplement; s != nil && !s.Received.IsZero() {
		what = whatSupplied.F()
	}
	return what, ReplyDays + min(c.r.ExtensionDays(), MaxExtension)
}

// unknownYears warns when the deadline was counted over a year the
// calendar does not know (GK087).
func (c *checker) unknownYears(from, to time.Time) {
	ys := c.cfg.Calendar.UnknownYears(from, to)
	if len(ys) == 0 {
		return
	}
	var list []string
	for _, y := range ys {
		list = append(list, strconv.Itoa(y))
	}
	c.l.Warnf(c.r.Pos("received"), "GK087", msgUnknownYears.T(), strings.Join(list, "、"))
}
