package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// vnuPath is where .ci/install-browser installs the Nu HTML checker, from
// the repo root.
var vnuPath = filepath.Join(".ci", "node", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")

// HTMLError is one error the Nu HTML checker (vnu.jar) reports.
type HTMLError struct {
	File    string `json:"url"`
	Line    int    `json:"lastLine"`
	Column  int    `json:"firstColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// String is the error on one line, for test failures.
func (e HTMLError) String() string {
	return fmt.Sprintf("%s:%d:%d: %s (%q)", e.File, e.Line, e.Column, e.Message, e.Extract)
}

// CheckHTML runs vnu.jar on the files (errors only) and returns what it
// reports. Without java or vnu.jar (see .ci/install-browser) the test is
// skipped, or fails with GONGKAI_REQUIRE_BROWSER=1; `go test -short` skips
// it too.
func CheckHTML(t testing.TB, files ...string) []HTMLError {
	t.Helper()
	SkipIfShort(t)
	root, err := RepoRoot()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	jar := filepath.Join(root, vnuPath)
	if _, err := os.Stat(jar); err != nil {
		missing(t, fmt.Sprintf("vnu.jar not installed: run .ci/install-browser (%v)", err))
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java not found: run .ci/install-browser (default-jre-headless)")
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, files...)...)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu.jar: %v\n%s", err, stderr.String())
	}
	// vnu writes its JSON report to stderr.
	report := stderr.Bytes()
	if out.Len() > 0 {
		report = out.Bytes()
	}
	var r struct {
		Messages []struct {
			Type string `json:"type"`
			HTMLError
		} `json:"messages"`
	}
	if err := json.Unmarshal(report, &r); err != nil {
		t.Fatalf("vnu.jar: reading its report: %v\n%s", err, report)
	}
	var errs []HTMLError
	for _, m := range r.Messages {
		if m.Type == "error" || m.Type == "non-document-error" {
			errs = append(errs, m.HTMLError)
		}
	}
	return errs
}
