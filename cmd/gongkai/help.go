package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// Version is set at link time (-ldflags "-X main.Version=v1.2.3"); otherwise
// the module version or VCS revision from the build info is shown.
var Version = ""

var versionCmd = &command{
	name:  "version",
	short: "print gongkai's version",
	run: func(ctx context.Context, env *env, args []string) error {
		fmt.Fprintln(env.stdout, "gongkai", version())
		return nil
	},
}

func version() string {
	if Version != "" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v + " " + info.GoVersion
}

var helpCmd = &command{
	name:  "help",
	usage: "[command]",
	short: "show help for gongkai or a command",
	run: func(ctx context.Context, env *env, args []string) error {
		if len(args) == 0 {
			printUsage(env.stdout)
			return nil
		}
		c := lookup(args[0])
		if c == nil {
			return usageError("unknown help topic %q; run 'gongkai help'", args[0])
		}
		fmt.Fprintf(env.stdout, "usage: gongkai %s %s\n\n%s\n", c.name, c.usage, c.short)
		if c.long != "" {
			fmt.Fprintf(env.stdout, "\n%s\n", c.long)
		}
		return nil
	},
}
