package main

import (
	"context"
	"fmt"
	"runtime/debug"

	"gongkai/internal/msg"
)

// Version is set at link time (-ldflags "-X main.Version=v1.2.3"); otherwise
// the module version from the build info is shown.
var Version = ""

var versionCmd = &command{
	name:  "version",
	short: msg.New("cmd.version.short", "显示 gongkai 的版本", "print gongkai's version"),
	long: msg.New("cmd.version.long",
		"version 显示 gongkai 的模块版本、构建所用的源码修订（VCS revision）和 Go 版本；报告问题时请附上。",
		"Version prints gongkai's module version, the VCS revision it was built from and the Go version; include them in a bug report."),
}

func init() { versionCmd.run = runVersion }

func runVersion(ctx context.Context, env *env, args []string) error {
	fs := newFlags(versionCmd, env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return unexpectedArg("version", fs.Arg(0))
	}
	v, rev, goVersion := versionInfo()
	fmt.Fprintln(env.stdout, msgVersion.F(v, rev, goVersion))
	return nil
}

var (
	msgVersion = msg.New("cmd.version",
		"gongkai %s\n源码修订：%s\nGo 版本：%s",
		"gongkai %s\nrevision: %s\nGo: %s")
	msgUnknownRevision = msg.New("cmd.unknown_revision", "未知（不是从 git 仓库构建的）", "unknown (not built from a git checkout)")
	msgModified        = msg.New("cmd.modified", "%s（含未提交的修改）", "%s (with uncommitted changes)")
)

// versionInfo returns the module version (or Version), the VCS revision and
// the Go version gongkai was built with.
func versionInfo() (v, rev, goVersion string) {
	v, rev = Version, msgUnknownRevision.F()
	info, ok := debug.ReadBuildInfo()
	if !ok {
		if v == "" {
			v = "(devel)"
		}
		return v, rev, "?"
	}
	if v == "" {
		v = info.Main.Version
	}
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if modified {
		rev = msgModified.F(rev)
	}
	return v, rev, info.GoVersion
}

var helpCmd = &command{
	name:  "help",
	usage: msg.New("cmd.help.usage", "[命令]", "[command]"),
	short: msg.New("cmd.help.short", "显示 gongkai 或某个命令的用法", "show help for gongkai or a command"),
	run: func(ctx context.Context, env *env, args []string) error {
		if len(args) == 0 {
			printUsage(env.stdout)
			return nil
		}
		c := lookup(args[0])
		if c == nil {
			return usageError(msgUnknownTopic.T(), args[0], suggestCommand(args[0]), msgRunHelp.F())
		}
		printHelp(env.stdout, c)
		return nil
	},
}

var msgUnknownTopic = msg.New("cmd.unknown_topic", "没有“%s”这个命令%s\n%s", "unknown help topic %q%s\n%s")
