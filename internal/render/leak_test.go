package render_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"gongkai/internal/render"
)

// Reasons an article is not public, and a public control.
const (
	public = iota
	notProactive
	missingStep
	classified
	futureEntry
	withdrawn
	opinionNo
	releaseMismatch
	reasons
)

var reasonNames = [...]string{"public", "not 主动公开", "missing step", "涉密", "future entry",
	"withdrawn", "opinion 不公开", "release disclosure differs"}

// corpusArticle is one generated article with its marker words.
type corpusArticle struct {
	slug   string
	reason int
	marker string // prefix of every marker of this article
}

func (c corpusArticle) markers() map[string]string {
	return map[string]string{
		"title": c.marker + "T", "body": c.marker + "B", "summary": c.marker + "S",
		"heading": c.marker + "H", "attachment name": c.marker + "A", "attachment text": c.marker + "C",
	}
}

// corpus generates a repository of n articles with random reasons.
func corpus(t *testing.T, seed uint64, n int) (fstest.MapFS, []corpusArticle) {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b9))
	a, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if f.Name == "gongkai.yaml" {
			cfg := string(f.Data)
			if rng.IntN(2) == 0 {
				cfg = strings.Replace(cfg, "permalink: /:year/:slug/", "permalink: /:year/:month/:slug.html", 1)
			}
			fsys[f.Name] = &fstest.MapFile{Data: []byte(cfg)}
		}
	}
	var arts []corpusArticle
	for i := 0; i < n; i++ {
		c := corpusArticle{slug: fmt.Sprintf("a%03d", i), reason: rng.IntN(reasons),
			marker: fmt.Sprintf("LEAK%dX%dX", seed, i)}
		arts = append(arts, c)
	}
	for i, c := range arts {
		other := arts[rng.IntN(len(arts))].slug
		fsys["content/"+c.slug+".md"] = &fstest.MapFile{Data: []byte(articleSource(c, other, rng, i))}
		fsys["content/"+c.marker+"A.pdf"] = &fstest.MapFile{Data: []byte(c.marker + "C")}
	}
	return fsys, arts
}

// articleSource writes the front matter and body of a generated article;
// it links to another article and may claim to be superseded by it.
func articleSource(c corpusArticle, other string, rng *rand.Rand, i int) string {
	day := 1 + i%27
	date := func(month int) string { return fmt.Sprintf("2025-%02d-%02d", month, day) }
	steps := map[string]string{
		"content": "{by: 李四, at: " + date(3) + ", opinion: 公开}",
		"secrecy": "{by: 王五, at: " + date(3) + ", result: 不涉密}",
		"release": "{by: 赵六, at: " + date(3) + ", disclosure: 主动公开}",
		"signoff": "{by: 钱七, at: " + date(3) + "}",
		"entry":   "{by: 孙八, at: " + date(4) + "}",
		"verify":  "{by: 孙八, at: " + date(4) + "}",
	}
	disclosure, extra := "主动公开", ""
	switch c.reason {
	case notProactive:
		disclosure = []string{"内部公开", "依申请公开", "不予公开"}[rng.IntN(3)]
		extra = "withhold_reason: 内部事务\n"
		steps["release"] = "{by: 赵六, at: " + date(3) + ", disclosure: " + disclosure + "}"
		delete(steps, "entry")
		delete(steps, "verify")
	case missingStep:
		delete(steps, []string{"content", "secrecy", "release", "signoff", "entry", "verify"}[rng.IntN(6)])
	case classified:
		steps["secrecy"] = "{by: 王五, at: " + date(3) + ", result: 涉密}"
	case futureEntry:
		steps["entry"] = "{by: 孙八, at: 2025-07-01}"
		steps["verify"] = "{by: 孙八, at: 2025-07-01}"
	case withdrawn:
		extra = "withdrawn: {at: 2025-05-20, by: 钱七, reason: 有误, notice: 已撤回。}\n"
	case opinionNo:
		steps["content"] = "{by: 李四, at: " + date(3) + ", opinion: 不公开}"
	case releaseMismatch:
		steps["release"] = "{by: 赵六, at: " + date(3) + ", disclosure: 内部公开}"
	}
	if rng.IntN(3) == 0 {
		extra += "validity: {status: 已废止, at: 2025-05-01, by: " + other + ".md}\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: 标题%s\ndepartment: 办公室\ncategory: %s\nkind: 动态信息\nauthors: [张三]\n",
		c.markers()["title"], []string{"工作动态", "规范性文件", "机构概况", "其他"}[rng.IntN(4)])
	fmt.Fprintf(&b, "disclosure: %s\n%sindex_no: 11330782MB1234567X/2025-%05d\n", disclosure, extra, i+1)
	fmt.Fprintf(&b, "summary: 摘要%s\nattachments: [%s.pdf]\nreview:\n", c.markers()["summary"], c.markers()["attachment name"])
	for _, k := range []string{"content", "secrecy", "release", "signoff", "entry", "verify"} {
		if s, ok := steps[k]; ok {
			fmt.Fprintf(&b, "  %s: %s\n", k, s)
		}
	}
	fmt.Fprintf(&b, "---\n\n## 小标题%s\n\n正文%s，参见[另一篇](%s.md)和[附件](%s.pdf)。\n",
		c.markers()["heading"], c.markers()["body"], other, c.markers()["attachment name"])
	return b.String()
}

func TestNonPublicTextNeverReachesTheSite(t *testing.T) {
	seen := make([]int, reasons)
	for seed := uint64(1); seed <= 25; seed++ {
		fsys, arts := corpus(t, seed, 24)
		in := inputFor(t, fsys)
		in.BaseURL = []string{"", "https://example.github.io/repo/"}[seed%2]
		site, err := render.NewRenderer().Render(in)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		nPublic := 0
		for _, a := range in.Articles {
			if in.Public[a] {
				nPublic++
			}
		}
		for _, c := range arts {
			seen[c.reason]++
			if c.reason == public {
				checkPublished(t, seed, site, c)
			} else {
				checkNoLeak(t, seed, site, c)
			}
		}
		if nPublic > 0 && !bytes.Contains(site["feed.xml"], []byte("<item>")) {
			t.Errorf("seed %d: %d public articles but an empty feed", seed, nPublic)
		}
	}
	for r, n := range seen {
		if n == 0 {
			t.Errorf("no generated article was %s", reasonNames[r])
		}
	}
}

// checkNoLeak asserts no marker of the non-public article c is in any file
// (names included), except a withdrawn article's title on its own page.
func checkNoLeak(t *testing.T, seed uint64, site render.Site, c corpusArticle) {
	t.Helper()
	for _, p := range site.Paths() {
		if strings.Contains(p, c.marker) {
			t.Errorf("seed %d: %s article %s: file %s is published", seed, reasonNames[c.reason], c.slug, p)
		}
		for field, m := range c.markers() {
			if !bytes.Contains(site[p], []byte(m)) {
				continue
			}
			ownPage := strings.Contains(p, "/"+c.slug+"/") || strings.HasSuffix(p, "/"+c.slug+".html")
			if c.reason == withdrawn && field == "title" && ownPage {
				continue
			}
			t.Errorf("seed %d: %s article %s: its %s is in %s", seed, reasonNames[c.reason], c.slug, field, p)
		}
	}
}

// checkPublished is the control: a public article's markers are found, so
// the leak check would see a leak.
func checkPublished(t *testing.T, seed uint64, site render.Site, c corpusArticle) {
	t.Helper()
	found := map[string]bool{}
	for _, p := range site.Paths() {
		for field, m := range c.markers() {
			if bytes.Contains(site[p], []byte(m)) || strings.Contains(p, m) {
				found[field] = true
			}
		}
	}
	for field := range c.markers() {
		if !found[field] {
			t.Errorf("seed %d: public article %s: its %s is nowhere in the site", seed, c.slug, field)
		}
	}
}
