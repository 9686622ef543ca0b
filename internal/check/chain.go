package check

import (
	"slices"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

var msgOfPrincipalKind = msg.New("check.of_principal_kind",
	"（%s须经主要领导签发，见 gongkai.yaml 中 kinds 的 principal: true）",
	" of %s information (its kind has principal: true in gongkai.yaml)")

// signers reports steps signed by someone the chain does not allow (GK010)
// and steps an author signed on their own article (GK011).
func (c *checker) signers(a *article.Article) {
	important := a.NeedsPrincipal(c.cfg)
	dept := a.FM.Department
	for i := range c.cfg.ReviewChain {
		s := &c.cfg.ReviewChain[i]
		st := a.FM.Review[s.Key]
		if !st.Complete() || c.people[st.By] == nil {
			continue
		}
		may := c.maySign(s, dept, important)
		author := slices.Contains(a.FM.Authors, st.By)
		allowed := slices.Contains(may, st.By) || (needsDepartment(s, important) && c.depts[dept] == nil)
		if !author && allowed {
			continue
		}
		at := a.Pos("review." + s.Key + ".by")
		if author {
			others := slices.DeleteFunc(slices.Clone(may), func(n string) bool { return slices.Contains(a.FM.Authors, n) })
			c.l.Errorf(at, "GK011", "%s is an author of this article and may not sign its %s: %s", st.By, stepName(s), otherSigners(others))
		}
		if allowed {
			continue
		}
		of := ""
		if important && len(s.Important) > 0 {
			of = " of 重要 information"
			if a.FM.Importance != article.Important {
				of = msgOfPrincipalKind.F(a.FM.Kind)
			}
		}
		c.l.Errorf(at, "GK010", "%s may not sign %s%s: it needs %s%s", st.By, stepName(s), of, c.needs(s, dept, important), mayList(may))
	}
}

// needsDepartment reports whether who may sign the step depends on the
// article's department (its head or leader).
func needsDepartment(s *config.Step, important bool) bool {
	signers := s.Signers
	if important && len(s.Important) > 0 {
		signers = s.Important
	}
	return slices.Contains(signers, "head") || slices.Contains(signers, "leader")
}

// roleWords describes each signer of the review chain.
var roleWords = map[string]string{
	"secrecy":   "a 保密审查员 (role secrecy)",
	"principal": "the 主要领导 (role principal)",
	"deputy":    "a 副职领导 (role deputy)",
	"entry":     "a 录入员 (role entry)",
}

// needs describes who may sign the step: "the head (科室负责人) of 办公室 or …".
func (c *checker) needs(s *config.Step, dept string, important bool) string {
	signers := s.Signers
	if important && len(s.Important) > 0 {
		signers = s.Important
	}
	words := make([]string, 0, len(signers))
	for _, r := range signers {
		switch r {
		case "head":
			words = append(words, "the head (科室负责人) of "+dept)
		case "leader":
			words = append(words, "the leader in charge (分管领导) of "+dept)
		default:
			if w, ok := roleWords[r]; ok {
				words = append(words, w)
			} else {
				words = append(words, "role "+r)
			}
		}
	}
	return strings.Join(words, " or ")
}

// otherSigners tells an author who else may sign their article's step.
func otherSigners(names []string) string {
	if len(names) == 0 {
		return "nobody else may sign it; declare another signer in gongkai.yaml"
	}
	return "ask another signer (" + strings.Join(names, ", ") + ")"
}

// mayList ends a message with who may sign, or says that nobody is declared.
func mayList(names []string) string {
	if len(names) == 0 {
		return "; nobody declared in gongkai.yaml may sign it: declare the signer there"
	}
	return "; may sign: " + strings.Join(names, ", ")
}

// order reports chain-order problems (GK012): a step signed while an earlier
// one is missing, dates going backwards along the chain, and a
// confidentiality review dated after the release review.
func (c *checker) order(a *article.Article) {
	chain := c.cfg.ReviewChain
	var missing []string
	var prev *config.Step
	for i := range chain {
		s := &chain[i]
		st := a.FM.Review[s.Key]
		if !started(st) {
			missing = append(missing, stepName(s))
			continue
		}
		if len(missing) > 0 {
			c.l.Errorf(a.Pos("review."+s.Key), "GK012", "%s is signed while %s: the chain is %s; sign in that order",
				stepName(s), missingSteps(missing), strings.Join(c.cfg.StepKeys(), " → "))
			missing = nil
		}
		if !st.Complete() {
			continue
		}
		if prev != nil && c.before(st.At, a.FM.Review[prev.Key].At) {
			c.l.Errorf(a.Pos("review."+s.Key+".at"), "GK012", "%s is dated %s, before %s on %s: dates may not go backwards along the chain; correct the date",
				stepName(s), c.show(st.At), stepName(prev), c.show(a.FM.Review[prev.Key].At))
		}
		prev = s
	}
	c.secrecyBeforeRelease(a)
}

// secrecyBeforeRelease enforces that the confidentiality review comes before
// the release review even when a configured chain orders them otherwise.
func (c *checker) secrecyBeforeRelease(a *article.Article) {
	sec, rel := c.cfg.StepFor(config.PurposeSecrecy), c.cfg.StepFor(config.PurposeRelease)
	if sec == nil || rel == nil || c.cfg.StepIndex(sec.Key) < c.cfg.StepIndex(rel.Key) {
		return // the chain order already checks it
	}
	s, r := a.Step(sec), a.Step(rel)
	if s.Complete() && r.Complete() && c.before(r.At, s.At) {
		c.l.Errorf(a.Pos("review."+sec.Key+".at"), "GK012", "%s is dated %s, after %s on %s: the confidentiality review must come before the release review; correct the date or review again",
			stepName(sec), c.show(s.At), stepName(rel), c.show(r.At))
	}
}

// missingSteps writes "the earlier step X is missing" or "the earlier steps
// X and Y are missing".
func missingSteps(names []string) string {
	if len(names) == 1 {
		return "the earlier step " + names[0] + " is missing"
	}
	return "the earlier steps " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " are missing"
}

// before reports whether x is earlier than y: by the instant when both have
// a time, else by the day at the site.
func (c *checker) before(x, y article.Date) bool {
	if x.HasTime && y.HasTime {
		return x.Before(y.Time)
	}
	return article.CivilDay(x.Time, c.cfg.Location).Before(article.CivilDay(y.Time, c.cfg.Location))
}

// show formats a date as written: 2025-03-04, or 2025-03-04T09:30:00+08:00.
func (c *checker) show(d article.Date) string {
	if d.HasTime {
		return d.Format("2006-01-02T15:04:05Z07:00")
	}
	return d.Day()
}

// disclosure checks the disclosure decisions (GK013–GK015).
func (c *checker) disclosure(a *article.Article) {
	fm := &a.FM
	if s := c.cfg.StepFor(config.PurposeRelease); s != nil {
		if st := a.Step(s); st.Complete() && st.Disclosure != "" && fm.Disclosure != "" && st.Disclosure != fm.Disclosure {
			c.l.Errorf(a.Pos("review."+s.Key+".disclosure"), "GK013", "%s fixed the disclosure as %s, but disclosure: is %s: the release review decides; set disclosure: %s, or have %s signed again with %s",
				stepName(s), st.Disclosure, fm.Disclosure, st.Disclosure, s.Label, fm.Disclosure)
		}
	}
	if s := c.cfg.StepFor(config.PurposeContent); s != nil {
		if st := a.Step(s); st.Complete() && st.Opinion == "不公开" && fm.Disclosure == article.Proactive {
			c.l.Errorf(a.Pos("review."+s.Key+".opinion"), "GK013", "%s proposed 不公开, but disclosure: is 主动公开: change disclosure to 内部公开, 依申请公开 or 不予公开 (with withhold_reason), or have %s signed again with opinion: 公开",
				stepName(s), s.Label)
		}
	}
	if (fm.Disclosure == article.Withheld || fm.Disclosure == article.OnRequest) && blank(fm.WithholdReason) {
		why := "why the information is not disclosed"
		if fm.Disclosure == article.OnRequest {
			why = "why it is disclosed only on request"
		}
		c.l.Errorf(a.Pos("withhold_reason"), "GK014", "disclosure %s needs withhold_reason: state %s (for example the article of the 政府信息公开条例 that applies)", fm.Disclosure, why)
	}
	if s := c.cfg.StepFor(config.PurposeSecrecy); s != nil {
		if st := a.Step(s); st.Complete() && st.Result == "涉密" && fm.Disclosure != "" && fm.Disclosure != article.Withheld {
			c.l.Errorf(a.Pos("review."+s.Key+".result"), "GK015", "%s found the information classified (涉密), but disclosure: is %s: classified information is never disclosed (涉密信息不公开); set disclosure: 不予公开 with a withhold_reason",
				stepName(s), fm.Disclosure)
		}
	}
}
