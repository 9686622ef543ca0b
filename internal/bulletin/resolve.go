package bulletin

import (
	"fmt"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// AudienceOf returns the manifest's audience: override when not empty,
// else the manifest's own, else gongkai.yaml's bulletin.audience.
func (s *Source) AudienceOf(m *Manifest, override Audience) Audience {
	switch {
	case override != "":
		return override
	case m.Audience != "":
		return m.Audience
	}
	return Audience(s.Config.Bulletin.Audience)
}

// Issue resolves a manifest into an issue for the audience (see
// AudienceOf). Every listed article that does not exist or cannot enter
// is an error at its line in the manifest; the issue is nil then.
func (s *Source) Issue(m *Manifest, override Audience) (*Issue, diag.List) {
	aud := s.AudienceOf(m, override)
	arts, l := s.resolve(m, aud, func(a *article.Article, aud Audience) string {
		if s.withdrawnSince(m, a) {
			kept := *a // judged as it was when the issue came out
			kept.FM.Withdrawn = nil
			a = &kept
		}
		return s.Exclusion(a, aud)
	})
	if l.HasErrors() {
		return nil, l
	}
	return &Issue{Year: m.Year, Number: m.Number, Supplement: m.Supplement, Date: m.Date,
		Audience: aud, EditorNote: m.EditorNote, Articles: arts, Manifest: m.Path}, nil
}

// withdrawnSince reports whether the article was withdrawn by now, on or
// after the date of the issued manifest m: the issue keeps the article's
// place and shows its withdrawal notice instead of the text, so that a
// withdrawal always goes out. An article withdrawn before the issue's date
// cannot enter it (GK070), nor any scheduled issue.
func (s *Source) withdrawnSince(m *Manifest, a *article.Article) bool {
	w := a.FM.Withdrawn
	return w != nil && s.Issued(m) && a.WithdrawnAt(s.Now) && !w.At.Before(m.Date.Time)
}

// Issued reports whether the manifest's issue is out: its date is not
// after Now. An issue dated later is scheduled: it is not on the site yet,
// and its articles may still wait for their publication.
func (s *Source) Issued(m *Manifest) bool { return !m.Date.After(s.Now) }

// CheckManifest returns the problems of the manifest's articles, as check
// reports them. An issued manifest is resolved as Issue does; a scheduled
// one (see Issued) only needs articles that exist and that nothing but
// time keeps out: a missing signature or a publication still to come is
// not an error before the issue's date.
func (s *Source) CheckManifest(m *Manifest) diag.List {
	if s.Issued(m) {
		_, l := s.Issue(m, "")
		return l
	}
	_, l := s.resolve(m, s.AudienceOf(m, ""), s.lastingExclusion)
	return l
}

// resolve finds the manifest's articles; each one missing, or one that
// exclusion keeps out, is an error at its line.
func (s *Source) resolve(m *Manifest, aud Audience, exclusion func(*article.Article, Audience) string) ([]*article.Article, diag.List) {
	byPath := map[string]*article.Article{}
	for _, a := range s.Articles {
		byPath[a.Path] = a
	}
	var arts []*article.Article
	var l diag.List
	for i, p := range m.Articles {
		pos := m.pos("articles." + strconv.Itoa(i))
		a, ok := byPath[p]
		if !ok {
			l.Errorf(pos, IDArticle, msgNoSuchArticle.T(), p)
			l.Relate(p)
		} else if why := exclusion(a, aud); why != "" {
			l.Errorf(pos, IDArticle, msgCannotEnter.T(), p, audienceName(aud), why)
			l.Relate(p)
		} else {
			arts = append(arts, a)
		}
	}
	return arts, l
}

var (
	msgNoSuchArticle = msg.New("bulletin.no_such_article",
		"%s 不存在（请按路径列出稿件，如 content/2025/meeting.md）",
		"%s does not exist (list articles by their path, such as content/2025/meeting.md)")
	msgCannotEnter = msg.New("bulletin.cannot_enter",
		"%s 不能进入%s：%s",
		"%s cannot enter %s: %s")
	msgPublicIssue = msg.New("bulletin.public_issue",
		"公开简报",
		"a public bulletin")
	msgInternalIssue = msg.New("bulletin.internal_issue",
		"内部简报",
		"an internal bulletin")
)

// audienceName names an issue for the audience: 公开简报 or 内部简报.
func audienceName(aud Audience) string {
	if aud == Internal {
		return msgInternalIssue.F()
	}
	return msgPublicIssue.F()
}

// QuarterIssue makes the period's issue for the audience: the selection
// (see Select: without the articles ms already list), numbered after the
// year's manifests, dated date.
func (s *Source) QuarterIssue(q Period, aud Audience, ms []*Manifest, date article.Date) *Issue {
	return &Issue{
		Year: q.Start.Year(), Number: NextNumber(ms, q.Start.Year(), false), Date: date,
		Audience: aud, Articles: s.Select(q, aud, ms),
	}
}

// ManifestPath is where Save writes the issue's manifest.
func (is *Issue) ManifestPath() string { return ManifestDir + "/" + is.ID() + ".yaml" }

// ManifestYAML returns the issue as a manifest for the editor to adjust
// (the order of the articles, the 编者按) and commit.
func (is *Issue) ManifestYAML(q Period) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# 简报 %s：%s 的入选稿件，按签发日期排序。\n", is.Label(), q.Label)
	b.WriteString("# 可调整 articles 的顺序、填写编者按（editor_note），然后提交。期号不得重复。\n")
	fmt.Fprintf(&b, "year: %d\nnumber: %d\nsupplement: %t\n", is.Year, is.Number, is.Supplement)
	fmt.Fprintf(&b, "date: %s\naudience: %s\n", is.Date.Day(), is.Audience)
	b.WriteString("editor_note: \"\"\narticles:\n")
	for _, a := range is.Articles {
		fmt.Fprintf(&b, "  - %s  # %s\n", yamlString(a.Path), oneLine(a.FM.Title))
	}
	return []byte(b.String())
}

// yamlString quotes s when YAML would read it as something else.
func yamlString(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[]&*!|>'\"%@`,\\") || strings.TrimSpace(s) != s {
		return strconv.Quote(s)
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
