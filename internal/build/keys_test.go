package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongkai/internal/article"
	"gongkai/internal/build"
)

// TestTheSiteShowsExactlyTheShownKeys builds a repealed rule, its
// successor and a withdrawn article whose every free text carries a marker, and holds the site to
// article.Keys: the text of a Shown key is somewhere in the site, the text
// of any other key nowhere. A key added to the table must be given a
// marker here (or be named as holding no free text).
func TestTheSiteShowsExactlyTheShownKeys(t *testing.T) {
	markers := map[string]string{
		"title": "MKTITLE", "summary": "MKSUMMARY", "doc_no": "招商MKDOC〔2025〕3号",
		"index_no": "11330782MB1234567X/2025-04321", "tags": "MKTAG", "event": "MKEVENT",
		"attachments": "MKATTACH", "withhold_reason": "MKWITHHOLD", "withdrawn": "MKNOTICE",
		"validity": "已废止", "department": "办公室", "category": "规范性文件", "disclosure": "主动公开",
	}
	noText := map[string]bool{"kind": true, "authors": true, "importance": true, "bulletin": true, "review": true, "adoptions": true,
		"interprets": true} // interprets is a path: the page shows the policy's title and URL, never the path
	for _, k := range article.Keys {
		if _, ok := markers[k.Name]; !ok && !noText[k.Name] {
			t.Fatalf("key %s has no marker in this test: give it one", k.Name)
		}
	}
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
	review := `review:
  content: {by: 李四, at: 2025-03-04, opinion: 公开}
  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, attachments_reviewed: true}
  release: {by: 赵六, at: 2025-03-05, disclosure: 主动公开}
  signoff: {by: 钱七, at: 2025-03-05}
  entry:   {by: 孙八, at: 2025-03-06}
  verify:  {by: 孙八, at: 2025-03-06}
`
	writeFile(t, dir, "content/2025/rule.md", `---
title: 关于MKTITLE的办法
department: 办公室
category: 规范性文件
kind: 动态信息
authors: [张三]
disclosure: 主动公开
withhold_reason: MKWITHHOLD
event: {date: 2025-03-03, name: MKEVENT}
doc_no: 招商MKDOC〔2025〕3号
index_no: 11330782MB1234567X/2025-04321
summary: 摘要MKSUMMARY
tags: [MKTAG]
attachments: [MKATTACH.pdf]
validity: {status: 已废止, at: 2025-04-01, by: new.md}
`+review+`---
正文。
`)
	writeFile(t, dir, "content/2025/MKATTACH.pdf", "%PDF-1.4")
	writeFile(t, dir, "content/2025/new.md", `---
title: 新办法
department: 办公室
category: 规范性文件
kind: 动态信息
authors: [张三]
disclosure: 主动公开
index_no: 11330782MB1234567X/2025-04323
`+review+`---
正文。
`)
	writeFile(t, dir, "content/2025/gone.md", `---
title: 已撤回的通知
department: 办公室
category: 规范性文件
kind: 动态信息
authors: [张三]
disclosure: 主动公开
index_no: 11330782MB1234567X/2025-04322
withdrawn: {at: 2025-05-20, by: 钱七, reason: 有误, notice: MKNOTICE}
`+review+`---
正文。
`)
	out := filepath.Join(t.TempDir(), "site")
	res := mustRun(t, dir, build.Options{Out: out})
	if n := len(res.Project.Public()); n != 2 {
		t.Fatalf("%d public articles, want 2; findings:\n%s", n, res.Project.Findings)
	}
	site := tree(t, out)
	for _, k := range article.Keys {
		m, ok := markers[k.Name]
		if !ok {
			continue
		}
		in := filesContaining(site, m)
		if k.Name == "attachments" { // the copied file carries the name too
			in = filesContaining(site, m+".pdf")
		}
		switch {
		case k.Has(article.Shown) && len(in) == 0:
			t.Errorf("%s is Shown in article.Keys, but its text %q is nowhere in the site", k.Name, m)
		case !k.Has(article.Shown) && len(in) > 0:
			t.Errorf("%s is not Shown in article.Keys, but its text %q is in %s", k.Name, m, strings.Join(in, ", "))
		}
	}
}
