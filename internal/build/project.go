// Package build puts the stages together: load → check → render → write.
// It is the one place where the pipeline reads top to bottom; check, build,
// serve and bulletin all start from Open.
package build

import (
	"fmt"
	"io/fs"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
)

// Project is a repository loaded and checked at a moment.
type Project struct {
	FS       fs.FS
	Config   *config.Config
	Articles []*article.Article
	// Findings holds every finding: gongkai.yaml's warnings, the loader's
	// and the rules', sorted.
	Findings diag.List
	Now      time.Time
}

// ConfigError is gongkai.yaml failing to load: the command cannot run.
type ConfigError struct{ Findings diag.List }

func (e *ConfigError) Error() string {
	return fmt.Sprintf("%s has errors; fix them first", config.FileName)
}

// Open loads gongkai.yaml and every article and applies the checks.
func Open(fsys fs.FS, now time.Time) (*Project, error) {
	cfg, cfgFindings := config.Load(fsys)
	if cfg == nil {
		return nil, &ConfigError{cfgFindings}
	}
	arts, findings := load.Load(fsys, cfg)
	findings = append(findings, cfgFindings...)
	findings = append(findings, check.RunAfterLoad(cfg, arts, findings, fsys, now)...)
	return &Project{FS: fsys, Config: cfg, Articles: arts, Findings: findings.Sort(), Now: now}, nil
}

// Public returns the published articles: eligible by their front matter and
// without an error finding (SPEC "public").
func (p *Project) Public() map[*article.Article]bool {
	bad := map[string]bool{}
	for _, f := range p.Findings {
		if f.Severity == diag.Error {
			bad[f.Pos.Path] = true
		}
	}
	pub := map[*article.Article]bool{}
	for _, a := range p.Articles {
		if !bad[a.Path] && a.Eligible(p.Config, p.Now) {
			pub[a] = true
		}
	}
	return pub
}

// Pending returns the review queue.
func (p *Project) Pending() []check.Pending {
	return check.PendingList(p.Config, p.Articles, p.Now)
}
