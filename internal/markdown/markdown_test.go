package markdown

import (
	"strings"
	"testing"
)

type htmlCase struct {
	name, in, want string
}

// testHTML renders each case with r and resolve and compares the HTML.
func testHTML(t *testing.T, r *Renderer, resolve Resolver, cases []htmlCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := r.Render([]byte(c.in), resolve)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(res.HTML); got != c.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
		})
	}
}

func TestSoftLineBreaksJoinChineseButNotLatin(t *testing.T) {
	testHTML(t, New(Options{}), nil, []htmlCase{
		{"after comma", "各科室要高度重视，\n认真落实。", "<p>各科室要高度重视，认真落实。</p>\n"},
		{"after full stop", "现通知如下。\n一、工作目标", "<p>现通知如下。一、工作目标</p>\n"},
		{"between Han", "安全生产\n责任制", "<p>安全生产责任制</p>\n"},
		{"after enumeration comma", "教育、\n卫生", "<p>教育、卫生</p>\n"},
		{"after colon", "通知如下：\n请", "<p>通知如下：请</p>\n"},
		{"after closing quote", "“放管服”\n改革", "<p>“放管服”改革</p>\n"},
		{"before opening quote", "推进\n“放管服”改革", "<p>推进“放管服”改革</p>\n"},
		{"after book title mark", "《条例》\n规定", "<p>《条例》规定</p>\n"},
		{"after parenthesis", "（一）\n总体要求", "<p>（一）总体要求</p>\n"},
		{"after ellipsis", "等等……\n总之", "<p>等等……总之</p>\n"},
		{"before bold", "各科室要\n**严格落实**", "<p>各科室要<strong>严格落实</strong></p>\n"},
		{"after bold", "**严格落实**\n各项要求", "<p><strong>严格落实</strong>各项要求</p>\n"},
		{"before link", "详见\n[附件](a.pdf)", "<p>详见<a href=\"a.pdf\">附件</a></p>\n"},
		{"Latin words", "Hello\nworld", "<p>Hello\nworld</p>\n"},
		{"Latin comma", "Hello,\nworld", "<p>Hello,\nworld</p>\n"},
		{"Latin full stop", "One.\nTwo", "<p>One.\nTwo</p>\n"},
		{"Latin before bold", "word\n**bold**", "<p>word\n<strong>bold</strong></p>\n"},
		{"Latin closing quote", "say “hi”\nthen", "<p>say “hi”\nthen</p>\n"},
		{"Han then Latin", "使用\nWPS", "<p>使用\nWPS</p>\n"},
		{"hard break stays", "县商务局  \n2025年3月4日", "<p>县商务局<br>\n2025年3月4日</p>\n"},
	})
}

func TestEmphasisClosesNextToChinesePunctuation(t *testing.T) {
	testHTML(t, New(Options{}), nil, []htmlCase{
		{"bold ending in full stop", "**严格落实安全生产责任。**各科室要",
			"<p><strong>严格落实安全生产责任。</strong>各科室要</p>\n"},
		{"bold before text", "**…。**其中", "<p><strong>…。</strong>其中</p>\n"},
		{"bold before ideographic space", "**第一条**\u3000本办法自印发之日起施行。",
			"<p><strong>第一条</strong>\u3000本办法自印发之日起施行。</p>\n"},
		{"bold inside quotes", "“**重点**”", "<p>“<strong>重点</strong>”</p>\n"},
		{"quotes inside bold", "他说**“重点”**很重要", "<p>他说<strong>“重点”</strong>很重要</p>\n"},
		{"bold ending in colon", "**联系方式：**张三", "<p><strong>联系方式：</strong>张三</p>\n"},
		{"bold starting with parenthesis", "见**（一）**部分", "<p>见<strong>（一）</strong>部分</p>\n"},
		{"italic", "*斜体。*其中", "<p><em>斜体。</em>其中</p>\n"},
		{"strikethrough", "~~删除。~~其中", "<p><del>删除。</del>其中</p>\n"},
		{"Latin bold mid-word", "a**b**c", "<p>a<strong>b</strong>c</p>\n"},
		{"Latin punctuation still blocks", "**foo.**bar", "<p>**foo.**bar</p>\n"},
		{"underscore inside words", "snake_case_name", "<p>snake_case_name</p>\n"},
		{"triple tilde is text", "a ~~~b~~~ c", "<p>a ~~~b~~~ c</p>\n"},
	})
}

func TestHeadingIDsKeepChinese(t *testing.T) {
	in := "# 一、工作目标\n\n## 一、工作目标\n\n## 一、工作目标\n\n### ！！！\n\n## Work Plan 2025\n"
	want := "<h1 id=\"一工作目标\">一、工作目标</h1>\n" +
		"<h2 id=\"一工作目标-1\">一、工作目标</h2>\n" +
		"<h2 id=\"一工作目标-2\">一、工作目标</h2>\n" +
		"<h3 id=\"h-4\">！！！</h3>\n" +
		"<h2 id=\"work-plan-2025\">Work Plan 2025</h2>\n"
	testHTML(t, New(Options{}), nil, []htmlCase{{"ids", in, want}})

	res, err := New(Options{}).Render([]byte("## （二）**主要**任务\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	wantH := []Heading{{Level: 2, Text: "（二）主要任务", ID: "二主要任务"}}
	if len(res.Headings) != 1 || res.Headings[0] != wantH[0] {
		t.Errorf("Headings = %+v, want %+v", res.Headings, wantH)
	}
}

func TestRawHTMLIsEscapedUnlessUnsafe(t *testing.T) {
	in := "<div class=\"x\">\n内容\n</div>\n\n段落<span style=\"color:red\">红</span>。<!-- 备注 -->\n\n<!-- 内部备注 -->\n"
	testHTML(t, New(Options{}), nil, []htmlCase{{"safe", in,
		"<p>&lt;div class=&quot;x&quot;&gt;\n内容\n&lt;/div&gt;</p>\n" +
			"<p>段落&lt;span style=&quot;color:red&quot;&gt;红&lt;/span&gt;。</p>\n"},
		{"script", "<script>alert(1)</script>\n", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
	})
	testHTML(t, New(Options{UnsafeHTML: true}), nil, []htmlCase{{"unsafe", in,
		"<div class=\"x\">\n内容\n</div>\n" +
			"<p>段落<span style=\"color:red\">红</span>。</p>\n"},
	})
}

func TestHTMLCommentsNeverReachThePageInEitherMode(t *testing.T) {
	in := strings.Join([]string{
		"<!-- 密1 -->",
		"",
		"段落<!-- 密2 -->。",
		"",
		"- 项<!-- 密3 -->",
		"",
		"| 列<!-- 密4 --> |",
		"|---|",
		"| 格<!-- 密5 --> |",
		"",
		"## 标题<!-- 密6 -->",
		"",
		"> 引<!-- 密7 -->",
		"",
		"脚注[^1]，[链接<!-- 密8 -->](https://example.com)",
		"",
		"[^1]: 注<!-- 密9 -->",
		"",
		"<div>块<!-- 密10 --></div>",
		"",
		"<!-- 多行",
		"密11 -->后文",
		"",
	}, "\n")
	for _, unsafe := range []bool{false, true} {
		res, err := New(Options{UnsafeHTML: unsafe}).Render([]byte(in), nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.HTML), "密") || strings.Contains(string(res.HTML), "<!--") {
			t.Errorf("unsafe=%v: a comment reached the HTML:\n%s", unsafe, res.HTML)
		}
		if !strings.Contains(string(res.HTML), "格") || !strings.Contains(string(res.HTML), "引") {
			t.Errorf("unsafe=%v: text around the comments was lost:\n%s", unsafe, res.HTML)
		}
	}
}

func TestLinksGoThroughResolver(t *testing.T) {
	resolve := func(dest string) (string, bool) {
		switch dest {
		case "../2025/notice.md":
			return "/xxgk/2025/03/notice/", true
		case "附件1.pdf":
			return "/files/a1.pdf", true
		case "https://old.gov.cn":
			return "https://new.gov.cn", true
		}
		return "", false
	}
	testHTML(t, New(Options{}), resolve, []htmlCase{
		{"article link", "见[通知](../2025/notice.md)。", "<p>见<a href=\"/xxgk/2025/03/notice/\">通知</a>。</p>\n"},
		{"image", "![图1](附件1.pdf)", "<p><img src=\"/files/a1.pdf\" alt=\"图1\"></p>\n"},
		{"reference link", "见[通知][n]。\n\n[n]: ../2025/notice.md\n", "<p>见<a href=\"/xxgk/2025/03/notice/\">通知</a>。</p>\n"},
		{"autolink", "<https://old.gov.cn>", "<p><a href=\"https://new.gov.cn\">https://old.gov.cn</a></p>\n"},
		{"external kept", "[中国政府网](https://www.gov.cn/zhengce/)", "<p><a href=\"https://www.gov.cn/zhengce/\">中国政府网</a></p>\n"},
		{"unresolved kept", "[旧文](../2019/x.md)", "<p><a href=\"../2019/x.md\">旧文</a></p>\n"},
		{"javascript dropped", "[点击](javascript:alert(1))", "<p><a href=\"#\">点击</a></p>\n"},
		{"JavaScript dropped", "[点击](JavaScript:alert(1))", "<p><a href=\"#\">点击</a></p>\n"},
		{"javascript autolink dropped", "<javascript:alert(1)>", "<p><a href=\"#\">javascript:alert(1)</a></p>\n"},
	})
	testHTML(t, New(Options{UnsafeHTML: true}), nil, []htmlCase{
		{"javascript kept when unsafe", "[点击](javascript:alert(1))", "<p><a href=\"javascript:alert(1)\">点击</a></p>\n"},
	})
}

func TestTablesAreWrapped(t *testing.T) {
	in := "| 项目 | 金额 |\n|---|---:|\n| 办公费 | 100 |\n"
	want := "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n<th>项目</th>\n<th style=\"text-align:right\">金额</th>\n" +
		"</tr>\n</thead>\n<tbody>\n<tr>\n<td>办公费</td>\n<td style=\"text-align:right\">100</td>\n</tr>\n</tbody>\n</table>\n</div>\n"
	testHTML(t, New(Options{}), nil, []htmlCase{{"table", in, want}})
}

func TestTextAndSummary(t *testing.T) {
	in := strings.Join([]string{
		"# 关于做好安全生产工作的通知",
		"",
		"各科室：**为进一步**加强安全生产工作，",
		"现将有关事项通知如下。详见[附件](a.pdf)![图](b.png)<span>x</span>。",
		"",
		"## 一、工作目标",
		"",
		"- 坚持`安全第一`",
		"- 预防为主[^1]",
		"",
		"| 项目 | 金额 |",
		"|---|---|",
		"| 办公费 | 100 |",
		"",
		"```",
		"代码不入索引",
		"```",
		"",
		"[^1]: 见《条例》。",
	}, "\n")
	res, err := New(Options{}).Render([]byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	wantText := strings.Join([]string{
		"关于做好安全生产工作的通知",
		"各科室：为进一步加强安全生产工作，现将有关事项通知如下。详见附件x。",
		"一、工作目标",
		"坚持安全第一",
		"预防为主",
		"项目 金额",
		"办公费 100",
		"见《条例》。",
	}, "\n")
	if res.Text != wantText {
		t.Errorf("Text =\n%s\nwant\n%s", res.Text, wantText)
	}
	if want := "各科室：为进一步加强安全生产工作，现将有关事项通知如下。详见附件x。"; res.Summary != want {
		t.Errorf("Summary = %q, want %q", res.Summary, want)
	}
}

func TestTextKeepsLatinSpaces(t *testing.T) {
	res, err := New(Options{}).Render([]byte("Open\n*data* portal\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "Open data portal" || res.Summary != "Open data portal" {
		t.Errorf("Text, Summary = %q, %q, want both %q", res.Text, res.Summary, "Open data portal")
	}
}

func TestJoinsAtBreak(t *testing.T) {
	cases := []struct {
		before, after rune
		want          bool
	}{
		{'中', '文', true}, {'，', 'a', true}, {'a', '（', true}, {'”', '中', true},
		{'中', '“', true}, {'…', '“', true}, {'\u3000', 'a', true},
		{'a', 'b', false}, {',', 'b', false}, {'中', 'A', false}, {'1', '中', false},
		{'”', 'a', false}, {'한', '국', false}, {'😀', '中', false},
	}
	for _, c := range cases {
		if got := joinsAtBreak(c.before, c.after); got != c.want {
			t.Errorf("joinsAtBreak(%q, %q) = %v, want %v", c.before, c.after, got, c.want)
		}
	}
}

func TestRenderIsSafeForConcurrentUse(t *testing.T) {
	r := New(Options{})
	body := []byte(benchArticle())
	want, err := r.Render(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	for range 4 {
		go func() {
			res, _ := r.Render(body, func(string) (string, bool) { return "", false })
			done <- string(res.HTML)
		}()
	}
	for range 4 {
		if got := <-done; got != string(want.HTML) {
			t.Error("concurrent Render gave different HTML")
		}
	}
}
