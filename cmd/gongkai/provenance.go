package main

import (
	"context"
	"errors"

	"gongkai/internal/article"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/provenance"
)

// checkProvenance runs --provenance: each review step committed by its
// signer (GK060) and nothing the sign-off covers changed after it (GK061).
func checkProvenance(ctx context.Context, env *env, p *project.Project) (diag.List, error) {
	l, err := provenance.Check(ctx, env.dir, p.Config, p.Articles)
	return l, provenanceError("--provenance", err)
}

// checkSignoffEdits runs GK061 for --changed over the changed articles
// (files as changedFiles returns them).
func checkSignoffEdits(ctx context.Context, env *env, p *project.Project, files map[string]bool) (diag.List, error) {
	var arts []*article.Article
	for _, a := range p.Articles {
		if files[a.Path] {
			arts = append(arts, a)
		}
	}
	l, err := provenance.EditedAfterSignoff(ctx, env.dir, p.Config, arts)
	return l, provenanceError("--changed", err)
}

var msgProvenanceFailed = msg.New("cmd.provenance_failed", "check %s：%v", "check %s: %v")

// provenanceError maps the git checks' failures to exit statuses: a shallow
// clone fails the check (exit 1: it must not pass unverified); no git or a
// failing git means the command could not run (exit 2).
func provenanceError(flag string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, provenance.ErrShallow):
		return failed(msgProvenanceFailed.T(), flag, err)
	}
	return usageError(msgProvenanceFailed.T(), flag, err)
}
