package main

import (
	"strings"
	"testing"
)

// withdraw adds a withdrawal to an article of the test repository.
func withdraw(t *testing.T, dir, name, at string) {
	t.Helper()
	src := readFile(t, dir, name)
	src = strings.Replace(src, "\nindex_no:", "\nwithdrawn: {at: "+at+", by: 钱七, reason: 数据有误, notice: 更正后的数据另行发布。}\nindex_no:", 1)
	writeRepoFile(t, dir, name, src)
}

func TestWithdrawingAnArticleOfAnIssuedBulletinShowsTheNoticeInItsPlace(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	withdraw(t, dir, "content/2025/jan.md", "2025-08-06")
	out, stderr, code := gongkai(t, "-C", dir, "build", "--now", "2025-10-09")
	if code != 0 {
		t.Fatalf("the withdrawal must reach the site: code %d\n%s%s", code, out, stderr)
	}
	page := readFile(t, dir, "site/2025/jan/index.html")
	if strings.Contains(page, "一季度招商工作会议召开的正文") || !strings.Contains(page, "撤回") {
		t.Errorf("the article's page should be its withdrawal notice:\n%s", page)
	}
	issue := readFile(t, dir, "site/bulletins/2025-1/index.html")
	if strings.Contains(issue, "一季度招商工作会议召开的正文") {
		t.Errorf("the issue still carries the withdrawn text:\n%s", issue)
	}
	for _, want := range []string{"一季度招商工作会议召开", "本文已于2025年8月6日撤回。", "撤回原因：数据有误", "更正后的数据另行发布。", "本期编发一季度工作动态。"} {
		if !strings.Contains(issue, want) {
			t.Errorf("the issue lacks %q:\n%s", want, issue)
		}
	}
	out, _, code = gongkai(t, "-C", dir, "check", "--now", "2025-10-09")
	if code != 0 || strings.Contains(out, "GK070") {
		t.Errorf("check: code %d\n%s", code, out)
	}
}

func TestAWithdrawnArticleCannotEnterANewBulletin(t *testing.T) {
	dir := repo(t, "bulletin.txtar")
	withdraw(t, dir, "content/2025/aug.md", "2025-09-01")
	// An issue dated after the withdrawal, issued or still scheduled.
	for _, date := range []string{"2025-10-08", "2025-10-20"} {
		writeRepoFile(t, dir, "content/bulletins/2025-3.yaml", "year: 2025\nnumber: 3\ndate: "+date+"\naudience: public\narticles:\n  - content/2025/jul.md\n  - content/2025/aug.md\n")
		out, _, code := gongkai(t, "-C", dir, "check", "--now", "2025-10-09")
		want := "content/bulletins/2025-3.yaml:7:5: 错误 GK070 content/2025/aug.md 不能进入公开简报：已于 2025-09-01 撤回，不进入简报\n"
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("issue dated %s: code %d, output lacks\n%s\n%s", date, code, want, out)
		}
	}
}
