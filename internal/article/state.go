package article

import (
	"time"

	"gongkai/internal/config"
)

// Step returns the front matter's step for a chain step, or nil.
func (a *Article) Step(s *config.Step) *Step {
	if s == nil {
		return nil
	}
	return a.FM.Review[s.Key]
}

// StepFor returns the signed step with the chain purpose, or nil.
func (a *Article) StepFor(cfg *config.Config, purpose string) *Step {
	return a.Step(cfg.StepFor(purpose))
}

// NeedsPrincipal reports whether the chain's steps that name who signs
// important information (签发: the principal) apply: the article is 重要, or
// its kind is declared with principal: true.
func (a *Article) NeedsPrincipal(cfg *config.Config) bool {
	if a.FM.Importance == Important {
		return true
	}
	k := cfg.Kind(a.FM.Kind)
	return k != nil && k.Principal
}

// Generated returns the generation date (生成日期): the sign-off date.
func (a *Article) Generated(cfg *config.Config) Date {
	if s := a.StepFor(cfg, config.PurposeSignoff); s.Complete() {
		return s.At
	}
	return Date{}
}

// PublishedAt returns the publication date (发布日期): the entry date.
func (a *Article) PublishedAt(cfg *config.Config) Date {
	if s := a.StepFor(cfg, config.PurposeEntry); s.Complete() {
		return s.At
	}
	return Date{}
}

// NextStep returns the first step of the chain that is not complete, up to
// the chain's end for the article's disclosure, or nil when all are done.
func (a *Article) NextStep(cfg *config.Config) *config.Step {
	end := cfg.ChainEnd(string(a.FM.Disclosure))
	for i := 0; i < end; i++ {
		if !a.FM.Review[cfg.ReviewChain[i].Key].Complete() {
			return &cfg.ReviewChain[i]
		}
	}
	return nil
}

// Rejected reports whether a review refused the article for the site:
// the content review's opinion is not 公开, the secrecy review found it
// 涉密, or the disclosure is not one of the allowed values (it was given
// but did not parse). Such an article waits for no step, and serve
// --pending never previews it.
func (a *Article) Rejected(cfg *config.Config) bool {
	if s := a.StepFor(cfg, config.PurposeContent); s != nil && s.Opinion != "" && s.Opinion != "公开" {
		return true
	}
	if s := a.StepFor(cfg, config.PurposeSecrecy); s != nil && s.Result == "涉密" {
		return true
	}
	given := a.HasKey("disclosure")
	return given && a.FM.Disclosure == ""
}

// Previewable reports whether serve --pending may preview the article
// while it is in review: meant for 主动公开 (or not decided yet), neither
// withdrawn by now nor rejected.
func (a *Article) Previewable(cfg *config.Config, now time.Time) bool {
	return !a.WithdrawnAt(now) && !a.Rejected(cfg) &&
		(a.FM.Disclosure == Proactive || a.FM.Disclosure == "")
}

// Eligible reports whether the front matter alone allows publication at now:
// 主动公开, every step present, content opinion 公开, secrecy result 不涉密,
// release disclosure equal to the article's, publication date reached, not
// withdrawn. Public also requires that check found no error in the file
// (check.Public is the public set).
func (a *Article) Eligible(cfg *config.Config, now time.Time) bool {
	return !a.WithdrawnAt(now) && a.signedForPublication(cfg, now)
}

// WithdrawnPage reports whether the article keeps its URL as a withdrawal
// notice: it was withdrawn, and apart from the withdrawal it had been
// published (the chain complete, 主动公开, entered by now).
func (a *Article) WithdrawnPage(cfg *config.Config, now time.Time) bool {
	return a.WithdrawnAt(now) && a.signedForPublication(cfg, now)
}

// stepsDoneBy reports whether no step is dated after now: a 录入审核 dated
// tomorrow is not done yet.
func (a *Article) stepsDoneBy(cfg *config.Config, now time.Time) bool {
	for _, st := range cfg.ReviewChain {
		if s := a.FM.Review[st.Key]; s != nil && s.At.After(now) {
			return false
		}
	}
	return true
}

// WithdrawnAt reports whether the article has been withdrawn by now: a
// withdrawal dated later (or a site built as of an earlier day) does not
// count yet. A withdrawal without a date counts at once.
func (a *Article) WithdrawnAt(now time.Time) bool {
	w := a.FM.Withdrawn
	return w != nil && (w.At.IsZero() || !w.At.After(now))
}

// signedForPublication is Eligible without regard to a withdrawal.
func (a *Article) signedForPublication(cfg *config.Config, now time.Time) bool {
	if a.Broken || a.FM.Disclosure != Proactive || a.NextStep(cfg) != nil {
		return false
	}
	if p := a.PublishedAt(cfg); p.IsZero() || p.After(now) {
		return false
	}
	if !a.stepsDoneBy(cfg, now) {
		return false
	}
	if s := a.StepFor(cfg, config.PurposeContent); s != nil && s.Opinion != "公开" {
		return false
	}
	if s := a.StepFor(cfg, config.PurposeSecrecy); s != nil && s.Result != "不涉密" {
		return false
	}
	if s := a.StepFor(cfg, config.PurposeRelease); s != nil && s.Disclosure != a.FM.Disclosure {
		return false
	}
	return true
}
