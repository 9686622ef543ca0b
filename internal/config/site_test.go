package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

const siteBase = `site:
  title: 某某县招商局政府信息公开
  base_url: https://zsj.example.gov.cn/
  org_code: 11330782MB1234567X
`

func parse(t *testing.T, src string, files fstest.MapFS) (*Config, string) {
	t.Helper()
	cfg, l := Parse(files, []byte(src))
	return cfg, strings.TrimSpace(l.String())
}

func TestPublisherDefaultsToTheOrganisationInTheTitle(t *testing.T) {
	cfg, l := parse(t, siteBase+`departments:
  - {name: 办公室}
  - {name: 招商一科, publisher: 某某县招商局、某某县发展和改革局}
`, nil)
	if cfg == nil {
		t.Fatal(l)
	}
	if got := cfg.Publisher("办公室"); got != "某某县招商局" {
		t.Errorf("Publisher(办公室) = %q, want the agency 某某县招商局", got)
	}
	if got := cfg.Publisher("招商一科"); got != "某某县招商局、某某县发展和改革局" {
		t.Errorf("Publisher(招商一科) = %q, want its own publisher", got)
	}
	if cfg.Site.Domain != "zsj.example.gov.cn" {
		t.Errorf("Domain = %q, want base_url's host", cfg.Site.Domain)
	}
	for title, want := range map[string]string{"某某县人民政府门户网站": "某某县人民政府", "某某县招商局": "某某县招商局"} {
		if got := DefaultPublisher(title); got != want {
			t.Errorf("DefaultPublisher(%s) = %s, want %s", title, got, want)
		}
	}
}

func TestCategoriesMayDeclareASlug(t *testing.T) {
	cfg, l := parse(t, siteBase+`categories: [工作动态, {name: 规范性文件, slug: gfxwj}]
`, nil)
	if cfg == nil {
		t.Fatal(l)
	}
	if strings.Join(cfg.Categories, " ") != "工作动态 规范性文件" || cfg.CategoryList[1].Slug != "gfxwj" {
		t.Errorf("categories = %v, %v", cfg.Categories, cfg.CategoryList)
	}
}

func TestDeclaredSlugsAreWellFormedAndUnique(t *testing.T) {
	_, l := parse(t, siteBase+`departments:
  - {name: 招商一科, slug: zs1k}
  - {name: 招商壹科, slug: zs1k}
  - {name: 办公室, slug: Ban Gong}
categories: [{name: 工作动态, slug: gzdt}, {slug: qita}, {name: 其他, slug: gzdt}]
`, nil)
	want := `gongkai.yaml:7:18: 错误 GK002 slug“zs1k”已用于“招商一科”，请另取一个
gongkai.yaml:8:17: 错误 GK002 slug“Ban Gong”只能由小写字母、数字和连字符组成，如 zhaoshangyike
gongkai.yaml:9:40: 错误 GK002 categories 中第2项没有填写 name
gongkai.yaml:9:54: 错误 GK002 slug“gzdt”已用于“工作动态”，请另取一个`
	if l != want {
		t.Errorf("findings:\n%s\nwant:\n%s", l, want)
	}
}

func TestFooterRecordsAreChecked(t *testing.T) {
	_, l := parse(t, siteBase+`  police_record: {url: http://}
  badge: {image: 标识.png}
  error_report: zfwzzc.example.cn
`, fstest.MapFS{})
	want := `gongkai.yaml:5:3: 错误 GK002 site.police_record 缺少备案号 number，如 浙公网安备 33078202000123号
gongkai.yaml:5:19: 错误 GK002 site.police_record.url“http://”须是完整的 http(s) 网址，如 https://www.example.gov.cn/
gongkai.yaml:6:11: 错误 GK002 site.badge.image：templates/ 下没有文件“标识.png”，请把党政机关网站标识图片放在 templates/ 下
gongkai.yaml:7:3: 错误 GK002 site.error_report“zfwzzc.example.cn”须是完整的 http(s) 网址，如 https://www.example.gov.cn/`
	if l != want {
		t.Errorf("findings:\n%s\nwant:\n%s", l, want)
	}
	cfg, l := parse(t, siteBase+`  police_record: {number: 浙公网安备 33078202000123号}
  badge: {image: 标识.png}
`, fstest.MapFS{"templates/标识.png": {Data: []byte("png")}})
	if cfg == nil {
		t.Fatal(l)
	}
	if got := cfg.Site.PoliceRecord.URL; got != "https://beian.mps.gov.cn/#/query/webSearch?code=33078202000123" {
		t.Errorf("police record URL = %q", got)
	}
}

func TestInterpretationIsRequiredForPoliciesUnlessTurnedOff(t *testing.T) {
	cfg, l := parse(t, siteBase+`categories: [规范性文件, 工作动态]
`, nil)
	if cfg == nil {
		t.Fatal(l)
	}
	if !cfg.NeedsInterpretation("规范性文件") || cfg.NeedsInterpretation("工作动态") {
		t.Errorf("by default only 规范性文件 needs an interpretation")
	}
	cfg, _ = parse(t, siteBase+`categories: [规范性文件]
interpretation: {required: false}
`, nil)
	if cfg.NeedsInterpretation("规范性文件") {
		t.Errorf("required: false turns GK052 off")
	}
	_, l = parse(t, siteBase+`categories: [规范性文件]
interpretation: {categories: [规范文件]}
`, nil)
	if !strings.Contains(l, "GK003 interpretation.categories：主题分类“规范文件”未在 categories: 中声明") {
		t.Errorf("an undeclared category is GK003; got\n%s", l)
	}
}

func TestACategoryWithAnUnknownKeyIsAnError(t *testing.T) {
	_, l := parse(t, siteBase+`categories: [{name: 工作动态, slg: gzdt}, [规范性文件]]
`, nil)
	want := `gongkai.yaml:5:27: 错误 GK002 未知的键“slg”（是否应为“slug”？）；请检查拼写，gongkai 不认识的键不会生效
gongkai.yaml:5:39: 错误 GK002 categories.1：应为分类名称，或 {name: 名称, slug: 网址名}`
	if l != want {
		t.Errorf("findings:\n%s\nwant:\n%s", l, want)
	}
}
