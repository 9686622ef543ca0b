package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"gongkai/internal/msg"
)

// notYetChinese is the output still in English, by the package that owns
// it; each entry names how to recognise a line of it, and the lead removes
// an entry once its package speaks Chinese. The detector itself
// (msg.EnglishProse) is never relaxed for it. Empty: every package speaks
// Chinese; keep it so, and fix the text rather than add an entry.
var notYetChinese = map[string][]string{}

// knownEnglish reports which package of notYetChinese a line comes from.
func knownEnglish(line string) string {
	for pkg, marks := range notYetChinese {
		for _, m := range marks {
			if strings.Contains(line, m) {
				return pkg
			}
		}
	}
	return ""
}

// TestEveryCatalogueTextIsChineseWithTheSameArguments walks the whole
// catalogue (every package of gongkai is linked into this test): both texts
// are there, take the same verbs, and the Chinese has no English prose
// beyond what is typed as is (keys, values, paths, commands).
func TestEveryCatalogueTextIsChineseWithTheSameArguments(t *testing.T) {
	all := msg.All()
	if len(all) < 200 {
		t.Fatalf("only %d messages in the catalogue", len(all))
	}
	for _, m := range all {
		if m.ZH == "" || m.EN == "" {
			t.Errorf("%s: a text is empty", m.Key)
		}
		if z, e := strings.Join(msg.Verbs(m.ZH), " "), strings.Join(msg.Verbs(m.EN), " "); z != e {
			t.Errorf("%s: Chinese takes %s, English %s", m.Key, z, e)
		}
		if prose := msg.EnglishProse(m.ZH); len(prose) > 0 {
			t.Errorf("%s: English in the Chinese text: %q\n%s", m.Key, prose, m.ZH)
		}
	}
}

// TestEveryCommandSpeaksChinese runs every command, its help and its usage
// errors in zh-CN over the small repository, and fails on any English
// sentence in what a person reads (stdout and stderr).
func TestEveryCommandSpeaksChinese(t *testing.T) {
	dir := repo(t, "small.txtar")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(dir, "gitconfig"))
	os.WriteFile(filepath.Join(dir, "gitconfig"), []byte("[user]\n\temail = zhangsan@example.gov.cn\n"), 0o644)
	// A broken article, so that check and build have findings to print.
	os.WriteFile(filepath.Join(dir, "content/2025/broken.md"), []byte("---\ntitle: 通知: 关于\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/2025/wrong.md"), []byte("---\ntitel: 标题\ndisclosure: 公开\ntags: [甲，乙]\n---\n正文\n"), 0o644)
	runs := [][]string{
		{}, {"help"}, {"--help"}, {"-h"}, {"chek"}, {"--nope"}, {"--lang", "fr", "check"},
		{"version"}, {"help", "nope"},
		{"check", "--now", "2025-03-20"}, {"check", "--format", "github", "--now", "2025-03-20"},
		{"check", "--format", "xml"}, {"check", "--nope"}, {"check", "extra"}, {"check", "--now", "2025-13-40"},
		{"build", "--now", "2025-03-20", "-o", filepath.Join(t.TempDir(), "site")},
		{"build", "--keep-going", "--now", "2025-03-20", "-o", filepath.Join(t.TempDir(), "site")},
		{"build", "-o", "content"}, {"status", "--all", "--now", "2025-03-20"},
		{"index"}, {"new"}, {"new", "不存在的栏目", "标题"}, {"new", "content/2025/n.md", "新稿件"},
		{"serve", "extra"}, {"sign"}, {"report", "--now", "2025-03-20"}, {"report", "--late", "--now", "2025-03-20"},
		{"bulletin", "2025Q1", "-v", "-o", filepath.Join(t.TempDir(), "b"), "--now", "2025-04-02"}, {"bulletin"}, {"status", "--me"},
		{"bulletin", "2025Q1", "--save", "--now", "2025-04-02"}, {"bulletin", "2025-13"},
		{"calendar"}, {"calendar", "show", "2025"}, {"calendar", "show", "1999"}, {"calendar", "import"},
		{"calendar", "import", "no-such-notice.txt"}, {"deploy"}, {"deploy", "--nginx-config"},
		{"deploy", filepath.Join(t.TempDir(), "www")}, {"deploy", "--rollback", filepath.Join(t.TempDir(), "www")},
		{"index", "--write"}, {"check", "--provenance", "--now", "2025-03-20"}, {"check", "--changed", "HEAD"},
		{"report", "--fees", "--now", "2025-03-20"}, {"report", "--by", "author", "--now", "2025-03-20"},
		{"report", "--annual", "2025", "--now", "2026-01-20"}, {"report", "--awards", "2025"}, {"report", "--period", "2025Q9"},
		{"status", "--format", "json"}, {"sign", "content/2025/wrong.md"}, {"sign", "content/2025/none.md"},
		{"new", "工作动态", "又一篇"}, {"version", "extra"},
	}
	for _, c := range commands {
		runs = append(runs, []string{"help", c.name}, []string{c.name, "-h"}, []string{c.name, "--no-such-flag"})
	}
	for _, args := range runs {
		out, stderr, _ := gongkai(t, append([]string{"-C", dir}, args...)...)
		for _, line := range strings.Split(out+stderr, "\n") {
			if prose := msg.EnglishProse(line); len(prose) > 0 && knownEnglish(line) == "" {
				t.Errorf("gongkai %s: English in %q: %q", strings.Join(args, " "), line, prose)
			}
		}
	}
	// --lang en still gives the English.
	out, _, _ := gongkai(t, "--lang", "en", "-C", dir, "check", "--now", "2025-03-20")
	if !strings.Contains(out, `error GK002 unknown key "titel" (did you mean "title"?)`) {
		t.Errorf("--lang en:\n%s", out)
	}
}

// TestEveryFixtureExpectsChinese reads the expected output of every test
// fixture in the repository (the txtar archives under each package's
// testdata/: findings, pending lists, reports) and fails on any English
// sentence in it: what the fixtures pin is what an author reads.
func TestEveryFixtureExpectsChinese(t *testing.T) {
	var n int
	err := filepath.WalkDir("../..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txtar") || !strings.Contains(filepath.ToSlash(p), "/testdata/") {
			return err
		}
		ar, err := txtar.ParseFile(p)
		if err != nil {
			return err
		}
		for _, f := range ar.Files {
			if !expectedOutput(f.Name) {
				continue
			}
			n++
			text := string(f.Data)
			if strings.HasSuffix(f.Name, ".html") {
				text = htmlText(text)
			}
			for i, line := range strings.Split(text, "\n") {
				if prose := msg.EnglishProse(line); len(prose) > 0 && knownEnglish(line) == "" {
					t.Errorf("%s: %s:%d: English in %q: %q", p, f.Name, i+1, line, prose)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 60 {
		t.Fatalf("only %d expected outputs found", n)
	}
}

// expectedOutput reports whether a file of a fixture is what a command
// prints (and so what a person reads), not one of its inputs.
func expectedOutput(name string) bool {
	switch name {
	case "want.txt", "pending.txt", "covering.txt", "public.txt", "internal.txt":
		return true
	}
	if !strings.HasPrefix(name, "want/") {
		return false
	}
	for _, ext := range []string{".txt", ".md", ".csv", ".html"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false // JSON: its keys are English by design
}

// htmlText is the text a page shows: without its style sheet, scripts and
// tags.
func htmlText(page string) string {
	page = regexp.MustCompile(`(?s)<(style|script)[^>]*>.*?</(style|script)>`).ReplaceAllString(page, "")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
}

// TestReadmeShowsRealFindings runs the example of README.md's Language
// section: its front matter, then with each fix, gives the findings shown.
func TestReadmeShowsRealFindings(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "An author who saved this front matter")
	end := strings.Index(section, "Every text is defined once")
	if start < 0 || end < start {
		t.Fatal("README.md: the Language section's example is gone")
	}
	var blocks []string
	for i, b := range strings.Split(section[start:end], "```")[1:] {
		if i%2 == 0 {
			_, body, _ := strings.Cut(b, "\n")
			blocks = append(blocks, body)
		}
	}
	if len(blocks) != 5 {
		t.Fatalf("README.md: %d code blocks in the example, want 5", len(blocks))
	}
	dir := repo(t, "small.txtar")
	file := filepath.Join(dir, "content/2025/notice.md")
	src := blocks[0]
	fixes := []func(string) string{
		func(s string) string { return s },
		func(s string) string {
			return strings.Replace(s, "title: 关于开展安全生产大检查的通知: 第二批", `title: "关于开展安全生产大检查的通知: 第二批"`, 1)
		},
		func(s string) string { return strings.Replace(s, "王五 at", "王五, at", 1) },
	}
	for i, fix := range fixes {
		src = fix(src)
		os.WriteFile(file, []byte(src), 0o644)
		out, _, _ := gongkai(t, "-C", dir, "check", "--now", "2025-03-20")
		for _, line := range strings.Split(strings.TrimSpace(blocks[i+1]), "\n") {
			if !strings.Contains(out, line+"\n") {
				t.Errorf("step %d: check does not print the README's\n%s\nbut:\n%s", i, line, out)
			}
		}
	}
	os.WriteFile(file, []byte(fixes[1](blocks[0])), 0o644)
	out, _, _ := gongkai(t, "--lang", "en", "-C", dir, "check", "--now", "2025-03-20")
	if line := strings.TrimSpace(blocks[4]); !strings.Contains(out, line+"\n") {
		t.Errorf("--lang en does not print the README's\n%s\nbut:\n%s", line, out)
	}
}

// TestEnglishCountsAgreeWithTheirNouns: under --lang en one error is
// "1 error", not "1 errors"; Chinese, which has no plural, is unchanged.
func TestEnglishCountsAgreeWithTheirNouns(t *testing.T) {
	dir := repo(t, "small.txtar")
	os.WriteFile(filepath.Join(dir, "content/2025/broken.md"), []byte("---\ntitle: 通知: 关于\n---\n"), 0o644)
	out, _, _ := gongkai(t, "--lang", "en", "-C", dir, "check", "--now", "2025-03-20")
	if !strings.Contains(out, "\n1 error, 1 warning in 3 articles (1 public), 1 pending review\n") {
		t.Errorf("check --lang en:\n%s", out)
	}
	site := filepath.Join(t.TempDir(), "site")
	out, _, _ = gongkai(t, "--lang", "en", "-C", dir, "build", "--keep-going", "--now", "2025-03-20", "-o", site)
	if !strings.Contains(out, "built 1 public article, ") || !strings.Contains(out, "\n1 warning: gongkai check lists it\n") {
		t.Errorf("build --lang en:\n%s", out)
	}
	out, _, _ = gongkai(t, "-C", dir, "check", "--now", "2025-03-20")
	if !strings.Contains(out, "\n共 3 篇稿件（公开 1 篇）：1 个错误，1 条警告，1 篇待审核\n") {
		t.Errorf("check in Chinese:\n%s", out)
	}
}

// TestChineseTextsQuoteInChinese: a Chinese text quotes with “” around %s,
// not with %q, whose ASCII quotes and escapes (\u4e2d) read as code.
func TestChineseTextsQuoteInChinese(t *testing.T) {
	q := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*q`)
	for _, m := range msg.All() {
		if q.MatchString(strings.ReplaceAll(m.ZH, "%%", "")) {
			t.Errorf("%s: %%q in the Chinese text: %s", m.Key, m.ZH)
		}
	}
}

// TestPendingFixWithNobodyReadsAsASentence: an article to correct whose
// author is not declared is not "由 无人可签（…） 修正".
func TestPendingFixWithNobodyReadsAsASentence(t *testing.T) {
	dir := repo(t, "small.txtar")
	os.WriteFile(filepath.Join(dir, "content/2025/anon.md"), []byte("---\ntitle: 无名\ncategory: 工作动态\n---\n正文\n"), 0o644)
	out, _, _ := gongkai(t, "-C", dir, "check", "--now", "2025-03-20")
	want := "  content/2025/anon.md：需修正，应修正此处的人（作者或签署人）没有登记在 gongkai.yaml 的 people: 中，请信息员修正：content/2025/anon.md:1:1: GK002 "
	if !strings.Contains(out, want) || strings.Contains(out, "由 无人可签") {
		t.Errorf("pending list:\n%s", out)
	}
}

// TestSystemErrorsReachTheReaderInChinese: an output folder that cannot be
// made says why in Chinese, not in the operating system's words.
func TestSystemErrorsReachTheReaderInChinese(t *testing.T) {
	dir := repo(t, "small.txtar")
	out := filepath.Join(dir, "gongkai.yaml", "site")
	_, stderr, code := gongkai(t, "-C", dir, "build", "--now", "2025-03-20", "-o", out)
	if code == 0 || !strings.Contains(stderr, out+" 的路径中有一级不是文件夹") {
		t.Errorf("code %d:\n%s", code, stderr)
	}
	_, stderr, _ = gongkai(t, "--lang", "en", "-C", dir, "build", "--now", "2025-03-20", "-o", out)
	if !strings.Contains(stderr, "not a directory") {
		t.Errorf("--lang en:\n%s", stderr)
	}
}
