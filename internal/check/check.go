// Package check applies gongkai's rules (GK002–GK051) to loaded articles.
package check

import (
	"io/fs"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// Pending is an article still in review: the next step and who may sign it.
type Pending struct {
	Path      string   `json:"path"`
	NextStep  string   `json:"next_step"`
	WaitingOn []string `json:"waiting_on"`
}

// Run applies every rule to the articles. fsys is the repository (for
// attachments and link targets); now is the clock for deadline rules.
func Run(cfg *config.Config, arts []*article.Article, fsys fs.FS, now time.Time) diag.List {
	return nil // TODO(check): the rules
}

// PendingList returns the articles still in review, sorted by path.
func PendingList(cfg *config.Config, arts []*article.Article, now time.Time) []Pending {
	return nil // TODO(check)
}
