package browsertest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// axeTimeout bounds one axe.run, which walks the whole document.
const axeTimeout = 60 * time.Second

// axePath is where .ci/install-browser installs axe-core, from the repo root.
var axePath = filepath.Join(".ci", "node", "node_modules", "axe-core", "axe.min.js")

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID     string   `json:"id"`     // rule ID, e.g. "image-alt"
	Impact string   `json:"impact"` // "minor", "moderate", "serious" or "critical"
	Help   string   `json:"help"`   // one-line description of the rule
	Nodes  []string `json:"nodes"`  // CSS selector of each offending element
}

// String is the violation on one line, for test failures:
// "image-alt (critical) Images must have alternative text: #logo".
func (v Violation) String() string {
	return fmt.Sprintf("%s (%s) %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// AxeSource returns axe.min.js as installed by .ci/install-browser under the
// repo root (the nearest folder above the working directory with a go.mod).
// When it is missing the test is skipped, or fails with GONGKAI_REQUIRE_BROWSER=1.
func AxeSource(t testing.TB) string {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(root, axePath))
	if err != nil {
		missing(t, fmt.Sprintf("axe-core not installed: run .ci/install-browser (%v)", err))
	}
	return string(src)
}

// RepoRoot walks up from the working directory to the folder holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// axeRunJS runs axe on the document and keeps what Violation holds. A target
// inside an iframe or shadow root is a list of selectors; they are joined.
const axeRunJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || "",
	help: v.help,
	nodes: v.nodes.map(n => n.target.flat(Infinity).join(" ")),
})))`

// Axe injects axe-core into the page, runs it on the document and returns
// the violations found; an empty result means axe found nothing to report.
func (p *Page) Axe(t testing.TB) []Violation {
	t.Helper()
	src := AxeSource(t)
	if err := p.Eval(src+"\n;undefined", nil); err != nil {
		t.Fatalf("browsertest: injecting axe-core: %v", err)
	}
	var violations []Violation
	if err := p.eval(axeRunJS, &violations, axeTimeout); err != nil {
		t.Fatalf("browsertest: running axe-core: %v", err)
	}
	return violations
}
