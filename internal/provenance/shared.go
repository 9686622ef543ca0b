package provenance

import (
	"context"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
)

// Steps written on one line (review: {content: {…}, secrecy: {…}}) share
// that line's blame: the commit that added the last step "introduced" the
// line, and with it every earlier step. For such a step the commit that
// introduced its own text ("secrecy: {by: 王五, at: …}") is found instead
// (git log -S, the last commit that changed how often the text occurs), and
// a changed shared line is a change to a step only when that step's text
// is not in the sign-off's version of the file.

// stepText returns the source of a step written as a flow mapping on one
// line ("secrecy: {by: 王五, at: 2025-03-04}") when another step starts on
// the same line; "" otherwise.
func stepText(a *article.Article, cfg *config.Config, key string) string {
	pos, ok := a.Key("review." + key)
	if !ok || !sharedLine(a, cfg, pos.Line) {
		return ""
	}
	src := strings.Split(string(a.Src), "\n")
	if pos.Line > len(src) {
		return ""
	}
	line := []rune(src[pos.Line-1])
	if pos.Col < 1 || pos.Col > len(line) {
		return ""
	}
	rest := string(line[pos.Col-1:])
	open := strings.IndexByte(rest, '{')
	if open < 0 || strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest[:open]), key)) != ":" {
		return ""
	}
	end := flowEnd(rest, open)
	if end < 0 {
		return ""
	}
	return rest[:end+1]
}

// sharedLine reports whether more than one review step starts on the line.
func sharedLine(a *article.Article, cfg *config.Config, line int) bool {
	n := 0
	for _, s := range cfg.ReviewChain {
		if p, ok := a.Key("review." + s.Key); ok && p.Line == line {
			n++
		}
	}
	return n > 1
}

// flowEnd returns the byte offset of the brace closing the flow mapping
// that opens at s[open], skipping quoted text; -1 when it is not on the line.
func flowEnd(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i
			}
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(s) && s[i] != '\''; i++ {
			}
		}
	}
	return -1
}

// ownCommits returns, for each step whose line it shares with another step,
// the commit that introduced the step's own text, or the working tree's
// pseudo-commit when HEAD does not hold that text.
func (r *repo) ownCommits(ctx context.Context, a *article.Article, cfg *config.Config) (map[string]*commit, error) {
	out := map[string]*commit{}
	var head string
	headRead := false
	for _, s := range cfg.ReviewChain {
		text := stepText(a, cfg, s.Key)
		if text == "" {
			continue
		}
		if !headRead {
			b, _ := r.git(ctx, "show", "HEAD:./"+a.Path) // absent at HEAD: nothing committed
			head, headRead = string(b), true
		}
		if !strings.Contains(head, text) {
			out[s.Key] = &commit{Hash: zeroHash}
			continue
		}
		c, err := r.introduced(ctx, text, a.Path)
		if err != nil {
			return nil, err
		}
		out[s.Key] = c
	}
	return out, nil
}

// introduced returns the latest commit up to HEAD that changed how often the
// text occurs in the file (following renames): the one that wrote it.
func (r *repo) introduced(ctx context.Context, text, path string) (*commit, error) {
	out, err := r.git(ctx, "log", "-1", "--follow", "-S"+text, "--format=%H%x00%an%x00%ae%x00%at%x00%ad%x00%s", "--date=format:%z", "--name-only", "HEAD", "--", path)
	if err != nil {
		return nil, err
	}
	head, name, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	f := strings.Split(head, "\x00")
	if len(f) != 6 {
		return &commit{Hash: zeroHash}, nil
	}
	unix, _ := strconv.ParseInt(f[3], 10, 64)
	return &commit{Hash: f[0], Author: f[1], Mail: f[2], unix: unix, tz: f[4], Subject: f[5], file: strings.TrimSpace(name)}, nil
}

// fileAt returns the file as commit c has it.
func (r *repo) fileAt(ctx context.Context, c *commit, path string) (string, error) {
	spec := c.Hash + ":./" + path
	if c.file != "" {
		spec = c.Hash + ":" + c.file
	}
	out, err := r.git(ctx, "show", spec)
	return string(out), err
}
