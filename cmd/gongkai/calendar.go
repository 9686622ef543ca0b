package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"gongkai/internal/config"
	"gongkai/internal/msg"
	"gongkai/internal/write"
)

var calendarCmd = &command{
	name:  "calendar",
	usage: msg.New("cmd.calendar.usage", "import [--year 年份] [--dry-run] <通知.txt> | show [起..止] [--format text|json]", "import [--year N] [--dry-run] <notice.txt> | show [FROM..TO] [--format text|json]"),
	short: msg.New("cmd.calendar.short", "导入国务院节假日安排通知；查看工作日历", "import the State Council's holiday notice; show the working-day calendar"),
	long: msg.New("cmd.calendar.long", `calendar import 读取按原文发布的国务院办公厅节假日安排通知
（国务院办公厅关于YYYY年部分节假日安排的通知），列出它识别出的放假日和调休上班日，
并把该年写入 gongkai.yaml 中 calendar: 指定的日历文件（没有时新建 calendar.yaml
并写上这个键）。calendar show 逐年列出 gongkai 使用的节假日安排。`, `calendar import reads the text of the State Council's notice
(国务院办公厅关于YYYY年部分节假日安排的通知) as published, prints the days off
and make-up working days it understood, and writes the year into the calendar
file named by calendar: in gongkai.yaml (calendar.yaml, and the key, when
missing). calendar show prints the schedules gongkai uses, year by year.`),
}

func init() { calendarCmd.run = runCalendar }

var (
	msgCalendarUsage = msg.New("calendar.usage",
		"请指定 gongkai calendar import <通知.txt> 或 gongkai calendar show [2008..2027]",
		"use gongkai calendar import <notice.txt> or gongkai calendar show [2008..2027]")
	msgCalendarRead = msg.New("calendar.read",
		"无法读取通知文件：%v",
		"cannot read the notice: %v")
	msgCalendarUnderstood = msg.New("calendar.understood",
		"%d 年节假日安排（据 %s）：",
		"the %d holiday schedule (from %s):")
	msgCalendarHoliday = msg.New("calendar.holiday",
		"  %s：放假 %s，共 %d 天",
		"  %s: off %s, %d {day|days}")
	msgCalendarWork = msg.New("calendar.work",
		"；调休上班 %s",
		"; make-up working days %s")
	msgCalendarNotWritten = msg.New("calendar.not_written",
		"通知中有无法读懂之处，日历文件未改动；请核对上述行后重试",
		"parts of the notice were not understood; the calendar file is unchanged: check the lines above and try again")
	msgCalendarDry = msg.New("calendar.dry_run",
		"（--dry-run：未写入 %s）",
		"(--dry-run: %s not written)")
	msgCalendarWrote = msg.New("calendar.wrote",
		"已将 %d 年安排写入 %s，请与通知原文核对后提交",
		"wrote %d into %s: compare it with the notice before you commit")
	msgCalendarKeyAdded = msg.New("calendar.key_added",
		"已在 %s 中加入 calendar: %s",
		"added calendar: %[2]s to %[1]s")
	msgCalendarWrite = msg.New("calendar.write",
		"无法写入 %s：%v",
		"cannot write %s: %v")
	msgCalendarRange = msg.New("calendar.range",
		"年份范围“%s”无效：应为 2024 或 2008..2026",
		"year range %q: want 2024 or 2008..2026")
	msgCalendarKnown = msg.New("calendar.known",
		"%d 年：放假 %s",
		"%d: off %s")
	msgCalendarUnknown = msg.New("calendar.unknown",
		"%d 年：没有节假日安排，期限按周一至周五计算（国务院通知公布后运行 gongkai calendar import）",
		"%d: no holiday schedule, deadlines count Monday–Friday (run gongkai calendar import once the State Council's notice is out)")
	msgCalendarFormat = msg.New("calendar.format",
		"--format 应为 text 或 json，而不是“%s”",
		"--format must be text or json, not %q")
	msgCalendarConfig = msg.New("calendar.config",
		"%s 有误，请先运行 gongkai check 修正",
		"%s has errors: run gongkai check and fix them first")
)

// defaultCalendarFile is the calendar file import creates when gongkai.yaml
// names none.
const defaultCalendarFile = "calendar.yaml"

func runCalendar(ctx context.Context, env *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runCalendarImport(env, args[1:])
		case "show":
			return runCalendarShow(env, args[1:])
		}
	}
	return usageError("%s", msgCalendarUsage.T())
}

func runCalendarImport(env *env, args []string) error {
	fs := newFlags(calendarCmd, env)
	year := fs.Int("year", 0, "the notice's year, when its title does not say")
	dry := fs.Bool("dry-run", false, "print what was understood, write nothing")
	pos, err := flagsAndArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("%s", msgCalendarUsage.T())
	}
	name := pos[0]
	src, err := os.ReadFile(name)
	if err != nil {
		return usageError(msgCalendarRead.T(), err)
	}
	n, findings := config.ParseNotice(string(src), filepath.ToSlash(name), *year)
	if n != nil {
		printNotice(env, n, name)
	}
	if len(findings) > 0 {
		findings.Sort()
		findings.Dedupe().WriteText(env.stderr)
		return failed("%s", msgCalendarNotWritten.T())
	}
	file, added, err := calendarFile(env.dir, *dry)
	if err != nil {
		return err
	}
	if *dry {
		fmt.Fprintln(env.stdout, msgCalendarDry.F(file))
		return nil
	}
	if added {
		fmt.Fprintln(env.stdout, msgCalendarKeyAdded.F(config.FileName, file))
	}
	target := filepath.Join(env.dir, filepath.FromSlash(file))
	old, err := os.ReadFile(target)
	if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		return usageError(msgCalendarWrite.T(), file, err)
	}
	if len(old) == 0 {
		old = []byte(calendarFileHeader)
	}
	if err := write.File(target, config.SetScheduleYear(old, n.Year, n.Schedule())); err != nil {
		return usageError(msgCalendarWrite.T(), file, err)
	}
	fmt.Fprintln(env.stdout, msgCalendarWrote.F(n.Year, file))
	return nil
}

// calendarFileHeader starts a calendar file that import creates.
const calendarFileHeader = "# 节假日安排（国务院办公厅关于部分节假日安排的通知），格式同 gongkai 内置安排：\n# off 为放假日，work 为调休上班日。每年11月通知公布后运行 gongkai calendar import。\n"

func printNotice(env *env, n *config.Notice, name string) {
	fmt.Fprintln(env.stdout, msgCalendarUnderstood.F(n.Year, name))
	for _, h := range n.Holidays {
		line := msgCalendarHoliday.F(h.Name, config.DayList(h.Off, " 至 ", "、"), len(h.Off))
		if len(h.Work) > 0 {
			line += msgCalendarWork.F(config.DayList(h.Work, " 至 ", "、"))
		}
		fmt.Fprintln(env.stdout, line)
	}
}

// calendarFile returns the calendar file named in gongkai.yaml; when it
// names none, it adds calendar: calendar.yaml at the end (unless dry) and
// says so with added.
func calendarFile(dir string, dry bool) (name string, added bool, err error) {
	path := filepath.Join(dir, config.FileName)
	src, err := os.ReadFile(path)
	if err != nil {
		return "", false, usageError(msgCalendarWrite.T(), config.FileName, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return "", false, usageError(msgCalendarConfig.T(), config.FileName)
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "calendar" && doc.Content[i+1].Value != "" {
			return doc.Content[i+1].Value, false, nil
		}
		if doc.Content[i].Value == "calendar" {
			return "", false, usageError(msgCalendarConfig.T(), config.FileName)
		}
	}
	if dry {
		return defaultCalendarFile, true, nil
	}
	if len(src) > 0 && !bytes.HasSuffix(src, []byte("\n")) {
		src = append(src, '\n')
	}
	src = append(src, "calendar: "+defaultCalendarFile+"\n"...)
	if err := write.File(path, src); err != nil {
		return "", false, usageError(msgCalendarWrite.T(), config.FileName, err)
	}
	return defaultCalendarFile, true, nil
}

// calendarYear is one year of calendar show --format json.
type calendarYear struct {
	Year  int      `json:"year"`
	Known bool     `json:"known"`
	Off   []string `json:"off"`
	Work  []string `json:"work"`
}

func runCalendarShow(env *env, args []string) error {
	fs := newFlags(calendarCmd, env)
	format := fs.String("format", "text", "output format: text or json")
	pos, err := flagsAndArgs(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError(msgCalendarFormat.T(), *format)
	}
	from, to := 2008, time.Now().Year()+1
	if len(pos) > 1 {
		return usageError("%s", msgCalendarUsage.T())
	}
	if len(pos) == 1 {
		var ok bool
		if from, to, ok = yearRange(pos[0]); !ok {
			return usageError(msgCalendarRange.T(), pos[0])
		}
	}
	cal := config.ShippedCalendar()
	if _, err := os.Stat(filepath.Join(env.dir, config.FileName)); err == nil {
		cfg, findings := config.Load(os.DirFS(env.dir))
		if cfg == nil || findings.HasErrors() {
			return usageError(msgCalendarConfig.T(), config.FileName)
		}
		cal = cfg.Calendar
	}
	var years []calendarYear
	for y := from; y <= to; y++ {
		off, work, known := cal.Schedule(y)
		if *format == "text" {
			printYear(env, y, off, work, known)
			continue
		}
		// JSON lists the days that fall in the year, whichever notice set
		// them: 2007-12-29..31 (from the 2008 notice) under 2007.
		var yOff, yWork []time.Time
		for _, n := range []int{y - 1, y, y + 1} {
			o, w, _ := cal.Schedule(n)
			yOff, yWork = append(yOff, inYear(o, y)...), append(yWork, inYear(w, y)...)
		}
		years = append(years, calendarYear{y, known, dates(yOff), dates(yWork)})
	}
	if *format == "json" {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Years []calendarYear `json:"years"`
		}{years})
	}
	return nil
}

func printYear(env *env, y int, off, work []time.Time, known bool) {
	if !known {
		fmt.Fprintln(env.stdout, msgCalendarUnknown.F(y))
		return
	}
	line := msgCalendarKnown.F(y, config.DayList(off, " 至 ", "、"))
	if len(work) > 0 {
		line += msgCalendarWork.F(config.DayList(work, " 至 ", "、"))
	}
	fmt.Fprintln(env.stdout, line)
}

// inYear keeps the days of the year.
func inYear(days []time.Time, y int) []time.Time {
	var out []time.Time
	for _, d := range days {
		if d.Year() == y {
			out = append(out, d)
		}
	}
	return out
}

// dates formats days as 2006-01-02, never nil.
func dates(days []time.Time) []string {
	out := []string{}
	for _, d := range days {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// flagsAndArgs parses flags before and after the positional arguments
// ("2008..2026 --format json") and returns the positional ones.
func flagsAndArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// yearRange reads 2024 or 2008..2026.
func yearRange(s string) (from, to int, ok bool) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		b = a
	}
	from, errA := strconv.Atoi(a)
	to, errB := strconv.Atoi(b)
	if errA != nil || errB != nil || from < 1900 || to > 9999 || to < from || to-from > 200 {
		return 0, 0, false
	}
	return from, to, true
}
