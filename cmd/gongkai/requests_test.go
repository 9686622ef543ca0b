package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/msg"
	"gongkai/internal/register"
	"gongkai/internal/report"
)

// genRequest writes request number i of a generated register under dir,
// received in 2024 or 2025, and returns the markers its texts carry: the
// applicant's name and contact, the request, the extension's reason, the
// note and the file name.
func genRequest(t *testing.T, dir string, seed uint64, i int, rng *rand.Rand) []string {
	t.Helper()
	m := fmt.Sprintf("LEAK%dR%dX", seed, i)
	marks := []string{m + "NAME", m + "CONTACT", m + "REQUEST", m + "REASON", m + "NOTE", m + "FILE"}
	year := 2024 + rng.IntN(2)
	month := 1 + rng.IntN(12)
	if year == 2024 {
		month = 12
	}
	received := fmt.Sprintf("%d-%02d-%02d", year, month, 1+rng.IntN(20))
	var b strings.Builder
	fmt.Fprintf(&b, "received: %s\napplicant: {type: %s, name: %s, contact: %s}\nchannel: %s\nrequest: %s\nnote: %s\n",
		received, pick(rng, register.ApplicantTypes), marks[0], marks[1], pick(rng, register.Channels), marks[2], marks[4])
	// Later dates stay after received: the next month, or January 2026.
	later := func(day int) string {
		if month == 12 {
			return fmt.Sprintf("%d-01-%02d", year+1, day)
		}
		return fmt.Sprintf("%d-%02d-%02d", year, month+1, day)
	}
	if rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "extension: {at: %s, reason: %s}\n", later(1), marks[3])
	} else {
		fmt.Fprintf(&b, "supplement: {asked: %s, received: %s}\n", later(1), later(2))
	}
	if rng.IntN(4) > 0 {
		fmt.Fprintf(&b, "reply: {at: %s, result: %s}\n", later(10), pick(rng, register.ResultValues()))
		if rng.IntN(2) == 0 {
			fmt.Fprintf(&b, "appeals:\n  - {kind: %s, at: %s, result: %s}\n", pick(rng, register.AppealKinds), later(20), pick(rng, register.AppealResults))
		}
	}
	folder := filepath.Join(dir, "requests", fmt.Sprint(year))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	writeRepoFile(t, dir, fmt.Sprintf("requests/%d/%s.yaml", year, marks[5]), b.String())
	return marks
}

func pick(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

// reportFront is the signed front matter given to the saved annual report,
// as its reviewers would after checking the draft.
const reportFront = `---
title: 测试县招商局2025年政府信息公开工作年度报告
department: 办公室
category: 信息公开年度工作报告
kind: 政策文件
authors: [张三]
disclosure: 主动公开
bulletin: true
index_no: 11330782MB1234567X/2026-00001
review:
  content: {by: 李四, at: 2026-01-19, opinion: 公开}
  secrecy: {by: 王五, at: 2026-01-19, result: 不涉密}
  release: {by: 赵六, at: 2026-01-20, disclosure: 主动公开}
  signoff: {by: 钱七, at: 2026-01-20}
  entry: {by: 孙八, at: 2026-01-21}
  verify: {by: 孙八, at: 2026-01-21}
---
`

// TestNoFieldOfTheRegisterReachesTheSiteOrABulletin generates registers
// whose every text is a marker, saves the annual report as an article,
// signs it, builds the site and a public bulletin carrying it: no marker
// is in any output of the report, any file or file name under site/, or
// the bulletin. The control: the report's tables are on the site.
func TestNoFieldOfTheRegisterReachesTheSiteOrABulletin(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		dir := repo(t, "small.txtar")
		cfg := strings.Replace(readFile(t, dir, "gongkai.yaml"), "categories: [工作动态, 规范性文件]", "categories: [工作动态, 规范性文件, 信息公开年度工作报告]", 1)
		writeRepoFile(t, dir, "gongkai.yaml", cfg)
		rng := rand.New(rand.NewPCG(seed, 0x7e9))
		var marks []string
		for i := range 12 {
			marks = append(marks, genRequest(t, dir, seed, i, rng)...)
		}
		for _, format := range report.Formats {
			out, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--format", format, "--now", "2026-01-15")
			if code != 0 {
				t.Fatalf("seed %d: report --annual --format %s: code %d\n%s", seed, format, code, stderr)
			}
			noMarker(t, seed, "report --annual --format "+format, out+stderr, marks)
		}
		out, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--save", "--now", "2026-01-15")
		if code != 0 {
			t.Fatalf("seed %d: --save: code %d\n%s%s", seed, code, out, stderr)
		}
		saved := readFile(t, dir, "content/2026/2025-nianbao.md")
		_, body, _ := strings.Cut(saved, "---\n\n")
		writeRepoFile(t, dir, "content/2026/2025-nianbao.md", reportFront+"\n"+body)
		site := filepath.Join(t.TempDir(), "site")
		if out, stderr, code := gongkai(t, "-C", dir, "build", "-o", site, "--now", "2026-01-22"); code != 0 {
			t.Fatalf("seed %d: build: code %d\n%s%s", seed, code, out, stderr)
		}
		issue := filepath.Join(t.TempDir(), "bulletin")
		if out, stderr, code := gongkai(t, "-C", dir, "bulletin", "2026Q1", "--audience", "public", "-o", issue, "--now", "2026-01-22"); code != 0 || !strings.Contains(out, "1 篇稿件") {
			t.Fatalf("seed %d: bulletin: code %d\n%s%s", seed, code, out, stderr)
		}
		all := treeText(t, site) + treeText(t, issue)
		if !strings.Contains(all, "三、收到和处理政府信息公开申请情况") || !strings.Contains(all, "一、本年新收政府信息公开申请数量") {
			t.Fatalf("seed %d: the annual report's table 三 is not on the site: the test tests nothing", seed)
		}
		noMarker(t, seed, "site/ and the bulletin", all, marks)
	}
}

// treeText returns every file name and file content under dir, the search
// index's lower-case folding included.
func treeText(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p + "\n")
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func noMarker(t *testing.T, seed uint64, where, text string, marks []string) {
	t.Helper()
	lower := strings.ToLower(text)
	for _, m := range marks {
		if strings.Contains(text, m) || strings.Contains(lower, strings.ToLower(m)) {
			t.Errorf("seed %d: %s contains the register's %s", seed, where, m)
		}
	}
}

// smallRegister is a register for small.txtar: one request answered, one
// open and due in 3 working days at 2025-12-24, one overdue.
var smallRegister = map[string]string{
	"requests/2025/answered.yaml": "received: 2025-03-03\napplicant: {type: 自然人, name: 张某}\nchannel: 网络\nrequest: 申请公开2024年招商引资项目清单\nreply: {at: 2025-03-20, result: 予以公开}\n",
	"requests/2025/soon.yaml":     "received: 2025-12-01\napplicant: {type: 商业企业, name: 某某公司}\nchannel: 信函\nrequest: 申请公开产业扶持资金兑现名单\n",
	"requests/2025/overdue.yaml":  "received: 2025-11-03\napplicant: {type: 自然人, name: 李某}\nchannel: 当面\nrequest: 申请公开某项目招商协议\n",
}

func registerRepo(t *testing.T) string {
	t.Helper()
	dir := repo(t, "small.txtar")
	if err := os.MkdirAll(filepath.Join(dir, "requests", "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range smallRegister {
		writeRepoFile(t, dir, name, data)
	}
	return dir
}

func TestCheckReportsTheRegisterAndStatusListsRequestsDueSoon(t *testing.T) {
	dir := registerRepo(t)
	out, _, code := gongkai(t, "-C", dir, "check", "--now", "2025-12-24")
	for _, want := range []string{
		"requests/2025/overdue.yaml:1:1: 错误 GK085 尚未答复，答复期限 2025-12-01 已过 17 个工作日：请尽快答复并登记 reply\n",
		"requests/2025/soon.yaml:1:1: 警告 GK086 尚未答复，答复期限 2025-12-29，还剩 3 个工作日\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("check: code %d, want 1 for the overdue request", code)
	}
	out, stderr, code := gongkai(t, "-C", dir, "status", "--all", "--now", "2025-12-24")
	want := "申请即将到期（2 件）：\n" +
		"  2025-11-03  申请公开某项目招商协议（自然人）  答复期限 2025-12-01，已逾期 17 个工作日  requests/2025/overdue.yaml\n" +
		"  2025-12-01  申请公开产业扶持资金兑现名单（商业企业）  答复期限 2025-12-29，还剩 3 个工作日  requests/2025/soon.yaml\n"
	if code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("status: code %d\n%s%s\nwant it to start with\n%s", code, out, stderr, want)
	}
	if strings.Contains(out, "张某") || strings.Contains(out, "某某公司") {
		t.Errorf("status names an applicant:\n%s", out)
	}
	out, _, _ = gongkai(t, "-C", dir, "status", "--all", "--format", "json", "--now", "2025-12-24")
	var got struct {
		Due []register.DueJSON `json:"requests_due"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("status --format json is not JSON: %v\n%s", err, out)
	}
	if len(got.Due) != 2 || got.Due[0] != (register.DueJSON{Path: "requests/2025/overdue.yaml", Received: "2025-11-03",
		Request: "申请公开某项目招商协议", ApplicantType: "自然人", Deadline: "2025-12-01", WorkdaysLeft: -17}) {
		t.Errorf("requests_due = %+v", got.Due)
	}
}

func TestReportAnnualWarnsSavesADraftAndRefusesToOverwrite(t *testing.T) {
	dir := registerRepo(t)
	out, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--now", "2025-12-24")
	if code != 0 {
		t.Fatalf("code %d\n%s", code, stderr)
	}
	wantErr := "注意：2025年尚未结束：报告统计到 2025-12-24，年度结束后请重新生成\n" +
		"注意：没有 annual/2025.md：一、五、六节是按统计数字生成的草稿，请办公室修改后保存为该文件\n"
	if stderr != wantErr {
		t.Errorf("stderr\n%s\nwant\n%s", stderr, wantErr)
	}
	for _, want := range []string{"# 测试县招商局2025年政府信息公开工作年度报告\n",
		"| 一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |\n",
		"| 四、结转下年度继续办理 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	_, stderr, code = gongkai(t, "-C", dir, "report", "--annual", "2027", "--now", "2026-01-15")
	if code != 0 || !strings.Contains(stderr, "注意：2027年尚未开始：报告中没有可统计的数字\n") || !strings.Contains(stderr, "注意：工作日历中没有2027年的节假日安排") {
		t.Errorf("2027: code %d, stderr\n%s", code, stderr)
	}

	_, stderr, _ = gongkai(t, "-C", dir, "report", "--annual", "2025", "--save", "--now", "2026-01-15")
	if !strings.Contains(stderr, "注意：gongkai.yaml 的 categories: 中没有“信息公开年度工作报告”：请先声明该栏目，否则草稿无法通过检查\n") {
		t.Errorf("--save without the category declared: stderr\n%s", stderr)
	}
	os.Remove(filepath.Join(dir, "content/2026/2025-nianbao.md"))
	cfg := strings.Replace(readFile(t, dir, "gongkai.yaml"), "categories: [工作动态, 规范性文件]", "categories: [工作动态, 规范性文件, 信息公开年度工作报告]", 1)
	writeRepoFile(t, dir, "gongkai.yaml", strings.Replace(cfg, "  - {name: 政策文件}", "  - {name: 政策文件}\n  - {name: 综合信息, deadline: 5}", 1))
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(dir, "gitconfig"))
	writeRepoFile(t, dir, "gitconfig", "[user]\n\temail = zhangsan@example.gov.cn\n")
	out, stderr, code = gongkai(t, "-C", dir, "report", "--annual", "2025", "--save", "--now", "2026-01-15")
	if code != 0 || out != "已写入 content/2026/2025-nianbao.md：请核对后提交，按普通稿件送审签发\n" {
		t.Fatalf("--save: code %d\n%s%s", code, out, stderr)
	}
	saved := readFile(t, dir, "content/2026/2025-nianbao.md")
	for _, want := range []string{"title: 测试县招商局2025年政府信息公开工作年度报告\n", "department: 办公室\n",
		"category: 信息公开年度工作报告\n", "authors: [张三]\n", "\nkind: 综合信息 ", "\n## 三、收到和处理政府信息公开申请情况\n"} {
		if !strings.Contains(saved, want) {
			t.Errorf("the draft lacks %q:\n%s", want, saved)
		}
	}
	if strings.Contains(saved, "# 测试县") {
		t.Errorf("the draft repeats the title in its body:\n%s", saved)
	}
	// The draft is an article like any other: check sees it in review.
	if out, _, _ := gongkai(t, "-C", dir, "check", "--now", "2026-01-15"); !strings.Contains(out, "content/2026/2025-nianbao.md：下一步 内容审核") {
		t.Errorf("check does not list the draft in the review queue:\n%s", out)
	}
	_, stderr, code = gongkai(t, "-C", dir, "report", "--annual", "2025", "--save", "--now", "2026-01-15")
	if code != 2 || !strings.Contains(stderr, "report：content/2026/2025-nianbao.md 已存在；请直接修改它，或删除后重新生成") {
		t.Errorf("a second --save: code %d, stderr\n%s", code, stderr)
	}
}

func TestReportAnnualStopsOnRegisterErrors(t *testing.T) {
	dir := registerRepo(t)
	writeRepoFile(t, dir, "requests/2025/typo.yaml", "received: 2025-03-03\napplicant: {type: 自然, name: 王某}\nchannel: 网络\nrequest: 某文件\n")
	_, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--now", "2026-01-15")
	want := "requests/2025/typo.yaml:2:13: 错误 GK081 applicant.type：“自然”不是可填的申请人类型"
	if code != 1 || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "申请登记或年度报告材料有错误，请先改正") {
		t.Errorf("code %d, stderr\n%s", code, stderr)
	}
}

func TestReportAnnualOnTheYearsLastDayHasEnded(t *testing.T) {
	dir := registerRepo(t)
	os.MkdirAll(filepath.Join(dir, "annual"), 0o755)
	writeRepoFile(t, dir, "annual/2025.md", "## 一、总体情况\n\n正文。\n")
	_, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--now", "2025-12-31")
	if code != 0 || stderr != "" {
		t.Errorf("--now 2025-12-31 counts the whole year: code %d, stderr\n%s", code, stderr)
	}
}

// TestRegisterAndReportsSpeakChinese runs the register's checks and every
// report of this area through the English-prose detector.
func TestRegisterAndReportsSpeakChinese(t *testing.T) {
	dir := registerRepo(t)
	os.MkdirAll(filepath.Join(dir, "annual"), 0o755)
	writeRepoFile(t, dir, "requests/2025/bad.yaml", "received: 2025-02-30\napplicant: {type: 自然, name: 王某}\nchannel: 微信\nrequest: 某文件\nreplly: {}\nextension: {at: 2025-03-01, days: 30}\n")
	writeRepoFile(t, dir, "requests/2025/late.yaml", "received: 2025-03-03\napplicant: {type: 其他}\nchannel: 网络\nrequest: 某文件\nreply: {at: 2025-05-20, result: 属于国家秘密}\n")
	writeRepoFile(t, dir, "annual/2025.yaml", "licensing: -1\npenaltes: 3\n")
	writeRepoFile(t, dir, "annual/2025-events.yaml", "- {name: 会议}\n- {date: 2024-01-02, name: 年会}\n")
	writeRepoFile(t, dir, "annual/2025.md", "## 二、主动公开\n\n文字\n")
	writeRepoFile(t, dir, "annual/x.txt", "草稿\n")
	runs := [][]string{
		{"check", "--now", "2025-12-24"}, {"status", "--all", "--now", "2025-12-24"},
		{"report", "--annual", "2025", "--now", "2026-01-15"}, {"report", "--annual", "2027", "--now", "2026-01-15"},
		{"report", "--annual", "20x5"}, {"report", "--annual", "2025", "--period", "2025Q1"}, {"report", "--save"},
		{"report", "--annual-extra", "2025", "--now", "2026-01-15"}, {"report", "--awards", "2025", "--now", "2026-01-15"},
		{"report", "--fees", "--period", "2025H1", "--format", "html", "--now", "2026-01-15"},
		{"report", "--by", "author", "--period", "2025", "--now", "2026-01-15"}, {"report", "--fees", "--late"},
	}
	for _, args := range runs {
		out, stderr, _ := gongkai(t, append([]string{"-C", dir}, args...)...)
		for _, line := range strings.Split(withoutStyle(out)+stderr, "\n") {
			if prose := msg.EnglishProse(line); len(prose) > 0 {
				t.Errorf("gongkai %s: English in %q: %q", strings.Join(args, " "), line, prose)
			}
		}
	}
	// The annual report stops on these errors; without them it runs.
	for _, f := range []string{"requests/2025/bad.yaml", "annual/2025.yaml", "annual/2025-events.yaml"} {
		os.Remove(filepath.Join(dir, f))
	}
	for _, format := range report.Formats {
		out, stderr, code := gongkai(t, "-C", dir, "report", "--annual", "2025", "--format", format, "--now", "2026-01-15")
		if code != 0 {
			t.Fatalf("--format %s: code %d\n%s", format, code, stderr)
		}
		for _, line := range strings.Split(withoutStyle(out)+stderr, "\n") {
			if prose := msg.EnglishProse(line); len(prose) > 0 {
				t.Errorf("report --annual --format %s: English in %q: %q", format, line, prose)
			}
		}
	}
}

// withoutStyle drops an html page's style sheet, which is not text anyone
// reads.
func withoutStyle(page string) string {
	before, rest, ok := strings.Cut(page, "<style>")
	if !ok {
		return page
	}
	_, after, _ := strings.Cut(rest, "</style>")
	return before + after
}
