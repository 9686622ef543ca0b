package check

import (
	"slices"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

var (
	msgAuthorSigned = msg.New("check.author_signed",
		"%s是本文作者，不得签署本文的%s；%s",
		"%s is an author of this article and may not sign its %s: %s")
	msgMayNotSign = msg.New("check.may_not_sign",
		"%s无权签署%s%s：须由%s签署%s",
		"%s may not sign %s%s: it needs %s%s")
	msgOfImportant   = msg.New("check.of_important", "（重要信息）", " of 重要 information")
	msgRoleHead      = msg.New("check.role_head", "%s的科室负责人", "the head (科室负责人) of %s")
	msgRoleLeader    = msg.New("check.role_leader", "%s的分管领导", "the leader in charge (分管领导) of %s")
	msgRoleOther     = msg.New("check.role_other", "角色为 %s 的人员", "role %s")
	msgNoOtherSigner = msg.New("check.no_other_signer",
		"没有其他人员可以签署，请在 gongkai.yaml 中另行声明签署人",
		"nobody else may sign it; declare another signer in gongkai.yaml")
	msgAskOtherSigner = msg.New("check.ask_other_signer", "请由其他人员签署（%s）", "ask another signer (%s)")
	msgNobodyMaySign  = msg.New("check.nobody_may_sign",
		"；gongkai.yaml 中没有声明可以签署的人员，请在该处声明签署人",
		"; nobody declared in gongkai.yaml may sign it: declare the signer there")
	msgMaySignList = msg.New("check.may_sign_list", "；可以签署的人员：%s", "; may sign: %s")
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
			c.l.Errorf(at, "GK011", msgAuthorSigned.T(), st.By, stepName(s), otherSigners(others))
		}
		if allowed {
			continue
		}
		of := ""
		if important && len(s.Important) > 0 {
			of = msgOfImportant.F()
			if a.FM.Importance != article.Important {
				of = msgOfPrincipalKind.F(a.FM.Kind)
			}
		}
		c.l.Errorf(at, "GK010", msgMayNotSign.T(), st.By, stepName(s), of, c.needs(s, dept, important), mayList(may))
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
var roleWords = map[string]msg.M{
	"secrecy":   msg.New("check.role_secrecy", "保密审查员（角色 secrecy）", "a 保密审查员 (role secrecy)"),
	"principal": msg.New("check.role_principal", "主要领导（角色 principal）", "the 主要领导 (role principal)"),
	"deputy":    msg.New("check.role_deputy", "副职领导（角色 deputy）", "a 副职领导 (role deputy)"),
	"entry":     msg.New("check.role_entry", "录入员（角色 entry）", "a 录入员 (role entry)"),
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
			words = append(words, msgRoleHead.F(dept))
		case "leader":
			words = append(words, msgRoleLeader.F(dept))
		default:
			if w, ok := roleWords[r]; ok {
				words = append(words, w.F())
			} else {
				words = append(words, msgRoleOther.F(r))
			}
		}
	}
	return msg.Or(words)
}

// otherSigners tells an author who else may sign their article's step.
func otherSigners(names []string) string {
	if len(names) == 0 {
		return msgNoOtherSigner.F()
	}
	return msgAskOtherSigner.F(msg.List(names))
}

// mayList ends a message with who may sign, or says that nobody is declared.
func mayList(names []string) string {
	if len(names) == 0 {
		return msgNobodyMaySign.F()
	}
	return msgMaySignList.F(msg.List(names))
}

var (
	msgSignedOutOfOrder = msg.New("check.signed_out_of_order",
		"%s已签署，但%s；审核顺序为 %s，请按此顺序签署",
		"%s is signed while %s: the chain is %s; sign in that order")
	msgDatedBefore = msg.New("check.dated_before",
		"%s的日期 %s 早于%s的日期 %s：审核日期不能倒序，请更正日期",
		"%s is dated %s, before %s on %s: dates may not go backwards along the chain; correct the date")
	msgSecrecyAfterRelease = msg.New("check.secrecy_after_release",
		"%s的日期 %s 晚于%s的日期 %s：保密审查须在发布审核之前完成，请更正日期或重新审查",
		"%s is dated %s, after %s on %s: the confidentiality review must come before the release review; correct the date or review again")
	msgEarlierStepMissing  = msg.New("check.earlier_step_missing", "前一步骤%s尚未签署", "the earlier step %s is missing")
	msgEarlierStepsMissing = msg.New("check.earlier_steps_missing", "前面的步骤%s尚未签署", "the earlier steps %s are missing")
)

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
			c.l.Errorf(a.Pos("review."+s.Key), "GK012", msgSignedOutOfOrder.T(),
				stepName(s), missingSteps(missing), strings.Join(c.cfg.StepKeys(), " → "))
			missing = nil
		}
		if !st.Complete() {
			continue
		}
		if prev != nil && c.before(st.At, a.FM.Review[prev.Key].At) {
			c.l.Errorf(a.Pos("review."+s.Key+".at"), "GK012", msgDatedBefore.T(),
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
		c.l.Errorf(a.Pos("review."+sec.Key+".at"), "GK012", msgSecrecyAfterRelease.T(),
			stepName(sec), c.show(s.At), stepName(rel), c.show(r.At))
	}
}

// missingSteps writes "the earlier step X is missing" or "the earlier steps
// X and Y are missing".
func missingSteps(names []string) string {
	if len(names) == 1 {
		return msgEarlierStepMissing.F(names[0])
	}
	return msgEarlierStepsMissing.F(msg.And(names))
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

var (
	msgReleaseDisagrees = msg.New("check.release_disagrees",
		"%[1]s确定的公开属性为 %[2]s，但 disclosure: 填写的是 %[3]s；以发布审核为准，请改为 disclosure: %[4]s，或由%[5]s重新签署为 %[6]s",
		"%[1]s fixed the disclosure as %[2]s, but disclosure: is %[3]s: the release review decides; set disclosure: %[4]s, or have %[5]s signed again with %[6]s")
	msgOpinionDisagrees = msg.New("check.opinion_disagrees",
		"%s的意见为 不公开，但 disclosure: 为 主动公开；请将 disclosure 改为 内部公开、依申请公开 或 不予公开（并填写 withhold_reason），或由%s重新签署为 opinion: 公开",
		"%s proposed 不公开, but disclosure: is 主动公开: change disclosure to 内部公开, 依申请公开 or 不予公开 (with withhold_reason), or have %s signed again with opinion: 公开")
	msgWhyWithheld         = msg.New("check.why_withheld", "不予公开的理由", "why the information is not disclosed")
	msgWhyOnRequest        = msg.New("check.why_on_request", "仅依申请公开的理由", "why it is disclosed only on request")
	msgNeedsWithholdReason = msg.New("check.needs_withhold_reason",
		"公开属性为 %s 时须填写 withhold_reason：请写明%s（例如所依据的《政府信息公开条例》条款）",
		"disclosure %s needs withhold_reason: state %s (for example the article of the 政府信息公开条例 that applies)")
	msgClassifiedDisclosed = msg.New("check.classified_disclosed",
		"%s认定该信息涉密，但 disclosure: 为 %s；涉密信息不公开，请改为 disclosure: 不予公开 并填写 withhold_reason",
		"%s found the information classified (涉密), but disclosure: is %s: classified information is never disclosed (涉密信息不公开); set disclosure: 不予公开 with a withhold_reason")
)

// disclosure checks the disclosure decisions (GK013–GK015).
func (c *checker) disclosure(a *article.Article) {
	fm := &a.FM
	if s := c.cfg.StepFor(config.PurposeRelease); s != nil {
		if st := a.Step(s); st.Complete() && st.Disclosure != "" && fm.Disclosure != "" && st.Disclosure != fm.Disclosure {
			c.l.Errorf(a.Pos("review."+s.Key+".disclosure"), "GK013", msgReleaseDisagrees.T(),
				stepName(s), st.Disclosure, fm.Disclosure, st.Disclosure, s.Label, fm.Disclosure)
		}
	}
	if s := c.cfg.StepFor(config.PurposeContent); s != nil {
		if st := a.Step(s); st.Complete() && st.Opinion == "不公开" && fm.Disclosure == article.Proactive {
			c.l.Errorf(a.Pos("review."+s.Key+".opinion"), "GK013", msgOpinionDisagrees.T(),
				stepName(s), s.Label)
		}
	}
	if (fm.Disclosure == article.Withheld || fm.Disclosure == article.OnRequest) && blank(fm.WithholdReason) {
		why := msgWhyWithheld
		if fm.Disclosure == article.OnRequest {
			why = msgWhyOnRequest
		}
		c.l.Errorf(a.Pos("withhold_reason"), "GK014", msgNeedsWithholdReason.T(), fm.Disclosure, why.F())
	}
	if s := c.cfg.StepFor(config.PurposeSecrecy); s != nil {
		if st := a.Step(s); st.Complete() && st.Result == "涉密" && fm.Disclosure != "" && fm.Disclosure != article.Withheld {
			c.l.Errorf(a.Pos("review."+s.Key+".result"), "GK015", msgClassifiedDisclosed.T(),
				stepName(s), fm.Disclosure)
		}
	}
}
