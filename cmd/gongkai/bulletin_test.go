package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil
}

func TestBulletinSaveProposesTheNextNumber(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "bulletin", "2025Q3", "--save", "--audience", "public", "--now", "2025-10-09")
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	want := "已保存 content/bulletins/2025-3.yaml：《招商信息》2025年第3期，2 篇稿件（公开简报）\n" +
		"请调整稿件顺序、填写编者按（editor_note）后提交，再用以下命令生成：gongkai bulletin content/bulletins/2025-3.yaml\n"
	if out != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
	}
	saved := readFile(t, dir, "content/bulletins/2025-3.yaml")
	for _, line := range []string{"number: 3\n", "date: 2025-10-09\n", "audience: public\n",
		"  - content/2025/jul.md  # 三季度项目推进会召开\n  - content/2025/aug.md  # 八月招商动态\n"} {
		if !strings.Contains(saved, line) {
			t.Errorf("the saved manifest lacks %q:\n%s", line, saved)
		}
	}
	// The saved issue carries the quarter's articles: a second --save has
	// none left, and names the manifest to build instead.
	_, stderr, code = gongkai(t, "-C", dir, "bulletin", "--save", "2025Q3", "--audience", "public", "--now", "2025-10-09")
	want = "gongkai：bulletin：2025Q3 的稿件已全部编发，没有可编入新一期公开简报的稿件：已编入 content/bulletins/2025-3.yaml；" +
		"要生成已保存的一期，请给出它的清单（gongkai bulletin content/bulletins/2025-3.yaml）\n"
	if code != 1 || stderr != want || exists(dir, "content/bulletins/2025-4.yaml") {
		t.Errorf("a second --save: code %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
}

// TestBulletinQuarterLeavesOutSavedArticles: a quarter's issue leaves out
// the articles a manifest already lists, and names the manifests that carry
// articles of the quarter, whatever their number.
func TestBulletinQuarterLeavesOutSavedArticles(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	_, stderr, code := gongkai(t, "-C", dir, "bulletin", "2025Q1", "--audience", "public", "--now", "2025-10-09")
	want := "gongkai：bulletin：2025Q1 的稿件已全部编发，没有可编入新一期公开简报的稿件：已编入 content/bulletins/2025-1.yaml 和 content/bulletins/2025-2.yaml；" +
		"要生成已保存的一期，请给出它的清单（gongkai bulletin content/bulletins/2025-1.yaml）\n"
	if code != 1 || stderr != want || exists(dir, "site") {
		t.Errorf("2025Q1: code %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	writeRepoFile(t, dir, "content/bulletins/2025-3.yaml", "year: 2025\nnumber: 3\ndate: 2025-10-09\naudience: public\narticles: [content/2025/jul.md]\n")
	writeRepoFile(t, dir, "content/bulletins/2025-4.yaml", "year: 2025\nnumber: 4\ndate: 2025-10-10\naudience: public\narticles: [content/2025/jan.md]\n")
	out, stderr, code := gongkai(t, "-C", dir, "bulletin", "2025Q3", "--audience", "public", "--now", "2025-10-10", "-o", "preview")
	wantOut := "已写出 preview/index.html：《招商信息》2025年第5期，1 篇稿件（公开简报）\n"
	want = "提示：本期编为 2025-5，不含以下稿件：已编入 content/bulletins/2025-3.yaml；" +
		"要生成已保存的一期，请给出它的清单（gongkai bulletin content/bulletins/2025-3.yaml）\n"
	if code != 0 || out != wantOut || stderr != want {
		t.Fatalf("2025Q3: code %d, stdout %q, stderr\n%s\nwant\n%s", code, out, stderr, want)
	}
	if page := readFile(t, dir, "preview/index.html"); !strings.Contains(page, "八月招商动态") || strings.Contains(page, "三季度项目推进会召开") {
		t.Errorf("the issue should carry aug.md and not jul.md, which 2025-3 lists")
	}
}

// TestBuildLeavesScheduledIssuesOff: an issue dated after --now is not on
// the site yet, and its articles may still wait for their publication; a
// scheduled manifest is checked all the same for what time cannot change.
func TestBuildLeavesScheduledIssuesOff(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	writeRepoFile(t, dir, "content/bulletins/2025-3.yaml",
		"year: 2025\nnumber: 3\ndate: 2025-10-09\naudience: public\narticles:\n  - content/2025/jul.md\n  - content/2025/aug.md\n")
	out, stderr, code := gongkai(t, "-C", dir, "build", "--now", "2025-04-02", "-o", "early")
	if code != 0 || exists(dir, "early/bulletins") {
		t.Errorf("on 2025-04-02 no issue is out: code %d\n%s%s", code, out, stderr)
	}
	out, stderr, code = gongkai(t, "-C", dir, "build", "--now", "2025-07-01")
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	if !exists(dir, "site/bulletins/2025-1/index.html") || exists(dir, "site/bulletins/2025-3") {
		t.Errorf("on 2025-07-01 the site should carry 2025-1 and not 2025-3 (dated 2025-10-09)")
	}
	if out, _, _ := gongkai(t, "-C", dir, "check", "--now", "2025-07-01"); strings.Contains(out, "GK070") {
		t.Errorf("check reports the scheduled issue's articles:\n%s", out)
	}
	writeRepoFile(t, dir, "content/bulletins/2025-3.yaml",
		"year: 2025\nnumber: 3\ndate: 2025-10-09\naudience: public\narticles:\n  - content/2025/jul.md\n  - content/2025/feb.md\n")
	out, _, code = gongkai(t, "-C", dir, "check", "--now", "2025-07-01")
	want := "content/bulletins/2025-3.yaml:7:5: 错误 GK070 content/2025/feb.md 不能进入公开简报：公开方式为内部公开，只能进入内部简报\n"
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("check: code %d, output lacks\n%s\n%s", code, want, out)
	}
}

// writeRepoFile writes a file of the test's repository.
func writeRepoFile(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBulletinInternalIssueGoesToInternalFolder(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "bulletin", "content/bulletins/2025-2.yaml")
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	if want := "已写出 _internal/bulletins/2025-2/index.html：《招商信息》2025年第2期，2 篇稿件（内部简报）\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	page := readFile(t, dir, "_internal/bulletins/2025-2/index.html")
	if !strings.Contains(page, "内部公开的招商线索通报") || !strings.Contains(page, "内部资料") {
		t.Errorf("the internal issue lacks its 内部公开 article or its mark")
	}
	if exists(dir, "site") {
		t.Errorf("an internal issue wrote under site/")
	}
	_, stderr, code = gongkai(t, "-C", dir, "bulletin", "content/bulletins/2025-2.yaml", "--audience", "public")
	want := "content/bulletins/2025-2.yaml:6:5: 错误 GK070 content/2025/feb.md 不能进入公开简报：公开方式为内部公开，只能进入内部简报\n"
	if code != 1 || stderr != want {
		t.Errorf("as a public issue: code %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
}

func TestBuildPublishesOnlyPublicIssues(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "build", "--now", "2025-10-09")
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	if !exists(dir, "site/bulletins/2025-1/index.html") || exists(dir, "site/bulletins/2025-2") {
		t.Errorf("the site should carry issue 2025-1 (public) and not 2025-2 (internal)")
	}
	archive := readFile(t, dir, "site/bulletins/index.html")
	if !strings.Contains(archive, `href="2025-1/"`) || strings.Contains(archive, "2025-2") || strings.Contains(archive, ".pdf") {
		t.Errorf("the archive should link 2025-1 only, without a PDF:\n%s", archive)
	}
	filepath.WalkDir(filepath.Join(dir, "site"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "内部公开的招商线索通报") {
				t.Errorf("%s carries the 内部公开 article", p)
			}
		}
		return nil
	})
}

func TestBuildStopsOnABrokenPublicManifest(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	broken := "year: 2025\nnumber: 1\ndate: 2025-04-03\naudience: public\narticles:\n  - content/2025/jan.md\n  - content/2025/gone.md\n"
	if err := os.WriteFile(filepath.Join(dir, "content/bulletins/2025-1.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := gongkai(t, "-C", dir, "build", "--now", "2025-10-09")
	want := "content/bulletins/2025-1.yaml:7:5: 错误 GK070 content/2025/gone.md 不存在（请按路径列出稿件，如 content/2025/meeting.md）\n" +
		"gongkai：构建失败：生成网站：简报清单有错误（见上）；请改正，或删除该清单\n"
	if code != 1 || stderr != want {
		t.Errorf("code %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	if exists(dir, "site") {
		t.Errorf("a failed build wrote site/")
	}
}

func TestBulletinPDFWithoutABrowserSaysSo(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	t.Setenv("GONGKAI_CHROME", "")
	t.Setenv("PATH", t.TempDir())
	_, stderr, code := gongkai(t, "-C", dir, "bulletin", "content/bulletins/2025-1.yaml", "--pdf")
	want := "gongkai：bulletin --pdf：未找到用于打印 PDF 的无头 Chromium：请安装（Debian/Ubuntu：sudo apt-get install chromium fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei），或将 GONGKAI_CHROME 设为浏览器的路径\n"
	if code != 1 || stderr != want {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
}

func TestBulletinRefusesAnInternalIssueUnderSite(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	_, stderr, code := gongkai(t, "-C", dir, "bulletin", "2025Q3", "--audience", "internal", "-o", "site/preview", "--now", "2025-10-09")
	if code != 2 || !strings.Contains(stderr, "绝不写到 site/ 下") || exists(dir, "site") {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
}

func TestCheckReportsBrokenManifests(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	broken := "year: 2025\nnumber: 1\ndate: 2025-07-03\naudience: internal\narticles:\n  - content/2025/gone.md\n"
	if err := os.WriteFile(filepath.Join(dir, "content/bulletins/2025-3.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := gongkai(t, "-C", dir, "check", "--now", "2025-10-09")
	for _, want := range []string{
		"content/bulletins/2025-3.yaml:2:1: 错误 GK071 期号 2025-1 已被 content/bulletins/2025-1.yaml 使用",
		"content/bulletins/2025-3.yaml:6:5: 错误 GK070 content/2025/gone.md 不存在",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("code %d, want 1", code)
	}
}

// TestBulletinMonthSelectsTheMonthAndWritesADocx: "2025-08" takes the
// articles signed off in August only, -v says why July's is out, and
// --docx writes the Word document beside the page.
func TestBulletinMonthSelectsTheMonthAndWritesADocx(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "bulletin", "2025-08", "--audience", "public", "--docx", "-o", "aug", "--now", "2025-09-01", "-v")
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	for _, want := range []string{
		"+ content/2025/aug.md\n",
		"- content/2025/jul.md: 签发于 2025-07-08，不在 2025-08 之内\n",
		"已写出 aug/index.html：《招商信息》2025年第3期，1 篇稿件（公开简报）\n",
		"已写出 aug/2025-3.docx，可用 WPS 或 Word 打开继续编辑\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if docx := readFile(t, dir, "aug/2025-3.docx"); !strings.HasPrefix(docx, "PK") {
		t.Errorf("aug/2025-3.docx is not a zip archive")
	}
}
