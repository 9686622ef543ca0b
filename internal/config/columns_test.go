package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/msg"
)

const columnsBase = `site: {title: 某某县招商局政府信息公开, org_code: 11330782MB1234567X}
categories: [规范性文件, 工作动态, 信息公开年度工作报告, 依申请公开, 政府信息公开指南和目录]
`

func parseColumns(t *testing.T, extra string, files fstest.MapFS) (*Config, string) {
	t.Helper()
	if files == nil {
		files = fstest.MapFS{}
	}
	cfg, findings := Parse(files, []byte(columnsBase+extra))
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(f.String() + "\n")
	}
	return cfg, b.String()
}

func TestColumnsNeedNoConfiguration(t *testing.T) {
	cfg, findings := parseColumns(t, "", nil)
	if findings != "" {
		t.Fatalf("findings:\n%s", findings)
	}
	var got []string
	for _, c := range cfg.ColumnList() {
		got = append(got, c.Title+" "+c.Slug+" "+strings.Join(c.Categories, ","))
	}
	want := []string{
		"政府信息公开指南 zhinan 政府信息公开指南和目录",
		"政府信息公开制度 zhidu ", // 政府信息公开制度 is not declared: an empty column
		"法定主动公开内容 fading 规范性文件,工作动态",
		"政府信息公开年报 nianbao 信息公开年度工作报告",
		"依申请公开 yishenqing 依申请公开",
		"政策解读 jiedu ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("columns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestProactiveColumnLeavesOutWhatAnotherColumnLists(t *testing.T) {
	cfg, findings := parseColumns(t, "columns:\n  guide: {categories: [政府信息公开指南和目录, 规范性文件]}\n", nil)
	if findings != "" {
		t.Fatalf("findings:\n%s", findings)
	}
	if got := cfg.Columns.Proactive.Categories; !slices.Equal(got, []string{"工作动态"}) {
		t.Errorf("法定主动公开内容 lists %v, want [工作动态]", got)
	}
}

func TestColumnMistakesAreFindingsAtTheirKey(t *testing.T) {
	msg.SetLang(msg.ZH)
	_, findings := parseColumns(t, `columns:
  guide: {categories: [工作动太]}
  rules: {slug: Zhi Du}
  reports: {slug: zhinan, form: content/a.docx}
  requests: {form: content/forms/申请表.docx}
`, nil)
	for _, want := range []string{
		"gongkai.yaml:4:24: 错误 GK003 columns.guide.categories：主题分类“工作动太”未在 categories: 中声明",
		"gongkai.yaml:5:11: 错误 GK002 columns.rules.slug“Zhi Du”只能由小写字母、数字和连字符组成",
		"gongkai.yaml:6:13: 错误 GK002 columns.reports.slug“zhinan”已用于栏目 guide，请另取一个",
		"gongkai.yaml:6:27: 错误 GK002 columns.reports.form：只有依申请公开（requests）栏目提供申请表下载",
		"gongkai.yaml:7:14: 错误 GK002 columns.requests.form：仓库中没有文件“content/forms/申请表.docx”",
	} {
		if !strings.Contains(findings, want) {
			t.Errorf("no finding %q in\n%s", want, findings)
		}
	}
}

func TestApplicationFormIsADocumentUnderContent(t *testing.T) {
	msg.SetLang(msg.ZH)
	for _, form := range []string{"forms/申请表.docx", "content/../gongkai.yaml", "content/forms/申请表.exe"} {
		_, findings := parseColumns(t, "columns:\n  requests: {form: \""+form+"\"}\n", nil)
		if !strings.Contains(findings, "GK002 columns.requests.form“"+form+"”须是 content/ 下的文件") {
			t.Errorf("form %s: findings\n%s", form, findings)
		}
	}
	cfg, findings := parseColumns(t, "columns:\n  requests: {form: content/forms/申请表.docx}\n",
		fstest.MapFS{"content/forms/申请表.docx": {Data: []byte("PK")}})
	if findings != "" || cfg.Columns.Requests.Form != "content/forms/申请表.docx" {
		t.Errorf("a form in place: findings\n%s", findings)
	}
}
