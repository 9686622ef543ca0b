// Package provenance checks review sign-offs against the git history: who
// committed each step, and whether anything the sign-off covers changed after
// it. It runs git (blame, ls-files, merge-base) in the repository root.
//
// One `git blame --line-porcelain --root` per article gives, for every line,
// the commit that introduced it — with merge commits, the commit on the
// branch that wrote the line, not the merge. From that:
//
//   - GK060 (error): the line of a step's `by` or `at` was introduced by a
//     commit whose author email is not the signer's email in gongkai.yaml
//     (people: email). A signer without an email is an error too; a step not
//     committed yet, or a file git does not track, is a warning.
//   - GK061 (error): a line the 签发 (purpose signoff) step covers — the
//     body, the content-bearing front matter (every top-level key except
//     review, index_no, bulletin, adoptions, withdrawn and validity) and the
//     review steps before the sign-off — differs between the commit that set
//     the sign-off's by and at and the working file (git diff -M from that
//     commit): edited after it, merged in from a branch the signer never saw,
//     or deleted. A change reverted later is no change; a moved file is
//     followed. Steps after the sign-off (录入, 录入审核) touch only their own
//     lines. The finding names the commit of the changed line (for deleted
//     lines, the last commit since the sign-off) and the sign-off commit.
//
// Steps written on one line (review: {content: {…}, secrecy: {…}}) share
// its blame; each such step is credited instead to the commit that wrote its
// own text (git log -S), and a change to the shared line after 签发 is GK061
// only for a covered step whose text the sign-off's version does not hold.
//
// provenance.since in gongkai.yaml names the commit up to which the history
// predates gongkai: a step whose by or at line was introduced at or before
// it (the commit or one of its ancestors) is taken as migrated, without
// GK060. GK061 applies to every sign-off regardless.
//
// A shallow clone is ErrShallow, not a pass: blame there credits every old
// line to the oldest fetched commit. A directory outside git is
// ErrNotRepository.
package provenance

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// workers bounds the git processes running at once.
const workers = 3

// Check runs GK060 and GK061 over the articles. dir is the repository root
var msgShallowAt = msg.New("provenance.shallow_at",
	"%w；%s:%d 记在提交 %s 名下，而已取得的历史到此为止",
	"%w; %s:%d is credited to commit %s, where the fetched history ends")

var msgUntracked = msg.New("provenance.untracked", "尚未纳入 git：提交之前无法核对其审核步骤", "not tracked by git: cannot verify its review steps until it is committed")

// (where gongkai.yaml is); article paths are relative to it.
func Check(ctx context.Context, dir string, cfg *config.Config, arts []*article.Article) (diag.List, error) {
	return run(ctx, dir, cfg, arts, rules{signers: true, edits: true})
}

// EditedAfterSignoff runs GK061 alone, for `check --changed` over the
// changed articles.
func EditedAfterSignoff(ctx context.Context, dir string, cfg *config.Config, arts []*article.Article) (diag.List, error) {
	return run(ctx, dir, cfg, arts, rules{edits: true})
}

// rules says which checks a run makes.
type rules struct{ signers, edits bool }

// wants reports whether the article has anything for the rules to judge.
func (rl rules) wants(a *article.Article, cfg *config.Config) bool {
	if a.Broken {
		return false
	}
	if rl.edits {
		if i := signoffIndex(cfg); i >= 0 && a.FM.Review[cfg.ReviewChain[i].Key].Complete() {
			return true
		}
	}
	if rl.signers {
		for _, s := range a.FM.Review {
			if s != nil && s.By != "" {
				return true
			}
		}
	}
	return false
}

// run checks the repository first, whatever the articles, so that a CI job
// set up without history fails on its first run rather than on its first
// signed article.
func run(ctx context.Context, dir string, cfg *config.Config, arts []*article.Article, rl rules) (diag.List, error) {
	r, err := openRepo(ctx, dir)
	if err != nil {
		return nil, err
	}
	tracked, err := r.tracked(ctx)
	if err != nil {
		return nil, err
	}
	if rl.signers && cfg.Provenance.Since != "" {
		if err := r.resolveSince(ctx, cfg.Provenance.Since); err != nil {
			return nil, err
		}
	}
	var todo []*article.Article
	for _, a := range arts {
		if rl.wants(a, cfg) {
			todo = append(todo, a)
		}
	}
	found := make([]diag.List, len(todo))
	errs := make([]error, len(todo))
	var g errgroup.Group
	g.SetLimit(workers)
	for i, a := range todo {
		g.Go(func() error {
			found[i], errs[i] = r.check(ctx, cfg, a, rl, tracked[a.Path])
			return nil // the first error in todo's order is returned below
		})
	}
	g.Wait()
	var all diag.List
	for i := range todo {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, found[i]...)
	}
	all.Sort()
	return all.Dedupe(), nil
}

// check blames one article and applies the rules.
func (r *repo) check(ctx context.Context, cfg *config.Config, a *article.Article, rl rules, tracked bool) (diag.List, error) {
	var l diag.List
	if !tracked {
		id := "GK061"
		if rl.signers {
			id = "GK060"
		}
		l.Warnf(diag.Pos{Path: a.Path}, id, "%s", msgUntracked.F())
		return l, nil
	}
	lines, err := r.blame(ctx, a.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.Path, err)
	}
	for n, c := range lines {
		if c.Boundary {
			return nil, msgShallowAt.Error(ErrShallow, a.Path, n+1, c.Short())
		}
	}
	own, err := r.ownCommits(ctx, a, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.Path, err)
	}
	if rl.signers {
		all := lines
		for _, c := range own {
			all = append(all[:len(all):len(all)], c)
		}
		migrated, err := r.migratedLines(ctx, all)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Path, err)
		}
		checkSigners(a, cfg, lines, own, migrated, &l)
	}
	if rl.edits {
		if err := checkEdits(ctx, r, a, cfg, lines, own, &l); err != nil {
			return nil, fmt.Errorf("%s: %w", a.Path, err)
		}
	}
	return l, nil
}
