package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// signRepo is sign.txtar committed by its author 张三.
func signRepo(t *testing.T) string {
	t.Helper()
	dir := repo(t, "sign.txtar")
	gitAs(t, dir, "zhangsan@example.gov.cn", "init", "-q", "-b", "main")
	gitAs(t, dir, "zhangsan@example.gov.cn", "add", "-A")
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-m", "写稿")
	return dir
}

// as makes git, run by gongkai in this process, author and commit as the
// person with the email, isolated from the machine's git configuration.
func as(t *testing.T, email string) {
	name := strings.TrimSuffix(email, "@example.gov.cn")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"GIT_AUTHOR", "GIT_COMMITTER"} {
		t.Setenv(k+"_NAME", name)
		t.Setenv(k+"_EMAIL", email)
	}
}

// lastCommit returns the author email, the message and the files of HEAD.
func lastCommit(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command("git", "log", "-1", "--name-only", "--format=%ae %s")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(strings.ReplaceAll(string(out), "\n\n", "\n"))
}

func read(t *testing.T, dir, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSignEveryStepOfTheDefaultChainAsEachSigner(t *testing.T) {
	dir := signRepo(t)
	const path = "content/2025/draft.md"
	steps := []struct {
		email  string
		args   []string
		commit string
	}{
		{"lisi@example.gov.cn", []string{"--opinion", "公开", "--at", "2025-03-04"}, "lisi@example.gov.cn 内容审核：县招商局召开一季度工作会议"},
		{"wangwu@example.gov.cn", []string{"secrecy", "--result", "不涉密", "--at", "2025-03-04"}, "wangwu@example.gov.cn 保密审查：县招商局召开一季度工作会议"},
		{"zhaoliu@example.gov.cn", []string{"发布审核", "--disclosure", "proactive", "--at", "2025-03-05"}, "zhaoliu@example.gov.cn 发布审核：县招商局召开一季度工作会议"},
		{"qianqi@example.gov.cn", []string{"--at", "2025-03-05"}, "qianqi@example.gov.cn 签发：县招商局召开一季度工作会议"},
		{"sunba@example.gov.cn", []string{"--at", "2025-03-06"}, "sunba@example.gov.cn 录入：县招商局召开一季度工作会议"},
		{"sunba@example.gov.cn", []string{"--at", "2025-03-06T10:00:00+08:00"}, "sunba@example.gov.cn 录入审核：县招商局召开一季度工作会议"},
	}
	for _, s := range steps {
		as(t, s.email)
		out, stderr, code := gongkai(t, append([]string{"-C", dir, "sign", path}, s.args...)...)
		if code != 0 {
			t.Fatalf("%s: code %d\n%s%s", s.email, code, out, stderr)
		}
		if got := lastCommit(t, dir); got != s.commit+"\n"+path {
			t.Fatalf("commit %q, want %q", got, s.commit)
		}
	}
	want := "---\ntitle: 县招商局召开一季度工作会议\ndepartment: 办公室\ncategory: 工作动态\nkind: 动态信息\nauthors: [张三]\ndisclosure: 主动公开\n" +
		"event: {date: 2025-03-03, name: 局务会}\nindex_no: 11330782MB1234567X/2025-00001\n# 审核：各审核人用 gongkai sign 签署\nreview:\n" +
		"  content: {by: 李四, at: 2025-03-04, opinion: 公开}\n" +
		"  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密}\n" +
		"  release: {by: 赵六, at: 2025-03-05, disclosure: 主动公开}\n" +
		"  signoff: {by: 钱七, at: 2025-03-05}\n" +
		"  entry: {by: 孙八, at: 2025-03-06}\n" +
		"  verify: {by: 孙八, at: 2025-03-06T10:00:00+08:00}\n" +
		"---\n\n会议强调，要进一步做好信息公开工作。\n"
	if got := read(t, dir, path); got != want {
		t.Fatalf("file:\n%s\nwant:\n%s", got, want)
	}
	out, _, _ := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, path) {
			t.Errorf("after signing: %s", line)
		}
	}
	if !strings.Contains(out, "（公开 1 篇）") {
		t.Errorf("draft.md is not public:\n%s", out)
	}
}

func TestSignShowsTheDiffAndWhoCommitted(t *testing.T) {
	dir := signRepo(t)
	as(t, "lisi@example.gov.cn")
	out, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开", "--at", "2025-03-04")
	want := "--- a/content/2025/draft.md\n+++ b/content/2025/draft.md\n@@ -10,4 +10,5 @@\n" +
		" # 审核：各审核人用 gongkai sign 签署\n review:\n+  content: {by: 李四, at: 2025-03-04, opinion: 公开}\n ---\n \n" +
		"已签署内容审核（review.content），并以 李四 <lisi@example.gov.cn> 的身份提交：内容审核：县招商局召开一季度工作会议\n"
	if code != 0 || out != want {
		t.Fatalf("code %d\n%s\nwant\n%s\n%s", code, out, want, stderr)
	}
}

func TestSignACustomReviewChain(t *testing.T) {
	dir := repo(t, "sign.txtar")
	cfg := read(t, dir, "gongkai.yaml") + `review_chain:
  - {key: shenhe, label: 审核, signers: [head], purpose: content}
  - {key: baomi, label: 保密, signers: [secrecy, head], purpose: secrecy}
  - {key: qianfa, label: 签发, signers: [principal], purpose: signoff}
  - {key: luru, label: 上网, signers: [entry], purpose: entry}
`
	os.WriteFile(filepath.Join(dir, "gongkai.yaml"), []byte(cfg), 0o644)
	for _, f := range []string{"secret.md", "broken-step.md", "internal.md", "to-enter.md"} {
		os.Remove(filepath.Join(dir, "content/2025", f))
	}
	gitAs(t, dir, "zhangsan@example.gov.cn", "init", "-q", "-b", "main")
	gitAs(t, dir, "zhangsan@example.gov.cn", "add", "-A")
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-m", "写稿")
	const path = "content/2025/draft.md"
	for _, s := range []struct{ email, commit string }{
		{"lisi@example.gov.cn", "审核"}, {"lisi@example.gov.cn", "保密"}, {"qianqi@example.gov.cn", "签发"}, {"sunba@example.gov.cn", "上网"},
	} {
		as(t, s.email)
		out, stderr, code := gongkai(t, "-C", dir, "sign", path, "--opinion", "公开", "--result", "不涉密", "--at", "2025-03-04")
		if code != 0 || lastCommit(t, dir) != s.email+" "+s.commit+"：县招商局召开一季度工作会议\n"+path {
			t.Fatalf("%s: code %d\n%s%s\n%s", s.commit, code, out, stderr, lastCommit(t, dir))
		}
	}
	if got := read(t, dir, path); !strings.Contains(got, "review:\n  shenhe: {by: 李四, at: 2025-03-04, opinion: 公开}\n  baomi: {by: 李四, at: 2025-03-04, result: 不涉密}\n  qianfa: {by: 钱七, at: 2025-03-04}\n  luru: {by: 孙八, at: 2025-03-04}\n---\n") {
		t.Fatalf("file:\n%s", got)
	}
	out, _, code := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	if code != 0 || strings.Contains(out, path+":") {
		t.Fatalf("code %d\n%s", code, out)
	}
}

func TestSignRefusesWithTheReasonAndWhoMaySign(t *testing.T) {
	dir := signRepo(t)
	cases := []struct {
		name, email string
		args        []string
		code        int
		stderr      string
	}{
		{"no such person", "someone@example.com", []string{"content/2025/draft.md", "--opinion", "公开"}, 1,
			"gongkai：git 的作者邮箱是 someone@example.com，gongkai.yaml 的 people: 中没有人登记此邮箱：gongkai 只为本人签署，不能代签；请把 git config user.email 设为本人登记的邮箱，或请管理员在 people: 中登记\n"},
		{"wrong role", "wangwu@example.gov.cn", []string{"content/2025/draft.md", "content", "--opinion", "公开"}, 1,
			"gongkai：王五 不能签署内容审核（review.content）：这一步须由办公室的科室负责人签署；可请 李四 签署\n"},
		{"own article", "lisi@example.gov.cn", []string{"content/2025/own.md", "--opinion", "公开"}, 1,
			"gongkai：李四 是本文作者，不得签署本人稿件的内容审核（review.content）：gongkai.yaml 中没有其他可签署的人，请在其中声明签署人\n"},
		{"earlier step missing", "qianqi@example.gov.cn", []string{"content/2025/draft.md", "signoff"}, 1,
			"gongkai：前一步内容审核（review.content）尚未签署，不能签签发（review.signoff）：请先由 李四 签署\n"},
		{"already signed", "lisi@example.gov.cn", []string{"content/2025/secret.md", "content", "--opinion", "公开"}, 1,
			"gongkai：内容审核（review.content）已由 李四 于 2025-03-04 签署，gongkai sign 不改写已有的签署；如需重签，请签署人本人修改后提交\n"},
		{"an invalid earlier step", "zhaoliu@example.gov.cn", []string{"content/2025/broken-step.md", "--disclosure", "主动公开"}, 1,
			"gongkai：content/2025/broken-step.md 有 1 处错误，签署就等于批准了它们：请先由 王五 修正，再签署：\n  content/2025/broken-step.md:8:58: 错误 GK002 "},
		{"the step would leave an error", "wangwu@example.gov.cn", []string{"content/2025/secret.md", "--result", "不涉密", "--at", "2025-03-01"}, 1,
			"gongkai：签署保密审查（review.secrecy）后本文会有错误，文件未改动：\n  content/2025/secret.md:15:5: 错误 GK012 "},
		{"past the chain's end", "sunba@example.gov.cn", []string{"content/2025/internal.md", "entry"}, 1,
			"gongkai：公开属性为内部公开的稿件审核链止于签发，不需要录入（review.entry）\n"},
		{"no such step", "wangwu@example.gov.cn", []string{"content/2025/draft.md", "baomi"}, 1,
			"gongkai：没有名为“baomi”的审核步骤；审核链为 content → secrecy → release → signoff → entry → verify\n"},
		{"a field missing", "lisi@example.gov.cn", []string{"content/2025/draft.md"}, 2,
			"gongkai：签署内容审核（review.content）须给出 --opinion（在终端上运行时会逐项询问）\n"},
		{"a bad value", "lisi@example.gov.cn", []string{"content/2025/draft.md", "--opinion", "同意"}, 2,
			"gongkai：--opinion 不能是“同意”：只能是 公开、不公开\n"},
		{"a bad date", "lisi@example.gov.cn", []string{"content/2025/draft.md", "--opinion", "公开", "--at", "2025-02-30"}, 2,
			"gongkai：--at 2025-02-30 不是日期：请写成 2025-03-04，或带时区的时间 2025-03-04T09:30:00+08:00\n"},
		{"not an article", "lisi@example.gov.cn", []string{"gongkai.yaml"}, 1,
			"gongkai：gongkai.yaml 不是 content/ 下的稿件（.md 文件）：请给出稿件路径，例如 content/2025/meeting.md\n"},
	}
	before := map[string]string{}
	for _, f := range []string{"draft.md", "own.md", "secret.md", "broken-step.md", "internal.md", "to-enter.md"} {
		before[f] = read(t, dir, "content/2025/"+f)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			as(t, c.email)
			out, stderr, code := gongkai(t, append([]string{"-C", dir, "sign"}, c.args...)...)
			if code != c.code || !strings.HasPrefix(stderr, c.stderr) || out != "" {
				t.Fatalf("code %d, want %d\nstdout %q\nstderr %q\nwant   %q", code, c.code, out, stderr, c.stderr)
			}
		})
	}
	for f, src := range before {
		if read(t, dir, "content/2025/"+f) != src {
			t.Errorf("%s changed by a refused sign", f)
		}
	}
	if got := lastCommit(t, dir); !strings.HasPrefix(got, "zhangsan@example.gov.cn 写稿") {
		t.Errorf("a refused sign committed: %s", got)
	}
}

func TestSignRefusesAFileWithChangesOfItsOwn(t *testing.T) {
	dir := signRepo(t)
	p := filepath.Join(dir, "content/2025/draft.md")
	os.WriteFile(p, []byte(read(t, dir, "content/2025/draft.md")+"补充一句。\n"), 0o644)
	as(t, "lisi@example.gov.cn")
	_, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开")
	want := "gongkai：content/2025/draft.md 有尚未提交的修改：签署只提交本步骤，请先提交或撤销这些修改（git diff content/2025/draft.md 查看）\n"
	if code != 1 || stderr != want {
		t.Fatalf("code %d\n%q", code, stderr)
	}
	// --no-commit only writes: the change stays the signer's to commit.
	out, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开", "--at", "2025-03-04", "--no-commit")
	if code != 0 || !strings.Contains(out, "已写入内容审核（review.content）（--no-commit，未提交）") || !strings.Contains(read(t, dir, "content/2025/draft.md"), "  content: {by: 李四, at: 2025-03-04, opinion: 公开}\n") {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
}

func TestSignKeepsBOMAndCRLF(t *testing.T) {
	dir := signRepo(t)
	src := "\ufeff---\r\ntitle: 视窗记事本保存的稿件\r\ndepartment: 办公室\r\ncategory: 其他\r\nkind: 政策文件\r\nauthors: [张三]\r\ndisclosure: 主动公开\r\nreview:\r\n    content:   # 科长\r\n        by: 李四\r\n        at: 2025-03-04\r\n        opinion: 公开\r\n---\r\n\r\n正文。\r\n"
	os.WriteFile(filepath.Join(dir, "content/2025/crlf.md"), []byte(src), 0o644)
	gitAs(t, dir, "zhangsan@example.gov.cn", "add", "-A")
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-m", "写稿")
	as(t, "wangwu@example.gov.cn")
	out, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/crlf.md", "--result", "不涉密", "--cleared", "内部资料，征求意见稿", "--at", "2025-03-05")
	want := strings.Replace(src, "        opinion: 公开\r\n", "        opinion: 公开\r\n    secrecy:\r\n        by: 王五\r\n        at: 2025-03-05\r\n        result: 不涉密\r\n        cleared: [内部资料, 征求意见稿]\r\n", 1)
	if got := read(t, dir, "content/2025/crlf.md"); code != 0 || got != want {
		t.Fatalf("code %d\n%s%s\ngot  %q\nwant %q", code, out, stderr, got, want)
	}
}

// A file that keeps its review on one line, with comments around it, is
// signed through the whole chain in that style, every other byte kept, and
// provenance holds: each step is credited to its own signer's commit.
func TestSignAOneLineReviewThroughTheChainKeepsProvenance(t *testing.T) {
	dir := repo(t, "sign.txtar")
	const path = "content/2025/oneline.md"
	head := "---\ntitle: 一行审核记录的稿件\ndepartment: 办公室   # 承办科室\ncategory: 其他\nkind: 政策文件\nauthors: [张三]\ndisclosure: 主动公开\nindex_no: 11330782MB1234567X/2025-00009\n"
	src := head + "review: {}   # 逐级签署\n# 正文之前\n---\n\n正文。\n"
	os.WriteFile(filepath.Join(dir, path), []byte(src), 0o644)
	gitAs(t, dir, "zhangsan@example.gov.cn", "init", "-q", "-b", "main")
	gitAs(t, dir, "zhangsan@example.gov.cn", "add", "-A")
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-m", "写稿")
	for _, s := range []struct {
		email string
		args  []string
	}{
		{"lisi@example.gov.cn", []string{"--opinion", "公开"}},
		{"wangwu@example.gov.cn", []string{"--result", "不涉密"}},
		{"zhaoliu@example.gov.cn", []string{"--disclosure", "主动公开"}},
		{"qianqi@example.gov.cn", nil},
		{"sunba@example.gov.cn", nil},
	} {
		as(t, s.email)
		if out, stderr, code := gongkai(t, append([]string{"-C", dir, "sign", path, "--at", "2025-03-05"}, s.args...)...); code != 0 {
			t.Fatalf("%s: code %d\n%s%s", s.email, code, out, stderr)
		}
	}
	want := head + "review: {content: {by: 李四, at: 2025-03-05, opinion: 公开}, secrecy: {by: 王五, at: 2025-03-05, result: 不涉密}, " +
		"release: {by: 赵六, at: 2025-03-05, disclosure: 主动公开}, signoff: {by: 钱七, at: 2025-03-05}, entry: {by: 孙八, at: 2025-03-05}}   # 逐级签署\n# 正文之前\n---\n\n正文。\n"
	if got := read(t, dir, path); got != want {
		t.Fatalf("file:\n%s\nwant:\n%s", got, want)
	}
	out, _, _ := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	if strings.Contains(out, path+":") {
		t.Fatalf("after signing:\n%s", out)
	}
}

// On a terminal, sign asks for the fields the step needs.
func TestSignPromptsOnATerminal(t *testing.T) {
	dir := signRepo(t)
	onTerminal = func(io.Writer) bool { return true }
	stdin = strings.NewReader("不涉秘\n不涉密\n内部资料\n")
	t.Cleanup(func() { onTerminal, stdin = isTerminal, os.Stdin })
	as(t, "wangwu@example.gov.cn")
	out, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/secret.md", "--at", "2025-03-05")
	if code != 0 || !strings.HasPrefix(out, "保密审查结论（不涉密 / 涉密）：请填写 不涉密 / 涉密 之一\n保密审查结论（不涉密 / 涉密）：放行的涉密词语（以逗号分隔，没有请直接回车）：--- a/content/2025/secret.md") {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	if got := read(t, dir, "content/2025/secret.md"); !strings.Contains(got, "    opinion: 公开\n  secrecy:\n    by: 王五\n    at: 2025-03-05\n    result: 不涉密\n    cleared: [内部资料]\n---\n") {
		t.Fatalf("file:\n%s", got)
	}
	if got := lastCommit(t, dir); got != "wangwu@example.gov.cn 保密审查：含有涉密词语的稿件\ncontent/2025/secret.md" {
		t.Fatalf("commit %q", got)
	}
}

// Without --at the step is dated today in site.timezone (Asia/Shanghai), not
// in the machine's zone.
func TestSignDatesTodayInTheSiteTimezone(t *testing.T) {
	dir := signRepo(t)
	as(t, "lisi@example.gov.cn")
	zone, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip(err)
	}
	before := time.Now().In(zone).Format(time.DateOnly)
	_, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开")
	after := time.Now().In(zone).Format(time.DateOnly)
	if before != after {
		t.Skip("midnight in Shanghai passed during the test")
	}
	if got := read(t, dir, "content/2025/draft.md"); code != 0 || !strings.Contains(got, "  content: {by: 李四, at: "+before+", opinion: 公开}\n") {
		t.Fatalf("code %d %s\n%s", code, stderr, got)
	}
}

// Run in the article's folder, sign takes the path from there.
func TestSignFromTheArticlesFolder(t *testing.T) {
	dir := signRepo(t)
	as(t, "lisi@example.gov.cn")
	t.Chdir(filepath.Join(dir, "content", "2025"))
	out, stderr, code := gongkai(t, "sign", "draft.md", "--opinion", "公开", "--at", "2025-03-04")
	if code != 0 || lastCommit(t, dir) != "lisi@example.gov.cn 内容审核：县招商局召开一季度工作会议\ncontent/2025/draft.md" {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
}

// syncBuffer is a buffer two goroutines may use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve --pending beyond loopback says the review panel is off, and how to
// sign instead.
func TestServePendingBeyondLoopbackSaysThePanelIsOff(t *testing.T) {
	dir := signRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"-C", dir, "serve", "--pending", "--addr", "0.0.0.0:0"}, &out, &errOut)
	}()
	for !strings.Contains(out.String(), "预览地址") {
		select {
		case err := <-done:
			t.Skipf("serve did not start: %v\n%s", err, errOut.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	<-done
	if want := "审核面板已关闭：只有监听本机地址（127.0.0.1、localhost）时才能在网页上签署；请用 gongkai sign 签署\n"; !strings.Contains(errOut.String(), want) {
		t.Fatalf("stderr:\n%s", errOut.String())
	}
}
