package main

import (
	"context"
	"flag"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/msg"
	"gongkai/internal/report"
)

var reportCmd = &command{
	name:  "report",
	usage: "[--period 2025-03|2025Q1|2025] [--by department|author] [--late] [--annual YEAR] [--format text|md|csv|json|html] [--now T]",
	short: msg.New("cmd.report.short", "报送、采用情况统计和年度报告", "submission, adoption and annual reports"),
	long: msg.New("cmd.report.long", `report 为办公室的定期通报统计稿件：按科室（或作者）统计报送数、发布数、
按级别统计的采用数、迟报数、积分、稿费和月度任务完成情况；
带合计行，按积分排序。

  --period 期间     2025-03（月）、2025Q1（季度）或 2025（年）；
                    默认为 --now 所在的季度
  --by department   每个已声明的科室一行（默认）
  --by author       每位作者一行；两位作者的稿件各算一次，合计行只算一次
  --late            改为列出每一条迟报（全部，或在 --period 内签发的）
  --annual 年份     年度报告中的“主动公开政府信息情况”表
                    （除非 --format 另有指定，输出 Markdown）
  --format 格式     text、md、csv（带 BOM 的 UTF-8，供 Excel 打开）、json 或 html
  --now 时间        统计所用的时间（2025-04-01 或 RFC 3339 格式）`, `Report counts the articles for the office's periodic report (定期通报):
per department (or author) submitted, published, adopted by outlet level,
late (迟报), points (积分), honoraria (稿费) and the monthly quota; with a
totals row, sorted by points.

  --period P        2025-03 (a month), 2025Q1 (a quarter) or 2025 (a year);
                    default: the quarter that contains --now
  --by department   one row per declared department (default)
  --by author       one row per author; an article with two authors counts
                    for each, the totals row counts it once
  --late            list every late submission instead (all of them, or
                    those signed off in --period)
  --annual YEAR     the 主动公开政府信息情况 tables of the annual report
                    (Markdown unless --format says otherwise)
  --format F        text, md, csv (UTF-8 with BOM, for Excel), json or html
  --now T           the clock (2025-04-01 or RFC 3339)`),
}

func init() { reportCmd.run = runReport }

// reportFlags are the parsed flags of gongkai report.
type reportFlags struct {
	period, by, format, annual, now string
	late                            bool
	formatSet                       bool
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
	src := &report.Source{Config: p.Config, Articles: p.Articles, Public: p.Public(), Now: now}
	switch {
	case f.annual != "":
		year, _ := strconv.Atoi(f.annual)
		return report.AnnualReport(src, year).Write(env.stdout, f.format)
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
			return usageError("report: %v", err)
		}
	}
	return report.Tally(src, period, report.Grouping(f.by)).Write(env.stdout, f.format)
}

func parseReportFlags(env *env, args []string) (*reportFlags, error) {
	fs := newFlags(reportCmd, env)
	f := &reportFlags{}
	fs.StringVar(&f.period, "period", "", "the month, quarter or year: 2025-03, 2025Q1 or 2025")
	fs.StringVar(&f.by, "by", "department", "rows per department or author")
	fs.StringVar(&f.format, "format", "text", "output format: text, md, csv, json or html")
	fs.StringVar(&f.annual, "annual", "", "the annual report's tables for YEAR")
	fs.BoolVar(&f.late, "late", false, "list the late submissions (迟报)")
	fs.StringVar(&f.now, "now", "", "the time to report at")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	fs.Visit(func(fl *flag.Flag) { f.formatSet = f.formatSet || fl.Name == "format" })
	return f, f.validate(fs)
}

func (f *reportFlags) validate(fs *flag.FlagSet) error {
	switch {
	case fs.NArg() > 0:
		return usageError("report: unexpected argument %q", fs.Arg(0))
	case !report.ValidFormat(f.format):
		return usageError("report: --format must be %s, not %q", strings.Join(report.Formats, ", "), f.format)
	case f.by != string(report.ByDepartment) && f.by != string(report.ByAuthor):
		return usageError("report: --by must be department or author, not %q", f.by)
	case f.annual != "" && f.late:
		return usageError("report: --annual and --late are different reports; give one")
	case f.annual != "" && (f.period != "" || f.by != string(report.ByDepartment)):
		return usageError("report: --annual counts the whole year; it takes no --period or --by")
	case f.late && f.by != string(report.ByDepartment):
		return usageError("report: --late lists articles; it takes no --by")
	}
	if f.period != "" {
		if _, err := report.ParsePeriod(f.period, time.UTC); err != nil {
			return usageError("report: %v", err)
		}
	}
	if f.annual != "" {
		if y, err := strconv.Atoi(f.annual); err != nil || y < 1000 || y > 9999 {
			return usageError("report: --annual takes a year such as 2025, not %q", f.annual)
		}
		if !f.formatSet {
			f.format = "md"
		}
	}
	return nil
}

// optionalPeriod parses --period for --late, where it may be absent (nil).
func optionalPeriod(s string, p *build.Project) (*report.Period, error) {
	if s == "" {
		return nil, nil
	}
	period, err := report.ParsePeriod(s, p.Config.Location)
	if err != nil {
		return nil, usageError("report: %v", err)
	}
	return &period, nil
}
