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
	l.Sort().WriteText(&b)
	return b.String()
}

var parseCases = []struct {
	name, src, want string
}{
	{"valid", "---\ntitle: 标题\n---\n正文\n", ""},
	{"no front matter", "正文\n", "content/a.md:1:1: error GK001 no front matter: the file must start with a line \"---\", the front matter (title, department, …), and a closing \"---\"\n"},
	{"unclosed", "---\ntitle: 标题\n正文\n", "content/a.md:1:1: error GK001 the front matter opened by \"---\" on line 1 is never closed: add a line \"---\" after the last key\n"},
	{"full-width colon", "---\ndepartment: 办公室\ntitle：标题\n---\n", "content/a.md:3:6: error GK001 full-width colon \"：\" after key \"title\": YAML needs an ASCII colon and a space (title: …); switch the input method to half-width\n"},
	{"yaml syntax", "---\ntitle: 标题\ntags: [a, b\ncategory: 工作动态\n---\n", "content/a.md:3:1: error GK001 front matter cannot be parsed: did not find expected ',' or ']'\n"},
	{"bad indentation", "---\ntitle: 标题\n  department: 办公室\n---\n", "content/a.md:3:1: error GK001 front matter cannot be parsed: mapping values are not allowed in this context\n"},
	{"not a mapping", "---\n- a\n---\n", "content/a.md:2:1: error GK001 front matter must be keys and values (title: …), not a list\n"},
	{"unknown key", "---\ntitle: 标题\ncatgory: 工作动态\n---\n", "content/a.md:3:1: error GK002 unknown key \"catgory\" (did you mean \"category\"?)\n"},
	{"unknown nested key", "---\nreview:\n  content: {by: 李四, at: 2025-03-04, opinon: 公开}\n---\n", "content/a.md:3:37: error GK002 unknown key \"review.content.opinon\" (did you mean \"opinion\"?)\n"},
	{"unknown step", "---\nreview:\n  sign_off: {by: 赵六, at: 2025-03-04}\n---\n", "content/a.md:3:3: error GK002 unknown review step \"sign_off\" (did you mean \"signoff\"?) (the chain is content → secrecy → release → signoff → entry → verify)\n"},
	{"wrong type", "---\ntitle: [一, 二]\nbulletin: 是\n---\n", "content/a.md:2:8: error GK002 title must be text, not a list\ncontent/a.md:3:11: error GK002 bulletin must be true or false, not \"是\"\n"},
	{"impossible date", "---\nreview:\n  content: {by: 李四, at: 2025-02-30}\n---\n", "content/a.md:3:25: error GK043 review.content.at: 2025-02-30 is not a real date (2025年2月 has no day 30)\n"},
	{"bad disclosure", "---\ndisclosure: 公开\n---\n", "content/a.md:2:13: error GK002 disclosure: \"公开\" is not a disclosure attribute (主动公开, 内部公开, 依申请公开 or 不予公开)\n"},
	{"toml", "+++\ntitle = \"标题\"\n[review.content]\nby = \"李四\"\nat = 2025-03-04\nopinon = \"公开\"\n+++\n正文", "content/a.md:6:1: error GK002 unknown key \"review.content.opinon\" (did you mean \"opinion\"?)\n"},
	{"review alias", "---\nreview:\n  entry: &e\n    by: 李四\n    at: 2025-03-04\n  verify: *e\n---\n",
		"content/a.md:3:10: error GK002 review 中不得使用 YAML 锚点、别名或合并键（&e）：每一步审核都要由审核人本人逐项写明 by 和 at\n" +
			"content/a.md:6:11: error GK002 review 中不得使用 YAML 锚点、别名或合并键（*e）：每一步审核都要由审核人本人逐项写明 by 和 at\n"},
	{"review merge key", "---\nx: &s {by: 李四, at: 2025-03-04}\nreview:\n  verify:\n    <<: *s\n---\n",
		"content/a.md:2:1: error GK002 unknown key \"x\"\n" +
			"content/a.md:5:5: error GK002 review 中不得使用 YAML 锚点、别名或合并键（<<）：每一步审核都要由审核人本人逐项写明 by 和 at\n" +
			"content/a.md:5:5: error GK002 unknown key \"review.verify.<<\"\n" +
			"content/a.md:5:9: error GK002 review 中不得使用 YAML 锚点、别名或合并键（*s）：每一步审核都要由审核人本人逐项写明 by 和 at\n"},
	{"gbk", "\xb1\xea\xcc\xe2", "content/a.md:1:1: error GK001 file is not UTF-8; it looks like GBK/GB18030 (as saved on Chinese Windows). Convert it: iconv -f GB18030 -t UTF-8 FILE > FILE.new && mv FILE.new FILE, or in the editor save with encoding UTF-8\n"},
	{"not utf8 nor gbk", "---\ntitle: \xff\n---\n", "content/a.md:1:1: error GK001 file is not valid UTF-8 (first bad byte at line 2, column 8); save it as UTF-8\n"},
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
	if p := a.Keys["review.content.at"]; p.Line != 4 || p.Col != 21 {
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
