package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

func (c *Config) applyDefaults() {
	c.applySiteDefaults()
	if c.Site.Language == "" {
		c.Site.Language = "zh-CN"
	}
	if c.Site.Timezone == "" {
		c.Site.Timezone = "Asia/Shanghai"
	}
	if c.Site.Permalink == "" {
		c.Site.Permalink = "/:year/:slug/"
	}
	if c.Site.BaseURL == "" {
		c.Site.BaseURL = "/"
	}
	if !strings.HasSuffix(c.Site.BaseURL, "/") {
		c.Site.BaseURL += "/"
	}
	if c.EntryDeadline == nil {
		n := 20
		c.EntryDeadline = &n
	}
	if c.Quota.PerDepartmentPerMonth == 0 {
		c.Quota.PerDepartmentPerMonth = 2
	}
	if len(c.Scoring.Levels) == 0 {
		c.Scoring.Levels = []string{"国家", "省", "市", "县"}
	}
	if c.Bulletin.Audience == "" {
		c.Bulletin.Audience = "internal"
	}
	if len(c.ReviewChain) == 0 {
		c.ReviewChain = DefaultChain()
	}
	for i := range c.ReviewChain {
		if c.ReviewChain[i].Purpose == "" {
			c.ReviewChain[i].Purpose = c.ReviewChain[i].Key
		}
		if c.ReviewChain[i].Label == "" {
			c.ReviewChain[i].Label = c.ReviewChain[i].Key
		}
	}
	c.applyColumnDefaults()
}

var (
	msgUnknownZone = msg.New("config.unknown_zone",
		"未知的时区“%s”，请填写 IANA 时区名，如 Asia/Shanghai",
		"unknown time zone %q (use an IANA name such as Asia/Shanghai)")
	msgNoTitle   = msg.New("config.no_title", "缺少网站名称 site.title，请填写", "site.title is required")
	msgNoOrgCode = msg.New("config.no_org_code",
		"缺少机构代码 site.org_code，请填写本单位的统一社会信用代码（每个索引号的第一部分）",
		"site.org_code is required (the 统一社会信用代码, first part of every 索引号)")
	msgBadOrgCode = msg.New("config.bad_org_code",
		"site.org_code“%s”不是18位的统一社会信用代码",
		"site.org_code %q is not an 18-character 统一社会信用代码")
	msgBadBaseURL       = msg.New("config.bad_base_url", "site.base_url“%s”不是有效的网址", "site.base_url %q is not a URL")
	msgPersonNoName     = msg.New("config.person_no_name", "people 中第%d个人员没有填写 name", "people entry %d has no name")
	msgPersonTwice      = msg.New("config.person_twice", "人员 %s 重复声明，请删除其中一处", "person %s is declared twice")
	msgPersonDepartment = msg.New("config.person_department",
		"科室“%s”未声明%s，请使用 departments: 下的名称",
		"department %q is not declared%s")
	msgUnknownRole = msg.New("config.unknown_role",
		"未知的角色“%s”（角色可为 secrecy、principal、deputy、entry）%s",
		"unknown role %q (roles: secrecy, principal, deputy, entry)%s")
	msgHead           = msg.New("config.head", "科室负责人（head）", "head (科室负责人)")
	msgLeader         = msg.New("config.leader", "分管领导（leader）", "leader (分管领导)")
	msgHeadUndeclared = msg.New("config.head_undeclared",
		"%[1]s的%[2]s %[3]s 未在 people: 下声明",
		"%[2]s %[3]s of %[1]s is not declared under people")
	msgScoringForm = msg.New("config.scoring_form",
		"采用形式 %[1]s 须有 %[2]d 个分值和 %[2]d 个稿费，每个级别一个（%[3]s）",
		"scoring form %[1]s needs %[2]d {point|points} and %[2]d {fee|fees}, one per level (%[3]s)")
	msgAudience = msg.New("config.audience",
		"bulletin.audience 应为 internal 或 public，而不是“%s”",
		"bulletin.audience must be internal or public, not %q")
	msgPermalinkShape = msg.New("config.permalink_shape",
		"site.permalink“%s”须以 / 开头并包含 :slug",
		"site.permalink %q must start with / and contain :slug")
	msgPermalinkToken = msg.New("config.permalink_token",
		"site.permalink“%s”含有未知的占位符（可用：%s）",
		"site.permalink %q has an unknown token (tokens: %s)")
	msgStepNoKey     = msg.New("config.step_no_key", "review_chain 第%d步没有填写 key", "review_chain step %d has no key")
	msgStepKeyTwice  = msg.New("config.step_key_twice", "review_chain 的 key“%s”重复出现", "review_chain key %q appears twice")
	msgPurposeTwice  = msg.New("config.purpose_twice", "review_chain 的 purpose“%s”重复出现", "review_chain purpose %q appears twice")
	msgStepNoSigners = msg.New("config.step_no_signers",
		"review_chain 的步骤 %s 没有指定签署人（head、leader 或某个角色）",
		"review_chain step %s names no signers (head, leader or a role)")
	msgUnknownSigner = msg.New("config.unknown_signer",
		"review_chain 的步骤 %s：未知的签署人“%s”（可为 head、leader、secrecy、principal、deputy、entry）",
		"review_chain step %s: unknown signer %q (head, leader, secrecy, principal, deputy, entry)")
	msgNeedsPurpose = msg.New("config.needs_purpose",
		"review_chain 缺少 purpose 为 %s 的步骤（%s）",
		"review_chain needs a step with purpose %s (%s)")
	msgPurposeSignoff = msg.New("config.purpose_signoff", "签发，确定信息的生成日期", "the sign-off that fixes the generation date")
)

var orgCodeRE = regexp.MustCompile(`^[0-9A-Z]{18}$`)

// validate checks cross references inside gongkai.yaml.
func (c *Config) validate(keyPos func(string) diag.Pos, l *diag.List) {
	loc, err := time.LoadLocation(c.Site.Timezone)
	if err != nil {
		l.Errorf(keyPos("site.timezone"), "GK003", msgUnknownZone.T(), c.Site.Timezone)
		loc = time.FixedZone("CST", 8*3600)
	}
	c.Location = loc
	if c.Site.Title == "" {
		l.Errorf(keyPos("site"), "GK002", "%s", msgNoTitle.F())
	}
	if c.Site.OrgCode == "" {
		l.Errorf(keyPos("site"), "GK002", "%s", msgNoOrgCode.F())
	} else if !orgCodeRE.MatchString(c.Site.OrgCode) {
		l.Warnf(keyPos("site.org_code"), "GK002", msgBadOrgCode.T(), c.Site.OrgCode)
	}
	if u, err := url.Parse(c.Site.BaseURL); err != nil || (u.Scheme != "" && u.Host == "") {
		l.Errorf(keyPos("site.base_url"), "GK002", msgBadBaseURL.T(), c.Site.BaseURL)
	}
	c.validatePermalink(keyPos, l)
	people := map[string]bool{}
	for i, p := range c.People {
		at := keyPos(fmt.Sprintf("people.%d", i))
		if p.Name == "" {
			l.Errorf(at, "GK002", msgPersonNoName.T(), i+1)
		}
		if people[p.Name] {
			l.Errorf(at, "GK002", msgPersonTwice.T(), p.Name)
		}
		people[p.Name] = true
		if p.Department != "" && c.Department(p.Department) == nil {
			l.Errorf(keyPos(fmt.Sprintf("people.%d.department", i)), "GK003", msgPersonDepartment.T(), p.Department, strictyaml.Suggest(p.Department, c.DepartmentNames()))
		}
		for j, r := range p.Roles {
			if !knownRoles[r] {
				l.Errorf(keyPos(fmt.Sprintf("people.%d.roles.%d", i, j)), "GK003", msgUnknownRole.T(), r, strictyaml.Suggest(r, roleNames))
			}
		}
	}
	for i, d := range c.Departments {
		for _, f := range []struct {
			key, name string
			what      msg.M
		}{{"head", d.Head, msgHead}, {"leader", d.Leader, msgLeader}} {
			if f.name != "" && !people[f.name] {
				l.Errorf(keyPos(fmt.Sprintf("departments.%d.%s", i, f.key)), "GK003", msgHeadUndeclared.T(), d.Name, f.what.F(), f.name)
			}
		}
	}
	c.validateChain(keyPos, l)
	for form, f := range c.Scoring.Forms {
		if len(f.Points) != len(c.Scoring.Levels) || len(f.Fee) != len(c.Scoring.Levels) {
			l.Errorf(keyPos("scoring.forms."+form), "GK002", "%s", msgScoringForm.F(form, len(c.Scoring.Levels), msg.List(c.Scoring.Levels)))
		}
	}
	if a := c.Bulletin.Audience; a != "internal" && a != "public" {
		l.Errorf(keyPos("bulletin.audience"), "GK002", msgAudience.T(), a)
	}
	c.validateSite(keyPos, l)
}

var knownRoles = map[string]bool{"secrecy": true, "principal": true, "deputy": true, "entry": true}
var roleNames = []string{"secrecy", "principal", "deputy", "entry"}

var permalinkTokens = []string{":year", ":month", ":slug", ":category", ":department"}

func (c *Config) validatePermalink(keyPos func(string) diag.Pos, l *diag.List) {
	p := c.Site.Permalink
	if !strings.HasPrefix(p, "/") || !strings.Contains(p, ":slug") {
		l.Errorf(keyPos("site.permalink"), "GK002", msgPermalinkShape.T(), p)
	}
	rest := p
	for _, t := range permalinkTokens {
		rest = strings.ReplaceAll(rest, t, "")
	}
	if strings.Contains(rest, ":") {
		l.Errorf(keyPos("site.permalink"), "GK002", msgPermalinkToken.T(), p, strings.Join(permalinkTokens, " "))
	}
}

func (c *Config) validateChain(keyPos func(string) diag.Pos, l *diag.List) {
	keys := map[string]bool{}
	purposes := map[string]bool{}
	for i, s := range c.ReviewChain {
		at := keyPos(fmt.Sprintf("review_chain.%d", i))
		if s.Key == "" {
			l.Errorf(at, "GK002", msgStepNoKey.T(), i+1)
		}
		if keys[s.Key] {
			l.Errorf(at, "GK002", msgStepKeyTwice.T(), s.Key)
		}
		keys[s.Key] = true
		if purposes[s.Purpose] {
			l.Errorf(at, "GK002", msgPurposeTwice.T(), s.Purpose)
		}
		purposes[s.Purpose] = true
		if len(s.Signers) == 0 {
			l.Errorf(at, "GK002", msgStepNoSigners.T(), s.Key)
		}
		for _, r := range append(append([]string(nil), s.Signers...), s.Important...) {
			if r != "head" && r != "leader" && !knownRoles[r] {
				l.Errorf(at, "GK003", msgUnknownSigner.T(), s.Key, r)
			}
		}
	}
	for _, need := range []string{PurposeSignoff} {
		if !purposes[need] {
			l.Errorf(keyPos("review_chain"), "GK002", msgNeedsPurpose.T(), need, msgPurposeSignoff.F())
		}
	}
}

// Department returns the named department, or nil.
func (c *Config) Department(name string) *Department {
	for i := range c.Departments {
		if c.Departments[i].Name == name {
			return &c.Departments[i]
		}
	}
	return nil
}

// DepartmentNames returns the declared department names.
func (c *Config) DepartmentNames() []string {
	names := make([]string, len(c.Departments))
	for i, d := range c.Departments {
		names[i] = d.Name
	}
	return names
}

// Person returns the named person, or nil.
func (c *Config) Person(name string) *Person {
	for i := range c.People {
		if c.People[i].Name == name {
			return &c.People[i]
		}
	}
	return nil
}

// PersonByEmail returns the person with the email (case-insensitive), or nil.
func (c *Config) PersonByEmail(email string) *Person {
	for i := range c.People {
		if strings.EqualFold(c.People[i].Email, email) {
			return &c.People[i]
		}
	}
	return nil
}

// PeopleNames returns the declared people's names.
func (c *Config) PeopleNames() []string {
	names := make([]string, len(c.People))
	for i, p := range c.People {
		names[i] = p.Name
	}
	return names
}

// Kind returns the named kind, or nil.
func (c *Config) Kind(name string) *Kind {
	for i := range c.Kinds {
		if c.Kinds[i].Name == name {
			return &c.Kinds[i]
		}
	}
	return nil
}

// KindNames returns the declared kind names.
func (c *Config) KindNames() []string {
	names := make([]string, len(c.Kinds))
	for i, k := range c.Kinds {
		names[i] = k.Name
	}
	return names
}

// HasCategory reports whether the category is declared.
func (c *Config) HasCategory(name string) bool {
	for _, n := range c.Categories {
		if n == name {
			return true
		}
	}
	return false
}

// LevelIndex returns the position of an outlet level in Scoring.Levels, or -1.
func (c *Config) LevelIndex(level string) int {
	for i, l := range c.Scoring.Levels {
		if l == level {
			return i
		}
	}
	return -1
}
