// Package diag holds positions and findings, the way every gongkai command
// reports a problem to a person: path:line:col: severity ID message.
// It imports nothing of gongkai's but the message catalogue (internal/msg),
// which names the severity in the reader's language.
package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"gongkai/internal/msg"
)

// Pos is a place in a file: Path is relative to the repository root with
// forward slashes; Line and Col are 1-based, Col counted in characters.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Before reports whether p comes before q: by path, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.Path != q.Path {
		return p.Path < q.Path
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Severity is error or warning.
type Severity int

const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning", the name in JSON and GitHub
// annotations.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

var (
	msgError   = msg.New("diag.error", "错误", "error")
	msgWarning = msg.New("diag.warning", "警告", "warning")
)

// Label returns the severity in the current language: 错误 or 警告.
func (s Severity) Label() string {
	if s == Warning {
		return msgWarning.F()
	}
	return msgError.F()
}

// MarshalJSON writes the severity as "error" or "warning".
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Finding is one problem found in one place.
type Finding struct {
	Pos      Pos
	Severity Severity
	ID       string // GK001 …
	Msg      string
	// Related are the other files the finding is about (the other article
	// with the same 索引号, the link's target, the article a manifest
	// lists): check --changed keeps a finding when one of them changed.
	Related []string `json:"-"`
}

// Same reports whether f and g are the same finding.
func (f Finding) Same(g Finding) bool {
	return f.Pos == g.Pos && f.Severity == g.Severity && f.ID == g.ID && f.Msg == g.Msg && slices.Equal(f.Related, g.Related)
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s %s", f.Pos, f.Severity.Label(), f.ID, f.Msg)
}

// List collects findings; the zero value is ready to use.
type List []Finding

// Add appends a finding; line and col below 1 are raised to 1.
func (l *List) Add(pos Pos, sev Severity, id, format string, args ...any) {
	if pos.Line < 1 {
		pos.Line = 1
	}
	if pos.Col < 1 {
		pos.Col = 1
	}
	*l = append(*l, Finding{Pos: pos, Severity: sev, ID: id, Msg: fmt.Sprintf(format, args...)})
}

// Relate records the other files the finding last added is about
// (Finding.Related).
func (l List) Relate(paths ...string) {
	if len(l) > 0 {
		f := &l[len(l)-1]
		f.Related = append(f.Related, paths...)
	}
}

// Errorf adds an error finding.
func (l *List) Errorf(pos Pos, id, format string, args ...any) {
	l.Add(pos, Error, id, format, args...)
}

// Warnf adds a warning finding.
func (l *List) Warnf(pos Pos, id, format string, args ...any) {
	l.Add(pos, Warning, id, format, args...)
}

// Sort sorts the findings in place by path, line, column, id and message,
// as go/scanner's ErrorList.Sort does. Dedupe then drops repeats.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Msg < b.Msg
	})
}

// Dedupe drops each finding equal to the one before it, so a list Sort
// has ordered keeps every finding once (two rules, or two passes, may report the same
// thing). It reuses l's storage.
func (l List) Dedupe() List {
	out := l[:0]
	for i, f := range l {
		if i > 0 && f.Same(l[i-1]) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, f := range l {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// HasErrors reports whether any finding is an error.
func (l List) HasErrors() bool {
	e, _ := l.Count()
	return e > 0
}

// ForPath returns the findings about one file.
func (l List) ForPath(path string) List {
	var out List
	for _, f := range l {
		if f.Pos.Path == path {
			out = append(out, f)
		}
	}
	return out
}

// WriteText prints one finding per line.
func (l List) WriteText(w io.Writer) error {
	for _, f := range l {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteGitHub prints findings as GitHub Actions workflow commands
// (::error file=…,line=…,col=…,title=…::message).
func (l List) WriteGitHub(w io.Writer) error {
	for _, f := range l {
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			f.Severity, escapeProperty(f.Pos.Path), f.Pos.Line, f.Pos.Col,
			escapeProperty(f.ID), escapeData(f.Msg))
		if err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as the runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// JSONFinding is the shape of one finding in `--format json`.
type JSONFinding struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	ID       string   `json:"id"`
	Message  string   `json:"message"`
}

// JSON converts the list to its JSON shape (never nil, so it prints as []).
func (l List) JSON() []JSONFinding {
	out := make([]JSONFinding, 0, len(l))
	for _, f := range l {
		out = append(out, JSONFinding{f.Pos.Path, f.Pos.Line, f.Pos.Col, f.Severity, f.ID, f.Msg})
	}
	return out
}

// ErrorPaths returns the files with an error finding: such a file is not
// public, is linked to by no public page and enters no bulletin. It is the
// one definition of "a file with an error" that check, project, serve and
// bulletin use.
func (l List) ErrorPaths() map[string]bool {
	bad := map[string]bool{}
	for _, f := range l {
		if f.Severity == Error {
			bad[f.Pos.Path] = true
		}
	}
	return bad
}

// Errors returns the error findings.
func (l List) Errors() List {
	var out List
	for _, f := range l {
		if f.Severity == Error {
			out = append(out, f)
		}
	}
	return out
}

// String returns the findings as text, one per line.
func (l List) String() string {
	var b strings.Builder
	l.WriteText(&b)
	return b.String()
}
