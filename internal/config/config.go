// Package config reads gongkai.yaml: the agency's site settings, its
// departments and people, categories, information kinds with their deadlines,
// the review chain, scoring, secrecy terms and bulletin settings. Every name an
// article uses is declared here. Unknown keys are errors with a suggestion.
package config

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// FileName is the configuration file at the repository root.
const FileName = "gongkai.yaml"

// Config is gongkai.yaml, decoded and validated.
type Config struct {
	Site        Site         `yaml:"site"`
	Markdown    Markdown     `yaml:"markdown"`
	Departments []Department `yaml:"departments"`
	People      []Person     `yaml:"people"`
	Categories  []string     `yaml:"-"`
	// CategoryList is categories: as written, names or {name, slug};
	// Categories holds the names.
	CategoryList   []Category     `yaml:"categories"`
	Interpretation Interpretation `yaml:"interpretation"`
	Kinds          []Kind         `yaml:"kinds"`
	EntryDeadline  *int           `yaml:"entry_deadline"`
	CalendarFile   string         `yaml:"calendar"`
	Quota          Quota          `yaml:"quota"`
	Scoring        Scoring        `yaml:"scoring"`
	SecrecyTerms   []string       `yaml:"secrecy_terms"`
	Bulletin       Bulletin       `yaml:"bulletin"`
	ReviewChain    []Step         `yaml:"review_chain"`
	Provenance     Provenance     `yaml:"provenance"`
	Columns        Columns        `yaml:"columns"`

	// Location is site.timezone, loaded.
	Location *time.Location `yaml:"-"`
	// Calendar is the working-day calendar: the shipped years plus CalendarFile.
	Calendar *Calendar `yaml:"-"`

	// keys and values are where each key and value is written in the file
	// (strictyaml.Decoder's Keys and Values): KeyPos and ValuePos, so a
	// finding about the configuration points at it without a second parse.
	keys, values map[string][2]int
}

// Site is the site: block.
type Site struct {
	Title     string `yaml:"title"`
	BaseURL   string `yaml:"base_url"`
	Language  string `yaml:"language"`
	Timezone  string `yaml:"timezone"`
	OrgCode   string `yaml:"org_code"`
	Permalink string `yaml:"permalink"`
	// Footer lines shown at the bottom of every page (主办单位, 联系方式 …).
	Footer []string `yaml:"footer"`
	// Publisher is the agency shown as 发布机构 (default: the organisation
	// named in Title, see DefaultPublisher).
	Publisher string `yaml:"publisher"`
	// The 政府网站 identification, each optional: see site.go.
	Domain       string        `yaml:"domain"`
	SiteIDCode   string        `yaml:"site_id_code"`
	ICP          string        `yaml:"icp"`
	PoliceRecord *PoliceRecord `yaml:"police_record"`
	Badge        *Badge        `yaml:"badge"`
	ErrorReport  string        `yaml:"error_report"`
	// Office is the 政府信息公开工作机构 (see columns.go).
	Office Office `yaml:"office"`
}

// Provenance is the provenance: block. Since names a commit (a hash, a
// tag): review steps whose lines were introduced at or before it are taken
// as migrated from before gongkai and not checked against their signer
// (GK060); edits after 签发 (GK061) are checked whatever the commit.
type Provenance struct {
	Since string `yaml:"since"`
}

// Markdown holds rendering options.
type Markdown struct {
	UnsafeHTML bool `yaml:"unsafe_html"`
}

// Department is a 科室 or 单位 with its head (科室负责人) and the leader in
// charge (分管领导).
type Department struct {
	Name   string `yaml:"name"`
	Head   string `yaml:"head"`
	Leader string `yaml:"leader"`
	// Publisher is the 发布机构 of the department's articles when it is not
	// site.publisher (joint or delegated publication).
	Publisher string `yaml:"publisher"`
	// Slug is the department's URL name; default its name in pinyin.
	Slug string `yaml:"slug"`
}

// Person is anyone who writes or signs. Email ties git commits to the person.
type Person struct {
	Name       string   `yaml:"name"`
	Email      string   `yaml:"email"`
	Department string   `yaml:"department"`
	Roles      []string `yaml:"roles"`
}

// HasRole reports whether p has the role.
func (p *Person) HasRole(role string) bool {
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Kind is an information kind (信息类型) with its reporting deadline in
// working days after the event (calendar days when CalendarDays). A nil
// Deadline means the kind has no event deadline.
type Kind struct {
	Name         string `yaml:"name"`
	Deadline     *int   `yaml:"deadline"`
	CalendarDays bool   `yaml:"calendar_days"`
	// Principal: the principal (role principal) signs 签发 of every article
	// of the kind, whatever its importance (案件信息 goes past the 局长).
	Principal bool `yaml:"principal"`
}

// Quota is the submission quota.
type Quota struct {
	PerDepartmentPerMonth int `yaml:"per_department_per_month"`
}

// Scoring gives points and honoraria per outlet level and form.
type Scoring struct {
	Levels []string        `yaml:"levels"`
	Forms  map[string]Form `yaml:"forms"`
}

// Form is one form's points and fees, one per level in Scoring.Levels order.
type Form struct {
	Points []float64 `yaml:"points"`
	Fee    []float64 `yaml:"fee"`
}

// Bulletin is the bulletin: block.
type Bulletin struct {
	Name         string              `yaml:"name"`
	Issuer       string              `yaml:"issuer"`
	Audience     string              `yaml:"audience"`
	Distribution map[string][]string `yaml:"distribution"`
	Copies       int                 `yaml:"copies"`
	// PagePerArticle starts every article of an issue on a new page;
	// by default they flow on from one another.
	PagePerArticle bool `yaml:"page_per_article"`
	// DoubleSided says the issue is printed on both sides: one that would
	// end on an odd page gets the 版记 on the even back page of its own.
	DoubleSided bool `yaml:"double_sided"`
}

var (
	msgCannotRead = msg.New("config.cannot_read",
		"无法读取 %s：%v（请在仓库根目录运行 gongkai，或用 -C 指定目录）",
		"cannot read %s: %v (run gongkai in the repository root or pass -C DIR)")
	msgEmpty = msg.New("config.empty", "%s 是空文件", "%s is empty")
)

// KeyPos returns where key ("site.timezone", "categories.3") is written
// in gongkai.yaml: its key, or for a list item the item; line 1 when the
// file does not write it.
func (c *Config) KeyPos(key string) diag.Pos {
	if p, ok := c.keys[key]; ok {
		return diag.Pos{Path: FileName, Line: p[0], Col: p[1]}
	}
	return diag.Pos{Path: FileName, Line: 1, Col: 1}
}

// ValuePos returns where the value of key ("departments.1.name") is
// written in gongkai.yaml, and whether it is.
func (c *Config) ValuePos(key string) (diag.Pos, bool) {
	p, ok := c.values[key]
	return diag.Pos{Path: FileName, Line: p[0], Col: p[1]}, ok
}

// Load reads and validates gongkai.yaml from fsys. A configuration problem
// is returned as findings (GK002/GK003 style positions in gongkai.yaml); the
// config is nil when it cannot be used.
func Load(fsys fs.FS) (*Config, diag.List) {
	src, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		var l diag.List
		l.Errorf(diag.Pos{Path: FileName}, "GK002", msgCannotRead.T(), FileName, msg.Cause(err))
		return nil, l
	}
	return Parse(fsys, src)
}

// Parse decodes gongkai.yaml's source; fsys is used for the calendar file.
func Parse(fsys fs.FS, src []byte) (*Config, diag.List) {
	var findings diag.List
	pos := func(line, col int) diag.Pos { return diag.Pos{Path: FileName, Line: line, Col: col} }
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		_, text := yamlErrorLine(err)
		line := strictyaml.SyntaxErrorLine(src)
		col, text := strictyaml.Explain(src, line, text)
		findings.Errorf(pos(line, col), "GK001", "%s", text)
		return nil, findings
	}
	cfg := &Config{}
	if root.Kind == 0 {
		findings.Errorf(pos(1, 1), "GK002", msgEmpty.T(), FileName)
		return nil, findings
	}
	d := strictyaml.NewDecoder(nil)
	d.Values = map[string][2]int{}
	d.Decode(&root, cfg)
	for _, p := range d.Problems {
		findings.Errorf(pos(p.Line, p.Col), "GK002", "%s", p.Msg)
	}
	cfg.keys, cfg.values = d.Keys, d.Values
	keyPos := cfg.KeyPos
	cfg.applyDefaults()
	cfg.validate(keyPos, &findings)
	cfg.checkBadge(fsys, keyPos, &findings)
	cfg.validateColumns(keyPos, &findings)
	cfg.checkForm(fsys, keyPos, &findings)
	cal, calFindings := loadCalendar(fsys, cfg.CalendarFile)
	findings = append(findings, calFindings...)
	cfg.Calendar = cal
	findings.Sort()
	if findings = findings.Dedupe(); findings.HasErrors() {
		return nil, findings
	}
	return cfg, findings
}

// yamlErrorLine extracts "line N" from a yaml.v3 error message and returns
// the message without it (its line is often off; see SyntaxErrorLine).
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return line, msg
}
