package report

import (
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"gongkai/internal/article"
	"gongkai/internal/config"
)

// Source is what every report counts over: the loaded articles with the
// configuration, the set of public articles (build.Project.Public) and the
// clock. Articles whose front matter could not be read (GK001) are skipped.
type Source struct {
	Config   *config.Config
	Articles []*article.Article
	Public   map[*article.Article]bool
	Now      time.Time
}

// Grouping says what a report row is.
type Grouping string

// The groupings of the periodic report.
const (
	ByDepartment Grouping = "department"
	ByAuthor     Grouping = "author"
)

// Report is the periodic report (定期通报) for one period.
type Report struct {
	Title  string // 某某县招商局2025年第一季度信息报送情况通报
	Period Period
	By     Grouping
	Levels []string // cfg.Scoring.Levels: the order of Row.Adopted
	Rows   []Row    // sorted by points (descending), then name in pinyin order
	Total  Row      // every article counted once
}

// Row is one department's or author's counts in the period.
type Row struct {
	Name      string
	Submitted int     // generation date in the period
	Published int     // publication date in the period, public or withdrawn since
	Adopted   []int   // adoptions dated in the period, per level
	Late      int     // 迟报 (GK021) among the submitted
	Points    float64 // 积分 over the adoptions in the period
	Fee       float64 // 稿费 (元) over the adoptions in the period
	Quota     Quota
	// perMonth counts submissions per month of the period, for the quota.
	perMonth []int
}

// Quota says in how many of the period's months (those begun by now) a
// department submitted at least quota.per_department_per_month articles.
type Quota struct {
	Months int
	Met    int
}

// Tally counts the articles for the period, one row per declared department
// (plus any other department an article names) or per author.
func Tally(src *Source, p Period, by Grouping) *Report {
	cfg := src.Config
	r := &Report{Title: orgName(cfg) + p.Chinese() + "信息报送情况通报", Period: p, By: by, Levels: cfg.Scoring.Levels}
	rows := map[string]*Row{}
	newRow := func(name string) *Row {
		if rows[name] == nil {
			rows[name] = &Row{Name: name, Adopted: make([]int, len(r.Levels)), perMonth: make([]int, p.Months())}
		}
		return rows[name]
	}
	if by == ByAuthor {
		r.Title += "（按作者）"
	}
	if by == ByDepartment {
		for _, d := range cfg.Departments {
			newRow(d.Name)
		}
	}
	total := newRowFor(r.Levels, p)
	for _, a := range src.Articles {
		if a.Broken {
			continue
		}
		c := src.count(a, p)
		for _, name := range rowNames(a, by) {
			newRow(name).add(c)
		}
		total.add(c)
	}
	for _, row := range rows {
		if by == ByDepartment {
			row.Quota = quota(row.perMonth, p.monthsBegun(src.Now), cfg.Quota.PerDepartmentPerMonth)
			total.Quota.Months += row.Quota.Months
			total.Quota.Met += row.Quota.Met
		}
		r.Rows = append(r.Rows, *row)
	}
	total.Name = "合计"
	r.Total = *total
	sortRows(r.Rows)
	return r
}

func newRowFor(levels []string, p Period) *Row {
	return &Row{Adopted: make([]int, len(levels)), perMonth: make([]int, p.Months())}
}

// count returns one article's contribution to the period.
func (src *Source) count(a *article.Article, p Period) *Row {
	cfg := src.Config
	c := newRowFor(cfg.Scoring.Levels, p)
	if g := a.Generated(cfg); p.Contains(g.Time) {
		c.Submitted = 1
		c.perMonth[p.month(g.Time)] = 1
		if _, late := a.Late(cfg); late {
			c.Late = 1
		}
	}
	if pub := a.PublishedAt(cfg); p.Contains(pub.Time) && (src.Public[a] || a.WithdrawnPage(cfg, src.Now)) {
		c.Published = 1
	}
	for _, ad := range a.FM.Adoptions {
		level := cfg.LevelIndex(ad.Level)
		if level < 0 || !p.Contains(ad.Date.Time) {
			continue
		}
		c.Adopted[level]++
		if f, ok := cfg.Scoring.Forms[ad.Form]; ok {
			c.Points += at(f.Points, level)
			c.Fee += at(f.Fee, level)
		}
	}
	return c
}

func at(xs []float64, i int) float64 {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// add adds an article's contribution c to the row.
func (r *Row) add(c *Row) {
	r.Submitted += c.Submitted
	r.Published += c.Published
	r.Late += c.Late
	r.Points += c.Points
	r.Fee += c.Fee
	for i, n := range c.Adopted {
		r.Adopted[i] += n
	}
	for i, n := range c.perMonth {
		r.perMonth[i] += n
	}
}

// rowNames returns the rows an article counts in: its department, or each
// of its authors once.
func rowNames(a *article.Article, by Grouping) []string {
	if by == ByDepartment {
		if d := strings.TrimSpace(a.FM.Department); d != "" {
			return []string{d}
		}
		return []string{"（未填写科室）"}
	}
	var names []string
	for _, n := range a.FM.Authors {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// quota counts the months, of the first begun, in which at least need
// articles were submitted.
func quota(perMonth []int, begun, need int) Quota {
	q := Quota{Months: begun}
	for _, n := range perMonth[:begun] {
		if n >= need {
			q.Met++
		}
	}
	return q
}

// sortRows orders rows by points (descending), then by name in pinyin order.
func sortRows(rows []Row) {
	col := collate.New(language.Chinese)
	slices.SortFunc(rows, func(a, b Row) int {
		if a.Points != b.Points {
			if a.Points > b.Points {
				return -1
			}
			return 1
		}
		if c := col.CompareString(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// orgName is the agency's name for report titles: site.title without a
// trailing 政府信息公开 (某某县招商局).
func orgName(cfg *config.Config) string {
	name := strings.TrimSpace(cfg.Site.Title)
	for _, suffix := range []string{"政府信息公开网", "政府信息公开专栏", "政府信息公开"} {
		name = strings.TrimSuffix(name, suffix)
	}
	return name
}
