package check

import (
	"slices"
	"sort"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// Pending is an article in the review queue: either waiting for the next
// step to be signed, or — when check found an error in it — waiting to be
// corrected (需修正) by the person the error belongs to. An invalid step is
// not done: the queue never moves past it.
type Pending struct {
	Path  string `json:"path"`
	Title string `json:"title"`
	// Status is "review" (the next step waits to be signed) or "fix" (the
	// article must be corrected first).
	Status string `json:"status"`
	// NextStep is the key of the step to sign next; for "fix", of the step
	// the error is in, or the next step when the error is in the text.
	NextStep string `json:"next_step"`
	// WaitingOn names who must act: who may sign the next step (its
	// authors left out), or who must make the correction.
	WaitingOn []string `json:"waiting_on"`
	// Fix is the first error in the file, for "fix".
	Fix *diag.JSONFinding `json:"fix,omitempty"`
	// FixStep is the step whose signer must correct it; empty when the
	// authors must (the text, or front matter outside review).
	FixStep string `json:"fix_step,omitempty"`
	// Since is the day the wait began: the previous step's date, or for the
	// first step the event's; empty when unknown. WaitingDays counts the
	// working days from then to now.
	Since       string `json:"since,omitempty"`
	WaitingDays int    `json:"waiting_days"`
	// Deadline is the deadline the waiting step risks, if any.
	Deadline *Deadline `json:"deadline,omitempty"`
}

// Deadline is a deadline a waiting step counts against: "report" (报送时限:
// the content review after the event, else 迟报) or "entry" (录入 within
// entry_deadline working days of 签发).
type Deadline struct {
	Kind string `json:"kind"`
	Date string `json:"date"`
	// DaysLeft is the days left until it (0 on the day), negative once
	// passed; working days unless Calendar.
	DaysLeft int  `json:"days_left"`
	Calendar bool `json:"calendar_days,omitempty"`
}

// Queue returns the review queue, sorted by path: every article that is not
// withdrawn and either has an error finding (to be corrected) or a step
// still to sign up to its chain's end. findings should hold the loader's
// and the rules' findings; an article whose front matter cannot be read at
// all is left out (check lists its GK001).
func Queue(cfg *config.Config, arts []*article.Article, findings diag.List, now time.Time) []Pending {
	errs := map[string]diag.List{}
	for _, f := range findings.Errors() {
		errs[f.Pos.Path] = append(errs[f.Pos.Path], f)
	}
	var out []Pending
	for _, a := range arts {
		if a.Broken || a.FM.Withdrawn != nil {
			continue
		}
		if p, ok := QueueItem(cfg, a, errs[a.Path], now); ok {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// QueueItem returns the article's place in the queue, given the error
// findings in its file; false when nothing waits (the chain is complete and
// the file has no error).
func QueueItem(cfg *config.Config, a *article.Article, errs diag.List, now time.Time) (Pending, bool) {
	p := Pending{Path: a.Path, Title: a.FM.Title, WaitingOn: []string{}}
	next := a.NextStep(cfg)
	if len(errs) > 0 {
		errs.Sort()
		errs = errs.Dedupe()
		f := errs[0].Pos
		j := diag.List{errs[0]}.JSON()[0]
		p.Status, p.Fix = "fix", &j
		if s := StepAt(cfg, a, f); s != nil {
			p.FixStep, p.NextStep = s.Key, s.Key
			p.WaitingOn = stepSigner(cfg, a, s)
		} else {
			if next != nil {
				p.NextStep = next.Key
			}
			p.WaitingOn = declared(cfg, a.FM.Authors)
		}
		return p, true
	}
	if next == nil {
		return p, false
	}
	p.Status, p.NextStep = "review", next.Key
	p.WaitingOn = MaySign(cfg, a, next)
	waited(cfg, a, next, now, &p)
	return p, true
}

// MaySign returns who may sign the step of the article: those the chain
// allows, without the article's authors.
func MaySign(cfg *config.Config, a *article.Article, s *config.Step) []string {
	names := cfg.MaySign(s, a.FM.Department, a.NeedsPrincipal(cfg))
	names = slices.DeleteFunc(names, func(n string) bool { return slices.Contains(a.FM.Authors, n) })
	if names == nil {
		names = []string{}
	}
	return names
}

// stepSigner returns who must correct a step: its signer when declared,
// else (a misspelled or missing name) who may sign it.
func stepSigner(cfg *config.Config, a *article.Article, s *config.Step) []string {
	if st := a.FM.Review[s.Key]; st != nil && cfg.Person(st.By) != nil {
		return []string{st.By}
	}
	return MaySign(cfg, a, s)
}

// declared keeps the names gongkai.yaml declares.
func declared(cfg *config.Config, names []string) []string {
	out := []string{}
	for _, n := range names {
		if cfg.Person(n) != nil {
			out = append(out, n)
		}
	}
	return out
}

// StepAt returns the chain step whose front matter holds the position (the
// nearest key at or before it is review.<step> or below), or nil.
func StepAt(cfg *config.Config, a *article.Article, pos diag.Pos) *config.Step {
	best, bestPos := "", diag.Pos{}
	for k, p := range a.AllKeys() {
		if p.Line > pos.Line || (p.Line == pos.Line && p.Col > pos.Col) {
			continue
		}
		if best == "" || p.Line > bestPos.Line || (p.Line == bestPos.Line && p.Col > bestPos.Col) ||
			(p == bestPos && len(k) > len(best)) {
			best, bestPos = k, p
		}
	}
	rest, ok := strings.CutPrefix(best, "review.")
	if !ok {
		return nil
	}
	key, _, _ := strings.Cut(rest, ".")
	if i := cfg.StepIndex(key); i >= 0 {
		return &cfg.ReviewChain[i]
	}
	return nil
}

// waited fills in how long the step has waited and the deadline it risks.
func waited(cfg *config.Config, a *article.Article, next *config.Step, now time.Time, p *Pending) {
	loc := cfg.Location
	today := article.CivilDay(now, loc)
	var since time.Time
	if i := cfg.StepIndex(next.Key); i > 0 {
		if st := a.FM.Review[cfg.ReviewChain[i-1].Key]; st.Complete() {
			since = article.CivilDay(st.At.Time, loc)
		}
	} else if e := a.FM.Event; e != nil && !e.Date.IsZero() {
		since = article.CivilDay(e.Date.Time, loc)
	}
	if !since.IsZero() {
		p.Since = since.Format("2006-01-02")
		p.WaitingDays = cfg.Calendar.WorkdaysBetween(since, today)
	}
	var deadline time.Time
	var kind string
	calendar := false
	switch next.Purpose {
	case config.PurposeContent:
		d, ok := a.ReportDeadline(cfg)
		if !ok {
			return
		}
		deadline, kind = d, "report"
		calendar = cfg.Kind(a.FM.Kind).CalendarDays
	case config.PurposeEntry:
		d, ok := a.EntryDeadline(cfg)
		if !ok {
			return
		}
		deadline, kind = d, "entry"
	default:
		return
	}
	left := 0
	switch {
	case calendar:
		left = int(deadline.Sub(today).Hours() / 24)
	case today.After(deadline):
		left = -max(cfg.Calendar.WorkdaysBetween(deadline, today), 1)
	default:
		left = cfg.Calendar.WorkdaysBetween(today, deadline)
	}
	p.Deadline = &Deadline{Kind: kind, Date: deadline.Format("2006-01-02"), DaysLeft: left, Calendar: calendar}
}
