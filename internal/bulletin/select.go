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
	cfg := s.Config
	switch {
	case a.Broken:
		return "its front matter cannot be read (run gongkai check)"
	case a.FM.Withdrawn != nil:
		return fmt.Sprintf("withdrawn on %s: never in a bulletin", a.FM.Withdrawn.At.Day())
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
	if next := a.NextStep(cfg); next != nil {
		return fmt.Sprintf("not fully signed: %s (%s) is missing", next.Label, next.Key)
	}
	if a.FM.Disclosure == article.Proactive && !a.Eligible(cfg, s.Now) {
		return fmt.Sprintf("not yet published (entry dated %s)", a.PublishedAt(cfg).Day())
	}
	if r := a.StepFor(cfg, config.PurposeSecrecy); r != nil && r.Result == "涉密" {
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
// may enter (see Exclusion) and were signed off in the quarter, oldest
// first (then by path).
func (s *Source) Select(q Quarter, aud Audience) []*article.Article {
	var out []*article.Article
	for _, a := range s.Articles {
		if s.Exclusion(a, aud) == "" && q.Contains(s.signed(a)) {
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

// signed returns the sign-off time in the site's time zone.
func (s *Source) signed(a *article.Article) time.Time {
	t := a.Generated(s.Config).Time
	if s.Config.Location != nil {
		t = t.In(s.Config.Location)
	}
	return t
}

// SelectionReport explains a quarter's selection: for every article, "+"
// and its path when selected, or "-", its path and why not. Editors see it
// with -v; tests compare it.
func (s *Source) SelectionReport(q Quarter, aud Audience) string {
	in := map[*article.Article]bool{}
	var b strings.Builder
	for _, a := range s.Select(q, aud) {
		in[a] = true
		fmt.Fprintf(&b, "+ %s\n", a.Path)
	}
	for _, a := range s.Articles {
		if in[a] {
			continue
		}
		why := s.Exclusion(a, aud)
		if why == "" {
			why = fmt.Sprintf("signed off %s, outside %s", a.Generated(s.Config).Day(), q)
		}
		fmt.Fprintf(&b, "- %s: %s\n", a.Path, why)
	}
	return b.String()
}
