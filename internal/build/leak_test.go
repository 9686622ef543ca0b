package build_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongkai/internal/build"
)

// Reasons a generated article is not public, and the public control.
const (
	public = iota
	notProactive
	missingStep
	wrongSigner // every step present, but one signed by someone without the role (GK010)
	classified
	futureEntry
	withdrawn
	secrecyTerm // an uncleared secrecy term in the signed text (GK030)
	reasons
)

var reasonNames = [...]string{"public", "not 主动公开", "missing step", "signer without the role",
	"涉密", "future entry", "withdrawn", "uncleared secrecy term"}

// reasonFinding is the error check must report for a reason that only
// check (not the front matter) keeps off the site.
var reasonFinding = map[int]string{wrongSigner: "GK010", secrecyTerm: "GK030"}

// genArticle is one generated article; every text of it carries its marker.
type genArticle struct {
	slug   string
	reason int
	marker string
}

// markers are the texts of the article, by where they are.
func (g genArticle) markers() map[string]string {
	return map[string]string{
		"title": g.marker + "T", "body": g.marker + "B", "summary": g.marker + "S",
		"heading": g.marker + "H", "attachment name": g.marker + "A", "attachment text": g.marker + "C",
	}
}

// generateRepo writes a repository of n articles with random reasons,
// using testdata/repo.txtar's gongkai.yaml.
func generateRepo(t *testing.T, seed uint64, n int) (string, []genArticle) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	a, err := txtar.ParseFile(filepath.Join("testdata", "repo.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "repo")
	for _, f := range a.Files {
		if f.Name == "gongkai.yaml" {
			writeFile(t, dir, f.Name, string(f.Data))
		}
	}
	var arts []genArticle
	for i := 0; i < n; i++ {
		g := genArticle{slug: fmt.Sprintf("a%03d", i), reason: rng.IntN(reasons), marker: fmt.Sprintf("LEAK%dX%dX", seed, i)}
		arts = append(arts, g)
		writeFile(t, dir, "content/"+g.slug+".md", genSource(g, i, rng))
		writeFile(t, dir, "content/"+g.markers()["attachment name"]+".pdf", "%PDF-1.4 "+g.markers()["attachment text"])
	}
	return dir, arts
}

// genSteps returns the review block's steps for article number i, signed
// in March 2025 and entered the next day, then changed for the reason.
func genSteps(g genArticle, i int, rng *rand.Rand) (steps map[string]string, disclosure string) {
	day := fmt.Sprintf("2025-03-%02d", 1+i%27)
	next := fmt.Sprintf("2025-03-%02d", 2+i%27)
	steps = map[string]string{
		"content": "{by: 李四, at: " + day + ", opinion: 公开}",
		"secrecy": "{by: 王五, at: " + day + ", result: 不涉密}",
		"release": "{by: 赵六, at: " + day + ", disclosure: 主动公开}",
		"signoff": "{by: 钱七, at: " + day + "}",
		"entry":   "{by: 孙八, at: " + next + "}",
		"verify":  "{by: 孙八, at: " + next + "}",
	}
	disclosure = "主动公开"
	switch g.reason {
	case notProactive:
		disclosure = []string{"内部公开", "依申请公开", "不予公开"}[rng.IntN(3)]
		steps["release"] = "{by: 赵六, at: " + day + ", disclosure: " + disclosure + "}"
		delete(steps, "entry")
		delete(steps, "verify")
	case missingStep:
		delete(steps, stepKeys[rng.IntN(len(stepKeys))])
	case wrongSigner:
		k := stepKeys[rng.IntN(len(stepKeys))]
		steps[k] = strings.Replace(steps[k], map[string]string{
			"content": "李四", "secrecy": "王五", "release": "赵六", "signoff": "钱七", "entry": "孙八", "verify": "孙八",
		}[k], map[string]string{
			"content": "王五", "secrecy": "李四", "release": "吴十", "signoff": "李四", "entry": "李四", "verify": "钱七",
		}[k], 1)
	case classified:
		steps["secrecy"] = "{by: 王五, at: " + day + ", result: 涉密}"
	case futureEntry:
		steps["entry"] = "{by: 孙八, at: 2025-07-01}"
		steps["verify"] = "{by: 孙八, at: 2025-07-01}"
	}
	return steps, disclosure
}

var stepKeys = []string{"content", "secrecy", "release", "signoff", "entry", "verify"}

// genSource writes a generated article's file.
func genSource(g genArticle, i int, rng *rand.Rand) string {
	steps, disclosure := genSteps(g, i, rng)
	m := g.markers()
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: 标题%s\ndepartment: 办公室\ncategory: %s\nkind: 动态信息\nauthors: [张三]\n",
		m["title"], []string{"工作动态", "规范性文件"}[rng.IntN(2)])
	fmt.Fprintf(&b, "disclosure: %s\n", disclosure)
	if disclosure != "主动公开" {
		b.WriteString("withhold_reason: 内部事务\n")
	}
	fmt.Fprintf(&b, "event: {date: 2025-03-%02d, name: 会议}\n", 1+i%27)
	fmt.Fprintf(&b, "index_no: 11330782MB1234567X/2025-%05d\nsummary: 摘要%s\nattachments: [%s.pdf]\n", i+1, m["summary"], m["attachment name"])
	if g.reason == withdrawn {
		b.WriteString("withdrawn: {at: 2025-05-20, by: 钱七, reason: 有误, notice: 已撤回。}\n")
	}
	b.WriteString("review:\n")
	for _, k := range stepKeys {
		if s, ok := steps[k]; ok {
			fmt.Fprintf(&b, "  %s: %s\n", k, s)
		}
	}
	term := ""
	if g.reason == secrecyTerm {
		term = "（内部资料）"
	}
	fmt.Fprintf(&b, "---\n\n## 小标题%s\n\n正文%s%s，见[附件](%s.pdf)。\n", m["heading"], m["body"], term, m["attachment name"])
	return b.String()
}

func TestNonPublicTextNeverReachesTheBuiltSite(t *testing.T) {
	seen := make([]int, reasons)
	for seed := uint64(1); seed <= 15; seed++ {
		dir, arts := generateRepo(t, seed, 20)
		out := filepath.Join(t.TempDir(), "site")
		res := mustRun(t, dir, build.Options{Out: out, KeepGoing: true})
		// A rebuild into the same folder takes the articles from the
		// article store beside it: that site leaks nothing either.
		dateBack(t, dir, 0)
		mustRun(t, dir, build.Options{Out: out, KeepGoing: true})
		again := mustRun(t, dir, build.Options{Out: out, KeepGoing: true})
		if again.Unread == 0 {
			t.Errorf("seed %d: the rebuild took no article from the article store", seed)
		}
		site := tree(t, out)
		store := checkStore(t, out)
		for _, g := range arts {
			seen[g.reason]++
			checkCheckedOut(t, seed, res, g)
			checkCheckedOut(t, seed, again, g)
			if g.reason == public {
				checkPublished(t, seed, site, g)
			} else {
				checkNoLeak(t, seed, site, g)
			}
			if !strings.Contains(store, g.markers()["title"]) {
				t.Errorf("seed %d: the article store does not hold the title of %s; the check below sees nothing", seed, g.slug)
			}
			for _, field := range []string{"body", "heading", "attachment text"} {
				if m := g.markers()[field]; strings.Contains(store, m) {
					t.Errorf("seed %d: the article store holds the %s of %s", seed, field, g.slug)
				}
			}
		}
	}
	for r, n := range seen {
		if n == 0 {
			t.Errorf("no generated article was %s", reasonNames[r])
		}
	}
}

// checkStore returns the article store beside the output folder out,
// which only its owner may read.
func checkStore(t *testing.T, out string) string {
	t.Helper()
	name := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".articles")
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the article store has permissions %v, want 0600", fi.Mode().Perm())
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkCheckedOut asserts that an article kept out only by check has its
// error, and would otherwise be eligible: the build's check is what stops it.
func checkCheckedOut(t *testing.T, seed uint64, res *build.Result, g genArticle) {
	t.Helper()
	id, ok := reasonFinding[g.reason]
	if !ok {
		return
	}
	path := "content/" + g.slug + ".md"
	found := false
	for _, f := range res.Project.Findings.Errors().ForPath(path) {
		found = found || f.ID == id
	}
	if !found {
		t.Errorf("seed %d: %s article %s: no %s error; findings:\n%s", seed, reasonNames[g.reason], g.slug, id, res.Project.Findings.ForPath(path))
	}
	for _, a := range res.Project.Articles {
		if a.Path == path && !a.Eligible(res.Project.Config, res.Project.Now) {
			t.Errorf("seed %d: %s article %s is not eligible by its front matter; the case tests nothing", seed, reasonNames[g.reason], g.slug)
		}
	}
}

// checkNoLeak asserts no marker of the non-public article g is in any
// file or file name, as written or folded to lower case (the search index
// folds words), except a withdrawn article's title on its own page.
func checkNoLeak(t *testing.T, seed uint64, site map[string]string, g genArticle) {
	t.Helper()
	for field, m := range g.markers() {
		for _, form := range []string{m, strings.ToLower(m)} {
			for _, p := range filesContaining(site, form) {
				if g.reason == withdrawn && field == "title" && p == "2025/"+g.slug+"/index.html" {
					continue
				}
				t.Errorf("seed %d: %s article %s: its %s is in %s", seed, reasonNames[g.reason], g.slug, field, p)
			}
		}
	}
}

// checkPublished is the control: every marker of a public article is
// somewhere in the site, so checkNoLeak would see a leak.
func checkPublished(t *testing.T, seed uint64, site map[string]string, g genArticle) {
	t.Helper()
	for field, m := range g.markers() {
		if len(filesContaining(site, m)) == 0 {
			t.Errorf("seed %d: public article %s: its %s is nowhere in the site", seed, g.slug, field)
		}
	}
	if _, ok := site["2025/"+g.slug+"/index.html"]; !ok {
		t.Errorf("seed %d: public article %s has no page", seed, g.slug)
	}
}
