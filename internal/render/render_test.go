package render_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/load"
	"gongkai/internal/render"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// now is the clock of every test render.
var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// loadArchive reads a txtar repository and returns the render input with
// Public decided by article.Eligible (check is not part of these tests).
func loadArchive(t *testing.T, file string) render.Input {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	return inputFor(t, fsys)
}

func inputFor(t testing.TB, fsys fs.FS) render.Input {
	t.Helper()
	cfg, findings := config.Load(fsys)
	if cfg == nil {
		t.Fatalf("gongkai.yaml: %v", findings)
	}
	arts, findings := load.Load(fsys, cfg)
	if findings.HasErrors() {
		t.Fatalf("load: %v", findings)
	}
	in := render.Input{Config: cfg, Articles: arts, Public: map[*article.Article]bool{}, Content: fsys, Now: now}
	for _, a := range arts {
		if a.Eligible(cfg, now) {
			in.Public[a] = true
		}
	}
	if sub, err := fs.Sub(fsys, "templates"); err == nil {
		if _, err := fs.Stat(fsys, "templates"); err == nil {
			in.Templates = sub
		}
	}
	return in
}

func mustRender(t *testing.T, in render.Input) render.Site {
	t.Helper()
	site, err := render.NewRenderer().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// notOurs are files other engineers' packages produce: the search index and
// its script. Their own tests pin them.
func notOurs(p string) bool {
	return p == "assets/search.js" || (strings.HasPrefix(p, "search/") && p != "search/index.html")
}

// TestGoldenSite renders each archive and compares the site with its
// golden folder: site.txtar with golden/, policy.txtar (政策解读 both ways,
// the 政府网站 metadata and footer) with golden-policy/, which leaves out
// the theme's files that golden/ already holds.
func TestGoldenSite(t *testing.T) {
	for archive, golden := range map[string]string{"site.txtar": "golden", "policy.txtar": "golden-policy",
		"columns.txtar": "golden-columns"} {
		t.Run(archive, func(t *testing.T) {
			goldenSite(t, filepath.Join("testdata", archive), filepath.Join("testdata", golden), golden != "golden")
		})
	}
}

// builtinAsset reports whether p is a theme file copied from builtin/.
func builtinAsset(p string) bool {
	name, ok := strings.CutPrefix(p, "assets/")
	if !ok {
		return false
	}
	_, err := os.Stat(filepath.Join("builtin", name))
	return err == nil
}

func goldenSite(t *testing.T, archive, golden string, skipTheme bool) {
	site := mustRender(t, loadArchive(t, archive))
	if skipTheme {
		for p := range site {
			if builtinAsset(p) {
				delete(site, p)
			}
		}
	}
	if *update {
		writeGolden(t, golden, site)
		return
	}
	want := goldenFiles(golden)
	for _, p := range site.Paths() {
		if notOurs(p) {
			continue
		}
		delete(want, p)
		g, err := os.ReadFile(filepath.Join(golden, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: rendered but not in the golden site (run go test -update)", p)
		} else if !bytes.Equal(g, site[p]) {
			t.Errorf("%s differs from the golden file:\n%s", p, firstDiff(string(g), string(site[p])))
		}
	}
	for _, p := range sortedKeys(want) {
		t.Errorf("%s: in the golden site but not rendered", p)
	}
}

func writeGolden(t *testing.T, golden string, site render.Site) {
	if err := os.RemoveAll(golden); err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Paths() {
		file := filepath.Join(golden, filepath.FromSlash(p))
		if notOurs(p) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, site[p], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goldenFiles lists the golden site's files by site path.
func goldenFiles(golden string) map[string]bool {
	files := map[string]bool{}
	filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(golden, p)
			files[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return files
}

func sortedKeys(m map[string]bool) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, wl, gl)
		}
	}
	return ""
}

// TestIdentificationIsAbsentWhenNotConfigured: site.txtar configures none
// of the 政府网站 identification, so no page has its metadata or footer.
func TestIdentificationIsAbsentWhenNotConfigured(t *testing.T) {
	site := mustRender(t, loadArchive(t, "testdata/site.txtar"))
	for _, p := range site.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, absent := range []string{"SiteIDCode", "footer-ids", "我为政府网站找错", "ICP备", "公网安备", "党政机关网站标识", `name="keywords"`} {
			if strings.Contains(string(site[p]), absent) {
				t.Errorf("%s has %s, which nothing configures", p, absent)
			}
		}
	}
}

// TestAnInterpretationInReviewIsNowhere: the policy's page lists only its
// public interpretations; the one in review has no page and no mention.
func TestAnInterpretationInReviewIsNowhere(t *testing.T) {
	site := mustRender(t, loadArchive(t, "testdata/policy.txtar"))
	for _, p := range site.Paths() {
		if strings.Contains(string(site[p]), "图解") || strings.Contains(string(site[p]), "draft-jiedu") {
			t.Errorf("%s mentions the interpretation still in review", p)
		}
	}
	policy := string(site["2025/policy/index.html"])
	if !strings.Contains(policy, `<li><a href="/2025/policy-jiedu/">《某某县招商引资项目管理办法》政策解读</a></li>`) {
		t.Errorf("the policy's page does not list its public interpretation")
	}
	if !strings.Contains(string(site["2025/policy-jiedu/index.html"]), `解读文件：<a href="/2025/policy/">`) {
		t.Errorf("the interpretation's page does not link its policy")
	}
}

// TestStreamingGivesTheSameFiles renders each golden archive to a Sink, as
// a build does, and compares every file with the in-memory site's.
func TestStreamingGivesTheSameFiles(t *testing.T) {
	for _, archive := range []string{"site.txtar", "policy.txtar", "columns.txtar"} {
		in := loadArchive(t, filepath.Join("testdata", archive))
		want := mustRender(t, in)
		var mu sync.Mutex
		got := render.Site{}
		in.Sink = func(p string, data []byte) error {
			mu.Lock()
			got[p] = bytes.Clone(data)
			mu.Unlock()
			return nil
		}
		if site, err := render.NewRenderer().Render(in); err != nil || site != nil {
			t.Fatalf("%s: streaming render gave a site (%d files) or %v", archive, len(site), err)
		}
		for _, p := range want.Paths() {
			if !bytes.Equal(got[p], want[p]) {
				t.Errorf("%s: %s streamed differs:\n%s", archive, p, firstDiff(string(want[p]), string(got[p])))
			}
			delete(got, p)
		}
		for _, p := range got.Paths() {
			t.Errorf("%s: %s streamed but not in the site", archive, p)
		}
	}
}
