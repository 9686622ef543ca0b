package register

import (
	"time"

	"gongkai/internal/config"
)

// ReplyDays is the time to reply, in working days (条例第三十三条).
const ReplyDays = 20

// MaxExtension is the longest extension, in working days.
const MaxExtension = 20

// SoonDays is how near, in working days, a deadline counts as due soon.
const SoonDays = 5

// civil returns t's date at midnight in loc.
func civil(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// Waiting reports whether the office asked for a 补正 and has not received
// it: the clock stands still.
func (r *Request) Waiting() bool {
	return r.Supplement != nil && r.Supplement.Received.IsZero()
}

// ClockStart is the day the 20 working days count from: the day the request
// was received, or the day the 补正 was received.
func (r *Request) ClockStart(loc *time.Location) time.Time {
	if s := r.Supplement; s != nil && !s.Received.IsZero() {
		return civil(s.Received.Time, loc)
	}
	return civil(r.Received.Time, loc)
}

// BaseDeadline is the last day to reply without an extension.
func (r *Request) BaseDeadline(cal *config.Calendar, loc *time.Location) time.Time {
	return cal.AddWorkdays(r.ClockStart(loc), ReplyDays)
}

// ExtensionDays returns the working days the extension adds (0 without one).
func (r *Request) ExtensionDays() int {
	if r.Extension == nil {
		return 0
	}
	if r.Extension.Days == 0 {
		return MaxExtension
	}
	return r.Extension.Days
}

// Deadline is the last day to reply, the extension included. It is zero
// while the office waits for a 补正.
func (r *Request) Deadline(cal *config.Calendar, loc *time.Location) time.Time {
	if r.Waiting() || r.Received.IsZero() {
		return time.Time{}
	}
	return cal.AddWorkdays(r.ClockStart(loc), ReplyDays+min(r.ExtensionDays(), MaxExtension))
}

// RepliedBy reports whether the reply was given by t.
func (r *Request) RepliedBy(t time.Time) bool {
	return r.Reply != nil && !r.Reply.At.IsZero() && !r.Reply.At.After(t)
}

// Due is an open request with its deadline, for gongkai status.
type Due struct {
	Request  *Request
	Deadline time.Time
	Left     int // working days left after today; negative when overdue
}

// DueSoon returns the open requests (no reply by now, not waiting for a
// 补正) whose deadline has passed or falls within SoonDays working days,
// the nearest first.
func DueSoon(reqs []*Request, cfg *config.Config, now time.Time) []Due {
	var out []Due
	today := civil(now, cfg.Location)
	for _, r := range reqs {
		if r.Broken || r.RepliedBy(now) {
			continue
		}
		d := r.Deadline(cfg.Calendar, cfg.Location)
		if d.IsZero() {
			continue
		}
		left := cfg.Calendar.WorkdaysBetween(today, d)
		if d.Before(today) {
			left = -cfg.Calendar.WorkdaysBetween(d, today)
		}
		if left <= SoonDays {
			out = append(out, Due{Request: r, Deadline: d, Left: left})
		}
	}
	sortDue(out)
	return out
}
