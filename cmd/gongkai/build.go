package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/msg"
	"gongkai/internal/project"
)

var buildCmd = &command{
	name:  "build",
	usage: msg.New("cmd.build.usage", "[-o 目录] [--now 时间] [--base-url 网址] [--keep-going] [--bulletin-pdf]", "[-o site] [--now T] [--base-url U] [--keep-going] [--bulletin-pdf]"),
	short: msg.New("cmd.build.short", "检查全部稿件，然后把公开网站生成到 site/", "check, then render the public site into site/"),
	long: msg.New("cmd.build.long", `build 先检查每一篇稿件，再把公开的稿件连同政府信息公开目录、订阅源（RSS/Atom）、
网站地图、站内搜索索引和简报存档，生成到输出文件夹。
只要有一条错误，构建就停止（退出状态 1），输出文件夹保持原样；加 --keep-going
则跳过有错误的稿件继续构建。输出文件夹整体替换：构建失败不会留下写了一半的
网站，构建成功也不会留下过期的文件。构建结束时会说明有几条警告，
运行 gongkai check 可查看全部警告。

  -o 目录         输出文件夹（默认 site）
  --now 时间      构建时间（2025-03-04 或 RFC 3339 格式）：日期在此之后的稿件暂不发布
  --base-url 网址 覆盖 site.base_url，如 https://agency.github.io/repo/
  --keep-going    有错误也继续构建，跳过每一篇有错误的稿件
  --bulletin-pdf  同时把每一期公开简报打印为 PDF（需要 Chromium）`, `Build checks every article, then renders the public ones — with the
catalogue (政府信息公开目录), feeds, sitemap, search index and bulletin archive —
into the output folder. Any error finding stops the build (exit 1) and leaves
the output folder as it was; --keep-going leaves out the articles with errors
instead. The folder is replaced atomically: a failed build never leaves it
half-written, and a good one leaves nothing stale. At the end it says how
many warnings there were; gongkai check lists them.

  -o DIR          output folder (default site)
  --now T         the build time (2025-03-04 or RFC 3339): entries dated later wait
  --base-url U    overrides site.base_url, e.g. https://agency.github.io/repo/
  --keep-going    build anyway, leaving out every article with an error
  --bulletin-pdf  also print each public bulletin issue to PDF (needs Chromium)`),
}

func init() { buildCmd.run = runBuild }

func runBuild(ctx context.Context, env *env, args []string) error {
	boundMemory(buildMemory)
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
		return unexpectedArg("build", fs.Arg(0))
	}
	now, err := parseNow(env, *nowFlag)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := build.Run(ctx, build.Options{
		Dir: env.dir, Out: *out, Now: now, BaseURL: *baseURL, KeepGoing: *keepGoing,
		BulletinPDF: *bulletinPDF, Progress: progressTo(env.stderr),
	})
	var ce *project.ConfigError
	var oe *build.OutputError
	var me *project.ManifestError
	switch {
	case errors.As(err, &oe):
		return usageError(msgBuildFailed.T(), err)
	case errors.As(err, &ce):
		ce.Findings.WriteText(env.stderr)
		return usageError("%v", err)
	case errors.As(err, &me):
		me.Findings.WriteText(env.stderr)
		return failed(msgBuildFailed.T(), err)
	case errors.Is(err, build.ErrFindings):
		res.Project.Findings.WriteText(env.stderr)
		return failed("%v", err)
	case err != nil:
		return failed(msgBuildFailed.T(), err)
	}
	if *keepGoing {
		res.Project.Findings.WriteText(env.stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(env.stderr, w)
	}
	fmt.Fprintln(env.stdout, msgBuilt.F(res.Public, res.Files, *out, time.Since(start).Seconds()))
	if _, warnings := res.Project.Findings.Count(); warnings > 0 {
		fmt.Fprintln(env.stdout, msgBuildWarnings.F(warnings))
	}
	return nil
}

var (
	msgBuildFailed   = msg.New("cmd.build_failed", "构建失败：%v", "build: %v")
	msgBuilt         = msg.New("cmd.built", "已生成 %d 篇公开稿件，共 %d 个文件，输出到 %s，用时 %.2f 秒", "built %d public {article|articles}, %d {file|files} into %s in %.2fs")
	msgBuildWarnings = msg.New("cmd.build_warnings", "有 %d 条警告，运行 gongkai check 查看", "%d {warning|warnings}: gongkai check lists {it|them}")
)

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
	return func(format string, args ...any) { fmt.Fprintf(w, prefix()+format+"\n", args...) }
}
