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
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// gongkai's heap is mostly the loaded sources and the rendered site,
		// alive until the end: collecting half as often saves ~10% of the
		// CPU of a check or build for ~25% more memory (still below Hugo's).
		debug.SetGCPercent(200)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
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
	return &exitStatus{1, fmt.Errorf(format, args...)}
}

// usageError says the command could not run (exit 2).
func usageError(format string, args ...any) error {
	return &exitStatus{2, fmt.Errorf(format, args...)}
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
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(stderr, "gongkai:", msg)
	}
	return code
}

// command is one subcommand.
type command struct {
	name  string
	usage string // the argument synopsis
	short string
	long  string
	run   func(ctx context.Context, env *env, args []string) error
}

// env is what every command gets: the repository root and the writers.
type env struct {
	dir            string // the repository root (-C)
	stdout, stderr io.Writer
}

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
	dir := fs.String("C", ".", "")
	lang := fs.String("lang", "", "")
	if err := fs.Parse(args); err != nil {
		return usageError("%v\nRun 'gongkai help' for usage.", err)
	}
	msg.SetLang(msg.FromEnv())
	if *lang != "" {
		l, ok := msg.ParseLang(*lang)
		if !ok {
			return usageError("--lang %q: use zh or en", *lang)
		}
		msg.SetLang(l)
	}
	args = fs.Args()
	if len(args) == 0 {
		printUsage(stderr)
		return usageError("no command given")
	}
	c := lookup(args[0])
	if c == nil {
		return usageError("unknown command %q%s\nRun 'gongkai help' for usage.", args[0], suggestCommand(args[0]))
	}
	return c.run(ctx, &env{dir: *dir, stdout: stdout, stderr: stderr}, args[1:])
}

func suggestCommand(name string) string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return strictyaml.Suggest(name, names)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "gongkai publishes a government information-disclosure site (政府信息公开) from\nMarkdown articles whose front matter carries the review sign-offs.\n\nUsage:\n\n\tgongkai [-C DIR] <command> [arguments]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-9s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, "\nUse \"gongkai help <command>\" for more about a command.\nExit status: 0 no errors, 1 errors found, 2 the command could not run.\n")
}

// newFlags returns a flag set for a command that reports errors as usage
// errors and prints help to the command's stderr.
func newFlags(c *command, env *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "usage: gongkai %s %s\n", c.name, c.usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; -h prints help and returns flag.ErrHelp as exit 0.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError("%s: %v", fs.Name(), err)
	}
	return nil
}

var errHelp = &exitStatus{0, errors.New("")}
