package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/msg"
	"gongkai/internal/sign"
)

var signCmd = &command{
	name:  "sign",
	usage: msg.New("cmd.sign.usage", "<稿件.md> [步骤] [--opinion 公开|不公开] [--result 不涉密|涉密] [--cleared 词,词] [--disclosure 主动公开|…] [--at 2025-03-04] [--no-commit]", "<article.md> [step] [--opinion 公开|不公开] [--result 不涉密|涉密] [--cleared 词,词] [--disclosure 主动公开|…] [--at 2025-03-04] [--no-commit]"),
	short: msg.New("cmd.sign.short", "签署本人在某篇稿件中的审核步骤，并以本人名义提交", "sign your review step of an article and commit it as you"),
	long: msg.New("cmd.sign.long", `sign 把你的审核步骤写进稿件的前置信息，只提交这一个文件，提交人是你本人，
提交说明为“<步骤>：<标题>”。

“你”是 gongkai.yaml 的 people: 中邮箱与 git 作者邮箱（git config user.email）
相同的人员；gongkai 从不替别人签署。签署的是审核流程中的下一步，或者指定的那一步
（写它的 key 或名称）。以下情况 gongkai 拒绝签署，并说明原因和可以签署的人员：
这一步不该由你签（角色不符、是你自己的稿件），前面的步骤还没签，或者稿件有错误而
这一步会批准它。它只写这一步，保持文件原有的写法，像 gongkai check 一样检查文件，
显示改动后提交。

  --opinion 公开|不公开        内容审核：科室负责人的意见
  --result 不涉密|涉密         保密审查：审查结论
  --cleared 词,词              保密审查：正文中经你审查放行的涉密词语
  --disclosure 主动公开|…      发布审核：你确定的公开属性
  --at 2025-03-04             签署日期（默认为网站时区的今天）
  --no-commit                 只写文件，不提交

在终端上，gongkai 会逐项询问这一步需要填写的内容；在其他环境中请用选项给出。`, `Sign writes your review step into the article's front matter and commits
that file alone as you, with the message "<步骤>：<标题>".

You are the person under people: in gongkai.yaml whose email is git's author
email (git config user.email); gongkai never signs for anyone else. The step
is the next one in the chain, or the one named (its key or label). gongkai
refuses, saying why and who may sign instead, when the step is not yours
(role, your own article), an earlier step is missing, or the article has
errors the step would approve. It writes only that step, in the file's own
style, checks the file as gongkai check does, shows the change and commits.

  --opinion 公开|不公开        内容审核: the department head's proposal
  --result 不涉密|涉密         保密审查: the outcome
  --cleared 词,词              保密审查: secrecy terms in the text you clear
  --disclosure 主动公开|…      发布审核: the disclosure attribute you fix
  --at 2025-03-04             the date signed (default: today in site.timezone)
  --no-commit                 only write the file

On a terminal, gongkai asks for the fields the step needs; elsewhere give
them as flags.`),
}

func init() { signCmd.run = runSign }

var (
	msgSignArgs = msg.New("sign.args",
		"sign：请给出稿件路径，例如 gongkai sign content/2025/meeting.md（可再给步骤名，如 secrecy 或 保密审查）",
		"sign: give the article's path, e.g. gongkai sign content/2025/meeting.md (and optionally the step, e.g. secrecy)")
	msgSignDone = msg.New("sign.done",
		"已签署%s，并以 %s <%s> 的身份提交：%s",
		"signed %s and committed it as %s <%s>: %s")
	msgSignWritten = msg.New("sign.written",
		"已写入%s（--no-commit，未提交）；请以本人身份提交：git commit -m \"%s\" -- %s",
		"wrote %s (--no-commit, not committed); commit it as yourself: git commit -m \"%s\" -- %s")
	msgServeNoPanel = msg.New("sign.serve_no_panel",
		"审核面板已关闭：只有监听本机地址（127.0.0.1、localhost）时才能在网页上签署；请用 gongkai sign 签署",
		"the review panel is off: signing from the page needs a loopback address (127.0.0.1, localhost); sign with gongkai sign")
	msgPromptAgain = msg.New("sign.prompt_again",
		"请填写 %s 之一",
		"answer one of %s")
	msgPromptOpinion = msg.New("sign.prompt_opinion",
		"内容审核意见（公开 / 不公开）：",
		"content review opinion (公开 / 不公开): ")
	msgPromptResult = msg.New("sign.prompt_result",
		"保密审查结论（不涉密 / 涉密）：",
		"secrecy review result (不涉密 / 涉密): ")
	msgPromptCleared = msg.New("sign.prompt_cleared",
		"放行的涉密词语（以逗号分隔，没有请直接回车）：",
		"secrecy terms you clear (comma-separated, Enter for none): ")
	msgPromptDisclosure = msg.New("sign.prompt_disclosure",
		"公开属性（主动公开 / 内部公开 / 依申请公开 / 不予公开，回车即“%s”）：",
		"disclosure attribute (主动公开 / 内部公开 / 依申请公开 / 不予公开, Enter for %q): ")
)

// stdin is where a terminal's answers come from.
var stdin io.Reader = os.Stdin

// onTerminal reports whether a standard stream is a terminal: sign prompts
// and status defaults to --me only then. Tests replace it.
var onTerminal = isTerminal

func runSign(ctx context.Context, env *env, args []string) error {
	fs := newFlags(signCmd, env)
	var req sign.Request
	var cleared string
	fs.StringVar(&req.Opinion, "opinion", "", "内容审核: 公开 or 不公开")
	fs.StringVar(&req.Result, "result", "", "保密审查: 不涉密 or 涉密")
	fs.StringVar(&cleared, "cleared", "", "保密审查: cleared secrecy terms, comma-separated")
	fs.StringVar(&req.Disclosure, "disclosure", "", "发布审核: the disclosure attribute")
	fs.StringVar(&req.At, "at", "", "the date signed (default today)")
	noCommit := fs.Bool("no-commit", false, "only write the file")
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	var err error
	if len(pos) == 0 || len(pos) > 2 {
		return usageError("%s", msgSignArgs.F())
	}
	if req.Path, err = repoPath(env.dir, fromWorkingDir(env.dir, pos[0])); err != nil {
		return usageError("%s", msgSignArgs.F())
	}
	if len(pos) == 2 {
		req.Step = pos[1]
	}
	req.Cleared = sign.SplitTerms(cleared)
	req.Email = sign.Identity(ctx, env.dir)
	p, err := openProject(env, time.Now())
	if err != nil {
		return err
	}
	pl, err := sign.Prepare(p, req)
	var missing *sign.MissingError
	if errors.As(err, &missing) && onTerminal(os.Stdin) && onTerminal(env.stdout) {
		if err := prompt(env, p.Articles, &req, missing); err != nil {
			return err
		}
		pl, err = sign.Prepare(p, req)
	}
	if err != nil {
		return signError(err)
	}
	if err := sign.Apply(ctx, env.dir, pl, !*noCommit); err != nil {
		return signError(err)
	}
	fmt.Fprint(env.stdout, pl.Diff())
	pl.Warnings.WriteText(env.stdout)
	step := msgStepLabel.F(pl.Step.Label, "review."+pl.Step.Key)
	if *noCommit {
		fmt.Fprintln(env.stdout, msgSignWritten.F(step, pl.Message(), pl.Article.Path))
		return nil
	}
	fmt.Fprintln(env.stdout, msgSignDone.F(step, pl.Signer.Name, req.Email, pl.Message()))
	return nil
}

// fromWorkingDir resolves a relative path that names no file under the
// repository root against the working directory: gongkai sign meeting.md,
// run in content/2025/, signs content/2025/meeting.md.
func fromWorkingDir(root, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	if _, err := os.Stat(filepath.Join(root, path)); err == nil {
		return path
	}
	if wd, err := os.Getwd(); err == nil {
		if _, err := os.Stat(filepath.Join(wd, path)); err == nil {
			return filepath.Join(wd, path)
		}
	}
	return path
}

// signError maps sign's errors to exit statuses: a refusal is exit 1, a
// request gongkai cannot read exit 2.
func signError(err error) error {
	var r *sign.Refusal
	if errors.As(err, &r) {
		return failed("%s", r.Msg)
	}
	return usageError("%v", err)
}

// prompt asks on the terminal for the fields the step still needs.
func prompt(env *env, arts []*article.Article, req *sign.Request, missing *sign.MissingError) error {
	in := bufio.NewReader(stdin)
	ended := false
	ask := func(q string) string {
		fmt.Fprint(env.stdout, q)
		line, err := in.ReadString('\n')
		ended = err != nil
		return strings.TrimSpace(line)
	}
	// choose asks until the answer is one of the field's values (or the
	// input ends: then sign says what is wrong, as for a flag).
	choose := func(flag, q string) string {
		for {
			if a := ask(q); slices.Contains(sign.Choices[flag], a) || ended {
				return a
			}
			fmt.Fprintln(env.stdout, msgPromptAgain.F(strings.Join(sign.Choices[flag], " / ")))
		}
	}
	for _, f := range missing.Flags {
		switch f {
		case "opinion":
			req.Opinion = choose(f, msgPromptOpinion.F())
		case "result":
			req.Result = choose(f, msgPromptResult.F())
			if len(req.Cleared) == 0 {
				req.Cleared = sign.SplitTerms(ask(msgPromptCleared.F()))
			}
		case "disclosure":
			def := ""
			for _, a := range arts {
				if a.Path == req.Path {
					def = string(a.FM.Disclosure)
				}
			}
			if req.Disclosure = ask(msgPromptDisclosure.F(def)); req.Disclosure == "" {
				req.Disclosure = def
			}
		}
	}
	return nil
}
