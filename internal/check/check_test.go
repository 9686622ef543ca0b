package check_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
	"gongkai/internal/msg"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata/*.txtar")

// TestRules runs each case in testdata/*.txtar: the archive's files (content/…
// and optionally its own gongkai.yaml, else testdata/gongkai.yaml) are loaded
// and checked, and the findings must be exactly want.txt. When the archive
// has pending.txt or public.txt, the review queue and the public articles
// must match them too.
//
// The archive's comment sets the clock (now: 2025-06-30T12:00:00+08:00) and
// may leave out rules that would fire in every small case (ignore: GK051).
func TestRules(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	base, err := os.ReadFile("testdata/gongkai.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCase(t, file, base)
		})
	}
}

// outputNames are the archive files that hold expected outputs, not input.
var outputNames = map[string]bool{"want.txt": true, "pending.txt": true, "public.txt": true}

func runCase(t *testing.T, file string, base []byte) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	now, ignore := directives(t, ar.Comment)
	fsys := fstest.MapFS{config.FileName: {Data: base}}
	for _, f := range ar.Files {
		if !outputNames[f.Name] {
			fsys[f.Name] = &fstest.MapFile{Data: inputFile(t, f.Name, f.Data, ar.Comment)}
		}
	}
	cfg, findings := config.Load(fsys)
	if cfg == nil {
		t.Fatalf("gongkai.yaml: %v", findings)
	}
	arts, loaded := load.Load(fsys, cfg)
	ruled := check.RunAfterLoad(cfg, arts, loaded, fsys, now)
	all := append(append(append(diag.List{}, findings...), loaded...), ruled...)
	all.Sort()
	all = all.Dedupe()
	got := outputs(cfg, arts, all, ignore, now)
	for _, line := range strings.Split(string(got["want.txt"]), "\n") {
		if prose := msg.EnglishProse(line); len(prose) > 0 {
			t.Errorf("English in a finding: %q\n%s", prose, line)
		}
	}
	compare(t, file, ar, got)
}

// outputs formats what a case can expect: the findings (want.txt), the
// review queue (pending.txt: path, status, step, who must act, the first
// error's line:col:id, since when and how many working days it waited, the
// deadline it risks and the days left) and the public
// articles (public.txt: path and URL).
func outputs(cfg *config.Config, arts []*article.Article, all diag.List, ignore map[string]bool, now time.Time) map[string][]byte {
	var want, pending bytes.Buffer
	for _, f := range all {
		if !ignore[f.ID] {
			fmt.Fprintln(&want, f)
		}
	}
	for _, p := range check.Queue(cfg, arts, all, now) {
		fmt.Fprintf(&pending, "%s %s %s %s", p.Path, p.Status, p.NextStep, strings.Join(p.WaitingOn, ","))
		if p.Fix != nil {
			fmt.Fprintf(&pending, " fix=%d:%d:%s", p.Fix.Line, p.Fix.Col, p.Fix.ID)
		}
		if p.Since != "" {
			fmt.Fprintf(&pending, " since=%s waited=%d", p.Since, p.WaitingDays)
		}
		if d := p.Deadline; d != nil {
			fmt.Fprintf(&pending, " deadline=%s:%s:%d", d.Kind, d.Date, d.DaysLeft)
		}
		pending.WriteString("\n")
	}
	var public []string
	for a := range check.Public(cfg, arts, all, now) {
		public = append(public, a.Path+" "+a.URL+"\n")
	}
	slices.Sort(public)
	return map[string][]byte{"want.txt": want.Bytes(), "pending.txt": pending.Bytes(), "public.txt": []byte(strings.Join(public, ""))}
}

// compare checks each output the archive holds (want.txt always) and
// rewrites the archive under -update.
func compare(t *testing.T, file string, ar *txtar.Archive, got map[string][]byte) {
	if !slices.ContainsFunc(ar.Files, func(f txtar.File) bool { return f.Name == "want.txt" }) {
		ar.Files = append(ar.Files, txtar.File{Name: "want.txt"})
	}
	changed := false
	for i, f := range ar.Files {
		g, ok := got[f.Name]
		if !ok || bytes.Equal(f.Data, g) {
			continue
		}
		if *update {
			ar.Files[i].Data, changed = g, true
			continue
		}
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", f.Name, g, f.Data)
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// directives reads "now: T" (required) and "ignore: ID …" from the
// archive's comment.
func directives(t *testing.T, comment []byte) (time.Time, map[string]bool) {
	var now time.Time
	ignore := map[string]bool{}
	for _, line := range strings.Split(string(comment), "\n") {
		if v, ok := strings.CutPrefix(line, "now:"); ok {
			var err error
			if now, err = time.Parse(time.RFC3339, strings.TrimSpace(v)); err != nil {
				t.Fatalf("now: %v", err)
			}
		}
		if v, ok := strings.CutPrefix(line, "ignore:"); ok {
			for _, id := range strings.Fields(v) {
				ignore[id] = true
			}
		}
	}
	if now.IsZero() {
		t.Fatal(`the archive's comment needs "now: 2025-06-30T12:00:00+08:00"`)
	}
	return now, ignore
}
