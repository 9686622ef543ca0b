package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// requiredField is a top-level key every article needs (GK002).
type requiredField struct {
	key, label string
	what       msg.M
	empty      func(*article.FrontMatter) bool
}

var requiredFields = []requiredField{
	{"title", "标题", msg.New("check.what_title", "文章标题", "the article's title"), func(fm *article.FrontMatter) bool { return blank(fm.Title) }},
	{"department", "科室", msg.New("check.what_department",
		"发布科室，须是 gongkai.yaml 中 departments: 下已声明的科室",
		"the department that publishes it, as declared under departments: in gongkai.yaml"), func(fm *article.FrontMatter) bool { return blank(fm.Department) }},
	{"category", "主题分类", msg.New("check.what_category",
		"主题分类，须是 gongkai.yaml 中 categories: 所列之一",
		"its 主题分类, one of categories: in gongkai.yaml"), func(fm *article.FrontMatter) bool { return blank(fm.Category) }},
	{"kind", "信息类型", msg.New("check.what_kind",
		"信息类型，须是 gongkai.yaml 中 kinds: 所列之一",
		"its 信息类型, one of kinds: in gongkai.yaml"), func(fm *article.FrontMatter) bool { return blank(fm.Kind) }},
	{"authors", "作者", msg.New("check.what_authors",
		"作者姓名，须是 gongkai.yaml 中 people: 下已声明的人员（authors: [张三]）",
		"the authors as declared under people: in gongkai.yaml (authors: [张三])"), func(fm *article.FrontMatter) bool { return len(fm.Authors) == 0 }},
	{"disclosure", "公开属性", msg.New("check.what_disclosure",
		"主动公开、内部公开、依申请公开 或 不予公开",
		"主动公开, 内部公开, 依申请公开 or 不予公开"), func(fm *article.FrontMatter) bool { return fm.Disclosure == "" }},
}

var (
	msgFieldEmpty = msg.New("check.field_empty",
		"%[2]s（%[1]s）为空，请填写%[3]s",
		"%[1]s (%[2]s) is empty: set it to %[3]s")
	msgFieldMissing = msg.New("check.field_missing",
		"缺少%[2]s（%[1]s），请添加 %[1]s: 并填写%[3]s",
		"missing %[1]s (%[2]s): add %[1]s: with %[3]s")
	msgEventNoDate = msg.New("check.event_no_date",
		"事件（event）缺少日期，请添加 date: 并填写本信息所报道的会议或决定的日期（event: {date: 2025-03-03, name: 局务会}）",
		"event has no date: add date: with the day of the meeting or decision the information reports on (event: {date: 2025-03-03, name: 局务会})")
	msgAdoptionOutlet = msg.New("check.adoption_outlet", "采用的媒体或刊物（市局《每日要情》）", "the outlet that used it (市局《每日要情》)")
	msgAdoptionLevel  = msg.New("check.adoption_level", "采用级别，须是 scoring.levels 所列之一", "its level, one of scoring.levels")
	msgAdoptionForm   = msg.New("check.adoption_form", "采用形式，须是 scoring.forms 所列之一", "its form, one of scoring.forms")
	msgAdoptionField  = msg.New("check.adoption_field",
		"第%[1]d条采用记录（adoptions）缺少 %[2]s，请添加 %[2]s: 并填写%[3]s",
		"adoption %[1]d has no %[2]s: add %[2]s: with %[3]s")
	msgAdoptionNoDate = msg.New("check.adoption_no_date",
		"第%d条采用记录（adoptions）缺少日期，请添加 date: 并填写被采用的日期（统计报表按此日期计算采用）",
		"adoption %d has no date: add date: with the day the outlet used it (reports count adoptions by this date)")
)

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// unreadable reports whether the key has a value written that decoded to
// nothing: a value of the wrong type or not one of the allowed ones, which
// the loader reported already (one finding, not a second "is empty").
func unreadable(a *article.Article, key string) bool {
	raw, _ := valueText(a, key)
	switch strings.TrimSpace(raw) {
	case "", "~", "null", "[]", "{}":
		return false
	}
	return true
}

// required reports missing or empty top-level fields (GK002).
func (c *checker) required(a *article.Article) {
	for _, f := range requiredFields {
		if !f.empty(&a.FM) {
			continue
		}
		if a.HasKey(f.key) {
			if unreadable(a, f.key) {
				continue // the loader reported the value, with the allowed ones
			}
			c.l.Errorf(a.Pos(f.key), "GK002", msgFieldEmpty.T(), f.key, f.label, f.what.F())
		} else {
			c.l.Errorf(a.Pos(f.key), "GK002", msgFieldMissing.T(), f.key, f.label, f.what.F())
		}
	}
	if e := a.FM.Event; e != nil && noDate(a, "event.date", e.Date) {
		c.l.Errorf(a.Pos("event.date"), "GK002", "%s", msgEventNoDate.F())
	}
	for i, ad := range a.FM.Adoptions {
		key := fmt.Sprintf("adoptions.%d", i)
		for _, f := range []struct {
			name, value string
			hint        msg.M
		}{
			{"outlet", ad.Outlet, msgAdoptionOutlet},
			{"level", ad.Level, msgAdoptionLevel},
			{"form", ad.Form, msgAdoptionForm},
		} {
			if blank(f.value) {
				c.l.Errorf(a.Pos(key+"."+f.name), "GK002", msgAdoptionField.T(), i+1, f.name, f.hint.F())
			}
		}
		if noDate(a, key+".date", ad.Date) {
			c.l.Errorf(a.Pos(key+".date"), "GK002", msgAdoptionNoDate.T(), i+1)
		}
	}
}

var (
	msgUndeclaredDepartment = msg.New("check.undeclared_department",
		"科室“%s”未在 gongkai.yaml 中声明%s；请使用 departments: 下的名称，或在该处声明此科室",
		"department %q is not declared in gongkai.yaml%s: use a name under departments: or declare the department there")
	msgUndeclaredCategory = msg.New("check.undeclared_category",
		"主题分类“%s”未在 gongkai.yaml 中声明%s；请使用 categories: 所列之一（%s）",
		"category %q is not declared in gongkai.yaml%s: use one of categories: (%s)")
	msgUndeclaredKind = msg.New("check.undeclared_kind",
		"信息类型“%s”未在 gongkai.yaml 中声明%s；请使用 kinds: 所列之一（%s）",
		"kind %q is not declared in gongkai.yaml%s: use one of kinds: (%s)")
	msgUndeclaredLevel = msg.New("check.undeclared_level",
		"采用级别“%s”未在 scoring.levels 中声明%s；请使用其中之一：%s",
		"adoption level %q is not declared in scoring.levels%s: use one of %s")
	msgUndeclaredForm = msg.New("check.undeclared_form",
		"采用形式“%s”未在 scoring.forms 中声明%s；请使用其中之一：%s",
		"adoption form %q is not declared in scoring.forms%s: use one of %s")
	msgRoleAuthor    = msg.New("check.role_author", "作者", "author")
	msgRoleSigner    = msg.New("check.role_signer", "%s签署人", "%s signer")
	msgRoleWithdrawn = msg.New("check.role_withdrawn", "撤回决定人（withdrawn.by）", "withdrawn.by")
	msgPersonEmpty   = msg.New("check.person_empty",
		"%s姓名为空，请填写 gongkai.yaml 中 people: 下已声明的人员",
		"%s is empty: give a name declared under people: in gongkai.yaml")
	msgUndeclaredPerson = msg.New("check.undeclared_person",
		"%s“%s”未在 gongkai.yaml 的 people: 中声明%s；请更正姓名，或在该处声明此人",
		"%s %q is not declared under people: in gongkai.yaml%s: correct the name or declare the person")
)

// names reports names the configuration does not declare (GK003).
func (c *checker) names(a *article.Article) {
	fm := &a.FM
	if !blank(fm.Department) && c.depts[fm.Department] == nil {
		c.l.Errorf(a.Pos("department"), "GK003", msgUndeclaredDepartment.T(), fm.Department, suggest(fm.Department, c.cfg.DepartmentNames()))
	}
	if !blank(fm.Category) && !c.cats[fm.Category] {
		c.l.Errorf(a.Pos("category"), "GK003", msgUndeclaredCategory.T(), fm.Category, suggest(fm.Category, c.cfg.Categories), msg.List(c.cfg.Categories))
	}
	if !blank(fm.Kind) && c.kinds[fm.Kind] == nil {
		c.l.Errorf(a.Pos("kind"), "GK003", msgUndeclaredKind.T(), fm.Kind, suggest(fm.Kind, c.cfg.KindNames()), msg.List(c.cfg.KindNames()))
	}
	for i, name := range fm.Authors {
		if c.people[name] == nil {
			c.person(a, fmt.Sprintf("authors.%d", i), msgRoleAuthor.F(), name)
		}
	}
	for _, s := range c.cfg.ReviewChain {
		if st := fm.Review[s.Key]; st != nil && st.By != "" && c.people[st.By] == nil {
			c.person(a, "review."+s.Key+".by", msgRoleSigner.F(s.Label), st.By)
		}
	}
	if w := fm.Withdrawn; w != nil && w.By != "" && c.people[w.By] == nil {
		c.person(a, "withdrawn.by", msgRoleWithdrawn.F(), w.By)
	}
	for i, ad := range fm.Adoptions {
		key := fmt.Sprintf("adoptions.%d", i)
		if ad.Level != "" && !c.levels[ad.Level] {
			c.l.Errorf(a.Pos(key+".level"), "GK003", msgUndeclaredLevel.T(), ad.Level, suggest(ad.Level, c.cfg.Scoring.Levels), msg.List(c.cfg.Scoring.Levels))
		}
		if ad.Form != "" && !c.forms[ad.Form] {
			forms := c.formNames()
			c.l.Errorf(a.Pos(key+".form"), "GK003", msgUndeclaredForm.T(), ad.Form, suggest(ad.Form, forms), msg.List(forms))
		}
	}
}

// person reports a name that is not declared under people:.
func (c *checker) person(a *article.Article, key, role, name string) {
	if blank(name) {
		c.l.Errorf(a.Pos(key), "GK002", msgPersonEmpty.T(), role)
		return
	}
	if c.people[name] == nil {
		c.l.Errorf(a.Pos(key), "GK003", msgUndeclaredPerson.T(), role, name, suggest(name, c.cfg.PeopleNames()))
	}
}

// suggest is strictyaml.Suggest among the candidates that share a character
// with word, so that a name unlike every declared one gets no suggestion.
func suggest(word string, candidates []string) string {
	var near []string
	for _, c := range candidates {
		if strings.ContainsAny(c, word) {
			near = append(near, c)
		}
	}
	return strictyaml.Suggest(word, near)
}

func (c *checker) formNames() []string {
	names := make([]string, 0, len(c.forms))
	for n := range c.forms {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var (
	msgStepNoBy = msg.New("check.step_no_by",
		"%s填写了 at 但没有 by：审核步骤要么不写，要么写全；请添加 by: 并填写签署人姓名",
		"%s has at but no by: a step is either absent or complete; add by: with the signer's name")
	msgStepNoAt = msg.New("check.step_no_at",
		"%s填写了 by 但没有 at：审核步骤要么不写，要么写全；请添加 at: 并填写签署日期（2025-03-04）",
		"%s has by but no at: a step is either absent or complete; add at: with the day it was signed (2025-03-04)")
	msgPurposeMissing = msg.New("check.purpose_missing",
		"%[1]s未填写%[2]s（%[3]s），请填写 %[4]s",
		"%[1]s has no %[3]s: add %[3]s: %[4]s (%[2]s)")
	msgPurposeWrong = msg.New("check.purpose_wrong",
		"%[1]s.%[2]s 填写的“%[3]s”无效，请填写 %[4]s（%[5]s）",
		"%[1]s.%[2]s %[3]q must be %[4]s (%[5]s)")
	msgOpinionWhat         = msg.New("check.opinion_what", "审核意见", "the department head's proposal")
	msgResultWhat          = msg.New("check.result_what", "审查结论", "the outcome of the confidentiality review")
	msgReleaseNoDisclosure = msg.New("check.release_no_disclosure",
		"%s未填写公开属性（disclosure）：公开属性由发布审核确定，请添加 disclosure: 主动公开（或 内部公开、依申请公开、不予公开）",
		"%s has no disclosure: the release review fixes the disclosure attribute; add disclosure: 主动公开 (or 内部公开, 依申请公开, 不予公开)")
	msgStepName = msg.New("check.step_name", "%s（review.%s）", "%s (review.%s)")
)

// stepFields reports steps that are started but not complete, and complete
// steps without the field their purpose needs (GK002).
func (c *checker) stepFields(a *article.Article) {
	for _, s := range c.cfg.ReviewChain {
		st := a.FM.Review[s.Key]
		if !started(st) {
			continue
		}
		key := "review." + s.Key
		switch {
		case st.By == "":
			c.l.Errorf(a.Pos(key), "GK002", msgStepNoBy.T(), stepName(&s))
			continue
		case st.At.IsZero():
			if !noDate(a, key+".at", st.At) {
				continue // written but unreadable: the loader reported it (GK043)
			}
			c.l.Errorf(a.Pos(key), "GK002", msgStepNoAt.T(), stepName(&s))
			continue
		}
		c.purposeField(a, &s, st)
	}
}

// purposeField reports a complete step that lacks the decision its purpose
// records: the content opinion, the secrecy result, the release disclosure.
func (c *checker) purposeField(a *article.Article, s *config.Step, st *article.Step) {
	key := "review." + s.Key
	check := func(field, value string, allowed []string, what msg.M) {
		switch {
		case value == "":
			c.l.Errorf(a.Pos(key+"."+field), "GK002", msgPurposeMissing.T(), stepName(s), what.F(), field, msg.Or(allowed))
		case !slices.Contains(allowed, value):
			c.l.Errorf(a.Pos(key+"."+field), "GK002", msgPurposeWrong.T(), key, field, value, msg.Or(allowed), what.F())
		}
	}
	switch s.Purpose {
	case config.PurposeContent:
		check("opinion", st.Opinion, []string{"公开", "不公开"}, msgOpinionWhat)
	case config.PurposeSecrecy:
		check("result", st.Result, []string{"不涉密", "涉密"}, msgResultWhat)
	case config.PurposeRelease:
		if st.Disclosure == "" {
			c.l.Errorf(a.Pos(key+".disclosure"), "GK002", msgReleaseNoDisclosure.T(), stepName(s))
		}
	}
}

// noDate reports whether a date is missing: zero and not written. A date
// written but unreadable is zero too, and the loader reported it (GK043).
func noDate(a *article.Article, key string, d article.Date) bool {
	if !d.IsZero() {
		return false
	}
	raw, _ := valueText(a, key)
	return raw == "" || raw == "~" || raw == "null"
}

// started reports whether a step has been begun: by or at is set. A step
// left empty (content: or {by: , at: }) counts as absent.
func started(st *article.Step) bool {
	return st != nil && (st.By != "" || !st.At.IsZero())
}

// stepName names a chain step as 内容审核 (review.content).
func stepName(s *config.Step) string {
	return msgStepName.F(s.Label, s.Key)
}

var msgWithdrawnEmpty = msg.New("check.withdrawn_empty",
	"withdrawn 没有填写内容：撤回须写明 at（撤回日期）、by（决定撤回的领导）和 reason（撤回原因），如 withdrawn: {at: 2025-05-20, by: 钱七, reason: 内容有误}；不撤回请删去这一行",
	"withdrawn has no value: a withdrawal needs at (the day), by (the leader who decided it) and reason, as in withdrawn: {at: 2025-05-20, by: 钱七, reason: 内容有误}; if the article is not withdrawn, delete the line")

var (
	msgWithdrawnNoAt = msg.New("check.withdrawn_no_at",
		"撤回（withdrawn）缺少日期，请添加 at: 并填写撤回日期",
		"withdrawn has no at: add at: with the day of the withdrawal (撤回日期)")
	msgWithdrawnNoBy = msg.New("check.withdrawn_no_by",
		"撤回（withdrawn）缺少决定人，请添加 by: 并填写决定撤回的领导（须是有权签发的人员）",
		"withdrawn has no by: add by: with the leader who decided the withdrawal (one who may sign off)")
	msgWithdrawnNoReason = msg.New("check.withdrawn_no_reason",
		"撤回（withdrawn）缺少原因，请添加 reason: 并填写撤回公告上显示的撤回原因",
		"withdrawn has no reason: add reason: with the reason shown on the withdrawal notice (撤回原因)")
	msgMayNotWithdraw = msg.New("check.may_not_withdraw",
		"%s无权撤回本文：撤回须由有权%s的人员决定，即%s%s",
		"%s may not withdraw the article: a withdrawal is decided by one who may sign %s, %s%s")
	msgValidityNoStatus = msg.New("check.validity_no_status",
		"有效性（validity）缺少状态，请添加 status: 有效、已修改、已废止 或 已失效",
		"validity has no status: add status: 有效, 已修改, 已废止 or 已失效")
	msgValidityNoAt = msg.New("check.validity_no_at",
		"有效性为 %s，但缺少日期，请添加 at: 并填写生效日期（在页面上显示）",
		"validity %s has no at: add at: with the day it took effect (shown on the page)")
	msgValidityNoBy = msg.New("check.validity_no_by",
		"有效性为 %s，但缺少取代本文的文章，请添加 by: 并填写该文章的路径（../2025/new.md）",
		"validity %s has no by: add by: with the path of the article that supersedes this one (../2025/new.md)")
)

// withdrawal checks withdrawn: at, by and reason are required (GK002), and
// only who may sign off may withdraw (GK010).
func (c *checker) withdrawal(a *article.Article) {
	w := a.FM.Withdrawn
	if w == nil && a.HasKey("withdrawn") {
		c.l.Errorf(a.Pos("withdrawn"), "GK002", "%s", msgWithdrawnEmpty.T())
		return
	}
	if w == nil {
		return
	}
	if noDate(a, "withdrawn.at", w.At) {
		c.l.Errorf(a.Pos("withdrawn.at"), "GK002", "%s", msgWithdrawnNoAt.F())
	}
	if w.By == "" {
		c.l.Errorf(a.Pos("withdrawn.by"), "GK002", "%s", msgWithdrawnNoBy.F())
	}
	if blank(w.Reason) {
		c.l.Errorf(a.Pos("withdrawn.reason"), "GK002", "%s", msgWithdrawnNoReason.F())
	}
	signoff := c.cfg.StepFor(config.PurposeSignoff)
	if w.By == "" || c.people[w.By] == nil || signoff == nil {
		return
	}
	may := c.maySign(signoff, a.FM.Department, false)
	if !slices.Contains(may, w.By) {
		c.l.Errorf(a.Pos("withdrawn.by"), "GK010", msgMayNotWithdraw.T(), w.By, signoff.Label, c.needs(signoff, a.FM.Department, false), mayList(may))
	}
}

// validity checks validity: a status, and for 已修改 / 已废止 / 已失效 the
// date and the superseding article (GK002; the path itself is GK050).
func (c *checker) validity(a *article.Article) {
	v := a.FM.Validity
	if v == nil {
		return
	}
	if v.Status == "" {
		c.l.Errorf(a.Pos("validity.status"), "GK002", "%s", msgValidityNoStatus.F())
		return
	}
	if v.Status == article.Valid {
		return
	}
	if noDate(a, "validity.at", v.At) {
		c.l.Errorf(a.Pos("validity.at"), "GK002", msgValidityNoAt.T(), v.Status)
	}
	if blank(v.By) {
		c.l.Errorf(a.Pos("validity.by"), "GK002", msgValidityNoBy.T(), v.Status)
		return
	}
	c.supersededBy(a, v.By)
}
