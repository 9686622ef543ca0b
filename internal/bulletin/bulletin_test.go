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

// source loads and checks the case's repository as build.Open does.
func (c *testCase) source(t *testing.T) *bulletin.Source {
	t.Helper()
	cfg, cfgFindings := config.Load(c.fsys)
	if cfg == nil {
		t.Fatalf("gongkai.yaml: %v", cfgFindings)
	}
	now := c.now(t, cfg)
	arts, loaded := load.Load(c.fsys, cfg)
	findings := append(loaded, check.Run(cfg, arts, c.fsys, now)...).Sort()
	return &bulletin.Source{FS: c.fsys, Config: cfg, Articles: arts, Findings: findings, Now: now}
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

// TestSelection runs testdata/select/*.txtar: the quarter's selection with
// the reason each other article stays out, for a public issue (public.txt)
// and an internal one (internal.txt).
func TestSelection(t *testing.T) {
	for _, file := range cases(t, "select") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			c := readCase(t, file)
			src := c.source(t)
			q, err := bulletin.ParseQuarter(c.directives["quarter"])
			if err != nil {
				t.Fatal(err)
			}
			c.compare(t, "public.txt", src.SelectionReport(q, bulletin.Public))
			c.compare(t, "internal.txt", src.SelectionReport(q, bulletin.Internal))
		})
	}
}

func TestParseQuarter(t *testing.T) {
	for in, want := range map[string]string{
		"2025Q1": "2025Q1", "2025q4": "2025Q4", " 2026Q2 ": "2026Q2",
		"2025Q5": `"2025Q5" is not a quarter such as 2025Q1`,
		"2025-1": `"2025-1" is not a quarter such as 2025Q1`,
		"25Q1":   `"25Q1" is not a quarter such as 2025Q1`,
	} {
		q, err := bulletin.ParseQuarter(in)
		got := q.String()
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("ParseQuarter(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestManifests runs testdata/manifest/*.txtar: the manifests are loaded
// and each resolved into an issue (audience from the "audience:"
// directive, else the manifest's); want.txt holds every manifest's number,
// every resolved issue, every finding, and for a "quarter:" directive the
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
			if q := c.directives["quarter"]; q != "" {
				b.WriteString(saved(t, src, ms, q))
			}
			b.WriteString(findingsText(findings.Sort()))
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
	q, err := bulletin.ParseQuarter(quarter)
	if err != nil {
		t.Fatal(err)
	}
	date, _ := article.ParseDate(fmt.Sprintf("%d-%02d-01", q.Year, q.Q*3), src.Config.Location)
	is := src.QuarterIssue(q, bulletin.Public, ms, date)
	sup := bulletin.NextNumber(ms, q.Year, true)
	return fmt.Sprintf("--save %s → %s (next 增刊: %d)\n%s", q, is.ManifestPath(), sup, is.ManifestYAML(q))
}
