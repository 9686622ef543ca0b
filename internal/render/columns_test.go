package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// columnsArchive returns testdata/columns.txtar with its gongkai.yaml's
// columns: block replaced and more files added.
func columnsArchive(t *testing.T, columns string, more ...txtar.File) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile("testdata/columns.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range a.Files {
		if f.Name == "gongkai.yaml" {
			yaml, _, _ := strings.Cut(string(f.Data), "columns:\n")
			a.Files[i].Data = []byte(yaml + columns)
		}
	}
	a.Files = append(a.Files, more...)
	return a
}

func renderArchive(t *testing.T, a *txtar.Archive) map[string][]byte {
	t.Helper()
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	return mustRender(t, inputFor(t, fsys))
}

func TestAnEmptyOrHiddenColumnIsNeitherPageNorLink(t *testing.T) {
	site := renderArchive(t, columnsArchive(t, "columns:\n  proactive: {hidden: true}\n"))
	for _, dir := range []string{"xxgk/nianbao/", "xxgk/fading/"} { // 年报: no article; 法定主动公开内容: hidden
		if site[dir+"index.html"] != nil {
			t.Errorf("%s rendered", dir)
		}
		for _, p := range []string{"index.html", "xxgk/zhinan/index.html"} {
			if bytes.Contains(site[p], []byte(`href="/`+dir+`"`)) {
				t.Errorf("%s links %s", p, dir)
			}
		}
	}
	if site["xxgk/zhinan/index.html"] == nil {
		t.Errorf("the guide's column is missing")
	}
}

// guide is the n-th 政府信息公开指南 for a long column.
func guide(n int) txtar.File {
	d := fmt.Sprintf("2025-05-%02d", n)
	return txtar.File{Name: fmt.Sprintf("content/2025/guide-%02d.md", n), Data: []byte(fmt.Sprintf(`---
title: 第%d版政府信息公开指南
department: 办公室
category: 政府信息公开指南和目录
kind: 政策文件
authors: [张三]
disclosure: 主动公开
index_no: 11330782MB1234567X/2025-%05d
review:
  content: {by: 李四, at: %[3]s, opinion: 公开}
  secrecy: {by: 王五, at: %[3]s, result: 不涉密}
  release: {by: 赵六, at: %[3]s, disclosure: 主动公开}
  signoff: {by: 钱七, at: %[3]s}
  entry:   {by: 孙八, at: %[3]s}
  verify:  {by: 孙八, at: %[3]s}
---

正文。
`, n, 100+n, d))}
}

func TestALongColumnIsPaginatedBehindItsHomeBlock(t *testing.T) {
	var more []txtar.File
	for n := 1; n <= 24; n++ {
		more = append(more, guide(n))
	}
	site := renderArchive(t, columnsArchive(t, "", more...))
	first, second := string(site["xxgk/zhinan/index.html"]), string(site["xxgk/zhinan/page/2/index.html"])
	if strings.Count(first, "<tr><td") != 20 || strings.Count(second, "<tr><td") != 5 {
		t.Errorf("25 guides: %d rows on page 1, %d on page 2; want 20 and 5",
			strings.Count(first, "<tr><td"), strings.Count(second, "<tr><td"))
	}
	if !strings.Contains(first, `<a href="/xxgk/zhinan/page/2/" rel="next">下一页</a>`) {
		t.Errorf("page 1 does not link page 2")
	}
	home := string(site["index.html"])
	block, _, _ := strings.Cut(home[strings.Index(home, `id="block-guide"`):], "</section>")
	if n := strings.Count(block, "<li>"); n != 5 {
		t.Errorf("the guide's block on the home page lists %d articles, want 5", n)
	}
	if !strings.Contains(block, `<a href="/xxgk/zhinan/" aria-label="更多政府信息公开指南">更多</a>`) {
		t.Errorf("the guide's block has no 更多 link to its column:\n%s", block)
	}
	if site["catalog/latest/page/2/index.html"] == nil {
		t.Errorf("the newest articles behind the home page's 更多 are not paginated")
	}
}

func TestHomeShowsTheColumnsBeforeTheLongLists(t *testing.T) {
	home := string(mustRender(t, loadArchive(t, "testdata/columns.txtar"))["index.html"])
	blocks, latest := strings.Index(home, `class="home-columns"`), strings.Index(home, `id="latest-heading"`)
	if blocks < 0 || latest < 0 || blocks > latest {
		t.Errorf("home: column blocks at %d, newest articles at %d; the blocks must come first", blocks, latest)
	}
	nav := home[strings.Index(home, `<nav class="site-nav"`):]
	nav, _, _ = strings.Cut(nav, "</nav>")
	var got []string
	for _, part := range strings.Split(nav, "</a>")[1:] {
		if i := strings.LastIndex(part, ">"); i >= 0 && strings.Contains(part, "<a ") {
			got = append(got, part[i+1:])
		}
	}
	want := "政府信息公开指南 信息公开制度 法定主动公开内容 依申请公开 政策解读 信息公开目录 信息检索"
	if strings.Join(got, " ") != want {
		t.Errorf("header navigation after 首页: %s\nwant: %s", strings.Join(got, " "), want)
	}
}
