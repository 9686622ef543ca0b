package provenance

import (
	"context"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// checkEdits reports GK061 when a line the sign-off covers (see coverage)
// differs between the commit that completed the sign-off and the working
// file: changed or added after 签发 on the same branch, merged in from a
// branch the signer never saw, or deleted. A change undone later is no
// change. Only the first such line is reported; the sign-off must be
var (
	msgDeletedAfter = msg.New("provenance.deleted_after",
		"%[1]s在%[2]s之后被改动：第%[3]d行之后的内容被删除（最后一次改动：%[4]s），%[5]s中的签发并不包括这一改动；%[6]s 须用本人的提交重新签发（或撤销改动）",
		"%[1]s changed after %[2]s: lines after line %[3]d were deleted (last change: %[4]s), which the sign-off in %[5]s does not include; %[6]s must sign again in their own commit (or revert the change)")
	msgChangedAfter = msg.New("provenance.changed_after",
		"%[1]s在%[2]s之后被改动：第%[3]d行来自%[4]s，%[5]s中的签发并不包括这一改动；%[6]s 须用本人的提交重新签发（或撤销改动）",
		"%[1]s changed after %[2]s: line %[3]d comes from %[4]s, which the sign-off in %[5]s does not include; %[6]s must sign again in their own commit (or revert the change)")
)

// renewed either way.
func checkEdits(ctx context.Context, r *repo, a *article.Article, cfg *config.Config, lines []*commit, own map[string]*commit, l *diag.List) error {
	idx := signoffIndex(cfg)
	if idx < 0 || !a.FM.Review[cfg.ReviewChain[idx].Key].Complete() {
		return nil
	}
	step := &cfg.ReviewChain[idx]
	sign, err := signoffCommit(ctx, r, a, step.Key, stepLines(a, step.Key, lines, own))
	if sign == nil || err != nil {
		return err
	}
	ch, err := r.changedSince(ctx, sign, a.Path)
	if err != nil {
		return err
	}
	cv := newCoverage(a, cfg, idx)
	if len(own) > 0 {
		if cv.signed, err = r.fileAt(ctx, sign, a.Path); err != nil {
			return err
		}
	}
	line, what, gone := firstCovered(cv, ch, len(lines))
	if line == 0 {
		return nil
	}
	by := a.FM.Review[step.Key].By
	pos := diag.Pos{Path: a.Path, Line: line, Col: 1}
	if gone {
		last, err := r.lastChange(ctx, sign, a.Path)
		if err != nil {
			return err
		}
		l.Errorf(pos, "GK061", msgDeletedAfter.T(),
			what, label(step), line, describe(cfg, last), describe(cfg, sign), by)
		return nil
	}
	l.Errorf(pos, "GK061", msgChangedAfter.T(),
		what, label(step), line, describe(cfg, lines[line-1]), describe(cfg, sign), by)
	return nil
}

// firstCovered returns the first covered change in file order: a working
// line (gone false) or the line after which covered lines were deleted
// (gone true); line 0 when the sign-off still covers what it signed.
func firstCovered(cv *coverage, ch change, n int) (line int, what string, gone bool) {
	src := strings.Split(string(cv.a.Src), "\n")
	for _, ln := range ch.added {
		if ln >= 1 && ln <= n && ln <= len(src) {
			if w := cv.line(ln, src[ln-1]); w != "" {
				line, what = ln, w
				break
			}
		}
	}
	for _, d := range ch.deleted {
		if line != 0 && d.after >= line-1 { // line's own hunk: report the new text
			break
		}
		if w := cv.deleted(d.after, d.text); w != "" {
			return max(d.after, 1), w, true
		}
	}
	return line, what, false
}

// signoffIndex is the chain index of the step with purpose signoff, or -1.
func signoffIndex(cfg *config.Config) int {
	for i, s := range cfg.ReviewChain {
		if s.Purpose == config.PurposeSignoff {
			return i
		}
	}
	return -1
}

// signoffCommit is the commit that completed the step: the later of those
// that introduced its by and at lines. It is nil while either line is not
// committed yet (nothing to compare against).
func signoffCommit(ctx context.Context, r *repo, a *article.Article, key string, lines []*commit) (*commit, error) {
	var by, at *commit
	if p, ok := a.Key("review." + key + ".by"); ok && p.Line <= len(lines) {
		by = lines[p.Line-1]
	}
	if p, ok := a.Key("review." + key + ".at"); ok && p.Line <= len(lines) {
		at = lines[p.Line-1]
	}
	if by == nil || at == nil || by.Uncommitted() || at.Uncommitted() {
		return nil, nil
	}
	if by == at {
		return by, nil
	}
	byFirst, err := r.isAncestor(ctx, by.Hash, at.Hash)
	if err != nil || byFirst {
		return at, err
	}
	return by, nil
}
