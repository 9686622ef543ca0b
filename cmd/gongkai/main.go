// Command gongkai builds and checks a government information-disclosure site
// from Markdown articles with review sign-offs in their front matter.
//
// Run `gongkai help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"gongkai/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	endProfile := profile(os.Getenv("GONGKAI_CPUPROFILE"), os.Getenv("GONGKAI_MEMPROFILE"))
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	endProfile()
	os.Exit(exitCode(err, os.Stderr))
}

// How each command's collector runs (unless GOMEMLIMIT or GOGC says
// otherwise): a GOGC-style percentage under a soft memory limit. gongkai's
// heap is mostly the loaded front matter and per-article records, alive
// until the end. A build collects as Go does by default (GOGC=100): on
// 10,000 articles that costs about 5% more CPU than GOGC=200 and peaks near
// 260 MiB instead of 330. check and serve collect half as often (200):
// their heaps are small, or their rebuilds are what the user waits for.
// Past the limit, on the largest sites, the collector runs more often, so
// that a 100,000-article build or check stays within an ordinary CI
// runner's memory at the price of some CPU. The live heaps are far smaller
// (at 100,000 articles about 0.8 GiB for a build, 0.35 GiB for a check).
// serve keeps its rendered site on disk (a spool); at 100,000 articles its
// heap during a rebuild is near 1.1 GiB, and a lower limit makes each
// rebuild mostly collection (1200 MiB: about 12 s of CPU per rebuild
// against 4.4 s).
var (
	buildMemory = memoryBound{limit: 1400 << 20, percent: 100}
	checkMemory = memoryBound{limit: 800 << 20, percent: 200}
	serveMemory = memoryBound{limit: 1400 << 20, percent: 200}
)

type memoryBound struct {
	limit   int64
	percent int
}

// boundMemory sets a command's collector.
func boundMemory(b memoryBound) {
	if os.Getenv("GOMEMLIMIT") == "" && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(b.percent)
		debug.SetMemoryLimit(b.limit)
	}
}

// profile starts a CPU profile into cpu and arranges a heap profile into mem
// (either may be empty), for the benchmarks in bench/; the returned function
// ends both.
func profile(cpu, mem string) func() {
	var cpuFile *os.File
	if cpu != "" {
		if f, err := os.Create(cpu); err == nil && pprof.StartCPUProfile(f) == nil {
			cpuFile = f
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
}

// exitStatus is an error that carries the exit status: 1 when the command ran
// and found errors, 2 when it could not run.
type exitStatus struct {
	code int
	err  error
}

func (e *exitStatus) Error() string { return e.err.Error() }
func (e *exitStatus) Unwrap() error { return e.err }

// failed says the command ran and found problems (exit 1); msg is printed.
func failed(format string, args ...any) error {
	return &exitStatus{1, msg.Errorf(format, args...)}
}

// usageError says the command could not run (exit 2).
func usageError(format string, args ...any) error {
	return &exitStatus{2, msg.Errorf(format, args...)}
}

// errFindings is returned when findings with errors were already printed.
var errFindings = &exitStatus{1, errors.New("")}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var es *exitStatus
	code := 2
	if errors.As(err, &es) {
		code = es.code
	}
	if text := err.Error(); text != "" {
		fmt.Fprintln(stderr, prefix()+text)
	}
	return code
}

// prefix starts every line gongkai writes about itself: "gongkai：" or
// "gongkai: ".
func prefix() string { return msgPrefix.F() }

// command is one subcommand.
type command struct {
	name  string
	usage msg.M // the argument synopsis, as typed (placeholders in the reader's language)
	short msg.M // one line for the command list
	long  msg.M // the help text: what it does, then its flags
	run   func(ctx context.Context, env *env, args []string) error
}

// env is what every command gets: the repository root and the writers.
type env struct {
	dir            string // the repository root (-C, or found upwards)
	stdout, stderr io.Writer
}

var (
	msgPrefix     = msg.New("cmd.prefix", "gongkai：", "gongkai: ")
	msgRunHelp    = msg.New("cmd.run_help", "运行 gongkai help 查看用法", "Run 'gongkai help' for usage.")
	msgRunHelpFor = msg.New("cmd.run_help_for", "运行 gongkai help %s 查看用法", "Run 'gongkai help %s' for usage.")
	msgBadGlobal  = msg.New("cmd.bad_global", "%s\n%s", "%s\n%s")
	msgBadLang    = msg.New("cmd.bad_lang", "--lang“%s”无效：请填写 zh 或 en", "--lang %q: use zh or en")
	msgNoCommand  = msg.New("cmd.no_command", "没有指定命令", "no command given")
	msgUnknownCmd = msg.New("cmd.unknown_command", "没有“%s”这个命令%s\n%s", "unknown command %q%s\n%s")
	msgUsage      = msg.New("cmd.usage", "用法：gongkai %s %s", "usage: gongkai %s %s")
	msgUnexpected = msg.New("cmd.unexpected_arg", "%s：多余的参数“%s”\n%s", "%s: unexpected argument %q\n%s")
	msgUsingRoot  = msg.New("cmd.using_root", "使用仓库 %s（gongkai.yaml 所在的文件夹）", "using the repository %s (the folder with gongkai.yaml)")
	msgOverview   = msg.New("cmd.overview",
		"gongkai 把正文和前置信息中带有逐级审核签字的 Markdown 稿件发布为政府信息公开网站。\n\n"+
			"用法：\n\n\tgongkai [-C 目录] [--lang zh|en] <命令> [参数]\n\n命令：\n\n",
		"gongkai publishes a government information-disclosure site (政府信息公开) from\n"+
			"Markdown articles whose front matter carries the review sign-offs.\n\n"+
			"Usage:\n\n\tgongkai [-C DIR] [--lang zh|en] <command> [arguments]\n\nCommands:\n\n")
	msgOverviewEnd = msg.New("cmd.overview_end",
		"\n运行 gongkai help <命令> 查看某个命令的用法。\n"+
			"-C 目录 指定仓库（默认从当前文件夹向上查找 gongkai.yaml）；--lang en 或 GONGKAI_LANG=en 改用英文。\n"+
			"退出状态：0 没有错误，1 发现错误，2 命令无法运行。\n",
		"\nUse \"gongkai help <command>\" for more about a command.\n"+
			"-C DIR names the repository (default: the nearest folder up with gongkai.yaml); --lang en or GONGKAI_LANG=en for English.\n"+
			"Exit status: 0 no errors, 1 errors found, 2 the command could not run.\n")
)

var commands []*command

func init() {
	commands = []*command{
		buildCmd, checkCmd, statusCmd, signCmd, serveCmd, newCmd, indexCmd,
		bulletinCmd, reportCmd, calendarCmd, deployCmd, versionCmd, helpCmd,
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Run runs gongkai with the arguments (without the program name). It never
// exits the process; the returned error carries the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gongkai", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	dir := fs.String("C", "", "")
	lang := fs.String("lang", "", "")
	msg.SetLang(msg.FromEnv())
	err := fs.Parse(args)
	if *lang != "" {
		l, ok := msg.ParseLang(*lang)
		if !ok {
			return usageError(msgBadLang.T(), *lang)
		}
		msg.SetLang(l)
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		printUsage(stdout)
		return nil
	case err != nil:
		return usageError(msgBadGlobal.T(), flagError(err), msgRunHelp.F())
	}
	args = fs.Args()
	if len(args) == 0 {
		printUsage(stderr)
		return usageError("%s", msgNoCommand.F())
	}
	c := lookup(args[0])
	if c == nil {
		return usageError(msgUnknownCmd.T(), args[0], suggestCommand(args[0]), msgRunHelp.F())
	}
	e := &env{dir: *dir, stdout: stdout, stderr: stderr}
	if e.dir == "" {
		e.dir = "."
		if c.name != "help" && c.name != "version" {
			e.dir = findRoot(stderr)
		}
	}
	return c.run(ctx, e, args[1:])
}

// findRoot returns the repository root for a command run without -C: the
// nearest folder up from the current one that holds gongkai.yaml, as git
// finds .git. It says which folder when that is not the current one, and
// returns "." when there is none (the command then says gongkai.yaml is
// missing).
func findRoot(stderr io.Writer) string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := wd; ; {
		if st, err := os.Stat(filepath.Join(d, config.FileName)); err == nil && !st.IsDir() {
			if d == wd {
				return "."
			}
			fmt.Fprintln(stderr, prefix()+msgUsingRoot.F(d))
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return "."
		}
		d = up
	}
}

func suggestCommand(name string) string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strictyaml.Suggest(name, names)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, msgOverview.F())
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-9s %s\n", c.name, c.short.F())
	}
	fmt.Fprint(w, msgOverviewEnd.F())
}

// printHelp prints a command's help text: the usage line, the summary and
// the long text with its flags.
func printHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "%s\n\n%s\n", msgUsage.F(c.name, c.usage.F()), c.short.F())
	if c.long.Key != "" {
		fmt.Fprintf(w, "\n%s\n", c.long.F())
	}
}

// newFlags returns a flag set for a command: -h and --help print the
// command's help text to stdout (exit 0), and a bad flag is one usage error
// that points to gongkai help <command>. Go's flag dump is never shown.
func newFlags(c *command, env *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { printHelp(env.stdout, c) }
	return fs
}

var msgBadFlag = msg.New("cmd.bad_flag", "%s：%s\n%s", "%s: %s\n%s")

// parseFlags parses args; -h prints the command's help and returns exit 0.
func parseFlags(fs *flag.FlagSet, args []string) error {
	help := fs.Usage
	fs.Usage = func() {} // the flag package calls it on errors too
	err := fs.Parse(args)
	fs.Usage = help
	switch {
	case errors.Is(err, flag.ErrHelp):
		help()
		return errHelp
	case err != nil:
		return usageError(msgBadFlag.T(), fs.Name(), flagError(err), msgRunHelpFor.F(fs.Name()))
	}
	return nil
}

// unexpectedArg is the usage error for an argument a command does not take.
func unexpectedArg(name, arg string) error {
	return usageError(msgUnexpected.T(), name, arg, msgRunHelpFor.F(name))
}

// The flag package's errors, said in the reader's language.
var (
	msgFlagUndefined = msg.New("cmd.flag_undefined", "没有 %s 这个选项", "flag provided but not defined: %s")
	msgFlagNeedsArg  = msg.New("cmd.flag_needs_arg", "选项 %s 后面要跟一个值", "flag needs an argument: %s")
	msgFlagBadValue  = msg.New("cmd.flag_bad_value", "选项 %[2]s 的值“%[1]s”无效", "invalid value %[1]q for flag %[2]s")
)

// flagError restates an error of the flag package.
func flagError(err error) string {
	s := err.Error()
	var name, value string
	switch {
	case strings.HasPrefix(s, "flag provided but not defined: "):
		return msgFlagUndefined.F(asTyped(strings.TrimPrefix(s, "flag provided but not defined: ")))
	case strings.HasPrefix(s, "flag needs an argument: "):
		return msgFlagNeedsArg.F(asTyped(strings.TrimPrefix(s, "flag needs an argument: ")))
	case strings.HasPrefix(s, "invalid value ") || strings.HasPrefix(s, "invalid boolean value "):
		if _, e := fmt.Sscanf(s[strings.Index(s, `"`):], "%q for flag %s", &value, &name); e == nil {
			return msgFlagBadValue.F(value, strings.TrimSuffix(name, ":"))
		}
	}
	return s
}

// asTyped writes a long option as the help texts do (--now), where the
// flag package names it -now; one-letter options keep their one dash.
func asTyped(name string) string {
	if len(name) > 2 && !strings.HasPrefix(name, "--") {
		return "-" + name
	}
	return name
}

var errHelp = &exitStatus{0, errors.New("")}
