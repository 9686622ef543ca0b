package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/project"
)

var checkCmd = &command{
	name:  "check",
	usage: msg.New("cmd.check.usage", "[--format text|json|github|gitlab] [--changed 版本] [--provenance] [--now 时间]", "[--format text|json|github|gitlab] [--changed REV] [--provenance] [--now T]"),
	short: msg.New("cmd.check.short", "按 gongkai.yaml 和审核流程检查每一篇稿件", "check every article against gongkai.yaml and the review chain"),
	long: msg.New("cmd.check.long", `check 检查 content/ 下的每一篇稿件（以及 content/bulletins/ 下的简报清单），
按“路径:行:列: 级别 编号 说明”的格式逐条列出问题，按位置排序；
最后列出审核队列（仍在审核中的稿件、下一步和应由谁签署）。

  --format 格式               text、json、github（GitHub Actions 的标注）或 gitlab
                              （供合并请求使用的 Code Quality 报告）
  --changed 版本              只报告自 git 版本“版本”以来改动过的文件
                              （以及其他文件中提到它们的问题）
  --provenance                同时核对每一步签字是否由签署人本人提交（GK060）
  --now 时间                  计算期限用的时间（2025-03-04 或 RFC 3339 格式）

退出状态：0 没有错误，1 有错误，2 命令无法运行。`, `Check validates every article under content/ (and the bulletin manifests in
content/bulletins/) and prints findings as
path:line:col: severity ID message, sorted, followed by the review queue
(articles still in review, the next step and who must sign it).

  --format F                  text, json, github (workflow annotations) or gitlab
                              (a Code Quality report for merge requests)
  --changed REV               only report files changed since the git revision REV
                              (and findings in other files that name them)
  --provenance                also check that each sign-off was committed by its signer (GK060)
  --now T                     the clock for deadline warnings (2025-03-04 or RFC 3339)

Exit status: 0 no errors, 1 errors, 2 the command could not run.`),
}

func init() { checkCmd.run = runCheck }

func runCheck(ctx context.Context, env *env, args []string) error {
	boundMemory(checkMemory)
	fs := newFlags(checkCmd, env)
	format := fs.String("format", "text", "output format: text, json, github or gitlab")
	changed := fs.String("changed", "", "only files changed since this git revision")
	provenance := fs.Bool("provenance", false, "check sign-off commits (GK060)")
	nowFlag := fs.String("now", "", "the time to check against")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return unexpectedArg("check", fs.Arg(0))
	}
	if *format != "text" && *format != "json" && *format != "github" && *format != "gitlab" {
		return usageError(msgBadFormat.T(), *format)
	}
	now, err := parseNow(env, *nowFlag)
	if err != nil {
		return err
	}
	// Without --provenance or --changed (which read the signed lines), no
	// article's text is needed once the rules about it have run.
	p, err := openProjectWith(env, now, project.Options{DropSources: !*provenance && *changed == ""})
	if err != nil {
		return err
	}
	// A copy: sorting below must not reorder p.Findings.
	findings := append(append(append(diag.List{}, p.Findings...), p.ManifestFindings()...), registerFindings(p)...)
	pending := p.Pending()
	if *provenance {
		more, err := checkProvenance(ctx, env, p)
		if err != nil {
			return err
		}
		findings = append(findings, more...)
	}
	var files map[string]bool
	if *changed != "" {
		if files, err = changedFiles(ctx, env.dir, *changed); err != nil {
			return err
		}
		if !*provenance { // --provenance already ran GK061 over everything
			more, err := checkSignoffEdits(ctx, env, p, files)
			if err != nil {
				return err
			}
			findings = append(findings, more...)
		}
	}
	findings.Sort()
	findings = findings.Dedupe()
	if *changed != "" {
		findings, pending = onlyChanged(findings, pending, files)
	}
	if err := printFindings(env.stdout, *format, findings, pending, p); err != nil {
		return err
	}
	if findings.HasErrors() {
		return errFindings
	}
	return nil
}

// parseNow reads --now: empty means the current time. A date, or a
// date-time without offset, is in site.timezone (Asia/Shanghai when
// gongkai.yaml cannot tell).
func parseNow(env *env, s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	d, err := article.ParseDate(s, siteLocation(env))
	if err != nil {
		return time.Time{}, usageError(msgBadNow.T(), s, err)
	}
	if !d.HasTime {
		// A bare date means the end of that day: everything dated that day counts.
		return d.Time.Add(24*time.Hour - time.Nanosecond), nil
	}
	return d.Time, nil
}

// siteLocation returns site.timezone from gongkai.yaml, or Asia/Shanghai.
func siteLocation(env *env) *time.Location {
	if fsys, err := project.RepoFS(env.dir); err == nil {
		if cfg, _ := config.Load(fsys); cfg != nil {
			return cfg.Location
		}
	}
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// openProject loads and checks the repository; a broken gongkai.yaml prints
// its findings and exits 2.
func openProject(env *env, now time.Time) (*project.Project, error) {
	return openProjectWith(env, now, project.Options{})
}

// openProjectWith is openProject with project.Options.
func openProjectWith(env *env, now time.Time, opts project.Options) (*project.Project, error) {
	p, err := project.OpenDirWith(env.dir, now, opts)
	var ce *project.ConfigError
	if errors.As(err, &ce) {
		ce.Findings.WriteText(env.stderr)
	}
	if err != nil {
		return nil, usageError("%v", err)
	}
	return p, nil
}

// changedFiles lists the files changed between rev and the work tree,
// relative to the repository root.
func changedFiles(ctx context.Context, dir, rev string) (map[string]bool, error) {
	prefix, err := gitPrefix(ctx, dir)
	if err != nil {
		return nil, err
	}
	verify := exec.CommandContext(ctx, "git", "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	verify.Dir = dir
	if verify.Run() != nil {
		return nil, usageError(msgNoRevision.T(), rev)
	}
	cmd := exec.CommandContext(ctx, "git", "-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames", rev, "--")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, usageError(msgGitDiff.T(), rev, err, strings.TrimSpace(stderr.String()))
	}
	files := map[string]bool{}
	for _, f := range strings.Split(string(out), "\x00") {
		if f == "" {
			continue
		}
		if rel, ok := strings.CutPrefix(f, prefix); ok {
			files[rel] = true
		}
	}
	return files, nil
}

// gitPrefix returns the repository root's path inside the git work tree
// ("" or "site-repo/"), since git diff names files from the git top level.
func gitPrefix(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--show-prefix")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", usageError(msgNotGit.T(), dir)
	}
	return filepath.ToSlash(strings.TrimSpace(string(out))), nil
}

// onlyChanged keeps the findings and pending items about changed files:
// in one, or naming one among their related files (the other article with
// the same 索引号 or URL, a link's target, an article a manifest lists). A
// change to gongkai.yaml can affect every file: everything is kept.
func onlyChanged(findings diag.List, pending []check.Pending, files map[string]bool) (diag.List, []check.Pending) {
	if files["gongkai.yaml"] {
		return findings, pending
	}
	var out diag.List
	for _, f := range findings {
		if files[f.Pos.Path] || slices.ContainsFunc(f.Related, func(p string) bool { return files[p] }) {
			out = append(out, f)
		}
	}
	var pend []check.Pending
	for _, p := range pending {
		if files[p.Path] {
			pend = append(pend, p)
		}
	}
	return out, pend
}

var (
	msgBadFormat  = msg.New("cmd.check_bad_format", "check：--format 应为 text、json、github 或 gitlab，而不是“%s”", "check: --format must be text, json, github or gitlab, not %q")
	msgBadNow     = msg.New("cmd.bad_now", "--now %s：%v", "--now %s: %v")
	msgGitDiff    = msg.New("cmd.git_diff", "check --changed %s：git diff 运行失败（%v），git 的原话：“%s”", "check --changed %s: git diff failed: %v %s")
	msgNoRevision = msg.New("cmd.no_revision",
		"check --changed：git 中找不到版本“%s”；请给出提交号、分支名或标签，如 HEAD~1、main 或 origin/main",
		"check --changed: git knows no revision %q; give a commit, a branch or a tag, such as HEAD~1, main or origin/main")
	msgNotGit  = msg.New("cmd.not_git", "check --changed：%s 不在 git 仓库中", "check --changed: %s is not in a git repository")
	msgSummary = msg.New("cmd.check_summary",
		"共 %[3]d 篇稿件（公开 %[4]d 篇）：%[1]d 个错误，%[2]d 条警告，%[5]d 篇待审核",
		"%[1]d {error|errors}, %[2]d {warning|warnings} in %[3]d {article|articles} (%[4]d public), %[5]d pending review")
	msgSummaryGitHub = msg.New("cmd.check_summary_github",
		"gongkai check：共 %[3]d 篇稿件（公开 %[4]d 篇）：%[1]d 个错误，%[2]d 条警告，%[5]d 篇待审核。GitHub 每一步每类只显示前 10 条标注，全部问题已在上面列出。",
		"gongkai check: %[1]d {error|errors}, %[2]d {warning|warnings} in %[3]d {article|articles} (%[4]d public), %[5]d pending review. GitHub shows only the first 10 annotations of each kind per step; every finding is listed above.")
)

func printFindings(w io.Writer, format string, findings diag.List, pending []check.Pending, p *project.Project) error {
	errs, warns := findings.Count()
	public := len(p.Public())
	switch format {
	case "json":
		if pending == nil {
			pending = []check.Pending{}
		}
		out := map[string]any{
			"findings": findings.JSON(),
			"pending":  pending,
			"counts":   map[string]int{"error": errs, "warning": warns, "articles": len(p.Articles), "public": public},
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "gitlab":
		return findings.WriteGitLab(w)
	case "github":
		findings.WriteGitHub(w)
		fmt.Fprintln(w, msgSummaryGitHub.F(errs, warns, len(p.Articles), public, len(pending)))
		return nil
	}
	findings.WriteText(w)
	printPending(w, pending, p)
	fmt.Fprintln(w, msgSummary.F(errs, warns, len(p.Articles), public, len(pending)))
	return nil
}
