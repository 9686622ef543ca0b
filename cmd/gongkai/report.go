package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/register"
	"gongkai/internal/report"
)

var reportCmd = &command{
	name:  "report",
	usage: msg.New("cmd.report.usage", "[--period 2025-03|2025Q1|2025H1|2025] [--by department|author] [--late] [--fees] [--annual 年份 [--save]] [--annual-extra 年份] [--awards 年份] [--format text|md|csv|json|html] [--now 时间]", "[--period 2025-03|2025Q1|2025H1|2025] [--by department|author] [--late] [--fees] [--annual YEAR [--save]] [--annual-extra YEAR] [--awards YEAR] [--format text|md|csv|json|html] [--now T]"),
	short: msg.New("cmd.report.short", "报送、采用、稿费和年度报告", "submissions, adoptions, fees and the annual report"),
	long: msg.New("cmd.report.long", `report 统计办公室的各类报表。不带参数时是定期通报：按科室（或作者）统计报送、
发布、各级采用、迟报、积分、稿费和每月达标情况，另附采用情况（按刊物）。

  --period P          2025-03（月）、2025Q1（季度）、2025H1（半年）或 2025（年）；
                      默认 --now 所在的季度
  --by department     每个科室一行（默认）
  --by author         每位作者一行；共同作者均分积分和稿费（以分为单位，尾差计入
                      第一作者），各行相加等于合计
  --late              列出迟报稿件（全部，或 --period 内签发的）
  --fees              列出 --period 内的全部采用记录和每位作者应得稿费；
                      --format html 另附每位作者的稿费申领单
  --annual YEAR       政府信息公开工作年度报告全文（国办公开办函〔2021〕30号格式），
                      默认 Markdown；读取 annual/YEAR.md、annual/YEAR.yaml 和 requests/
  --save              与 --annual 同用：把报告写成“信息公开年度工作报告”栏目的稿件草稿，
                      按普通稿件审核签发
  --annual-extra YEAR 年度报告附表：主动公开信息按主题分类、本年撤回的信息
  --awards YEAR       按积分排列信息工作先进科室和先进个人，列出迟报、漏报、失实
  --format F          text、md、csv（带 BOM，供 Excel）、json 或 html（可打印的文档）
  --now T             统计时刻（2025-04-01 或 RFC 3339）`, `Report counts the office's reports. Without flags it is the periodic report
(定期通报): per department (or author) submitted, published, adoptions by level,
late, points, fees and the monthly quota, with adoptions by outlet.

  --period P          2025-03 (month), 2025Q1 (quarter), 2025H1 (half year) or
                      2025 (year); default the quarter of --now
  --by department     one row per department (default)
  --by author         one row per author; co-authors share points and fees
                      (in fen, the remainder to the first author), so the rows
                      add up to the total
  --late              list the late submissions (all, or signed in --period)
  --fees              every adoption in --period and each author's fee;
                      --format html adds each author's 稿费申领单
  --annual YEAR       the whole 政府信息公开工作年度报告 (国办公开办函〔2021〕30号),
                      Markdown by default; reads annual/YEAR.md, annual/YEAR.yaml
                      and requests/
  --save              with --annual: write the report as an article draft in
                      the 信息公开年度工作报告 category, reviewed and signed as any
  --annual-extra YEAR the annual report's extra tables: by category, withdrawn
  --awards YEAR       rank departments and authors by points for 先进科室/先进个人,
                      naming 迟报, 漏报 and 失实
  --format F          text, md, csv (with BOM, for Excel), json or html
  --now T             the clock (2025-04-01 or RFC 3339)`),
}

func init() { reportCmd.run = runReport }

var (
	msgReportArg = msg.New("cmd.report_arg",
		"report：多余的参数“%s”",
		"report: unexpected argument %q")
	msgReportFormat = msg.New("cmd.report_format",
		"report：--format 应为 %s，不是“%s”",
		"report: --format must be %s, not %q")
	msgReportBy = msg.New("cmd.report_by",
		"report：--by 应为 department 或 author，不是“%s”",
		"report: --by must be department or author, not %q")
	msgReportPrefixed = msg.New("cmd.report.prefixed", "report：%v", "report: %v")
	msgReportOne      = msg.New("cmd.report_one",
		"report：%s 是不同的报表，请只选一个",
		"report: %s are different reports; give one")
	msgReportYearOnly = msg.New("cmd.report_year_only",
		"report：%s 统计全年，不带 --period 或 --by",
		"report: %s counts the whole year; it takes no --period or --by")
	msgReportLateBy = msg.New("cmd.report_late_by",
		"report：--late 和 --fees 列出的是稿件，不带 --by",
		"report: --late and --fees list articles; they take no --by")
	msgReportYear = msg.New("cmd.report_year",
		"report：%s 需要年份，例如 2025，不是“%s”",
		"report: %s takes a year such as 2025, not %q")
	msgReportSave = msg.New("cmd.report_save",
		"report：--save 只与 --annual 同用",
		"report: --save goes with --annual only")
	msgReportWarning = msg.New("cmd.report_warning",
		"注意：%s",
		"note: %s")
	msgReportInputs = msg.New("cmd.report_inputs",
		"report：申请登记或年度报告材料有错误，请先改正（gongkai check 列出全部问题）",
		"report: the register or the annual report's inputs have errors; fix them first (gongkai check lists them all)")
	msgSaveExists = msg.New("cmd.report_save_exists",
		"report：%s 已存在；请直接修改它，或删除后重新生成",
		"report: %s already exists; edit it, or delete it and produce it again")
	msgSaveFailed = msg.New("cmd.report_save_failed",
		"report：无法写入 %s：%v",
		"report: cannot write %s: %v")
	msgSaveCategory = msg.New("cmd.report_save_category",
		"gongkai.yaml 的 categories: 中没有“%s”：请先声明该栏目，否则草稿无法通过检查",
		"gongkai.yaml declares no category %q under categories: declare it, or the draft cannot pass check")
	msgReportSaved = msg.New("cmd.report_saved",
		"已写入 %s：请核对后提交，按普通稿件送审签发",
		"wrote %s: check it, commit it and send it through review like any article")
)

// reportFlags are the parsed flags of gongkai report.
type reportFlags struct {
	period, by, format, annual, extra, awards, now string
	late, fees, save                               bool
	formatSet                                      bool
}

func runReport(ctx context.Context, env *env, args []string) error {
	f, err := parseReportFlags(env, args)
	if err != nil {
		return err
	}
	now, err := parseNow(env, f.now)
	if err != nil {
		return err
	}
	p, err := openProject(env, now)
	if err != nil {
		return err
	}
	src := p.Reports()
	switch {
	case f.annual != "":
		return runAnnual(ctx, env, f, p, src)
	case f.extra != "":
		year, _ := strconv.Atoi(f.extra)
		return report.AnnualExtraReport(src, year).Write(env.stdout, f.format)
	case f.awards != "":
		year, _ := strconv.Atoi(f.awards)
		in, findings := register.LoadAnnual(p.FS, year, p.Config.Location)
		if findings.HasErrors() {
			findings.WriteText(env.stderr)
			return failed("%s", msgReportInputs.F())
		}
		return report.AwardsReport(src, year, in.Events).Write(env.stdout, f.format)
	case f.late:
		period, err := optionalPeriod(f.period, p)
		if err != nil {
			return err
		}
		return report.Late(src, period).Write(env.stdout, f.format)
	}
	period := report.QuarterOf(now, p.Config.Location)
	if f.period != "" {
		if period, err = report.ParsePeriod(f.period, p.Config.Location); err != nil {
			return usageError(msgReportPrefixed.T(), err)
		}
	}
	if f.fees {
		return report.Fees(src, period).Write(env.stdout, f.format)
	}
	return report.Tally(src, period, report.Grouping(f.by)).Write(env.stdout, f.format)
}

// runAnnual prints (or saves) the whole annual report from the articles,
// the register and annual/.
func runAnnual(ctx context.Context, env *env, f *reportFlags, p *project.Project, src *report.Source) error {
	year, _ := strconv.Atoi(f.annual)
	reqs, findings := register.Load(p.FS, p.Config.Location)
	in, more := register.LoadAnnual(p.FS, year, p.Config.Location)
	findings = append(findings, more...)
	if findings.HasErrors() {
		findings.Sort()
		findings.Dedupe().WriteText(env.stderr)
		return failed("%s", msgReportInputs.F())
	}
	src.Requests = reqs
	r := report.AnnualReport(src, year, in)
	for _, w := range r.Warnings(src) {
		fmt.Fprintln(env.stderr, msgReportWarning.F(w))
	}
	if !f.save {
		return r.Write(env.stdout, f.format)
	}
	return saveAnnual(ctx, env, p, r, year)
}

// annualKind is the kind of the saved report, where gongkai.yaml declares it.
const annualKind = "综合信息"

// saveAnnual writes the report as an article draft of the category
// 信息公开年度工作报告: content/<year+1>/<year>-nianbao.md.
func saveAnnual(ctx context.Context, env *env, p *project.Project, r *report.Annual, year int) error {
	rel := fmt.Sprintf("content/%d/%d-nianbao.md", year+1, year)
	cfg := p.Config
	author := cfg.PersonByEmail(gitEmail(ctx, env.dir))
	text := skeleton(cfg, r.Title, report.AnnualCategory, author)
	head, _, _ := strings.Cut(text, "---\n\n")
	// The report is a 综合信息 where the agency declares that kind: no
	// event, no reporting deadline.
	if cfg.Kind(annualKind) != nil && len(cfg.Kinds) > 0 && cfg.Kinds[0].Name != annualKind {
		head = strings.Replace(head, "\nkind: "+cfg.Kinds[0].Name+" ", "\nkind: "+annualKind+" ", 1)
	}
	text = head + "---\n\n" + string(r.Body())
	if !slices.Contains(cfg.Categories, report.AnnualCategory) {
		fmt.Fprintln(env.stderr, msgReportWarning.F(msgSaveCategory.F(report.AnnualCategory)))
	}
	file := filepath.Join(env.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return usageError("%s", msgSaveFailed.F(rel, err))
	}
	out, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageError("%s", msgSaveExists.F(rel))
	} else if err != nil {
		return usageError("%s", msgSaveFailed.F(rel, err))
	}
	if _, err := out.WriteString(text); err != nil {
		out.Close()
		return usageError("%s", msgSaveFailed.F(rel, err))
	}
	if err := out.Close(); err != nil {
		return usageError("%s", msgSaveFailed.F(rel, err))
	}
	fmt.Fprintln(env.stdout, msgReportSaved.F(rel))
	return nil
}

func parseReportFlags(env *env, args []string) (*reportFlags, error) {
	fs := newFlags(reportCmd, env)
	f := &reportFlags{}
	fs.StringVar(&f.period, "period", "", "统计期间：2025-03、2025Q1、2025H1 或 2025")
	fs.StringVar(&f.by, "by", "department", "按科室（department）或作者（author）分行")
	fs.StringVar(&f.format, "format", "text", "输出格式：text、md、csv、json 或 html")
	fs.StringVar(&f.annual, "annual", "", "YEAR 年的政府信息公开工作年度报告")
	fs.StringVar(&f.extra, "annual-extra", "", "YEAR 年年度报告的附表")
	fs.StringVar(&f.awards, "awards", "", "YEAR 年信息工作先进科室和先进个人")
	fs.BoolVar(&f.late, "late", false, "列出迟报稿件")
	fs.BoolVar(&f.fees, "fees", false, "采用记录和稿费申领单")
	fs.BoolVar(&f.save, "save", false, "把年度报告写成稿件草稿")
	fs.StringVar(&f.now, "now", "", "统计时刻")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	fs.Visit(func(fl *flag.Flag) { f.formatSet = f.formatSet || fl.Name == "format" })
	return f, f.validate(fs)
}

func (f *reportFlags) validate(fs *flag.FlagSet) error {
	var chosen []string
	for _, c := range []struct {
		set  bool
		name string
	}{{f.annual != "", "--annual"}, {f.extra != "", "--annual-extra"}, {f.awards != "", "--awards"}, {f.late, "--late"}, {f.fees, "--fees"}} {
		if c.set {
			chosen = append(chosen, c.name)
		}
	}
	switch {
	case fs.NArg() > 0:
		return usageError("%s", msgReportArg.F(fs.Arg(0)))
	case !report.ValidFormat(f.format):
		return usageError("%s", msgReportFormat.F(strings.Join(report.Formats, "、"), f.format))
	case f.by != string(report.ByDepartment) && f.by != string(report.ByAuthor):
		return usageError("%s", msgReportBy.F(f.by))
	case len(chosen) > 1:
		return usageError("%s", msgReportOne.F(strings.Join(chosen, "、")))
	case f.save && f.annual == "":
		return usageError("%s", msgReportSave.F())
	case (f.late || f.fees) && f.by != string(report.ByDepartment):
		return usageError("%s", msgReportLateBy.F())
	}
	for _, y := range []struct{ name, value string }{{"--annual", f.annual}, {"--annual-extra", f.extra}, {"--awards", f.awards}} {
		if y.value == "" {
			continue
		}
		if f.period != "" || f.by != string(report.ByDepartment) {
			return usageError("%s", msgReportYearOnly.F(y.name))
		}
		if n, err := strconv.Atoi(y.value); err != nil || n < 1000 || n > 9999 {
			return usageError("%s", msgReportYear.F(y.name, y.value))
		}
	}
	if f.period != "" {
		if _, err := report.ParsePeriod(f.period, time.UTC); err != nil {
			return usageError(msgReportPrefixed.T(), err)
		}
	}
	if f.annual != "" && !f.formatSet {
		f.format = "md"
	}
	return nil
}

// optionalPeriod parses --period for --late, where it may be absent (nil).
func optionalPeriod(s string, p *project.Project) (*report.Period, error) {
	if s == "" {
		return nil, nil
	}
	period, err := report.ParsePeriod(s, p.Config.Location)
	if err != nil {
		return nil, usageError(msgReportPrefixed.T(), err)
	}
	return &period, nil
}
