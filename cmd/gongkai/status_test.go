package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/status/")

// golden compares got with testdata/status/<name>, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "status", name)
	if *update {
		os.MkdirAll(filepath.Dir(file), 0o755)
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("got\n%s\nwant (%s)\n%s", got, file, want)
	}
}

// TestStatusGolden prints the queue of sign.txtar after two sign-offs:
// everyone's (people in pinyin order, corrections first, waiting days and
// deadlines), one person's (--me, the default on a terminal), and JSON.
func TestStatusGolden(t *testing.T) {
	dir := signRepo(t)
	as(t, "lisi@example.gov.cn")
	if _, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开", "--at", "2025-03-04"); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		name, email string
		args        []string
	}{
		{"all.txt", "lisi@example.gov.cn", []string{"--all"}},
		{"me.txt", "wangwu@example.gov.cn", []string{"--me"}},
		{"me-nothing.txt", "qianqi@example.gov.cn", []string{"--me"}},
		{"all.json", "wangwu@example.gov.cn", []string{"--format", "json"}},
		{"me.json", "wangwu@example.gov.cn", []string{"--me", "--format", "json"}},
		{"all-en.txt", "lisi@example.gov.cn", []string{"--all", "--lang-en"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			as(t, c.email)
			args := []string{"-C", dir, "status", "--now", "2025-03-07"}
			if c.args[len(c.args)-1] == "--lang-en" {
				args = append([]string{"--lang", "en"}, args...)
				c.args = c.args[:len(c.args)-1]
			}
			out, stderr, code := gongkai(t, append(args, c.args...)...)
			if code != 0 {
				t.Fatalf("code %d\n%s", code, stderr)
			}
			golden(t, c.name, out)
		})
	}
}

func TestStatusMeNeedsADeclaredEmail(t *testing.T) {
	dir := signRepo(t)
	as(t, "someone@example.com")
	_, stderr, code := gongkai(t, "-C", dir, "status", "--me")
	want := "gongkai：status --me：git config user.email 为“someone@example.com”，gongkai.yaml 的 people: 中没有此邮箱；请设置本人邮箱（git config user.email 你的邮箱），或用 --all\n"
	if code != 2 || stderr != want {
		t.Fatalf("code %d\n%q", code, stderr)
	}
}

// On a terminal, status shows what waits on the user unless told --all;
// elsewhere (a pipe, a script) it lists everyone.
func TestStatusDefaultsToMeOnATerminal(t *testing.T) {
	dir := signRepo(t)
	as(t, "lisi@example.gov.cn")
	if _, stderr, code := gongkai(t, "-C", dir, "sign", "content/2025/draft.md", "--opinion", "公开", "--at", "2025-03-04"); code != 0 {
		t.Fatal(stderr)
	}
	as(t, "wangwu@example.gov.cn")
	piped, _, _ := gongkai(t, "-C", dir, "status", "--now", "2025-03-07")
	golden(t, "all.txt", piped)
	onTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { onTerminal = isTerminal })
	mine, _, _ := gongkai(t, "-C", dir, "status", "--now", "2025-03-07")
	golden(t, "me.txt", mine)
	all, _, _ := gongkai(t, "-C", dir, "status", "--all", "--now", "2025-03-07")
	golden(t, "all.txt", all)
	// An email no one declared: everyone's queue, not an error.
	as(t, "someone@example.com")
	other, _, code := gongkai(t, "-C", dir, "status", "--now", "2025-03-07")
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	golden(t, "all.txt", other)
}

// An invalid step or a misspelled name is not waiting on the next signer:
// it is 需修正, under who must fix it, with the finding and its "did you mean".
func TestStatusShowsWhatMustBeCorrectedAndByWhom(t *testing.T) {
	dir := repo(t, "sign.txtar")
	for name, fm := range map[string]string{
		"typo.md":  "department: 办公司\ncategory: 其他\nkind: 政策文件\nauthors: [张三]\ndisclosure: 主动公开\n",
		"wrong.md": "department: 办公室\ncategory: 其他\nkind: 政策文件\nauthors: [张三]\ndisclosure: 主动公开\nreview:\n  content: {by: 李四, at: 2025-03-04, opinion: 公开}\n  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密}\n  release: {by: 赵六, at: 2025-03-05, disclosure: 主动公开}\n  signoff: {by: 李四, at: 2025-03-05}\n",
		"name.md":  "department: 办公室\ncategory: 其他\nkind: 政策文件\nauthors: [张三]\ndisclosure: 主动公开\nreview:\n  content: {by: 李斯, at: 2025-03-04, opinion: 公开}\n",
	} {
		os.WriteFile(filepath.Join(dir, "content/2025", name), []byte("---\ntitle: "+name+"\n"+fm+"---\n\n正文。\n"), 0o644)
	}
	out, stderr, code := gongkai(t, "-C", dir, "status", "--all", "--now", "2025-03-07")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{
		"李四（4 篇）\n  需修正  content/2025/name.md  name.md\n      content/2025/name.md:9:13: GK003 内容审核签署人“李斯”未在 gongkai.yaml 的 people: 中声明（是否应为“李四”？）；请更正姓名，或在该处声明此人\n" +
			"  需修正  content/2025/wrong.md  wrong.md\n      content/2025/wrong.md:12:13: GK010 李四无权签署签发（review.signoff）",
		"张三（1 篇）\n  需修正  content/2025/typo.md  typo.md\n      content/2025/typo.md:3:1: GK003 科室“办公司”未在 gongkai.yaml 中声明（是否应为“办公室”？）",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing\n%s\nin\n%s", want, out)
		}
	}
	if strings.Contains(out, "待录入（entry）  content/2025/wrong.md") || strings.Contains(out, "无人可签（2") {
		t.Errorf("an invalid article shown as waiting:\n%s", out)
	}
}
