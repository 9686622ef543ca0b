package sign

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"gongkai/internal/msg"
	"gongkai/internal/write"
)

var (
	msgNotGit = msg.New("sign.not_git",
		"%s 不在 git 仓库中：签署要以本人身份提交，才能由 gongkai check --provenance 核验（或用 --no-commit 只写入文件）",
		"%s is not in a git repository: a sign-off is committed as you so that gongkai check --provenance can verify it (or use --no-commit to only write the file)")
	msgUntracked = msg.New("sign.untracked",
		"%s 尚未提交到 git：请作者先提交稿件，否则正文会记在签署人名下",
		"%s is not committed yet: the author must commit it first, or its text would be credited to the signer")
	msgDirty = msg.New("sign.dirty",
		"%s 有尚未提交的修改：签署只提交本步骤，请先提交或撤销这些修改（git diff %s 查看）",
		"%s has changes not committed yet: a sign-off commits only its own step; commit or undo them first (git diff %s shows them)")
	msgWriteFailed = msg.New("sign.write_failed",
		"写入 %s 失败：%v",
		"cannot write %s: %v")
	msgCommitFailed = msg.New("sign.commit_failed",
		"已写入 %s，但 git commit 失败：%s；请检查后自行提交（git commit -m \"%s\" -- %s）",
		"%s is written, but git commit failed: %s; look into it and commit it yourself (git commit -m \"%s\" -- %s)")
)

// Identity returns the email git will author the next commit with (git var
// GIT_AUTHOR_IDENT: the configuration and GIT_AUTHOR_EMAIL alike), or "".
func Identity(ctx context.Context, dir string) string {
	out, err := git(ctx, dir, "var", "GIT_AUTHOR_IDENT")
	if err != nil {
		return ""
	}
	s := string(out)
	i, j := strings.IndexByte(s, '<'), strings.IndexByte(s, '>')
	if i < 0 || j < i {
		return ""
	}
	return strings.TrimSpace(s[i+1 : j])
}

// Ready refuses to commit a sign-off of a file that git does not track or
// that has changes of its own: the commit must hold the step alone.
func Ready(ctx context.Context, dir, path string) error {
	if _, err := git(ctx, dir, "rev-parse", "--verify", "-q", "HEAD"); err != nil {
		if _, err := git(ctx, dir, "rev-parse", "--git-dir"); err != nil {
			return refuse(msgNotGit.F(dir))
		}
		return refuse(msgUntracked.F(path))
	}
	if _, err := git(ctx, dir, "ls-files", "--error-unmatch", "--", path); err != nil {
		return refuse(msgUntracked.F(path))
	}
	if _, err := git(ctx, dir, "diff", "--quiet", "HEAD", "--", path); err != nil {
		return refuse(msgDirty.F(path, path))
	}
	return nil
}

// Apply writes the plan's file and, when commit is set, commits that file
// alone with the message "<步骤>：<标题>" as git's current identity (which
// Prepare matched to the signer). dir is the repository root.
func Apply(ctx context.Context, dir string, pl *Plan, commit bool) error {
	if commit {
		if err := Ready(ctx, dir, pl.Article.Path); err != nil {
			return err
		}
	}
	file := filepath.Join(dir, filepath.FromSlash(pl.Article.Path))
	if err := write.File(file, pl.New); err != nil {
		return refuse(msgWriteFailed.F(pl.Article.Path, err))
	}
	if !commit {
		return nil
	}
	if out, err := git(ctx, dir, "commit", "-q", "--only", "-m", pl.Message(), "--", pl.Article.Path); err != nil {
		return refuse(msgCommitFailed.F(pl.Article.Path, strings.TrimSpace(string(out))+" "+err.Error(), pl.Message(), pl.Article.Path))
	}
	return nil
}

// git runs git in dir; on failure the error carries git's message.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.quotepath=off"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return stderr.Bytes(), fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Diff shows the change as a unified diff of the lines that differ, with
// two lines of context.
func (pl *Plan) Diff() string {
	old, new := lines(pl.Old), lines(pl.New)
	pre := 0
	for pre < len(old) && pre < len(new) && old[pre] == new[pre] {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(new)-pre && old[len(old)-1-suf] == new[len(new)-1-suf] {
		suf++
	}
	from, oldEnd, newEnd := max(pre-2, 0), min(len(old)-suf+2, len(old)), min(len(new)-suf+2, len(new))
	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", pl.Article.Path, pl.Article.Path)
	fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", from+1, oldEnd-from, from+1, newEnd-from)
	for i := from; i < pre; i++ {
		b.WriteString(" " + old[i] + "\n")
	}
	for i := pre; i < len(old)-suf; i++ {
		b.WriteString("-" + old[i] + "\n")
	}
	for i := pre; i < len(new)-suf; i++ {
		b.WriteString("+" + new[i] + "\n")
	}
	for i := len(new) - suf; i < newEnd; i++ {
		b.WriteString(" " + new[i] + "\n")
	}
	return b.String()
}

// lines splits a file into lines without line ends or byte order mark.
func lines(src []byte) []string {
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
