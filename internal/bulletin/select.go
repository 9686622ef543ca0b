package bulletin

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/report"
)

// Source is a repository loaded and checked at a moment: what the bulletin
// needs from the pipeline; project.Project.Bulletins fills it.
type Source struct {
	FS       fs.FS // the repository: content/bulletins/*.yaml and images
	Config   *config.Config
	Articles []*article.Article
	// Findings are check's findings; an article with an error never enters
	// a bulletin.
	Findings diag.List
	// Public is the public set (check.Public, project.Project.Public): the
	// articles on the site, which an issue may link.
	Public map[*article.Article]bool
	Now    time.Time

	bad map[string]bool // paths with an error finding
}

// Audience is who an issue is for: public issues go on the site and carry
// only 主动公开 items; internal ones may carry 内部公开 items too.
type Audience string

// The audiences.
const (
	Public   Audience = "public"
	Internal Audience = "internal"
)

// ParseAudience reads "public" or "internal".
func ParseAudience(s string) (Audience, error) {
	switch a := Audience(strings.TrimSpace(s)); a {
	case Public, Internal:
		return a, nil
	}
	return "", msgBadAudience.Error(s)
}

// Why an article is out of an issue: the reasons of Exclusion and
// SelectionReport (gongkai bulletin -v).
var (
	msgBadAudience = msg.New("bulletin.bad_audience",
		"读者范围只能是 internal（内部）或 public（公开），不能是“%s”",
		"audience must be internal or public, not %q")
	msgNotSigned = msg.New("bulletin.not_signed",
		"尚未签齐，缺少%s（%s）",
		"not fully signed: %s (%s) is missing")
	msgNotPublished = msg.New("bulletin.not_published",
		"尚未发布（录入日期为 %s）",
		"not yet published (entry dated %s)")
	msgBroken = msg.New("bulletin.broken_front_matter",
		"前置元数据无法读取（请运行 gongkai check）",
		"its front matter cannot be read (run gongkai check)")
	msgWithdrawn = msg.New("bulletin.withdrawn",
		"已于 %s 撤回，不进入简报",
		"withdrawn on %s: never in a bulletin")
	msgNeverDisclosure = msg.New("bulletin.never_disclosure",
		"公开方式为%s，不进入简报",
		"disclosure is %s: never in a bulletin")
	msgInternalOnly = msg.New("bulletin.internal_only",
		"公开方式为内部公开，只能进入内部简报",
		"disclosure is 内部公开: only in an internal bulletin")
	msgNoDisclosure = msg.New("bulletin.no_disclosure",
		"未填写公开方式（disclosure）",
		"disclosure is not set")
	msgNotCandidate = msg.New("bulletin.not_candidate",
		"不是简报候选稿件（未设 bulletin: true）",
		"not a bulletin candidate (bulletin: true is not set)")
	msgCheckErrors = msg.New("bulletin.check_errors",
		"检查发现该文件有错误（请运行 gongkai check）",
		"check reports errors in the file (run gongkai check)")
	msgClassified = msg.New("bulletin.classified",
		"保密审查结论为涉密",
		"the secrecy review found it classified (涉密)")
	msgOutsidePeriod = msg.New("bulletin.outside_period",
		"签发于 %s，不在 %s 之内",
		"signed off %s, outside %s")
	msgAlreadyIn = msg.New("bulletin.already_in",
		"已编入 %s",
		"already in %s")
)

// hasError reports whether check found an error in the file.
func (s *Source) hasError(path string) bool {
	if s.bad == nil {
		s.bad = s.Findings.ErrorPaths()
	}
	return s.bad[path]
}

// Exclusion returns why the article cannot enter an issue for the audience,
// or "" when it can. It does not look at the sign-off date (see Select).
func (s *Source) Exclusion(a *article.Article, aud Audience) string {
	if why := s.lastingExclusion(a, aud); why != "" {
		return why
	}
	cfg := s.Config
	if next := a.NextStep(cfg); next != nil {
		return msgNotSigned.F(next.Label, next.Key)
	}
	if a.FM.Disclosure == article.Proactive && !a.Eligible(cfg, s.Now) {
		return msgNotPublished.F(s.day(a.PublishedAt(cfg)))
	}
	return ""
}

// lastingExclusion returns why the article can never enter an issue for
// the audience as it stands, whatever the date: what Exclusion says except
// a missing signature or a publication still to come.
func (s *Source) lastingExclusion(a *article.Article, aud Audience) string {
	switch {
	case a.Broken:
		return msgBroken.F()
	case a.FM.Withdrawn != nil:
		return msgWithdrawn.F(s.day(a.FM.Withdrawn.At))
	case a.FM.Disclosure == article.Withheld || a.FM.Disclosure == article.OnRequest:
		return msgNeverDisclosure.F(a.FM.Disclosure)
	case a.FM.Disclosure == article.Internal && aud == Public:
		return msgInternalOnly.F()
	case a.FM.Disclosure != article.Proactive && a.FM.Disclosure != article.Internal:
		return msgNoDisclosure.F()
	case !a.FM.Bulletin:
		return msgNotCandidate.F()
	case s.hasError(a.Path):
		return msgCheckErrors.F()
	}
	if r := a.StepFor(s.Config, config.PurposeSecrecy); r != nil && r.Result == "涉密" {
		return msgClassified.F()
	}
	return ""
}

// Period is the month (2025-03) or quarter (2025Q1) an issue selects its
// articles from, in the site's time zone: report's periods, so that
// gongkai report and gongkai bulletin read "2025-03" alike.
type Period = report.Period

// ParsePeriod reads a month (2025-03) or a quarter (2025Q1, 2025q1) in
// loc; a year is a report's period, not an issue's.
func ParsePeriod(s string, loc *time.Location) (Period, error) {
	p, err := report.ParsePeriod(s, loc)
	if err != nil || p.Months() > 3 {
		return Period{}, msgNotAPeriod.Error(strings.TrimSpace(s))
	}
	return p, nil
}

var msgNotAPeriod = msg.New("bulletin.not_a_period",
	"“%s”不是月份（如 2025-03）或季度（如 2025Q1）",
	"%q is not a month such as 2025-03 or a quarter such as 2025Q1")

// Select returns the period's articles for the audience: candidates that
// may enter (see Exclusion), were signed off in the quarter and are listed
// in none of the manifests ms, oldest first (then by path). An article is
// reported in one issue only: once any manifest lists it (public or
// internal, regular or 增刊), a quarter's selection leaves it out.
func (s *Source) Select(q Period, aud Audience, ms []*Manifest) []*article.Article {
	listed := listedIn(ms)
	var out []*article.Article
	for _, a := range s.Articles {
		if s.Exclusion(a, aud) == "" && q.Contains(s.signed(a)) && listed[a.Path] == "" {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := s.signed(out[i]), s.signed(out[j])
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return out[i].Path < out[j].Path
	})
	return out
}

// listedIn maps each article path listed in the manifests to the first
// manifest (by path) that lists it.
func listedIn(ms []*Manifest) map[string]string {
	listed := map[string]string{}
	for _, m := range ms {
		for _, p := range m.Articles {
			if listed[p] == "" {
				listed[p] = m.Path
			}
		}
	}
	return listed
}

// Covering returns the manifests that cover the quarter: those listing an
// article signed off in it (by the articles' sign-off, not the issue date:
// the issue for 2025Q1 is usually dated in April), in ms's order.
func (s *Source) Covering(q Period, ms []*Manifest) []*Manifest {
	byPath := map[string]*article.Article{}
	for _, a := range s.Articles {
		byPath[a.Path] = a
	}
	var out []*Manifest
	for _, m := range ms {
		for _, p := range m.Articles {
			if a := byPath[p]; a != nil && !a.Generated(s.Config).IsZero() && q.Contains(s.signed(a)) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// signed returns the sign-off time in the site's time zone.
func (s *Source) signed(a *article.Article) time.Time {
	return s.local(a.Generated(s.Config).Time)
}

// local returns t in the site's time zone (site.timezone).
func (s *Source) local(t time.Time) time.Time {
	if s.Config.Location != nil {
		return t.In(s.Config.Location)
	}
	return t
}

// day formats d's civil date in the site's time zone: 2025-03-04.
func (s *Source) day(d article.Date) string {
	return s.local(d.Time).Format("2006-01-02")
}

// chinese formats d's civil date in the site's time zone: 2025年3月4日,
// or "" for no date.
func (s *Source) chinese(d article.Date) string {
	if d.IsZero() {
		return ""
	}
	return s.local(d.Time).Format("2006年1月2日")
}

// SelectionReport explains a quarter's selection: for every article, "+"
// and its path when selected, or "-", its path and why not. Editors see it
// with -v; tests compare it.
func (s *Source) SelectionReport(q Period, aud Audience, ms []*Manifest) string {
	in := map[*article.Article]bool{}
	var b strings.Builder
	for _, a := range s.Select(q, aud, ms) {
		in[a] = true
		fmt.Fprintf(&b, "+ %s\n", a.Path)
	}
	listed := listedIn(ms)
	for _, a := range s.Articles {
		if in[a] {
			continue
		}
		why := s.Exclusion(a, aud)
		switch {
		case why != "":
		case !q.Contains(s.signed(a)):
			why = msgOutsidePeriod.F(s.day(a.Generated(s.Config)), q.Label)
		default:
			why = msgAlreadyIn.F(listed[a.Path])
		}
		fmt.Fprintf(&b, "- %s: %s\n", a.Path, why)
	}
	return b.String()
}
