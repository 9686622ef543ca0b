package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"gongkai/internal/diag"
	"gongkai/internal/strictyaml"
)

func (c *Config) applyDefaults() {
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
}

var orgCodeRE = regexp.MustCompile(`^[0-9A-Z]{18}$`)

// validate checks cross references inside gongkai.yaml.
func (c *Config) validate(keyPos func(string) diag.Pos, l *diag.List) {
	loc, err := time.LoadLocation(c.Site.Timezone)
	if err != nil {
		l.Errorf(keyPos("site.timezone"), "GK003", "unknown time zone %q (use an IANA name such as Asia/Shanghai)", c.Site.Timezone)
		loc = time.FixedZone("CST", 8*3600)
	}
	c.Location = loc
	if c.Site.Title == "" {
		l.Errorf(keyPos("site"), "GK002", "site.title is required")
	}
	if c.Site.OrgCode == "" {
		l.Errorf(keyPos("site"), "GK002", "site.org_code is required (the 统一社会信用代码, first part of every 索引号)")
	} else if !orgCodeRE.MatchString(c.Site.OrgCode) {
		l.Warnf(keyPos("site.org_code"), "GK002", "site.org_code %q is not an 18-character 统一社会信用代码", c.Site.OrgCode)
	}
	if u, err := url.Parse(c.Site.BaseURL); err != nil || (u.Scheme != "" && u.Host == "") {
		l.Errorf(keyPos("site.base_url"), "GK002", "site.base_url %q is not a URL", c.Site.BaseURL)
	}
	c.validatePermalink(keyPos, l)
	people := map[string]bool{}
	for i, p := range c.People {
		at := keyPos(fmt.Sprintf("people.%d", i))
		if p.Name == "" {
			l.Errorf(at, "GK002", "people[%d] has no name", i)
		}
		if people[p.Name] {
			l.Errorf(at, "GK002", "person %s is declared twice", p.Name)
		}
		people[p.Name] = true
		if p.Department != "" && c.Department(p.Department) == nil {
			l.Errorf(keyPos(fmt.Sprintf("people.%d.department", i)), "GK003", "department %q is not declared%s", p.Department, strictyaml.Suggest(p.Department, c.DepartmentNames()))
		}
		for j, r := range p.Roles {
			if !knownRoles[r] {
				l.Errorf(keyPos(fmt.Sprintf("people.%d.roles.%d", i, j)), "GK003", "unknown role %q (roles: secrecy, principal, deputy, entry)%s", r, strictyaml.Suggest(r, roleNames))
			}
		}
	}
	for i, d := range c.Departments {
		for _, f := range []struct{ key, name, what string }{{"head", d.Head, "head (科室负责人)"}, {"leader", d.Leader, "leader (分管领导)"}} {
			if f.name != "" && !people[f.name] {
				l.Errorf(keyPos(fmt.Sprintf("departments.%d.%s", i, f.key)), "GK003", "%s %s of %s is not declared under people", f.what, f.name, d.Name)
			}
		}
	}
	c.validateChain(keyPos, l)
	for form, f := range c.Scoring.Forms {
		if len(f.Points) != len(c.Scoring.Levels) || len(f.Fee) != len(c.Scoring.Levels) {
			l.Errorf(keyPos("scoring.forms."+form), "GK002", "scoring form %s needs %d points and %d fees, one per level (%s)", form, len(c.Scoring.Levels), len(c.Scoring.Levels), strings.Join(c.Scoring.Levels, ", "))
		}
	}
	if a := c.Bulletin.Audience; a != "internal" && a != "public" {
		l.Errorf(keyPos("bulletin.audience"), "GK002", "bulletin.audience must be internal or public, not %q", a)
	}
}

var knownRoles = map[string]bool{"secrecy": true, "principal": true, "deputy": true, "entry": true}
var roleNames = []string{"secrecy", "principal", "deputy", "entry"}

var permalinkTokens = []string{":year", ":month", ":slug", ":category", ":department"}

func (c *Config) validatePermalink(keyPos func(string) diag.Pos, l *diag.List) {
	p := c.Site.Permalink
	if !strings.HasPrefix(p, "/") || !strings.Contains(p, ":slug") {
		l.Errorf(keyPos("site.permalink"), "GK002", "site.permalink %q must start with / and contain :slug", p)
	}
	rest := p
	for _, t := range permalinkTokens {
		rest = strings.ReplaceAll(rest, t, "")
	}
	if strings.Contains(rest, ":") {
		l.Errorf(keyPos("site.permalink"), "GK002", "site.permalink %q has an unknown token (tokens: %s)", p, strings.Join(permalinkTokens, " "))
	}
}

func (c *Config) validateChain(keyPos func(string) diag.Pos, l *diag.List) {
	keys := map[string]bool{}
	purposes := map[string]bool{}
	for i, s := range c.ReviewChain {
		at := keyPos(fmt.Sprintf("review_chain.%d", i))
		if s.Key == "" {
			l.Errorf(at, "GK002", "review_chain step %d has no key", i+1)
		}
		if keys[s.Key] {
			l.Errorf(at, "GK002", "review_chain key %q appears twice", s.Key)
		}
		keys[s.Key] = true
		if purposes[s.Purpose] {
			l.Errorf(at, "GK002", "review_chain purpose %q appears twice", s.Purpose)
		}
		purposes[s.Purpose] = true
		if len(s.Signers) == 0 {
			l.Errorf(at, "GK002", "review_chain step %s names no signers (head, leader or a role)", s.Key)
		}
		for _, r := range append(append([]string(nil), s.Signers...), s.Important...) {
			if r != "head" && r != "leader" && !knownRoles[r] {
				l.Errorf(at, "GK003", "review_chain step %s: unknown signer %q (head, leader, secrecy, principal, deputy, entry)", s.Key, r)
			}
		}
	}
	for _, need := range []string{PurposeSignoff} {
		if !purposes[need] {
			l.Errorf(keyPos("review_chain"), "GK002", "review_chain needs a step with purpose %s (the sign-off that fixes the generation date)", need)
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
