package article

import (
	"time"

	"gongkai/internal/config"
)

// DefaultEntryDeadline is the number of working days from sign-off to entry
// (录入) when gongkai.yaml does not set entry_deadline.
const DefaultEntryDeadline = 20

// CivilDay returns midnight of t's date in loc: the day a date or date-time
// falls on at the site.
func CivilDay(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// ReportDeadline returns the last day on which the information may be
// submitted (报送时限): the kind's deadline counted from event.date in
// working days, or in calendar days when the kind has calendar_days; a
// deadline of 0 is the event's own day. It is false when the kind is not
// declared or has no deadline, or the article has no event date.
func (a *Article) ReportDeadline(cfg *config.Config) (time.Time, bool) {
	if a.Broken || a.FM.Event == nil || a.FM.Event.Date.IsZero() {
		return time.Time{}, false
	}
	k := cfg.Kind(a.FM.Kind)
	if k == nil || k.Deadline == nil {
		return time.Time{}, false
	}
	event := CivilDay(a.FM.Event.Date.Time, cfg.Location)
	if k.CalendarDays {
		return event.AddDate(0, 0, *k.Deadline), true
	}
	return cfg.Calendar.AddWorkdays(event, *k.Deadline), true
}

// Submitted returns the submission date: the day of the content review
// (内容审核), or false when that step is not signed.
func (a *Article) Submitted(cfg *config.Config) (time.Time, bool) {
	s := a.StepFor(cfg, config.PurposeContent)
	if !s.Complete() {
		return time.Time{}, false
	}
	return CivilDay(s.At.Time, cfg.Location), true
}

// Late reports whether the information was submitted after its reporting
// deadline (迟报, rule GK021) and by how many days: working days, or calendar
// days for a kind with calendar_days. A submission on a day off after the
// deadline counts as one working day late.
func (a *Article) Late(cfg *config.Config) (workdaysLate int, late bool) {
	deadline, ok := a.ReportDeadline(cfg)
	if !ok {
		return 0, false
	}
	submitted, ok := a.Submitted(cfg)
	if !ok || !submitted.After(deadline) {
		return 0, false
	}
	if k := cfg.Kind(a.FM.Kind); k.CalendarDays {
		return calendarDaysBetween(deadline, submitted), true
	}
	return max(cfg.Calendar.WorkdaysBetween(deadline, submitted), 1), true
}

// EntryDeadline returns the last day on which a signed 主动公开 article may
// be entered on the site (录入): entry_deadline working days after sign-off.
// It is false for other disclosures and for articles not yet signed off.
func (a *Article) EntryDeadline(cfg *config.Config) (time.Time, bool) {
	if a.Broken || a.FM.Disclosure != Proactive {
		return time.Time{}, false
	}
	signed := a.Generated(cfg)
	if signed.IsZero() {
		return time.Time{}, false
	}
	n := DefaultEntryDeadline
	if cfg.EntryDeadline != nil {
		n = *cfg.EntryDeadline
	}
	return cfg.Calendar.AddWorkdays(CivilDay(signed.Time, cfg.Location), n), true
}

// calendarDaysBetween returns the number of days from a's date to b's, both
// at midnight in the same location.
func calendarDaysBetween(a, b time.Time) int {
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	ua := time.Date(ya, ma, da, 0, 0, 0, 0, time.UTC)
	ub := time.Date(yb, mb, db, 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
