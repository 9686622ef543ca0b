package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gongkai/internal/build"
)

var buildCmd = &command{
	name:  "build",
	usage: "[-o site] [--now T] [--base-url U] [--keep-going] [--bulletin-pdf]",
	short: "check, then render the public site into site/",
	long: `Build checks every article, then renders the public ones — with the
catalogue (政府信息公开目录), feeds, sitemap, search index and bulletin archive —
into the output folder. Any error finding stops the build (exit 1) and leaves
the output folder as it was; --keep-going leaves out the articles with errors
instead. The folder is replaced atomically: a failed build never leaves it
half-written, and a good one leaves nothing stale.

  -o DIR          output folder (default site)
  --now T         the build time (2025-03-04 or RFC 3339): entries dated later wait
  --base-url U    overrides site.base_url, e.g. https://agency.github.io/repo/
  --keep-going    build anyway, leaving out every article with an error
  --bulletin-pdf  also print each public bulletin issue to PDF (needs Chromium)`,
}

func init() { buildCmd.run = runBuild }

func runBuild(ctx context.Context, env *env, args []string) error {
	fs := newFlags(buildCmd, env)
	out := fs.String("o", "site", "output folder")
	nowFlag := fs.String("now", "", "the build time")
	baseURL := fs.String("base-url", "", "base URL of the published site")
	keepGoing := fs.Bool("keep-going", false, "leave out articles with errors")
	bulletinPDF := fs.Bool("bulletin-pdf", false, "print public bulletin issues to PDF")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("build: unexpected argument %q", fs.Arg(0))
	}
	now, err := parseNow(env, *nowFlag)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := build.Run(ctx, build.Options{
		Dir: env.dir, Out: *out, Now: now, BaseURL: *baseURL, KeepGoing: *keepGoing,
		Extra:    publicBulletins(ctx, env, *bulletinPDF),
		Progress: progressTo(env.stderr),
	})
	var ce *build.ConfigError
	var oe *build.OutputError
	switch {
	case errors.As(err, &oe):
		return usageError("build: %v", err)
	case errors.As(err, &ce):
		ce.Findings.WriteText(env.stderr)
		return usageError("%v", err)
	case errors.Is(err, build.ErrFindings):
		res.Project.Findings.WriteText(env.stderr)
		return failed("%v", err)
	case err != nil:
		return failed("build: %v", err)
	}
	if *keepGoing {
		res.Project.Findings.WriteText(env.stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(env.stderr, w)
	}
	fmt.Fprintf(env.stdout, "built %d public articles, %d files into %s in %.2fs\n", res.Public, res.Files, *out, time.Since(start).Seconds())
	return nil
}

// progressTo returns a progress printer for w when w is a terminal, else nil:
// long work shows its phases to a person, and CI logs stay quiet.
func progressTo(w io.Writer) func(string, ...any) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(format string, args ...any) { fmt.Fprintf(w, "gongkai: "+format+"\n", args...) }
}
