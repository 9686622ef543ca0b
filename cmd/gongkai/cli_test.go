package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongkai/internal/diag"
)

// repo writes a txtar fixture into a temporary folder and returns it.
func repo(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// gongkai runs the command in process and returns stdout, stderr and the
// exit code main would use.
func gongkai(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), args, &out, &errOut)
	code := exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestNoCommandIsAUsageError(t *testing.T) {
	_, stderr, code := gongkai(t)
	if code != 2 || !strings.Contains(stderr, "用法：") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestUnknownCommandSuggestsTheClosest(t *testing.T) {
	_, stderr, code := gongkai(t, "chek")
	if code != 2 || !strings.Contains(stderr, "gongkai：没有“chek”这个命令（是否应为“check”？）\n运行 gongkai help 查看用法\n") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestHelpForACommand(t *testing.T) {
	out, _, code := gongkai(t, "help", "check")
	if code != 0 || !strings.HasPrefix(out, "用法：gongkai check [--format text|json|github|gitlab]") {
		t.Fatalf("code %d, out %q", code, out)
	}
}

func TestCheckListsPendingAndExitsZero(t *testing.T) {
	dir := repo(t, "small.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "check", "--now", "2025-03-20")
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	want := "gongkai.yaml:15:20: 警告 GK051 主题分类“规范性文件”没有公开的文章，网站上该栏目将成为空白栏目；请在该分类下发布文章，或将其从 categories: 中删除\n" +
		"审核队列（1 篇）：\n  content/2025/plan.md：下一步 保密审查（secrecy），等待 王五 签署\n" +
		"共 2 篇稿件（公开 1 篇）：0 个错误，1 条警告，1 篇待审核\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

func TestCheckBadFlagIsExitTwo(t *testing.T) {
	dir := repo(t, "small.txtar")
	_, stderr, code := gongkai(t, "-C", dir, "check", "--format", "xml")
	if code != 2 || !strings.Contains(stderr, "--format 应为 text、json、github 或 gitlab，而不是“xml”") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestCheckWithoutConfigIsExitTwo(t *testing.T) {
	_, stderr, code := gongkai(t, "-C", t.TempDir(), "check")
	if code != 2 || !strings.Contains(stderr, "gongkai.yaml:1:1: 错误 GK002 无法读取 gongkai.yaml") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestCheckErrorsExitOneInEveryFormat(t *testing.T) {
	dir := repo(t, "small.txtar")
	file := filepath.Join(dir, "content/2025/plan.md")
	src, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(src, []byte("title:"), []byte("titel:"), 1), 0o644)

	out, _, code := gongkai(t, "-C", dir, "check", "--now", "2025-03-20")
	if code != 1 || !strings.Contains(out, "content/2025/plan.md:2:1: 错误 GK002 未知的键“titel”（是否应为“title”？）") {
		t.Fatalf("text: code %d\n%s", code, out)
	}

	out, _, code = gongkai(t, "-C", dir, "check", "--format", "github", "--now", "2025-03-20")
	if code != 1 || !strings.Contains(out, "::error file=content/2025/plan.md,line=2,col=1,title=GK002::未知的键“titel”（是否应为“title”？）") {
		t.Fatalf("github: code %d\n%s", code, out)
	}

	out, _, code = gongkai(t, "-C", dir, "check", "--format", "json", "--now", "2025-03-20")
	if code != 1 {
		t.Fatalf("json: code %d", code)
	}
	var got struct {
		Findings []map[string]any `json:"findings"`
		Pending  []map[string]any `json:"pending"`
		Counts   map[string]int   `json:"counts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	for _, g := range got.Findings {
		if g["line"] == 2.0 {
			f = g
		}
	}
	if f["path"] != "content/2025/plan.md" || f["line"] != 2.0 || f["col"] != 1.0 || f["severity"] != "error" || f["id"] != "GK002" {
		t.Fatalf("json finding %v", f)
	}
	if got.Counts["articles"] != 2 || got.Counts["public"] != 1 || got.Counts["error"] < 1 {
		t.Fatalf("counts %v", got.Counts)
	}
}

func TestIndexWritesMissingNumbersAndNeverReusesThem(t *testing.T) {
	dir := repo(t, "small.txtar")
	// A fully signed article without index_no, saved with CRLF and a BOM.
	file := filepath.Join(dir, "content/2025/meeting.md")
	src, _ := os.ReadFile(file)
	src = bytes.Replace(src, []byte("index_no: 11330782MB1234567X/2025-00001\n"), nil, 1)
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
	os.WriteFile(file, crlf, 0o644)
	os.WriteFile(filepath.Join(dir, "index-serials.yaml"), []byte("2025: 7\n"), 0o644)

	out, _, code := gongkai(t, "-C", dir, "index")
	if code != 0 || out != "content/2025/meeting.md: 11330782MB1234567X/2025-00008\n需分配 1 个索引号；运行 gongkai index --write 写入稿件\n" {
		t.Fatalf("dry run: code %d\n%s", code, out)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(after, crlf) {
		t.Fatal("dry run changed the file")
	}
	if _, _, code := gongkai(t, "-C", dir, "index", "--write"); code != 0 {
		t.Fatalf("write: code %d", code)
	}
	after, _ := os.ReadFile(file)
	want := bytes.Replace(crlf, []byte("\r\n---\r\n\r\n会议"), []byte("\r\nindex_no: 11330782MB1234567X/2025-00008\r\n---\r\n\r\n会议"), 1)
	if !bytes.Equal(after, want) {
		t.Fatalf("file after index --write:\n%q\nwant\n%q", after, want)
	}
	ledger, _ := os.ReadFile(filepath.Join(dir, "index-serials.yaml"))
	if !strings.HasSuffix(string(ledger), "2025: 8\n") {
		t.Fatalf("ledger %q", ledger)
	}
	// Delete the article: the next number is still 9, not 8.
	os.Remove(file)
	os.WriteFile(filepath.Join(dir, "content/2025/again.md"), src, 0o644)
	out, _, _ = gongkai(t, "-C", dir, "index")
	if !strings.HasPrefix(out, "content/2025/again.md: 11330782MB1234567X/2025-00009\n") {
		t.Fatalf("after delete: %s", out)
	}
}

func TestNewWritesASkeletonThatChecksAsADraft(t *testing.T) {
	dir := repo(t, "small.txtar")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(dir, "gitconfig"))
	os.WriteFile(filepath.Join(dir, "gitconfig"), []byte("[user]\n\temail = zhangsan@example.gov.cn\n"), 0o644)
	out, stderr, code := gongkai(t, "-C", dir, "new", "content/2025/new-notice.md", "关于开展2025年度招商引资项目申报工作的通知")
	if code != 0 || !strings.HasPrefix(out, "已新建 content/2025/new-notice.md\n作者 张三（办公室）") {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	_, _, code = gongkai(t, "-C", dir, "new", "content/2025/new-notice.md", "again")
	if code != 2 {
		t.Fatalf("overwrite allowed: code %d", code)
	}
	out, _, code = gongkai(t, "-C", dir, "check", "--format", "json", "--now", "2025-03-20")
	if code != 1 && code != 0 {
		t.Fatalf("check: code %d", code)
	}
	if !strings.Contains(out, `"path": "content/2025/new-notice.md"`) {
		t.Fatalf("new article not pending or checked:\n%s", out)
	}
	if _, _, code := gongkai(t, "-C", dir, "new", "不存在的栏目", "标题"); code != 2 {
		t.Fatalf("unknown category: code %d", code)
	}
}

func TestVersionPrints(t *testing.T) {
	out, _, code := gongkai(t, "version")
	if code != 0 || !strings.HasPrefix(out, "gongkai ") || !strings.Contains(out, "\n源码修订：") || !strings.Contains(out, "\nGo 版本：go1.") {
		t.Fatalf("code %d, out %q", code, out)
	}
}

func TestCheckChangedReportsOnlyChangedFilesWithChineseNames(t *testing.T) {
	dir := repo(t, "small.txtar")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.gov.cn"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	// Two broken articles; only one of them changes after the base commit.
	broken := "---\ntitel: 坏\n---\n"
	os.WriteFile(filepath.Join(dir, "content/2025/旧稿.md"), []byte(broken), 0o644)
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "base")
	os.WriteFile(filepath.Join(dir, "content/2025/新稿.md"), []byte(broken), 0o644)
	git("add", ".")

	out, _, code := gongkai(t, "-C", dir, "check", "--changed", "HEAD", "--now", "2025-03-20")
	if code != 1 {
		t.Fatalf("code %d\n%s", code, out)
	}
	if !strings.Contains(out, "content/2025/新稿.md:2:1: 错误 GK002 未知的键“titel”") || strings.Contains(out, "旧稿") {
		t.Fatalf("--changed output:\n%s", out)
	}
	if _, stderr, code := gongkai(t, "-C", dir, "check", "--changed", "no-such-rev"); code != 2 ||
		stderr != "gongkai：check --changed：git 中找不到版本“no-such-rev”；请给出提交号、分支名或标签，如 HEAD~1、main 或 origin/main\n" {
		t.Fatalf("bad rev: code %d %s", code, stderr)
	}
	// Outside a git repository: one sentence, not git's usage text.
	plain := repo(t, "small.txtar")
	if _, stderr, code := gongkai(t, "-C", plain, "check", "--changed", "HEAD"); code != 2 ||
		stderr != "gongkai：check --changed："+plain+" 不在 git 仓库中\n" {
		t.Fatalf("outside git: code %d %s", code, stderr)
	}
}

func TestReportRejectsABadPeriod(t *testing.T) {
	dir := repo(t, "small.txtar")
	_, stderr, code := gongkai(t, "-C", dir, "report", "--period", "2025-13")
	if code != 2 || !strings.Contains(stderr, "2025-13") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestNoContentFolderIsExitTwo(t *testing.T) {
	dir := repo(t, "small.txtar")
	os.RemoveAll(filepath.Join(dir, "content"))
	_, stderr, code := gongkai(t, "-C", dir, "check")
	if code != 2 || !strings.Contains(stderr, "content:1:1: 错误 GK001 没有 content/ 文件夹") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestNowIsReadInTheSiteTimeZone(t *testing.T) {
	dir := repo(t, "small.txtar")
	cfg := filepath.Join(dir, "gongkai.yaml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(src, []byte("timezone: Asia/Shanghai"), []byte("timezone: Asia/Urumqi"), 1), 0o644)
	now, err := parseNow(&env{dir: dir}, "2025-03-06T00:30:00")
	if err != nil {
		t.Fatal(err)
	}
	if _, off := now.Zone(); off != 6*3600 {
		t.Errorf("--now 2025-03-06T00:30:00 read at offset %d, want Asia/Urumqi's +6h", off)
	}
}

func TestHelpFlagsPrintTheCommandListAndExitZero(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		out, stderr, code := gongkai(t, args...)
		if code != 0 || !strings.Contains(out, "\tbuild     检查全部稿件") || stderr != "" {
			t.Errorf("gongkai %s: code %d\n%s%s", args[0], code, out, stderr)
		}
	}
}

func TestCommandHelpFlagPrintsItsHelpNotTheFlagDump(t *testing.T) {
	dir := repo(t, "small.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "build", "-h")
	help, _, _ := gongkai(t, "help", "build")
	if code != 0 || out != help || stderr != "" || strings.Contains(out, "-o string") {
		t.Fatalf("build -h: code %d\n%s%s", code, out, stderr)
	}
}

func TestUnknownFlagIsOneErrorPointingToTheHelp(t *testing.T) {
	dir := repo(t, "small.txtar")
	out, stderr, code := gongkai(t, "-C", dir, "build", "--nope")
	want := "gongkai：build：没有 --nope 这个选项\n运行 gongkai help build 查看用法\n"
	if code != 2 || out != "" || stderr != want {
		t.Fatalf("code %d\nstdout %q\nstderr %q\nwant   %q", code, out, stderr, want)
	}
}

func TestRunFromASubfolderFindsTheRepositoryRootAndSaysSo(t *testing.T) {
	dir := repo(t, "small.txtar")
	sub := filepath.Join(dir, "content", "2025")
	t.Chdir(sub)
	out, stderr, code := gongkai(t, "check", "--now", "2025-03-20")
	if code != 0 || !strings.Contains(out, "共 2 篇稿件") || stderr != "gongkai：使用仓库 "+dir+"（gongkai.yaml 所在的文件夹）\n" {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	t.Chdir(dir)
	if _, stderr, _ := gongkai(t, "check", "--now", "2025-03-20"); stderr != "" {
		t.Fatalf("at the root it says %q", stderr)
	}
}

func TestBuildSaysHowManyWarningsAndWhereToSeeThem(t *testing.T) {
	dir := repo(t, "small.txtar")
	out, _, code := gongkai(t, "-C", dir, "build", "--now", "2025-03-20")
	if code != 0 || !strings.HasSuffix(out, "\n有 1 条警告，运行 gongkai check 查看\n") {
		t.Fatalf("code %d\n%s", code, out)
	}
}

func TestCheckChangedKeepsFindingsAboutAChangedFileByTheirRelatedPaths(t *testing.T) {
	plan, meeting := "content/2025/plan.md", "content/2025/meeting.md"
	findings := diag.List{
		{Pos: diag.Pos{Path: meeting, Line: 9, Col: 11}, ID: "GK040", Msg: "索引号重复", Related: []string{plan}},
		// Names the changed file in its text only: not about it.
		{Pos: diag.Pos{Path: "content/2025/other.md", Line: 1, Col: 1}, ID: "GK002", Msg: "见 " + plan},
		{Pos: diag.Pos{Path: plan, Line: 2, Col: 1}, ID: "GK002", Msg: "未知的键"},
	}
	got, _ := onlyChanged(findings, nil, map[string]bool{plan: true})
	if len(got) != 2 || got[0].Pos.Path != meeting || got[1].Pos.Path != plan {
		t.Errorf("kept:\n%s\nwant the finding related to %s and the one in it", got, plan)
	}
}

func TestCheckChangedShowsTheOtherArticleOfADuplicateIndexNumber(t *testing.T) {
	dir := repo(t, "small.txtar")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.gov.cn"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "base")
	p := filepath.Join(dir, "content/2025/plan.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "disclosure: 主动公开\n", "disclosure: 主动公开\nindex_no: 11330782MB1234567X/2025-00001\n", 1)), 0o644)
	out, _, _ := gongkai(t, "-C", dir, "check", "--changed", "HEAD", "--now", "2025-03-20")
	if !strings.Contains(out, "content/2025/meeting.md:9:1: 错误 GK040") || !strings.Contains(out, "content/2025/plan.md:8:1: 错误 GK040") {
		t.Fatalf("--changed output:\n%s", out)
	}
}
