package bulletin_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/article"
	"gongkai/internal/bulletin"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata/")

// testCase is one txtar archive: its input files, its directives
// ("now: 2025-06-30" lines in the comment) and its expected outputs
// (the files named *.txt).
type testCase struct {
	file       string
	ar         *txtar.Archive
	fsys       fstest.MapFS
	directives map[string]string
}

func readCase(t *testing.T, file string) *testCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &testCase{file: file, ar: ar, fsys: fstest.MapFS{}, directives: map[string]string{}}
	base, err := os.ReadFile("testdata/gongkai.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c.fsys[config.FileName] = &fstest.MapFile{Data: base}
	for _, f := range ar.Files {
		if !strings.HasSuffix(f.Name, ".txt") {
			c.fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && !strings.Contains(k, " ") {
			c.directives[k] = strings.TrimSpace(v)
		}
	}
	return c
}

// source loads and checks the case's repository as project.Open does.
func (c *testCase) source(t *testing.T) *bulletin.Source {
	t.Helper()
	cfg, cfgFindings := config.Load(c.fsys)
	if cfg == nil {
		t.Fatalf("gongkai.yaml: %v", cfgFindings)
	}
	now := c.now(t, cfg)
	arts, loaded := load.Load(c.fsys, cfg)
	findings := append(loaded, check.RunAfterLoad(cfg, arts, loaded, c.fsys, now)...)
	findings.Sort()
	findings = findings.Dedupe()
	public := check.Public(cfg, arts, findings, now)
	return &bulletin.Source{FS: c.fsys, Config: cfg, Articles: arts, Findings: findings, Public: public, Now: now}
}

// now reads the "now:" directive: a bare date is the end of that day.
func (c *testCase) now(t *testing.T, cfg *config.Config) time.Time {
	t.Helper()
	d, err := article.ParseDate(c.directives["now"], cfg.Location)
	if err != nil {
		t.Fatalf("%s: now: %v", c.file, err)
	}
	return d.Add(24*time.Hour - time.Nanosecond)
}

// compare checks got against the archive's file name, or with -update
// rewrites it.
func (c *testCase) compare(t *testing.T, name, got string) {
	t.Helper()
	for i, f := range c.ar.Files {
		if f.Name != name {
			continue
		}
		if *update {
			c.ar.Files[i].Data = []byte(got)
			if err := os.WriteFile(c.file, txtar.Format(c.ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if want := string(f.Data); got != want {
			t.Errorf("%s: %s:\ngot:\n%s\nwant:\n%s", c.file, name, got, want)
		}
		return
	}
	t.Fatalf("%s has no %s", c.file, name)
}

// findingsText prints findings one per line, as the commands do.
func findingsText(l diag.List) string {
	var b bytes.Buffer
	l.WriteText(&b)
	return b.String()
}

func cases(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/%s: %v", dir, err)
	}
	return files
}

// TestSelection runs testdata/select/*.txtar: the selection of the
// "period:" (a month or a quarter) with the reason each other article
// stays out, for a public issue (public.txt) and an internal one
// (internal.txt), given the case's manifests; and the manifests that cover
// the period (covering.txt).
func TestSelection(t *testing.T) {
	for _, file := range cases(t, "select") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			c := readCase(t, file)
			src := c.source(t)
			q, err := bulletin.ParsePeriod(c.directives["period"], src.Config.Location)
			if err != nil {
				t.Fatal(err)
			}
			ms, l := bulletin.LoadManifests(c.fsys, src.Config)
			if l.HasErrors() {
				t.Fatal(findingsText(l))
			}
			c.compare(t, "public.txt", src.SelectionReport(q, bulletin.Public, ms))
			c.compare(t, "internal.txt", src.SelectionReport(q, bulletin.Internal, ms))
			var covering strings.Builder
			for _, m := range src.Covering(q, ms) {
				covering.WriteString(m.Path + "\n")
			}
			c.compare(t, "covering.txt", covering.String())
		})
	}
}

func TestParsePeriodReadsMonthsAndQuarters(t *testing.T) {
	for in, want := range map[string]string{
		"2025Q1": "2025Q1 2025-01-01…2025-04-01", "2025q4": "2025Q4 2025-10-01…2026-01-01",
		" 2026Q2 ": "2026Q2 2026-04-01…2026-07-01", "2025-03": "2025-03 2025-03-01…2025-04-01",
		"2025Q5":  "“2025Q5”不是月份（如 2025-03）或季度（如 2025Q1）",
		"2025-13": "“2025-13”不是月份（如 2025-03）或季度（如 2025Q1）",
		"2025":    "“2025”不是月份（如 2025-03）或季度（如 2025Q1）",
		"25Q1":    "“25Q1”不是月份（如 2025-03）或季度（如 2025Q1）",
	} {
		p, err := bulletin.ParsePeriod(in, time.UTC)
		got := p.Label + " " + p.Start.Format("2006-01-02") + "…" + p.End.Format("2006-01-02")
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("ParsePeriod(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestManifests runs testdata/manifest/*.txtar: the manifests are loaded
// and each resolved into an issue (audience from the "audience:"
// directive, else the manifest's); want.txt holds every manifest's number,
// every resolved issue, every finding, and for a "period:" directive the
// number and manifest that --save would write.
func TestManifests(t *testing.T) {
	for _, file := range cases(t, "manifest") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			c := readCase(t, file)
			src := c.source(t)
			ms, findings := bulletin.LoadManifests(c.fsys, src.Config)
			var b strings.Builder
			override := bulletin.Audience(c.directives["audience"])
			for _, m := range ms {
				is, l := src.Issue(m, override)
				findings = append(findings, l...)
				fmt.Fprintf(&b, "%s: %s\n", m.Path, describe(is))
			}
			if q := c.directives["period"]; q != "" {
				b.WriteString(saved(t, src, ms, q))
			}
			findings.Sort()
			b.WriteString(findingsText(findings.Dedupe()))
			c.compare(t, "want.txt", b.String())
		})
	}
}

// describe prints an issue on one line, or "-" when it did not resolve.
func describe(is *bulletin.Issue) string {
	if is == nil {
		return "-"
	}
	var paths []string
	for _, a := range is.Articles {
		paths = append(paths, a.Path)
	}
	return fmt.Sprintf("%s %s %s %s note=%q [%s]", is.ID(), is.Label(), is.Audience, is.Date.Day(), is.EditorNote, strings.Join(paths, " "))
}

// saved returns what --save would write for the quarter, dated the first
// day of the quarter's last month.
func saved(t *testing.T, src *bulletin.Source, ms []*bulletin.Manifest, quarter string) string {
	t.Helper()
	q, err := bulletin.ParsePeriod(quarter, src.Config.Location)
	if err != nil {
		t.Fatal(err)
	}
	last := q.End.AddDate(0, -1, 0)
	date, _ := article.ParseDate(last.Format("2006-01-02"), src.Config.Location)
	is := src.QuarterIssue(q, bulletin.Public, ms, date)
	sup := bulletin.NextNumber(ms, q.Start.Year(), true)
	return fmt.Sprintf("--save %s → %s (next 增刊: %d)\n%s", q.Label, is.ManifestPath(), sup, is.ManifestYAML(q))
}

// TestScheduledIssues: on 2025-05-01, of testdata/manifest/numbering.txtar's
// public issues 2024-4 and 2025-1 are out; 2025-增1 is dated 2025-05-20 and
// lists may.md, published 2025-05-06. It is scheduled: not on the site, and
// not an error. A scheduled manifest still needs articles that exist and
// that nothing but time keeps out.
func TestScheduledIssues(t *testing.T) {
	c := readCase(t, "testdata/manifest/numbering.txtar")
	c.directives["now"] = "2025-05-01"
	c.fsys["content/bulletins/2025-3.yaml"] = &fstest.MapFile{Data: []byte(
		"year: 2025\nnumber: 3\ndate: 2025-10-09\naudience: public\narticles:\n" +
			"  - content/2025/may.md\n  - content/2025/gone.md\n  - content/2025/internal.md\n")}
	c.fsys["content/2025/internal.md"] = &fstest.MapFile{Data: []byte(
		"---\ntitle: 内部稿件\ndepartment: 办公室\ncategory: 工作动态\nkind: 动态信息\nauthors: [张三]\n" +
			"disclosure: 内部公开\nbulletin: true\n---\n正文。\n")}
	src := c.source(t)
	issues, l := src.PublicIssues()
	if l.HasErrors() {
		t.Fatal(findingsText(l))
	}
	var ids []string
	for _, is := range issues {
		ids = append(ids, is.ID())
	}
	if got := strings.Join(ids, " "); got != "2024-4 2025-1" {
		t.Errorf("public issues on 2025-05-01: %s, want 2024-4 2025-1", got)
	}
	ms, _ := bulletin.LoadManifests(c.fsys, src.Config)
	var found diag.List
	for _, m := range ms {
		found = append(found, src.CheckManifest(m)...)
	}
	want := "content/bulletins/2025-3.yaml:7:5: 错误 GK070 content/2025/gone.md 不存在（请按路径列出稿件，如 content/2025/meeting.md）\n" +
		"content/bulletins/2025-3.yaml:8:5: 错误 GK070 content/2025/internal.md 不能进入公开简报：公开方式为内部公开，只能进入内部简报\n"
	found.Sort()
	if got := findingsText(found.Dedupe()); got != want {
		t.Errorf("check's findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestSecrecyTermInTheEditorsNoteIsGK030(t *testing.T) {
	cfg, l := config.Parse(nil, []byte(`
site: {title: 测试, org_code: 11330782MB1234567X, timezone: Asia/Shanghai}
departments: [{name: 办公室, head: 李四, leader: 赵六}]
people: [{name: 李四, email: l@x.cn}, {name: 赵六, email: z@x.cn, roles: [deputy]}]
categories: [工作动态]
kinds: [{name: 动态信息, deadline: 1}]
secrecy_terms: [内部资料]
`))
	if cfg == nil {
		t.Fatal(l)
	}
	src := "year: 2025\nnumber: 1\ndate: 2025-04-03\naudience: public\neditor_note: |\n  本期摘编内部\n  资料若干。\narticles: [content/2025/a.md]\n"
	_, found := bulletin.ParseManifest("content/bulletins/2025-1.yaml", []byte(src), cfg)
	want := "content/bulletins/2025-1.yaml:5:1: 错误 GK030 编者按（editor_note）中含有涉密词语“内部资料”：公开的简报连同编者按一起上网，请修改编者按\n"
	if got := findingsText(found); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
