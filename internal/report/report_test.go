package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/load"
	"gongkai/internal/register"
)

var update = flag.Bool("update", false, "rewrite the want/ files in testdata/*.txtar")

// corpus is a txtar fixture loaded: the archive, the source to report on.
type corpus struct {
	archive *txtar.Archive
	fsys    fs.FS
	src     *Source
}

// loadCorpus reads testdata/name and loads its gongkai.yaml and articles;
// the clock is the archive's now file.
func loadCorpus(t *testing.T, name string) *corpus {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	src, err := fs.ReadFile(fsys, config.FileName)
	if err != nil {
		t.Fatal(err)
	}
	cfg, findings := config.Parse(fsys, src)
	if cfg == nil {
		t.Fatalf("%s: gongkai.yaml: %v", name, findings)
	}
	arts, findings := load.Load(fsys, cfg)
	for _, f := range findings {
		if !strings.HasSuffix(f.Pos.Path, "/broken.md") {
			t.Errorf("%s: unexpected finding in the fixture: %v", name, f)
		}
	}
	now, err := fs.ReadFile(fsys, "now")
	if err != nil {
		t.Fatal(err)
	}
	return &corpus{ar, fsys, sourceAt(t, cfg, arts, strings.TrimSpace(string(now)))}
}

// sourceAt returns the source at the end of the day now, with the articles
// public by their front matter (the fixture has no rule errors).
func sourceAt(t *testing.T, cfg *config.Config, arts []*article.Article, now string) *Source {
	t.Helper()
	d, err := article.ParseDate(now, cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	src := &Source{Config: cfg, Articles: arts, Public: map[*article.Article]bool{}, Now: d.Add(24*time.Hour - time.Nanosecond)}
	for _, a := range arts {
		if a.Eligible(cfg, src.Now) {
			src.Public[a] = true
		}
	}
	return src
}

// run produces the report a want file names:
// want/<period|late|whole|annual|awards|fees>_<argument>[_<by>][@<now>].<format>.
func (c *corpus) run(t *testing.T, name string) []byte {
	t.Helper()
	base := strings.TrimPrefix(name, "want/")
	format := filepath.Ext(base)
	base = strings.TrimSuffix(base, format)
	src := c.src
	if b, now, ok := strings.Cut(base, "@"); ok {
		base = b
		src = sourceAt(t, src.Config, src.Articles, now)
	}
	parts := strings.Split(base, "_")
	format = strings.Replace(format[1:], "txt", "text", 1)
	var out bytes.Buffer
	var err error
	switch parts[0] {
	case "period":
		p := parsePeriod(t, src, parts[1])
		err = Tally(src, *p, Grouping(parts[2])).Write(&out, format)
	case "late":
		var p *Period
		if parts[1] != "all" {
			p = parsePeriod(t, src, parts[1])
		}
		err = Late(src, p).Write(&out, format)
	case "whole":
		year, _ := strconv.Atoi(parts[1])
		err = c.annual(t, year).Write(&out, format)
	case "annual":
		year, _ := strconv.Atoi(parts[1])
		err = AnnualExtraReport(src, year).Write(&out, format)
	case "awards":
		year, _ := strconv.Atoi(parts[1])
		in, findings := register.LoadAnnual(c.fsys, year, src.Config.Location)
		if findings.HasErrors() {
			t.Fatalf("%s: %v", name, findings)
		}
		err = AwardsReport(src, year, in.Events).Write(&out, format)
	case "fees":
		err = Fees(src, *parsePeriod(t, src, parts[1])).Write(&out, format)
	default:
		t.Fatalf("%s: unknown report", name)
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out.Bytes()
}

// annual is the whole annual report of the fixture, from its register and
// annual/ inputs, which must have no error.
func (c *corpus) annual(t *testing.T, year int) *Annual {
	t.Helper()
	loc := c.src.Config.Location
	reqs, findings := register.Load(c.fsys, loc)
	in, more := register.LoadAnnual(c.fsys, year, loc)
	if findings = append(findings, more...); findings.HasErrors() {
		t.Fatalf("the fixture's register has errors: %v", findings)
	}
	src := *c.src
	src.Requests = reqs
	return AnnualReport(&src, year, in)
}

func parsePeriod(t *testing.T, src *Source, s string) *Period {
	t.Helper()
	p, err := ParsePeriod(s, src.Config.Location)
	if err != nil {
		t.Fatal(err)
	}
	return &p
}

// TestReports compares every report named by a want/ file in the fixtures
// with the file; go test -update rewrites them.
func TestReports(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		name := filepath.Base(file)
		c := loadCorpus(t, name)
		changed := false
		for i, f := range c.archive.Files {
			if !strings.HasPrefix(f.Name, "want/") {
				continue
			}
			got := c.run(t, f.Name)
			if *update {
				changed = changed || !bytes.Equal(got, f.Data)
				c.archive.Files[i].Data = got
				continue
			}
			if !bytes.Equal(got, f.Data) {
				t.Errorf("%s %s: got\n%s\nwant\n%s", name, f.Name, got, f.Data)
			}
		}
		if changed {
			if err := os.WriteFile(file, txtar.Format(c.archive), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc 12", 6},
		{"招商一科", 8},
		{"稿费（元）", 10},  // full-width parentheses
		{"报送，发布。", 12}, // CJK punctuation
		{"「通知」、", 10},  // corner brackets and the enumeration comma
		{"e\u0301", 1}, // a combining accent takes no column
		{"１２ａ", 6},     // full-width digits and letters
		{"ｶﾀｶﾅ", 4},    // half-width katakana stay narrow
		{"2025年第一季度", 14},
	} {
		if got := displayWidth(tc.s); got != tc.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// TestTextTableLinesUpChineseNames checks the columns start at the same
// terminal column on every line, whatever mix of Chinese and digits.
func TestTextTableLinesUpChineseNames(t *testing.T) {
	tb := &table{Header: []string{"科室", "积分"}, Right: []bool{false, true},
		Rows: [][]string{{"办公室", "2"}, {"项目服务科", "40"}, {"A组", "8"}}, Foot: []string{"合计", "50"}}
	var b bytes.Buffer
	if err := writeText(&b, "标题", tb); err != nil {
		t.Fatal(err)
	}
	want := "标题\n\n" +
		"科室        积分\n" +
		"----------  ----\n" +
		"办公室         2\n" +
		"项目服务科    40\n" +
		"A组            8\n" +
		"----------  ----\n" +
		"合计          50\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestCSVStartsWithBOMAndUsesCRLF(t *testing.T) {
	c := loadCorpus(t, "corpus.txtar")
	var b bytes.Buffer
	p, _ := ParsePeriod("2025Q1", c.src.Config.Location)
	if err := Tally(c.src, p, ByDepartment).Write(&b, "csv"); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff科室,报送,发布,国家,省,市,县,迟报,积分,稿费（元）,达标月数,考核月数\r\n"
	if got := b.String(); !strings.HasPrefix(got, want) {
		t.Errorf("csv starts with %q, want %q", got[:min(len(got), len(want)+10)], want)
	}
	if n := strings.Count(b.String(), "\n"); n != strings.Count(b.String(), "\r\n") || n != 15 {
		t.Errorf("csv has %d lines, not all ending in CRLF or not 15 (header, 5 departments, total; a blank line, the outlets title, header, 4 outlets, total)", n)
	}
}

func TestParsePeriod(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct{ in, label, start, end, chinese string }{
		{"2025-03", "2025-03", "2025-03-01", "2025-04-01", "2025年3月"},
		{"2025Q1", "2025Q1", "2025-01-01", "2025-04-01", "2025年第一季度"},
		{"2025q4", "2025Q4", "2025-10-01", "2026-01-01", "2025年第四季度"},
		{"2025", "2025", "2025-01-01", "2026-01-01", "2025年度"},
		{"2025H1", "2025H1", "2025-01-01", "2025-07-01", "2025年上半年"},
		{"2025h2", "2025H2", "2025-07-01", "2026-01-01", "2025年下半年"},
	} {
		p, err := ParsePeriod(tc.in, loc)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tc.in, err)
			continue
		}
		got := fmt.Sprintf("%s %s %s %s", p.Label, day(p.Start), day(p.End), p.Chinese())
		if want := fmt.Sprintf("%s %s %s %s", tc.label, tc.start, tc.end, tc.chinese); got != want {
			t.Errorf("ParsePeriod(%q) = %s, want %s", tc.in, got, want)
		}
	}
	for _, in := range []string{"", "25", "2025-13", "2025Q5", "2025-3x", "2025H3", "abcd"} {
		if _, err := ParsePeriod(in, loc); err == nil || !strings.Contains(err.Error(), "2025H1") {
			t.Errorf("ParsePeriod(%q) error = %v, want the help text", in, err)
		}
	}
}

// TestAnnualNamesOnlyPublicArticles makes sure no format of the annual
// tables shows the internal (内部公开) or the unsigned article.
func TestAnnualNamesOnlyPublicArticles(t *testing.T) {
	c := loadCorpus(t, "corpus.txtar")
	for _, format := range Formats {
		var b bytes.Buffer
		if err := AnnualReport(c.src, 2025, nil).Write(&b, format); err != nil {
			t.Fatal(err)
		}
		for _, title := range []string{"重点客商跟进情况汇总", "县招商局召开项目推进会"} {
			if strings.Contains(b.String(), title) {
				t.Errorf("annual report in %s names the non-public article %s", format, title)
			}
		}
	}
}

func TestDocClass(t *testing.T) {
	for _, tc := range []struct{ category, title, docNo, want string }{
		{"规范性文件", "某某县招商引资项目评审办法", "", ClassNormative},
		{"法律法规", "某某县优惠政策兑现管理办法", "", ClassRegulation},
		{"法律法规", "关于招商引资的若干规定", "", ClassRegulation},
		{"法律法规", "某某县人民政府令", "县政府令第1号", ClassRegulation},
		{"法律法规", "招商引资常用法律法规目录", "", ""},
		{"工作动态", "学习新修订的管理办法", "", ""},
	} {
		a := &article.Article{FM: article.FrontMatter{Category: tc.category, Title: tc.title, DocNo: tc.docNo}}
		if got := DocClass(a); got != tc.want {
			t.Errorf("DocClass(%s, %s, %q) = %q, want %q", tc.category, tc.title, tc.docNo, got, tc.want)
		}
	}
}

// TestAnnualTablesByHand pins every cell of tables 三 and 四 of the annual
// fixture, worked out by hand. Requests r00–r20 each take one result row
// (rNN the NN-th, applicant type NN mod 6: 4, 4, 4, 3, 3, 3 per type);
// carried-in.yaml (自然人, 2024, answered 2025 予以公开) is 上年结转;
// answered-2024.yaml counts nowhere; carried-out-open.yaml (社会公益组织)
// and carried-out-replied-2026.yaml (法律服务机构) are new and 结转下年度;
// next-year.yaml is 2026's. So 一 + 二 = 23 + 1 = 24 = 22 + 2 = 三 + 四.
func TestAnnualTablesByHand(t *testing.T) {
	r := loadCorpus(t, "annual.txtar").annual(t, 2025)
	q := r.Requests
	check := func(name string, got, want Cells) {
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("一、本年新收", q.New, Cells{4, 4, 4, 4, 4, 3, 23})
	check("二、上年结转", q.Carried, Cells{1, 0, 0, 0, 0, 0, 1})
	check("（七）总计", q.Total, Cells{5, 4, 4, 3, 3, 3, 22})
	check("四、结转下年度继续办理", q.Out, Cells{0, 0, 0, 1, 1, 0, 2})
	if len(q.Results) != 21 {
		t.Fatalf("%d result rows, want the template's 21", len(q.Results))
	}
	for i, got := range q.Results {
		var want Cells
		want[i%6], want[totalColumn] = 1, 1
		if i == 0 {
			want[0], want[totalColumn] = 2, 2 // r00 and carried-in.yaml
		}
		check(fmt.Sprintf("result %d (%s)", i, register.ResultValues()[i]), got, want)
	}
	want := AppealTable{{1, 1, 0, 0, 2}, {0, 0, 1, 1, 2}, {1, 0, 0, 0, 1}}
	if r.Appeals != want {
		t.Errorf("appeals = %v, want %v (the 2024 reconsideration does not count)", r.Appeals, want)
	}
	if f := r.Figures; f.Licensing != 12 || f.Penalties != 3 || f.Enforcement != 0 || f.Fees != 1.25 {
		t.Errorf("figures = %+v, want annual/2025.yaml's", f)
	}
	if r.Skeleton || !strings.Contains(r.Text.Overview, "坚持以公开为常态") {
		t.Errorf("the overview is not annual/2025.md's: %q", r.Text.Overview)
	}
}

// TestFeeSplitThreeAuthorsOddAmount shares 100 元 among three co-authors:
// 33.34 to the first, 33.33 to each other, adding up to the total.
func TestFeeSplitThreeAuthorsOddAmount(t *testing.T) {
	if got := shares(10000, 3); fmt.Sprint(got) != "[3334 3333 3333]" {
		t.Errorf("shares(10000, 3) = %v", got)
	}
	c := loadCorpus(t, "corpus.txtar")
	a := *c.src.Articles[0]
	a.Path = "content/2025/three.md"
	a.FM.Authors = []string{"邵雨", "蒋立新", "杨帆"}
	a.FM.Adoptions = []article.Adoption{{Outlet: "新华社《内参》", Level: "国家", Form: "简讯", Date: article.Date{Time: time.Date(2025, 3, 3, 0, 0, 0, 0, c.src.Config.Location)}}}
	src := *c.src
	src.Articles = []*article.Article{&a}
	p, _ := ParsePeriod("2025Q1", src.Config.Location)
	r := Tally(&src, p, ByAuthor)
	got := map[string]float64{}
	var sum float64
	for _, row := range r.Rows {
		got[row.Name] = row.Fee
		sum += row.Fee
	}
	if got["邵雨"] != 33.34 || got["蒋立新"] != 33.33 || got["杨帆"] != 33.33 || r.Total.Fee != 100 {
		t.Errorf("fees %v, total %v; want 33.34, 33.33, 33.33 and 100", got, r.Total.Fee)
	}
	if fmt.Sprintf("%.2f", sum) != "100.00" {
		t.Errorf("the rows add up to %v, not the total 100", sum)
	}
	fees := Fees(&src, p)
	var claimed int64
	for _, cl := range fees.Claims {
		claimed += cl.fee
	}
	if claimed != 10000 || fees.Claims[0].fee+fees.Claims[1].fee+fees.Claims[2].fee != 10000 {
		t.Errorf("claims add up to %d 分, want 10000", claimed)
	}
	a.FM.Adoptions[0].Award = true
	if r := Tally(&src, p, ByAuthor); r.Total.Fee != 200 || r.Total.Points != 20 {
		t.Errorf("an award gives %v 元 and %v points, want twice: 200 and 20", r.Total.Fee, r.Total.Points)
	}
}

// TestRequestsCarriedAcrossTheYearBoundary counts 2026 in the annual
// fixture, at 2026-01-15: the two requests 2025 carried out are 二、上年结转,
// the one answered on 2026-01-08 is in 三, the other still open is carried
// on with next-year.yaml, received and open in 2026.
func TestRequestsCarriedAcrossTheYearBoundary(t *testing.T) {
	q := loadCorpus(t, "annual.txtar").annual(t, 2026).Requests
	for _, c := range []struct {
		name      string
		got, want Cells
	}{
		{"一、本年新收", q.New, Cells{1, 0, 0, 0, 0, 0, 1}},
		{"二、上年结转", q.Carried, Cells{0, 0, 0, 1, 1, 0, 2}},
		{"（四）1.本机关不掌握相关政府信息", q.Results[register.ResultIndex("无法提供/本机关不掌握相关政府信息")], Cells{0, 0, 0, 0, 1, 0, 1}},
		{"（七）总计", q.Total, Cells{0, 0, 0, 0, 1, 0, 1}},
		{"四、结转下年度继续办理", q.Out, Cells{1, 0, 0, 1, 0, 0, 2}},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestAnnualJSONHasTheIssuesShape decodes --format json: every table keyed
// by its heading, rows labelled as printed, parent rows without cells, and
// 一 + 二 = （七） + 四 in every column of table 三.
func TestAnnualJSONHasTheIssuesShape(t *testing.T) {
	var b bytes.Buffer
	if err := loadCorpus(t, "annual.txtar").annual(t, 2025).Write(&b, "json"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Year   int `json:"year"`
		Tables map[string]struct {
			Columns []string `json:"columns"`
			Rows    []struct {
				Label string    `json:"label"`
				Cells []float64 `json:"cells"`
			} `json:"rows"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.Bytes())
	}
	for _, h := range []string{"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
		"三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"} {
		if _, ok := got.Tables[h]; !ok {
			t.Errorf("no table %q", h)
		}
	}
	t3 := got.Tables["三、收到和处理政府信息公开申请情况"]
	if got.Year != 2025 || len(t3.Rows) != 30 || strings.Join(t3.Columns, " ") != "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计" {
		t.Fatalf("year %d, %d rows, columns %v", got.Year, len(t3.Rows), t3.Columns)
	}
	row := map[string][]float64{}
	for _, r := range t3.Rows {
		row[r.Label] = r.Cells
	}
	for _, parent := range []string{"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"} {
		if c, ok := row[parent]; !ok || len(c) != 0 {
			t.Errorf("parent row %s: %v, %v", parent, c, ok)
		}
	}
	for i := range t3.Columns {
		in := row["一、本年新收政府信息公开申请数量"][i] + row["二、上年结转政府信息公开申请数量"][i]
		out := row["（七）总计"][i] + row["四、结转下年度继续办理"][i]
		if in != out {
			t.Errorf("column %s: 一 + 二 = %v, （七） + 四 = %v", t3.Columns[i], in, out)
		}
	}
}
