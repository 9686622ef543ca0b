package bulletin

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// ManifestDir is the folder of issue manifests.
const ManifestDir = "content/bulletins"

// Finding ids of bulletin problems (besides GK001 syntax, GK002 fields and
// GK043 dates, which mean what they mean in articles).
const (
	// IDArticle is an article in a manifest that is missing or cannot enter the issue.
	IDArticle = "GK070"
	// IDNumber is an issue number used twice.
	IDNumber = "GK071"
)

// Manifest is one content/bulletins/*.yaml file: it fixes an issue's
// number, date, editor's note and articles in order. See the package doc.
type Manifest struct {
	Path       string // repository path: "content/bulletins/2025-1.yaml"
	Year       int
	Number     int
	Supplement bool
	Date       article.Date
	Audience   Audience // "" means gongkai.yaml's bulletin.audience
	EditorNote string
	// Articles are repository paths ("content/2025/a.md"), in order.
	Articles []string

	keys map[string]diag.Pos
}

// manifestFile is the YAML shape of a manifest.
type manifestFile struct {
	Year       int          `yaml:"year"`
	Number     int          `yaml:"number"`
	Supplement bool         `yaml:"supplement"`
	Date       article.Date `yaml:"date"`
	Audience   string       `yaml:"audience"`
	EditorNote string       `yaml:"editor_note"`
	Articles   []string     `yaml:"articles"`
}

// ID names the manifest's issue: "2025-1" or "2025-增1".
func (m *Manifest) ID() string { return issueID(m.Year, m.Number, m.Supplement) }

// pos returns the position of a key ("number", "articles.2"), else 1:1.
func (m *Manifest) pos(key string) diag.Pos {
	if p, ok := m.keys[key]; ok {
		return p
	}
	return diag.Pos{Path: m.Path, Line: 1, Col: 1}
}

// ParseManifest decodes a manifest's source. The manifest is nil when the
// file cannot be used; the findings say why, at file positions.
func ParseManifest(p string, src []byte, cfg *config.Config) (*Manifest, diag.List) {
	var l diag.List
	src = bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line := strictyaml.SyntaxErrorLine(src)
		col, text := strictyaml.Explain(src, line, strictyaml.ParserText(err))
		l.Errorf(diag.Pos{Path: p, Line: line, Col: col}, "GK001", "%s", text)
		return nil, l
	}
	if root.Kind == 0 {
		l.Errorf(diag.Pos{Path: p, Line: 1, Col: 1}, "GK002", "%s", msgManifestEmpty.F())
		return nil, l
	}
	d := strictyaml.NewDecoder(cfg.Location)
	var f manifestFile
	d.Decode(&root, &f)
	m := &Manifest{Path: p, Year: f.Year, Number: f.Number, Supplement: f.Supplement,
		Date: f.Date, EditorNote: strings.TrimSpace(f.EditorNote), keys: map[string]diag.Pos{}}
	for k, v := range d.Keys {
		m.keys[k] = diag.Pos{Path: p, Line: v[0], Col: v[1]}
	}
	for _, pr := range d.Problems {
		id := "GK002"
		var de *article.DateError
		if errors.As(pr.Err, &de) {
			id = "GK043"
		}
		l.Errorf(diag.Pos{Path: p, Line: pr.Line, Col: pr.Col}, id, "%s", pr.Msg)
	}
	m.validate(f, d.Problems, &l)
	if l.HasErrors() {
		return nil, l
	}
	return m, append(m.resolvePaths(f.Articles), m.noteTerms(cfg)...)
}

// The manifest's own mistakes.
var (
	msgManifestEmpty = msg.New("bulletin.manifest_empty",
		"简报清单是空的：清单应写明 year（年份）、number（期号）、date（日期）和 articles（稿件）",
		"the manifest is empty; it needs year, number, date and articles")
	msgManifestMissing = msg.New("bulletin.manifest_missing",
		"缺少必填的键 %s：简报清单应写明 year（年份）、number（期号）、date（日期）和 articles（稿件）",
		"required key %s is missing (a manifest has year, number, date and articles)")
	msgManifestYear = msg.New("bulletin.manifest_year",
		"year 应为年份，如 2025，而不是 %d",
		"year must be a year such as 2025, not %d")
	msgManifestNumber = msg.New("bulletin.manifest_number",
		"number（期号）应从 1 起编，不能是 %d",
		"number must be 1 or more, not %d")
	msgManifestNoArticles = msg.New("bulletin.manifest_no_articles",
		"articles 是空的：请按刊登顺序列出本期简报的稿件",
		"articles is empty: list the issue's articles in order")
	msgManifestTwice = msg.New("bulletin.manifest_twice",
		"%s 列了两次（另见第 %d 项），本期只收第一次列出的",
		"%s is listed twice (also item %d); the issue keeps the first")
	msgManifestUnreadable = msg.New("bulletin.manifest_unreadable",
		"无法读取简报清单：%v",
		"cannot read the manifest: %v")
	msgManifestNumberUsed = msg.New("bulletin.manifest_number_used",
		"期号 %s 已被 %s 使用；期号不得重复，下一个可用的期号是 %d",
		"issue number %s is also used by %s; numbers never repeat: the next free number is %d")
)

var msgNoteTerm = msg.New("bulletin.editor_note_term",
	"编者按（editor_note）中含有涉密词语“%s”：公开的简报连同编者按一起上网，请修改编者按",
	"secrecy term %q in the editor's note (editor_note): a public issue goes on the site with its note; change the note")

// noteTerms reports each secrecy term of gongkai.yaml in the editor's note
// (GK030): the note is printed in the issue and, for a public issue, put
// on the site. Nobody clears a term in a manifest.
func (m *Manifest) noteTerms(cfg *config.Config) diag.List {
	var l diag.List
	note := strings.Join(strings.Fields(m.EditorNote), "")
	for _, term := range cfg.SecrecyTerms {
		if t := strings.Join(strings.Fields(term), ""); t != "" && strings.Contains(note, t) {
			l.Errorf(m.pos("editor_note"), "GK030", msgNoteTerm.T(), term)
		}
	}
	return l
}

// validate checks the required keys and their values; a key whose value
// could not be decoded (in problems) is not checked again.
func (m *Manifest) validate(f manifestFile, problems []strictyaml.Problem, l *diag.List) {
	bad := map[int]bool{}
	for _, p := range problems {
		bad[p.Line] = true
	}
	check := func(key string) bool {
		_, ok := m.keys[key]
		return ok && !bad[m.pos(key).Line]
	}
	for _, k := range []string{"year", "number", "date", "articles"} {
		if _, ok := m.keys[k]; !ok {
			l.Errorf(m.pos(k), "GK002", msgManifestMissing.T(), k)
		}
	}
	if check("year") && (m.Year < 2000 || m.Year > 2999) {
		l.Errorf(m.pos("year"), "GK002", msgManifestYear.T(), m.Year)
	}
	if check("number") && m.Number < 1 {
		l.Errorf(m.pos("number"), "GK002", msgManifestNumber.T(), m.Number)
	}
	if f.Audience != "" {
		a, err := ParseAudience(f.Audience)
		if err != nil {
			l.Errorf(m.pos("audience"), "GK002", "%v", err)
		}
		m.Audience = a
	}
	if check("articles") && len(f.Articles) == 0 {
		l.Errorf(m.pos("articles"), "GK002", "%s", msgManifestNoArticles.F())
	}
}

// resolvePaths sets m.Articles from the listed paths; a path listed twice
// is an error (the issue keeps the first).
func (m *Manifest) resolvePaths(listed []string) diag.List {
	var l diag.List
	seen := map[string]int{}
	for i, a := range listed {
		p := m.articlePath(a)
		if j, dup := seen[p]; dup {
			l.Errorf(m.pos(fmt.Sprintf("articles.%d", i)), IDArticle, msgManifestTwice.T(), p, j+1)
			l.Relate(p)
			continue
		}
		seen[p] = i
		m.Articles = append(m.Articles, p)
	}
	return l
}

// articlePath resolves an article as listed: a repository path
// ("content/2025/a.md") or one relative to the manifest ("../2025/a.md").
func (m *Manifest) articlePath(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "content/") {
		return path.Clean(s)
	}
	return path.Join(path.Dir(m.Path), s)
}

// LoadManifests reads every manifest in content/bulletins/, sorted by path,
// and reports numbers used twice (on each file, naming the other).
func LoadManifests(fsys fs.FS, cfg *config.Config) ([]*Manifest, diag.List) {
	entries, err := fs.ReadDir(fsys, ManifestDir)
	if err != nil {
		return nil, nil // no manifests yet
	}
	var ms []*Manifest
	var l diag.List
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		p := ManifestDir + "/" + e.Name()
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Errorf(diag.Pos{Path: p, Line: 1, Col: 1}, "GK001", msgManifestUnreadable.T(), msg.Cause(err))
			continue
		}
		m, found := ParseManifest(p, src, cfg)
		l = append(l, found...)
		if m != nil {
			ms = append(ms, m)
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Path < ms[j].Path })
	l = append(l, duplicateNumbers(ms)...)
	l.Sort()
	return ms, l.Dedupe()
}

// duplicateNumbers reports every manifest whose issue number another uses.
func duplicateNumbers(ms []*Manifest) diag.List {
	var l diag.List
	byID := map[string][]*Manifest{}
	for _, m := range ms {
		byID[m.ID()] = append(byID[m.ID()], m)
	}
	for _, m := range ms {
		for _, o := range byID[m.ID()] {
			if o != m {
				l.Errorf(m.pos("number"), IDNumber, msgManifestNumberUsed.T(),
					m.ID(), o.Path, NextNumber(ms, m.Year, m.Supplement))
				l.Relate(o.Path)
			}
		}
	}
	return l
}

// NextNumber returns the number after the highest one used by the year's
// manifests: regular issues and supplements (增刊) count separately.
func NextNumber(ms []*Manifest, year int, supplement bool) int {
	n := 0
	for _, m := range ms {
		if m.Year == year && m.Supplement == supplement && m.Number > n {
			n = m.Number
		}
	}
	return n + 1
}
