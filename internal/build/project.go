// Package build puts the stages together: load → check → render → write.
// It is the one place where the pipeline reads top to bottom; check, build,
// serve and bulletin all start from Open.
package build

import (
	"io/fs"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
	"gongkai/internal/msg"
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

var (
	msgNoContentShort = msg.New("build.no_content_short", "仓库中没有 content/ 文件夹", "the repository has no content/ folder")
	msgConfigErrors   = msg.New("build.config_errors", "%s 有错误，请先修正", "%s has errors; fix them first")
	msgNoContent      = msg.New("build.no_content",
		"没有 content/ 文件夹：请在仓库根目录运行 gongkai（或用 -C 指定目录），或新建 content/ 文件夹存放稿件",
		"there is no content/ folder: run gongkai in the repository root (or pass -C DIR), or create content/ for the articles")
)

// ConfigError is gongkai.yaml failing to load: the command cannot run.
type ConfigError struct{ Findings diag.List }

func (e *ConfigError) Error() string {
	for _, f := range e.Findings {
		if f.Pos.Path == load.ContentDir {
			return msgNoContentShort.F()
		}
	}
	return msgConfigErrors.F(config.FileName)
}

// Open loads gongkai.yaml and every article and applies the checks.
func Open(fsys fs.FS, now time.Time) (*Project, error) {
	cfg, cfgFindings := config.Load(fsys)
	if cfg == nil {
		return nil, &ConfigError{cfgFindings}
	}
	if st, err := fs.Stat(fsys, load.ContentDir); err != nil || !st.IsDir() {
		var l diag.List
		l.Errorf(diag.Pos{Path: load.ContentDir}, "GK001", "%s", msgNoContent.F())
		return nil, &ConfigError{append(cfgFindings, l...)}
	}
	arts, findings := load.Load(fsys, cfg)
	findings = append(findings, cfgFindings...)
	findings = append(findings, check.RunAfterLoad(cfg, arts, findings, fsys, now)...)
	return &Project{FS: fsys, Config: cfg, Articles: arts, Findings: findings.Sort(), Now: now}, nil
}

// Public returns the published articles: eligible by their front matter and
// without an error finding (SPEC "public").
func (p *Project) Public() map[*article.Article]bool {
	return check.Public(p.Config, p.Articles, p.Findings, p.Now)
}

// Withdrawn returns the withdrawn articles that keep their URL with the
// notice: published before the withdrawal, and without an error finding
// (with --keep-going an article with errors is left out whole).
func (p *Project) Withdrawn() map[*article.Article]bool {
	return check.WithdrawnPages(p.Config, p.Articles, p.Findings, p.Now)
}

// Pending returns the review queue.
func (p *Project) Pending() []check.Pending {
	return check.Queue(p.Config, p.Articles, p.Findings, p.Now)
}
