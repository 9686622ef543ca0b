package workflows

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a workflow file these tests read.
type workflow struct {
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress bool   `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Jobs map[string]*job `yaml:"jobs"`
}

type job struct {
	Needs       string `yaml:"needs"`
	Environment struct {
		Name string `yaml:"name"`
		URL  string `yaml:"url"`
	} `yaml:"environment"`
	Steps []step `yaml:"steps"`
}

type step struct {
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
	Run  string            `yaml:"run"`
}

func readWorkflow(t *testing.T, name string) *workflow {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(workflowDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(src, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &w
}

// action returns the job's step that uses the action (owner/name, any version).
func (j *job) action(t *testing.T, name string) step {
	t.Helper()
	for _, s := range j.Steps {
		if strings.HasPrefix(s.Uses, name+"@") {
			return s
		}
	}
	t.Fatalf("no step uses %s", name)
	return step{}
}

// script returns the job's run step whose script contains cmd.
func (j *job) script(t *testing.T, cmd string) step {
	t.Helper()
	for _, s := range j.Steps {
		if strings.Contains(s.Run, cmd) {
			return s
		}
	}
	t.Fatalf("no step runs %q", cmd)
	return step{}
}

func wantEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func wantContains(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q:\n%s", what, p, text)
		}
	}
}

func wantTriggers(t *testing.T, w *workflow, events ...string) {
	t.Helper()
	for _, e := range events {
		if _, ok := w.On[e]; !ok {
			t.Errorf("on: lacks %s", e)
		}
	}
}

func TestCheckWorkflowRunsGongkaiCheckOnPullRequests(t *testing.T) {
	w := readWorkflow(t, "check.yml")
	wantTriggers(t, w, "pull_request", "workflow_dispatch")
	wantEqual(t, "permissions", w.Permissions, map[string]string{"contents": "read"})
	wantContains(t, "concurrency group", w.Concurrency.Group, "github.event.pull_request.number")
	wantEqual(t, "cancel-in-progress", w.Concurrency.CancelInProgress, true)

	j := w.Jobs["check"]
	if j == nil {
		t.Fatal("no job check")
	}
	// --provenance walks every commit that touched a review block.
	wantEqual(t, "checkout fetch-depth", j.action(t, "actions/checkout").With["fetch-depth"], "0")
	wantEqual(t, "setup-go go-version-file", j.action(t, "actions/setup-go").With["go-version-file"], "go.mod")
	j.script(t, "go test ./...")

	check := j.script(t, "gongkai check")
	wantContains(t, "gongkai check step", check.Run,
		`--changed "origin/$BASE_REF" --format github --provenance`)
	wantEqual(t, "BASE_REF", check.Env["BASE_REF"], "${{ github.base_ref }}")
}

func TestPublishWorkflowDeploysTheSiteToPages(t *testing.T) {
	w := readWorkflow(t, "publish.yml")
	wantTriggers(t, w, "push", "workflow_dispatch")
	wantEqual(t, "push branches", w.On["push"], map[string]any{"branches": []any{"main"}})
	wantEqual(t, "permissions", w.Permissions,
		map[string]string{"contents": "read", "pages": "write", "id-token": "write"})
	wantEqual(t, "concurrency group", w.Concurrency.Group, "pages")
	wantEqual(t, "cancel-in-progress", w.Concurrency.CancelInProgress, false)

	build, deploy := w.Jobs["build"], w.Jobs["deploy"]
	if build == nil || deploy == nil {
		t.Fatal("want jobs build and deploy")
	}
	wantEqual(t, "checkout fetch-depth", build.action(t, "actions/checkout").With["fetch-depth"], "0")
	wantEqual(t, "configure-pages id", build.action(t, "actions/configure-pages").ID, "pages")
	build.script(t, "fonts-noto-cjk")
	gongkai := build.script(t, "gongkai build")
	wantContains(t, "gongkai build step", gongkai.Run, `--base-url "$BASE_URL/"`, "--bulletin-pdf")
	wantEqual(t, "BASE_URL", gongkai.Env["BASE_URL"], "${{ steps.pages.outputs.base_url }}")
	wantEqual(t, "upload path", build.action(t, "actions/upload-pages-artifact").With["path"], "site")

	wantEqual(t, "deploy needs", deploy.Needs, "build")
	wantEqual(t, "environment", deploy.Environment.Name, "github-pages")
	wantEqual(t, "deploy-pages id", deploy.action(t, "actions/deploy-pages").ID, "deployment")
	wantEqual(t, "environment url", deploy.Environment.URL, "${{ steps.deployment.outputs.page_url }}")
}

// TestScriptsTakeContextThroughEnv holds the script-injection rule for every
// expression, not only the ones actionlint knows to be attacker-controlled.
func TestScriptsTakeContextThroughEnv(t *testing.T) {
	for _, f := range workflowFiles(t) {
		w := readWorkflow(t, filepath.Base(f))
		for name, j := range w.Jobs {
			for i, s := range j.Steps {
				if strings.Contains(s.Run, "${{") {
					t.Errorf("%s: job %s step %d splices an expression into run:; pass it through env:",
						filepath.Base(f), name, i+1)
				}
			}
		}
	}
}

// TestWorkflowsAgreeOnActionVersions keeps one version of each action, so a
// bump in one workflow is not forgotten in the other.
func TestWorkflowsAgreeOnActionVersions(t *testing.T) {
	seen := map[string]string{} // action → "uses" value first seen
	for _, f := range workflowFiles(t) {
		w := readWorkflow(t, filepath.Base(f))
		for _, j := range w.Jobs {
			for _, s := range j.Steps {
				name, _, ok := strings.Cut(s.Uses, "@")
				if !ok {
					continue
				}
				if prev, ok := seen[name]; ok && prev != s.Uses {
					t.Errorf("%s uses %s, another step uses %s", filepath.Base(f), s.Uses, prev)
				}
				seen[name] = s.Uses
			}
		}
	}
}
