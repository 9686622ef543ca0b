package diag

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// GitLabIssue is one finding in a GitLab Code Quality report: the subset of
// the Code Climate issue format that GitLab reads.
type GitLabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    GitLabLocation `json:"location"`
}

// GitLabLocation is where a GitLabIssue is.
type GitLabLocation struct {
	Path  string      `json:"path"`
	Lines GitLabLines `json:"lines"`
}

// GitLabLines holds the line of a GitLabLocation.
type GitLabLines struct {
	Begin int `json:"begin"`
}

// GitLab converts the list to a Code Quality report (never nil). An error is
// "critical", a warning "minor". The fingerprint hashes the id, path and
// message, not the line, so that a finding keeps its fingerprint when lines
// above it move and GitLab shows it as unchanged in a merge request; equal
// findings in one file are told apart by their order.
func (l List) GitLab() []GitLabIssue {
	out := make([]GitLabIssue, 0, len(l))
	seen := map[string]int{}
	for _, f := range l {
		key := f.ID + "\x00" + f.Pos.Path + "\x00" + f.Msg
		n := seen[key]
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
		sev := "critical"
		if f.Severity == Warning {
			sev = "minor"
		}
		out = append(out, GitLabIssue{
			Description: f.Msg,
			CheckName:   f.ID,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    sev,
			Location:    GitLabLocation{Path: f.Pos.Path, Lines: GitLabLines{Begin: f.Pos.Line}},
		})
	}
	return out
}

// WriteGitLab writes the list as a GitLab Code Quality report (a JSON array).
func (l List) WriteGitLab(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(l.GitLab())
}
