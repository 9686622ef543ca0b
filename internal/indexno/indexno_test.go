package indexno

import (
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/load"
)

const testConfig = `site:
  title: 测试县招商局政府信息公开
  base_url: https://zsj.example.gov.cn/
  timezone: Asia/Shanghai
  org_code: ORG
departments:
  - {name: 办公室, head: 李四, leader: 赵六}
people:
  - {name: 张三, email: zhangsan@example.gov.cn, department: 办公室}
  - {name: 李四, email: lisi@example.gov.cn, department: 办公室}
  - {name: 王五, email: wangwu@example.gov.cn, roles: [secrecy]}
  - {name: 钱七, email: qianqi@example.gov.cn, roles: [principal]}
  - {name: 赵六, email: zhaoliu@example.gov.cn, roles: [deputy]}
categories: [工作动态]
kinds:
  - {name: 动态信息}
`

// article returns the text of an article signed off on signoff ("" for
// none), with an index_no line when indexNo is not "-".
func articleText(title, signoff, indexNo string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: " + title + "\ndepartment: 办公室\ncategory: 工作动态\nkind: 动态信息\nauthors: [张三]\ndisclosure: 主动公开\n")
	if indexNo != "-" {
		b.WriteString("index_no: " + indexNo + "\n")
	}
	if signoff != "" {
		b.WriteString("review:\n  content: {by: 李四, at: " + signoff + ", opinion: 公开}\n  secrecy: {by: 王五, at: " + signoff +
			", result: 不涉密}\n  release: {by: 赵六, at: " + signoff + ", disclosure: 主动公开}\n  signoff: {by: 钱七, at: " + signoff + "}\n")
	}
	b.WriteString("---\n\n正文。\n")
	return b.String()
}

func loadArticles(t *testing.T, files map[string]string) (*config.Config, []*article.Article) {
	t.Helper()
	fsys := fstest.MapFS{config.FileName: {Data: []byte(testConfig)}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg, findings := config.Load(fsys)
	if findings.HasErrors() {
		t.Fatalf("config: %s", findings)
	}
	arts, loaded := load.Load(fsys, cfg)
	if loaded.HasErrors() {
		t.Fatalf("load: %s", loaded)
	}
	return cfg, arts
}

func TestAssignNumbersBySignOffDateAndNeverReusesASerial(t *testing.T) {
	cfg, arts := loadArticles(t, map[string]string{
		"content/a.md":     articleText("甲", "2025-03-05", "-"),
		"content/b.md":     articleText("乙", "2025-03-04", "-"),
		"content/c.md":     articleText("丙", "2025-03-04", "-"),
		"content/d.md":     articleText("丁", "2024-12-30", "-"),
		"content/e.md":     articleText("戊", "2025-01-02", "ORG/2025-00007"),
		"content/draft.md": articleText("草稿", "", "-"),
	})
	ledger := Ledger{2025: 9, 2023: 40} // serial 2025-00009 was given to an article since deleted
	got := map[string]string{}
	var order []string
	for _, as := range Assign(cfg, arts, ledger) {
		got[as.Article.Path] = as.IndexNo
		order = append(order, as.Article.Path)
	}
	want := map[string]string{
		"content/d.md": "ORG/2024-00001",
		"content/b.md": "ORG/2025-00010", // same day as c: by path
		"content/c.md": "ORG/2025-00011",
		"content/a.md": "ORG/2025-00012",
	}
	if len(got) != len(want) {
		t.Errorf("assigned %v, want %v (the draft and the numbered article get nothing)", got, want)
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: %q, want %q", p, got[p], w)
		}
	}
	if strings.Join(order, " ") != "content/d.md content/b.md content/c.md content/a.md" {
		t.Errorf("order %v, want by sign-off date then path", order)
	}
	if ledger[2025] != 12 || ledger[2024] != 1 || ledger[2023] != 40 {
		t.Errorf("ledger after assigning: %v", ledger)
	}
}

func TestAssignCountsSerialsStillInContentAboveTheLedger(t *testing.T) {
	cfg, arts := loadArticles(t, map[string]string{
		"content/old.md": articleText("旧", "2025-01-02", "ORG/2025-00031"),
		"content/new.md": articleText("新", "2025-02-02", "-"),
	})
	as := Assign(cfg, arts, Ledger{2025: 3})
	if len(as) != 1 || as[0].IndexNo != "ORG/2025-00032" {
		t.Errorf("assigned %+v, want ORG/2025-00032 after the serial 31 in content/", as)
	}
}

func TestLedgerRoundTrips(t *testing.T) {
	l := Ledger{2026: 3, 2024: 120, 2025: 7}
	src := l.Bytes()
	if !strings.Contains(string(src), "2024: 120\n2025: 7\n2026: 3\n") {
		t.Errorf("ledger file lists years out of order:\n%s", src)
	}
	back, err := ParseLedger(src)
	if err != nil || len(back) != 3 || back[2024] != 120 || back[2026] != 3 {
		t.Errorf("ParseLedger(Bytes()) = %v, %v", back, err)
	}
	if empty, err := ParseLedger(nil); err != nil || len(empty) != 0 {
		t.Errorf("an empty ledger file: %v, %v", empty, err)
	}
	if _, err := ParseLedger([]byte("2025: [")); err == nil {
		t.Error("a broken ledger file was accepted")
	}
}

func TestInsertTouchesOnlyTheNewLine(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"before the closing line",
			"---\ntitle: 甲\n---\n\n正文。\n",
			"---\ntitle: 甲\nindex_no: ORG/2025-00001\n---\n\n正文。\n"},
		{"an empty index_no line gets the value",
			"---\ntitle: 甲\nindex_no:\nsummary: 摘要\n---\n正文。\n",
			"---\ntitle: 甲\nindex_no: ORG/2025-00001\nsummary: 摘要\n---\n正文。\n"},
		{"BOM and CRLF kept",
			"\ufeff---\r\ntitle: 甲\r\n---\r\n\r\n正文。\r\n",
			"\ufeff---\r\ntitle: 甲\r\nindex_no: ORG/2025-00001\r\n---\r\n\r\n正文。\r\n"},
		{"TOML: after the opening line",
			"+++\ntitle = \"甲\"\n[review]\n+++\n正文。\n",
			"+++\nindex_no = \"ORG/2025-00001\"\ntitle = \"甲\"\n[review]\n+++\n正文。\n"},
	} {
		fsys := fstest.MapFS{config.FileName: {Data: []byte(testConfig)}}
		cfg, _ := config.Load(fsys)
		a, _ := load.Parse("content/a.md", []byte(c.src), cfg)
		got, err := Insert([]byte(c.src), a, "ORG/2025-00001")
		if err != nil || string(got) != c.want {
			t.Errorf("%s: got %q, %v\nwant %q", c.name, got, err, c.want)
		}
	}
}

func TestParseReadsTheOneGrammarOfAnIndexNumber(t *testing.T) {
	for _, c := range []struct {
		in           string
		org          string
		year, serial int
		ok           bool
	}{
		{"11330782MB1234567X/2025-00001", "11330782MB1234567X", 2025, 1, true},
		{"a/b/2024-12345", "a/b", 2024, 12345, true},
		{"11330782MB1234567X/2025-1", "", 0, 0, false},
		{"11330782MB1234567X/2025—00001", "", 0, 0, false},
		{"/2025-00001", "", 0, 0, false},
		{"11330782MB1234567X/２０２５-00001", "", 0, 0, false},
		{"", "", 0, 0, false},
	} {
		org, year, serial, ok := Parse(c.in)
		if org != c.org || year != c.year || serial != c.serial || ok != c.ok {
			t.Errorf("Parse(%q) = %q, %d, %d, %v; want %q, %d, %d, %v", c.in, org, year, serial, ok, c.org, c.year, c.serial, c.ok)
		}
		if ok && Format(org, year, serial) != c.in {
			t.Errorf("Format(Parse(%q)) = %q", c.in, Format(org, year, serial))
		}
	}
}
