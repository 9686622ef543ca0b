package frontedit

import (
	"strings"
	"testing"
)

var secrecy = []Field{
	{Key: "by", Value: "王五"},
	{Key: "at", Value: "2025-03-04"},
	{Key: "result", Value: "不涉密"},
	{Key: "cleared", List: []string{"内部资料"}, IsList: true},
}

// Each case is the file before and after adding review.secrecy; only the
// lines shown as added may differ.
var insertCases = []struct {
	name, in, want string
}{
	{"block of flow steps",
		"---\ntitle: 会议\nreview:\n  content: {by: 李四, at: 2025-03-04, opinion: 公开}   # 科长\n# 以下待签\n---\n正文\n",
		"---\ntitle: 会议\nreview:\n  content: {by: 李四, at: 2025-03-04, opinion: 公开}   # 科长\n  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料]}\n# 以下待签\n---\n正文\n"},
	{"block of block steps, four spaces",
		"---\ntitle: 会议\nreview:\n    content:\n        by: 李四\n        # 科长本人\n        at: 2025-03-04\n        opinion: 公开\n\ntags: [a]\n---\n正文\n",
		"---\ntitle: 会议\nreview:\n    content:\n        by: 李四\n        # 科长本人\n        at: 2025-03-04\n        opinion: 公开\n    secrecy:\n        by: 王五\n        at: 2025-03-04\n        result: 不涉密\n        cleared: [内部资料]\n\ntags: [a]\n---\n正文\n"},
	{"flow review on one line",
		"---\ntitle: 会议\nreview: {content: {by: 李四, at: 2025-03-04, opinion: 公开}}  # 注\n---\n",
		"---\ntitle: 会议\nreview: {content: {by: 李四, at: 2025-03-04, opinion: 公开}, secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料]}}  # 注\n---\n"},
	{"empty flow review, spaced",
		"---\ntitle: 会议\nreview: { }\n---\n",
		"---\ntitle: 会议\nreview: { secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料]} }\n---\n"},
	{"flow review over lines",
		"---\ntitle: 会议\nreview: {\n  content: { by: 李四, at: 2025-03-04, opinion: 公开 }\n}\n---\n",
		"---\ntitle: 会议\nreview: {\n  content: { by: 李四, at: 2025-03-04, opinion: 公开 },\n  secrecy: { by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料] }\n}\n---\n"},
	{"no review key",
		"---\ntitle: 会议\nevent:\n    date: 2025-03-03\n---\n正文\n",
		"---\ntitle: 会议\nevent:\n    date: 2025-03-03\nreview:\n    secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料]}\n---\n正文\n"},
	{"empty review key with a comment",
		"---\ntitle: 会议\nreview:   # 逐步填写\ntags: []\n---\n",
		"---\ntitle: 会议\nreview:   # 逐步填写\n  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料]}\ntags: []\n---\n"},
	{"BOM and CRLF",
		"\ufeff---\r\ntitle: 会议\r\nreview:\r\n  content: {by: 李四, at: 2025-03-04, opinion: 公开}\r\n---\r\n正文\r\n",
		"\ufeff---\r\ntitle: 会议\r\nreview:\r\n  content: {by: 李四, at: 2025-03-04, opinion: 公开}\r\n  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [内部资料]}\r\n---\r\n正文\r\n"},
	{"TOML tables",
		"+++\ntitle = \"会议\"\n\n[review.content]\nby = \"李四\"\nat = 2025-03-04\nopinion = \"公开\"\n\n[event]\ndate = 2025-03-03\n+++\n正文\n",
		"+++\ntitle = \"会议\"\n\n[review.content]\nby = \"李四\"\nat = 2025-03-04\nopinion = \"公开\"\n\n[review.secrecy]\nby = \"王五\"\nat = 2025-03-04\nresult = \"不涉密\"\ncleared = [\"内部资料\"]\n\n[event]\ndate = 2025-03-03\n+++\n正文\n"},
	{"TOML review of inline tables",
		"+++\r\ntitle = \"会议\"\r\n[review]\r\ncontent = { by = \"李四\", at = 2025-03-04, opinion = \"公开\" }\r\n+++\r\n",
		"+++\r\ntitle = \"会议\"\r\n[review]\r\ncontent = { by = \"李四\", at = 2025-03-04, opinion = \"公开\" }\r\nsecrecy = { by = \"王五\", at = 2025-03-04, result = \"不涉密\", cleared = [\"内部资料\"] }\r\n+++\r\n"},
	{"TOML without review",
		"+++\ntitle = \"会议\"\n+++\n",
		"+++\ntitle = \"会议\"\n\n[review.secrecy]\nby = \"王五\"\nat = 2025-03-04\nresult = \"不涉密\"\ncleared = [\"内部资料\"]\n+++\n"},
}

func TestInsertStepKeepsEveryOtherByte(t *testing.T) {
	for _, c := range insertCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := InsertStep([]byte(c.in), "secrecy", secrecy)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Fatalf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}

func TestInsertStepQuotesValuesYAMLWouldMisread(t *testing.T) {
	in := "---\ntitle: t\nreview:\n  content: {by: 李四, at: 2025-03-04, opinion: 公开}\n---\n"
	f := []Field{{Key: "by", Value: "王五"}, {Key: "at", Value: "2025-03-04"}, {Key: "result", Value: "不涉密"},
		{Key: "cleared", List: []string{"秘密★", "a, b", "yes"}, IsList: true}}
	got, err := InsertStep([]byte(in), "secrecy", f)
	if err != nil {
		t.Fatal(err)
	}
	if want := `  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密, cleared: [秘密★, "a, b", "yes"]}`; !strings.Contains(string(got), want+"\n") {
		t.Fatalf("got\n%s", got)
	}
}

func TestInsertStepRefuses(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"---\ntitle: t\nreview:\n  secrecy: {by: 王五, at: 2025-03-04}\n---\n", "review.secrecy 已经存在"},
		{"---\ntitle: t\nreview: [a]\n---\n", "第 3 行的 review: 不是键值映射"},
		{"+++\ntitle = \"t\"\nreview = { content = { by = \"李四\" } }\n+++\n", "行内表"},
		{"title: t\n", "没有可识别的前置元数据"},
		{"---\ntitle: [\n---\n", "前置元数据无法解析"},
	} {
		_, err := InsertStep([]byte(c.in), "secrecy", secrecy[:2])
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.in, err, c.want)
		}
	}
}
