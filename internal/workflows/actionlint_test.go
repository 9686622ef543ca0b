package workflows

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// workflowDir is .github/workflows seen from this package's directory.
const workflowDir = "../../.github/workflows"

// lint runs actionlint on one workflow and returns its findings as
// "file:line:col: message [kind]" lines with the file's base name.
// shellcheck and pyflakes join in when they are installed (GitHub's Ubuntu
// runners have shellcheck), and are skipped when they are not.
func lint(t *testing.T, path string) []string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		t.Fatal(err)
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{
		Shellcheck: installed("shellcheck"),
		Pyflakes:   installed("pyflakes"),
	})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(abs, src, nil)
	if err != nil {
		t.Fatalf("actionlint %s: %v", path, err)
	}
	var out []string
	for _, e := range errs {
		e.Filepath = filepath.Base(e.Filepath)
		out = append(out, e.Error())
	}
	return out
}

// installed returns the command's name when it is on PATH, else "" (which
// tells actionlint not to run it).
func installed(name string) string {
	if _, err := exec.LookPath(name); err != nil {
		return ""
	}
	return name
}

// workflowFiles lists every workflow, so one added later is linted too.
func workflowFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(workflowDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

func TestWorkflowsPassActionlint(t *testing.T) {
	files := workflowFiles(t)
	for _, want := range []string{"check.yml", "publish.yml"} {
		if !contains(files, filepath.Join(workflowDir, want)) {
			t.Errorf("%s missing from %s", want, workflowDir)
		}
	}
	for _, f := range files {
		if errs := lint(t, f); len(errs) > 0 {
			t.Errorf("actionlint %s:\n%s", filepath.Base(f), strings.Join(errs, "\n"))
		}
	}
}

// brokenWorkflow splices the pull request's title into a script, needs a job
// that does not exist, and misspells runs-on.
const brokenWorkflow = `name: broken
on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
  deploy:
    needs: tset
    runs_on: ubuntu-latest
    steps:
      - run: echo deploy
`

func TestActionlintRejectsBrokenWorkflow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.yml")
	if err := os.WriteFile(path, []byte(brokenWorkflow), 0o644); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lint(t, path), "\n")
	want := strings.Join([]string{
		`broken.yml:7:24: "github.event.pull_request.title" is potentially untrusted. avoid using it directly in inline scripts. instead, pass it through an environment variable. see https://docs.github.com/en/actions/reference/security/secure-use#good-practices-for-mitigating-script-injection-attacks for more details [expression]`,
		`broken.yml:8:3: "runs-on" section is missing in job "deploy" [syntax-check]`,
		`broken.yml:8:3: job "deploy" needs job "tset" which does not exist in this workflow [job-needs]`,
		`broken.yml:10:5: unexpected key "runs_on" for "job" section. expected one of "concurrency", "container", "continue-on-error", "defaults", "env", "environment", "if", "name", "needs", "outputs", "permissions", "runs-on", "secrets", "services", "snapshot", "steps", "strategy", "timeout-minutes", "uses", "with" [syntax-check]`,
	}, "\n")
	if got != want {
		t.Errorf("actionlint findings:\n%s\nwant:\n%s", got, want)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
