package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

var newCmd = &command{
	name:  "new",
	usage: msg.New("cmd.new.usage", "<主题分类或路径> <标题>", "<category or path> <title>"),
	short: msg.New("cmd.new.short", "新建一篇稿件，写好前置信息的框架", "start a new article with the front matter skeleton"),
	long: msg.New("cmd.new.long", `new 新建一篇稿件，尽量把前置信息填好：标题、主题分类，以及按
git config user.email 在 gongkai.yaml 的 people 中查到的作者和科室，
再加上待各审核人逐步签署的 review 框架。

第一个参数是 gongkai.yaml 中声明的主题分类（文件放在
content/<年份>/<年月日>-<序号>.md），或以 .md 结尾的路径（放在 content/ 下）。

  gongkai new 工作动态 县招商局召开一季度信息宣传工作会议
  gongkai new content/2025/xinxi-huiyi.md 县招商局召开一季度信息宣传工作会议`, `New writes a new article with the front matter filled in as far as gongkai
can: the title, the category, the author and department looked up by
'git config user.email' in gongkai.yaml's people, and the review block to be
signed step by step.

The first argument is a category declared in gongkai.yaml (the file goes to
content/<year>/<yyyymmdd>-<n>.md) or a path ending in .md (under content/).

  gongkai new 工作动态 县招商局召开一季度信息宣传工作会议
  gongkai new content/2025/xinxi-huiyi.md 县招商局召开一季度信息宣传工作会议`),
}

func init() { newCmd.run = runNew }

func runNew(ctx context.Context, env *env, args []string) error {
	fs := newFlags(newCmd, env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return usageError("%s", msgNewArgs.F())
	}
	target, title := fs.Arg(0), strings.Join(fs.Args()[1:], " ")
	cfg, findings := config.Load(os.DirFS(env.dir))
	if cfg == nil {
		findings.WriteText(env.stderr)
		return usageError(msgNewConfig.T(), config.FileName)
	}
	now := time.Now().In(cfg.Location)
	rel, category, err := newPath(env.dir, cfg, target, now)
	if err != nil {
		return err
	}
	email := gitEmail(ctx, env.dir)
	author := cfg.PersonByEmail(email)
	src := skeleton(cfg, title, category, author)
	file := filepath.Join(env.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return usageError(msgNewFailed.T(), err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageError(msgNewExists.T(), rel)
	} else if err != nil {
		return usageError(msgNewFailed.T(), err)
	}
	if _, err := f.WriteString(src); err != nil {
		f.Close()
		return usageError(msgNewFailed.T(), err)
	}
	if err := f.Close(); err != nil {
		return usageError(msgNewFailed.T(), err)
	}
	fmt.Fprintln(env.stdout, msgNewCreated.F(rel))
	if author == nil {
		fmt.Fprintln(env.stdout, msgNewNoAuthor.F(email))
	} else if dept := cfg.Department(author.Department); dept != nil && dept.Head != "" {
		fmt.Fprintln(env.stdout, msgNewAuthor.F(author.Name, author.Department, dept.Head))
	}
	return nil
}

var (
	msgNewArgs = msg.New("cmd.new_args",
		"new：请给出主题分类（或路径）和标题，如 gongkai new 工作动态 标题\n运行 gongkai help new 查看用法",
		"new: need a category (or path) and a title: gongkai new 工作动态 标题\nRun 'gongkai help new' for usage.")
	msgNewConfig   = msg.New("cmd.new_config", "new：%s 有错误", "new: %s has errors")
	msgNewFailed   = msg.New("cmd.new_failed", "new：%v", "new: %v")
	msgNewExists   = msg.New("cmd.new_exists", "new：%s 已存在，请换一个路径", "new: %s already exists; choose another path")
	msgNewCreated  = msg.New("cmd.new_created", "已新建 %s", "created %s")
	msgNewNoAuthor = msg.New("cmd.new_no_author",
		"注意：git 的 user.email“%s”不在 gongkai.yaml 的 people 中，请手工填写 authors: 和 department:",
		"note: git user.email %q is not among people in gongkai.yaml; fill in authors: and department: by hand")
	msgNewAuthor = msg.New("cmd.new_author",
		"作者 %s（%s）；稿件写好后请提交，并请 %s 进行内容审核",
		"author %s (%s); when the text is ready, commit it and ask %s for 内容审核")
	msgNewOutside = msg.New("cmd.new_outside", "new：%s 必须在 content/ 之内", "new: %s must stay inside content/")
	msgNewTarget  = msg.New("cmd.new_target",
		"new：“%s”既不是以 .md 结尾的路径，也不是 gongkai.yaml 中的主题分类（可用的分类：%s）",
		"new: %q is neither a path ending in .md nor a category in gongkai.yaml (categories: %s)")
)

// newPath decides the file: a path given as such, or content/<year>/<date>-<n>.md
// for a category.
func newPath(dir string, cfg *config.Config, target string, now time.Time) (rel, category string, err error) {
	if strings.HasSuffix(target, ".md") {
		rel = path.Clean(filepath.ToSlash(target))
		if !strings.HasPrefix(rel, "content/") {
			rel = "content/" + rel
		}
		if strings.Contains(rel, "..") || path.IsAbs(rel) {
			return "", "", usageError(msgNewOutside.T(), target)
		}
		return rel, "", nil
	}
	if !cfg.HasCategory(target) {
		return "", "", usageError(msgNewTarget.T(), target, msg.List(cfg.Categories))
	}
	for n := 1; ; n++ {
		rel = fmt.Sprintf("content/%d/%s-%02d.md", now.Year(), now.Format("20060102"), n)
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); errors.Is(err, os.ErrNotExist) {
			return rel, target, nil
		}
	}
}

func gitEmail(ctx context.Context, dir string) string {
	cmd := exec.CommandContext(ctx, "git", "config", "user.email")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// skeleton is the new article's text: the keys of article.Keys that new
// fills in or that have a skeleton line, in the table's order.
func skeleton(cfg *config.Config, title, category string, author *config.Person) string {
	authors, dept := "[]", ""
	if author != nil {
		authors, dept = "["+author.Name+"]", author.Department
	}
	kind := ""
	if len(cfg.Kinds) > 0 {
		kind = cfg.Kinds[0].Name
	}
	filled := map[string]struct{ value, hint string }{
		"title":      {yamlString(title), ""},
		"department": {dept, ""},
		"category":   {category, ""},
		"kind":       {kind, strings.Join(cfg.KindNames(), " | ")},
		"authors":    {authors, ""},
	}
	var b strings.Builder
	b.WriteString("---\n")
	for _, k := range article.Keys {
		line := fmt.Sprintf("%s: %s", k.Name, k.New)
		hint := k.Hint
		if f, ok := filled[k.Name]; ok {
			line, hint = fmt.Sprintf("%s: %s", k.Name, f.value), f.hint
		} else if k.New == "" {
			continue
		}
		if k.NewOff {
			line = "# " + line
		}
		if hint != "" {
			line += "   # " + hint
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	b.WriteString("# review: 各审核人在本人提交中逐步填写，例如：\n")
	for _, s := range cfg.ReviewChain {
		fmt.Fprintf(&b, "#   %s: {by: , at: }   # %s\n", s.Key, s.Label)
	}
	b.WriteString("---\n\n" + article.PlaceholderBody + "\n")
	return b.String()
}

// yamlString quotes a title when YAML would misread it.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#[]{},&*!|>'\"%@`") || strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q", s)
	}
	return s
}
