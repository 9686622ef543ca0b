package report

import (
	"math"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/register"
)

// Source is what every report counts over: the loaded articles with the
// configuration, the set of public articles (project.Project.Public) and the
// clock. Articles whose front matter could not be read (GK001) are skipped.
type Source struct {
	Config   *config.Config
	Articles []*article.Article
	Public   map[*article.Article]bool
	Now      time.Time
	// Requests is the 依申请公开 register, for the annual report.
	Requests []*register.Request
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
	// Outlets counts the adoptions in the period per outlet (采用情况按刊物),
	// the most adopted first.
	Outlets []OutletCount
	doc     docInfo
}

// OutletCount is one outlet's adoptions in the period.
type OutletCount struct {
	Outlet, Level string
	Adopted       int
	points, fee   int64
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
	// points and fee in hundredths (fee in 分), so that shares add up.
	points, fee int64
}

// settle sets Points and Fee from the exact hundredths.
func (r *Row) settle() {
	r.Points, r.Fee = float64(r.points)/100, float64(r.fee)/100
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
	r := &Report{Title: orgName(cfg) + p.Chinese() + "信息报送情况通报", Period: p, By: by, Levels: cfg.Scoring.Levels, doc: newDoc(src, &p)}
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
		names := rowNames(a, by)
		points, fees := shares(c.points, len(names)), shares(c.fee, len(names))
		for i, name := range names {
			share := *c
			share.points, share.fee = points[i], fees[i]
			newRow(name).add(&share)
		}
		total.add(c)
	}
	for _, row := range rows {
		if by == ByDepartment {
			row.Quota = quota(row.perMonth, p.monthsBegun(src.Now), cfg.Quota.PerDepartmentPerMonth)
			total.Quota.Months += row.Quota.Months
			total.Quota.Met += row.Quota.Met
		}
		row.settle()
		r.Rows = append(r.Rows, *row)
	}
	total.settle()
	r.Outlets = outlets(src, p)
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
		points, fee := adoptionValue(cfg, ad)
		c.points += points
		c.fee += fee
	}
	return c
}

// adoptionValue is what one adoption earns, in hundredths of a point and in
// 分: scoring.forms[form].points and .fee at its level, twice when it was
// rated a 优质稿件 (award: true). An undeclared level or form earns nothing.
func adoptionValue(cfg *config.Config, ad article.Adoption) (points, fee int64) {
	level := cfg.LevelIndex(ad.Level)
	f, ok := cfg.Scoring.Forms[ad.Form]
	if level < 0 || !ok {
		return 0, 0
	}
	points, fee = hundredths(at(f.Points, level)), hundredths(at(f.Fee, level))
	if ad.Award {
		points, fee = 2*points, 2*fee
	}
	return points, fee
}

func hundredths(x float64) int64 { return int64(math.Round(x * 100)) }

func at(xs []float64, i int) float64 {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// shares splits total (in hundredths) into n equal shares, the remainder
// to the first, so that the shares add up to total.
func shares(total int64, n int) []int64 {
	out := make([]int64, n)
	if n == 0 {
		return out
	}
	each := total / int64(n)
	for i := range out {
		out[i] = each
	}
	out[0] += total - each*int64(n)
	return out
}

// add adds an article's contribution c to the row.
func (r *Row) add(c *Row) {
	r.Submitted += c.Submitted
	r.Published += c.Published
	r.Late += c.Late
	r.points += c.points
	r.fee += c.fee
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

// outlets counts the adoptions dated in p per outlet and level.
func outlets(src *Source, p Period) []OutletCount {
	cfg := src.Config
	byKey := map[[2]string]*OutletCount{}
	for _, a := range src.Articles {
		if a.Broken {
			continue
		}
		for _, ad := range a.FM.Adoptions {
			if cfg.LevelIndex(ad.Level) < 0 || !p.Contains(ad.Date.Time) {
				continue
			}
			k := [2]string{strings.TrimSpace(ad.Outlet), ad.Level}
			if byKey[k] == nil {
				byKey[k] = &OutletCount{Outlet: k[0], Level: k[1]}
			}
			points, fee := adoptionValue(cfg, ad)
			o := byKey[k]
			o.Adopted++
			o.points += points
			o.fee += fee
		}
	}
	var out []OutletCount
	for _, o := range byKey {
		out = append(out, *o)
	}
	slices.SortFunc(out, func(a, b OutletCount) int {
		if a.Adopted != b.Adopted {
			return b.Adopted - a.Adopted
		}
		if c := cfg.LevelIndex(a.Level) - cfg.LevelIndex(b.Level); c != 0 {
			return c
		}
		return strings.Compare(a.Outlet, b.Outlet)
	})
	return out
}
