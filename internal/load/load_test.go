package load

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gongkai/internal/config"
	"gongkai/internal/diag"
)

func testConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg, l := config.Parse(nil, []byte(`
site: {title: 测试, org_code: 11330782MB1234567X, timezone: Asia/Shanghai}
departments: [{name: 办公室, head: 李四, leader: 赵六}]
people: [{name: 李四, email: l@x.cn}, {name: 赵六, email: z@x.cn, roles: [deputy]}]
categories: [工作动态]
kinds: [{name: 动态信息, deadline: 1}]
`))
	if cfg == nil {
		t.Fatal(l)
	}
	return cfg
}

func findings(l diag.List) string {
	var b strings.Builder
	l.Sort()
	l.Dedupe().WriteText(&b)
	return b.String()
}

var parseCases = []struct {
	name, src, want string
}{
	{"valid", "---\ntitle: 标题\n---\n正文\n", ""},
	{"no front matter", "正文\n", "content/a.md:1:1: 错误 GK001 没有前置信息：文件第一行应为“---”，接着写前置信息（title、department 等），再以一行“---”结束\n"},
	{"unclosed", "---\ntitle: 标题\n正文\n", "content/a.md:1:1: 错误 GK001 第1行的“---”开始了前置信息，但没有结束：请在最后一个键之后加一行“---”\n"},
	{"full-width colon", "---\ndepartment: 办公室\ntitle：标题\n---\n", "content/a.md:3:6: 错误 GK001 键 title 后面用了中文冒号“：”：YAML 要用英文冒号加一个空格（title: …），请切换到半角输入\n"},
	{"yaml syntax", "---\ntitle: 标题\ntags: [a, b\ncategory: 工作动态\n---\n", "content/a.md:3:12: 错误 GK001 方括号列表 [ 没有闭合：请在这一行末尾补上 ]，各项之间用英文逗号 , 分隔，如 tags: [甲, 乙]\n"},
	{"bad indentation", "---\ntitle: 标题\n  department: 办公室\n---\n", "content/a.md:3:3: 错误 GK001 这一行的缩进不对：同一层的键要左对齐；如果它属于上一行的键，上一行的冒号后面就不能再写值\n"},
	{"not a mapping", "---\n- a\n---\n", "content/a.md:2:1: 错误 GK001 前置信息应由键和值组成（title: …），而不是列表\n"},
	{"unknown key", "---\ntitle: 标题\ncatgory: 工作动态\n---\n", "content/a.md:3:1: 错误 GK002 未知的键“catgory”（是否应为“category”？）；请检查拼写，gongkai 不认识的键不会生效\n"},
	{"unknown nested key", "---\nreview:\n  content: {by: 李四, at: 2025-03-04, opinon: 公开}\n---\n", "content/a.md:3:37: 错误 GK002 未知的键“review.content.opinon”（是否应为“opinion”？）；请检查拼写，gongkai 不认识的键不会生效\n"},
	{"unknown step", "---\nreview:\n  sign_off: {by: 赵六, at: 2025-03-04}\n---\n", "content/a.md:3:3: 错误 GK002 未知的审核步骤“sign_off”（是否应为“signoff”？）；审核顺序为 content → secrecy → release → signoff → entry → verify\n"},
	{"wrong type", "---\ntitle: [一, 二]\nbulletin: 是\n---\n", "content/a.md:2:8: 错误 GK002 title 应为文字，而不是列表\ncontent/a.md:3:11: 错误 GK002 bulletin 应为 true 或 false，而不是“是”\n"},
	{"impossible date", "---\nreview:\n  content: {by: 李四, at: 2025-02-30}\n---\n", "content/a.md:3:25: 错误 GK043 review.content.at：2025-02-30 不是真实存在的日期（2025年2月没有30日）\n"},
	{"bad disclosure", "---\ndisclosure: 公开\n---\n", "content/a.md:2:13: 错误 GK002 disclosure：“公开”不是公开属性，请填写 主动公开、内部公开、依申请公开 或 不予公开\n"},
	{"toml", "+++\ntitle = \"标题\"\n[review.content]\nby = \"李四\"\nat = 2025-03-04\nopinon = \"公开\"\n+++\n正文", "content/a.md:6:1: 错误 GK002 未知的键“review.content.opinon”（是否应为“opinion”？）；请检查拼写，gongkai 不认识的键不会生效\n"},
	{"gbk", "\xb1\xea\xcc\xe2", "content/a.md:1:1: 错误 GK001 文件不是 UTF-8 编码，看起来是 GBK/GB18030（中文 Windows 默认保存的编码）。Windows：用记事本、WPS 或 VS Code 打开，选择“另存为”，编码选 UTF-8；Linux：iconv -f GBK -t UTF-8 content/a.md -o content/a.md.utf8 && mv content/a.md.utf8 content/a.md\n"},
	{"colon in a value", "---\ntitle: 通知: 关于安全生产\n---\n", "content/a.md:2:10: 错误 GK001 title 的值中含有冒号（: ），请用引号把整个值括起来：title: \"通知: 关于安全生产\"\n"},
	{"colon in a value with quotes", "---\ntitle: 关于\"安全\": 通知\n---\n", "content/a.md:2:14: 错误 GK001 title 的值中含有冒号（: ），请用引号把整个值括起来：title: '关于\"安全\": 通知'\n"},
	{"tab in the indentation", "---\nreview:\n\tcontent: {by: 李四}\n---\n", "content/a.md:3:1: 错误 GK001 缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格\n"},
	{"tab after a key", "---\ntitle: 标题\n\tdepartment: 办公室\n---\n", "content/a.md:3:1: 错误 GK001 缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格\n"},
	{"missing comma in braces", "---\nreview:\n  content: {by: 李四 at: 2025-03-04}\n---\n", "content/a.md:3:20: 错误 GK001 “at”前面缺少英文逗号 ,：花括号里的各项之间要用 , 分隔，如 {by: 李四, at: 2025-03-04}\n"},
	{"missing brace", "---\nreview:\n  content: {by: 李四, at: 2025-03-04\ntitle: 标题\n---\n", "content/a.md:3:35: 错误 GK001 花括号 { 没有闭合：请在这一行末尾补上 }，各项之间用英文逗号 , 分隔，如 {by: 李四, at: 2025-03-04}\n"},
	{"full-width comma", "---\nreview:\n  content: {by: 李四， at: 2025-03-04}\n---\n", "content/a.md:3:19: 错误 GK001 这里用了中文逗号“，”：列表和花括号里的各项之间要用英文逗号 , 分隔，请切换到半角输入\n"},
	{"hash in a list", "---\ntags: [安全, #3]\n---\n", "content/a.md:2:12: 错误 GK001 # 在 YAML 中表示注释开始：值里含有 # 时，请用引号把这个值括起来，如 \"#1\"\n"},
	{"hash cuts a value", "---\ntitle: 简报第 #3 期\ncategory: 工作动态 # 一个注释\n---\n", "content/a.md:2:12: 警告 GK002 title 的值中“#”及后面的文字被当作注释忽略了；如果 # 属于值的一部分，请用引号把整个值括起来：title: \"简报第 #3 期\"\n"},
	{"unclosed quote", "---\ntitle: \"关于安全的通知\ncategory: 工作动态\n---\n", "content/a.md:2:8: 错误 GK001 title 的值以引号 \" 开头，但这一行没有与之配对的 \"：请在值的末尾补上 \"\n"},
	{"unclosed single quote", "---\ntitle: 标题\nsummary: '摘要\n---\n", "content/a.md:3:10: 错误 GK001 summary 的值以引号 ' 开头，但这一行没有与之配对的 '：请在值的末尾补上 '\n"},
	{"text after quotes", "---\ntitle: \"关于\" 安全的通知\n---\n", "content/a.md:2:13: 错误 GK001 引号后面还有文字：引号要括住整个值，请把整行的值放进一对引号里\n"},
	{"duplicate key", "---\ntitle: 标题\ncategory: 工作动态\ntitle: 另一个标题\n---\n", "content/a.md:4:1: 错误 GK002 键“title”重复出现：同一个键只能写一次，请删除其中一处\n"},
	{"review alias", "---\nreview:\n  entry: &e\n    by: 李四\n    at: 2025-03-04\n  verify: *e\n---\n", "content/a.md:3:10: 错误 GK002 review 中不得使用 YAML 锚点、别名或合并键（&e）：每一步审核都要由审核人本人逐项写明 by 和 at\ncontent/a.md:6:11: 错误 GK002 review 中不得使用 YAML 锚点、别名或合并键（*e）：每一步审核都要由审核人本人逐项写明 by 和 at\n"},
	{"review merge key", "---\nx: &s {by: 李四, at: 2025-03-04}\nreview:\n  verify:\n    <<: *s\n---\n", "content/a.md:2:1: 错误 GK002 未知的键“x”；请检查拼写，gongkai 不认识的键不会生效\ncontent/a.md:5:5: 错误 GK002 review 中不得使用 YAML 锚点、别名或合并键（<<）：每一步审核都要由审核人本人逐项写明 by 和 at\ncontent/a.md:5:5: 错误 GK002 未知的键“review.verify.<<”；请检查拼写，gongkai 不认识的键不会生效\ncontent/a.md:5:9: 错误 GK002 review 中不得使用 YAML 锚点、别名或合并键（*s）：每一步审核都要由审核人本人逐项写明 by 和 at\n"},
	{"not utf8 nor gbk", "---\ntitle: \xff\n---\n", "content/a.md:1:1: 错误 GK001 文件不是有效的 UTF-8 编码（第一个错误字节在第2行第8列），请另存为 UTF-8\n"},
}

func TestParseReportsProblemsWhereTheyAre(t *testing.T) {
	cfg := testConfig(t)
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			_, l := Parse("content/a.md", []byte(tc.src), cfg)
			if got := findings(l); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestBOMAndCRLFKeepPositions(t *testing.T) {
	cfg := testConfig(t)
	src := "\ufeff---\r\ntitle: 标题\r\nreview:\r\n  content: {by: 李四, at: 2025-03-04}\r\n---\r\n\r\n第一段。\r\n"
	a, l := Parse("content/a.md", []byte(src), cfg)
	if len(l) > 0 {
		t.Fatal(l)
	}
	if a.FM.Title != "标题" || a.BodyLine != 6 || string(a.Body) != "\n第一段。\n" {
		t.Fatalf("title %q body line %d body %q", a.FM.Title, a.BodyLine, a.Body)
	}
	if p, _ := a.Key("review.content.at"); p.Line != 4 || p.Col != 21 {
		t.Fatalf("review.content.at at %v, want 4:21 (columns in characters)", p)
	}
	if p := a.Pos("review.secrecy.by"); p.Line != 3 || p.Col != 1 {
		t.Fatalf("a missing step points at %v, want its parent review: at 3:1", p)
	}
}

func TestBareDatesAreInTheSiteTimeZone(t *testing.T) {
	cfg := testConfig(t)
	a, _ := Parse("content/a.md", []byte("---\nreview:\n  content: {by: 李四, at: 2025-03-04}\n  secrecy: {by: 李四, at: 2025-03-04T09:30:00+00:00}\n---\n"), cfg)
	got := a.FM.Review["content"].At
	want := time.Date(2025, 3, 4, 0, 0, 0, 0, cfg.Location)
	if !got.Equal(want) || got.HasTime {
		t.Fatalf("bare date %v (HasTime %v), want %v", got.Time, got.HasTime, want)
	}
	if s := a.FM.Review["secrecy"].At; !s.HasTime || s.Hour() != 9 {
		t.Fatalf("date-time %v", s.Time)
	}
}

func TestURLFollowsThePermalink(t *testing.T) {
	cfg := testConfig(t)
	cfg.Site.Permalink = "/:category/:year/:month/:slug/"
	a, _ := Parse("content/news/2025/meeting.md", []byte("---\ncategory: 工作动态\nreview:\n  signoff: {by: 赵六, at: 2025-03-05}\n---\n"), cfg)
	if u := URL(cfg, a); u != "/工作动态/2025/03/meeting/" {
		t.Fatalf("URL %q", u)
	}
	b, _ := Parse("content/x/index.md", []byte("---\ntitle: x\n---\n"), cfg)
	if u := URL(cfg, b); u != "/draft/00/x/" {
		t.Fatalf("unsigned URL %q", u)
	}
}

// FuzzParse: the loader never panics and every position lies inside the file.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.src))
	}
	f.Add([]byte("\ufeff---\r\ntitle: 标题\r\n---\r\n正文"))
	f.Add([]byte("---\nreview:\n  content: {by: 李四, at: 2025-13-01}\n  secrecy: [\n---\n"))
	f.Add([]byte("+++\ntitle = 1\n[[adoptions]]\nlevel = \"市\"\n+++\n"))
	cfg := testConfig(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		_, l := Parse("content/a.md", src, cfg)
		lines := strings.Count(string(src), "\n") + 1
		for _, fd := range l {
			if fd.Pos.Line < 1 || fd.Pos.Line > lines || fd.Pos.Col < 1 {
				t.Fatalf("finding outside the file (%d lines): %v", lines, fd)
			}
			if utf8.Valid(src) {
				line := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")[fd.Pos.Line-1]
				if fd.Pos.Col > utf8.RuneCountInString(line)+1 {
					t.Fatalf("column past the end of line %q: %v", line, fd)
				}
			}
		}
	})
}

func TestExpandIsAStringsReplacer(t *testing.T) {
	pairs := []string{":year", "2025", ":month", "03", ":slug", "a:slug", ":category", ":year", ":department", "办公室"}
	for _, s := range []string{"/:year/:month/:slug/", "::slug:", "/:category/:slug", ":departmentx/:yea", "", "/x/", ":", "/:department/:category:year/"} {
		if got, want := expand(s, pairs), strings.NewReplacer(pairs...).Replace(s); got != want {
			t.Errorf("expand(%q) = %q, strings.Replacer gives %q", s, got, want)
		}
	}
}
