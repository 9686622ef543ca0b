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
	key, label, what string
	empty            func(*article.FrontMatter) bool
}

var requiredFields = []requiredField{
	{"title", "标题", "the article's title", func(fm *article.FrontMatter) bool { return blank(fm.Title) }},
	{"department", "科室", "the department that publishes it, as declared under departments: in gongkai.yaml", func(fm *article.FrontMatter) bool { return blank(fm.Department) }},
	{"category", "主题分类", "its 主题分类, one of categories: in gongkai.yaml", func(fm *article.FrontMatter) bool { return blank(fm.Category) }},
	{"kind", "信息类型", "its 信息类型, one of kinds: in gongkai.yaml", func(fm *article.FrontMatter) bool { return blank(fm.Kind) }},
	{"authors", "作者", "the authors as declared under people: in gongkai.yaml (authors: [张三])", func(fm *article.FrontMatter) bool { return len(fm.Authors) == 0 }},
	{"disclosure", "公开属性", "主动公开, 内部公开, 依申请公开 or 不予公开", func(fm *article.FrontMatter) bool { return fm.Disclosure == "" }},
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// required reports missing or empty top-level fields (GK002).
func (c *checker) required(a *article.Article) {
	for _, f := range requiredFields {
		if !f.empty(&a.FM) {
			continue
		}
		if _, present := a.Keys[f.key]; present {
			c.l.Errorf(a.Pos(f.key), "GK002", "%s (%s) is empty: set it to %s", f.key, f.label, f.what)
		} else {
			c.l.Errorf(a.Pos(f.key), "GK002", "missing %s (%s): add %s: with %s", f.key, f.label, f.key, f.what)
		}
	}
	if e := a.FM.Event; e != nil && noDate(a, "event.date", e.Date) {
		c.l.Errorf(a.Pos("event.date"), "GK002", "event has no date: add date: with the day of the meeting or decision the information reports on (event: {date: 2025-03-03, name: 局务会})")
	}
	for i, ad := range a.FM.Adoptions {
		key := fmt.Sprintf("adoptions.%d", i)
		for _, f := range []struct{ name, value, hint string }{
			{"outlet", ad.Outlet, "the outlet that used it (市局《每日要情》)"},
			{"level", ad.Level, "its level, one of scoring.levels"},
			{"form", ad.Form, "its form, one of scoring.forms"},
		} {
			if blank(f.value) {
				c.l.Errorf(a.Pos(key+"."+f.name), "GK002", "adoption %d has no %s: add %s: with %s", i+1, f.name, f.name, f.hint)
			}
		}
		if noDate(a, key+".date", ad.Date) {
			c.l.Errorf(a.Pos(key+".date"), "GK002", "adoption %d has no date: add date: with the day the outlet used it (reports count adoptions by this date)", i+1)
		}
	}
}

// names reports names the configuration does not declare (GK003).
func (c *checker) names(a *article.Article) {
	fm := &a.FM
	if !blank(fm.Department) && c.depts[fm.Department] == nil {
		c.l.Errorf(a.Pos("department"), "GK003", "department %q is not declared in gongkai.yaml%s: use a name under departments: or declare the department there", fm.Department, suggest(fm.Department, c.cfg.DepartmentNames()))
	}
	if !blank(fm.Category) && !c.cats[fm.Category] {
		c.l.Errorf(a.Pos("category"), "GK003", "category %q is not declared in gongkai.yaml%s: use one of categories: (%s)", fm.Category, suggest(fm.Category, c.cfg.Categories), strings.Join(c.cfg.Categories, ", "))
	}
	if !blank(fm.Kind) && c.kinds[fm.Kind] == nil {
		c.l.Errorf(a.Pos("kind"), "GK003", "kind %q is not declared in gongkai.yaml%s: use one of kinds: (%s)", fm.Kind, suggest(fm.Kind, c.cfg.KindNames()), strings.Join(c.cfg.KindNames(), ", "))
	}
	for i, name := range fm.Authors {
		if c.people[name] == nil {
			c.person(a, fmt.Sprintf("authors.%d", i), "author", name)
		}
	}
	for _, s := range c.cfg.ReviewChain {
		if st := fm.Review[s.Key]; st != nil && st.By != "" && c.people[st.By] == nil {
			c.person(a, "review."+s.Key+".by", s.Label+" signer", st.By)
		}
	}
	if w := fm.Withdrawn; w != nil && w.By != "" && c.people[w.By] == nil {
		c.person(a, "withdrawn.by", "withdrawn.by", w.By)
	}
	for i, ad := range fm.Adoptions {
		key := fmt.Sprintf("adoptions.%d", i)
		if ad.Level != "" && !c.levels[ad.Level] {
			c.l.Errorf(a.Pos(key+".level"), "GK003", "adoption level %q is not declared in scoring.levels%s: use one of %s", ad.Level, suggest(ad.Level, c.cfg.Scoring.Levels), strings.Join(c.cfg.Scoring.Levels, ", "))
		}
		if ad.Form != "" && !c.forms[ad.Form] {
			forms := c.formNames()
			c.l.Errorf(a.Pos(key+".form"), "GK003", "adoption form %q is not declared in scoring.forms%s: use one of %s", ad.Form, suggest(ad.Form, forms), strings.Join(forms, ", "))
		}
	}
}

// person reports a name that is not declared under people:.
func (c *checker) person(a *article.Article, key, role, name string) {
	if blank(name) {
		c.l.Errorf(a.Pos(key), "GK002", "%s is empty: give a name declared under people: in gongkai.yaml", role)
		return
	}
	if c.people[name] == nil {
		c.l.Errorf(a.Pos(key), "GK003", "%s %q is not declared under people: in gongkai.yaml%s: correct the name or declare the person", role, name, suggest(name, c.cfg.PeopleNames()))
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
			c.l.Errorf(a.Pos(key), "GK002", "%s has at but no by: a step is either absent or complete; add by: with the signer's name", stepName(&s))
			continue
		case st.At.IsZero():
			if !noDate(a, key+".at", st.At) {
				continue // written but unreadable: the loader reported it (GK043)
			}
			c.l.Errorf(a.Pos(key), "GK002", "%s has by but no at: a step is either absent or complete; add at: with the day it was signed (2025-03-04)", stepName(&s))
			continue
		}
		c.purposeField(a, &s, st)
	}
}

// purposeField reports a complete step that lacks the decision its purpose
// records: the content opinion, the secrecy result, the release disclosure.
func (c *checker) purposeField(a *article.Article, s *config.Step, st *article.Step) {
	key := "review." + s.Key
	check := func(field, value string, allowed []string, what string) {
		switch {
		case value == "":
			c.l.Errorf(a.Pos(key+"."+field), "GK002", "%s has no %s: add %s: %s (%s)", stepName(s), field, field, strings.Join(allowed, " or "), what)
		case !slices.Contains(allowed, value):
			c.l.Errorf(a.Pos(key+"."+field), "GK002", "%s.%s %q must be %s (%s)", key, field, value, strings.Join(allowed, " or "), what)
		}
	}
	switch s.Purpose {
	case config.PurposeContent:
		check("opinion", st.Opinion, []string{"公开", "不公开"}, "the department head's proposal")
	case config.PurposeSecrecy:
		check("result", st.Result, []string{"不涉密", "涉密"}, "the outcome of the confidentiality review")
	case config.PurposeRelease:
		if st.Disclosure == "" {
			c.l.Errorf(a.Pos(key+".disclosure"), "GK002", "%s has no disclosure: the release review fixes the disclosure attribute; add disclosure: 主动公开 (or 内部公开, 依申请公开, 不予公开)", stepName(s))
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
	return fmt.Sprintf("%s (review.%s)", s.Label, s.Key)
}

var msgWithdrawnEmpty = msg.New("check.withdrawn_empty",
	"withdrawn 没有填写内容：撤回须写明 at（撤回日期）、by（决定撤回的领导）和 reason（撤回原因），如 withdrawn: {at: 2025-05-20, by: 钱七, reason: 内容有误}；不撤回请删去这一行",
	"withdrawn has no value: a withdrawal needs at (the day), by (the leader who decided it) and reason, as in withdrawn: {at: 2025-05-20, by: 钱七, reason: 内容有误}; if the article is not withdrawn, delete the line")

// withdrawal checks withdrawn: at, by and reason are required (GK002), and
// only who may sign off may withdraw (GK010).
func (c *checker) withdrawal(a *article.Article) {
	w := a.FM.Withdrawn
	if _, written := a.Keys["withdrawn"]; w == nil && written {
		c.l.Errorf(a.Pos("withdrawn"), "GK002", "%s", msgWithdrawnEmpty.T())
		return
	}
	if w == nil {
		return
	}
	if noDate(a, "withdrawn.at", w.At) {
		c.l.Errorf(a.Pos("withdrawn.at"), "GK002", "withdrawn has no at: add at: with the day of the withdrawal (撤回日期)")
	}
	if w.By == "" {
		c.l.Errorf(a.Pos("withdrawn.by"), "GK002", "withdrawn has no by: add by: with the leader who decided the withdrawal (one who may sign off)")
	}
	if blank(w.Reason) {
		c.l.Errorf(a.Pos("withdrawn.reason"), "GK002", "withdrawn has no reason: add reason: with the reason shown on the withdrawal notice (撤回原因)")
	}
	signoff := c.cfg.StepFor(config.PurposeSignoff)
	if w.By == "" || c.people[w.By] == nil || signoff == nil {
		return
	}
	may := c.maySign(signoff, a.FM.Department, false)
	if !slices.Contains(may, w.By) {
		c.l.Errorf(a.Pos("withdrawn.by"), "GK010", "%s may not withdraw the article: a withdrawal is decided by one who may sign %s, %s%s", w.By, signoff.Label, c.needs(signoff, a.FM.Department, false), mayList(may))
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
		c.l.Errorf(a.Pos("validity.status"), "GK002", "validity has no status: add status: 有效, 已修改, 已废止 or 已失效")
		return
	}
	if v.Status == article.Valid {
		return
	}
	if noDate(a, "validity.at", v.At) {
		c.l.Errorf(a.Pos("validity.at"), "GK002", "validity %s has no at: add at: with the day it took effect (shown on the page)", v.Status)
	}
	if blank(v.By) {
		c.l.Errorf(a.Pos("validity.by"), "GK002", "validity %s has no by: add by: with the path of the article that supersedes this one (../2025/new.md)", v.Status)
		return
	}
	c.supersededBy(a, v.By)
}
