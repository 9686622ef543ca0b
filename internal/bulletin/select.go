package bulletin

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// Source is a repository loaded and checked at a moment: what the bulletin
// needs from the pipeline. cmd/gongkai fills it from build.Project.
type Source struct {
	FS       fs.FS // the repository: content/bulletins/*.yaml and images
	Config   *config.Config
	Articles []*article.Article
	// Findings are check's findings; an article with an error never enters
	// a bulletin.
	Findings diag.List
	Now      time.Time

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
	return "", fmt.Errorf("audience must be internal or public, not %q", s)
}

// hasError reports whether check found an error in the file.
func (s *Source) hasError(path string) bool {
	if s.bad == nil {
		s.bad = map[string]bool{}
		for _, f := range s.Findings {
			if f.Severity == diag.Error {
				s.bad[f.Pos.Path] = true
			}
		}
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
		return fmt.Sprintf("not fully signed: %s (%s) is missing", next.Label, next.Key)
	}
	if a.FM.Disclosure == article.Proactive && !a.Eligible(cfg, s.Now) {
		return fmt.Sprintf("not yet published (entry dated %s)", s.day(a.PublishedAt(cfg)))
	}
	return ""
}

// lastingExclusion returns why the article can never enter an issue for
// the audience as it stands, whatever the date: what Exclusion says except
// a missing signature or a publication still to come.
func (s *Source) lastingExclusion(a *article.Article, aud Audience) string {
	switch {
	case a.Broken:
		return "its front matter cannot be read (run gongkai check)"
	case a.FM.Withdrawn != nil:
		return fmt.Sprintf("withdrawn on %s: never in a bulletin", s.day(a.FM.Withdrawn.At))
	case a.FM.Disclosure == article.Withheld || a.FM.Disclosure == article.OnRequest:
		return fmt.Sprintf("disclosure is %s: never in a bulletin", a.FM.Disclosure)
	case a.FM.Disclosure == article.Internal && aud == Public:
		return "disclosure is 内部公开: only in an internal bulletin"
	case a.FM.Disclosure != article.Proactive && a.FM.Disclosure != article.Internal:
		return "disclosure is not set"
	case !a.FM.Bulletin:
		return "not a bulletin candidate (bulletin: true is not set)"
	case s.hasError(a.Path):
		return "check reports errors in the file (run gongkai check)"
	}
	if r := a.StepFor(s.Config, config.PurposeSecrecy); r != nil && r.Result == "涉密" {
		return "the secrecy review found it classified (涉密)"
	}
	return ""
}

// Quarter is a calendar quarter, as in 2025Q1.
type Quarter struct {
	Year, Q int
}

// ParseQuarter reads "2025Q1" (q in lower case too).
func ParseQuarter(s string) (Quarter, error) {
	y, q, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "Q")
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || len(y) != 4 || n < 1 || n > 4 {
		return Quarter{}, fmt.Errorf("%q is not a quarter such as 2025Q1", s)
	}
	return Quarter{year, n}, nil
}

func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// Contains reports whether the civil date of t falls in the quarter.
func (q Quarter) Contains(t time.Time) bool {
	return t.Year() == q.Year && (int(t.Month())-1)/3+1 == q.Q
}

// Select returns the quarter's articles for the audience: candidates that
// may enter (see Exclusion), were signed off in the quarter and are listed
// in none of the manifests ms, oldest first (then by path). An article is
// reported in one issue only: once any manifest lists it (public or
// internal, regular or 增刊), a quarter's selection leaves it out.
func (s *Source) Select(q Quarter, aud Audience, ms []*Manifest) []*article.Article {
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
func (s *Source) Covering(q Quarter, ms []*Manifest) []*Manifest {
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
func (s *Source) SelectionReport(q Quarter, aud Audience, ms []*Manifest) string {
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
			why = fmt.Sprintf("signed off %s, outside %s", s.day(a.Generated(s.Config)), q)
		default:
			why = "already in " + listed[a.Path]
		}
		fmt.Fprintf(&b, "- %s: %s\n", a.Path, why)
	}
	return b.String()
}
