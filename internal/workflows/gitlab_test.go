package workflows

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The keywords GitLab documents for .gitlab-ci.yml (docs/ci/yaml): global
// keywords, job keywords, and the keys of the nested ones this file uses. A
// top-level key that is not global is a job.
var (
	gitlabGlobal   = []string{"default", "include", "stages", "variables", "workflow", "spec"}
	gitlabJob      = []string{"after_script", "allow_failure", "artifacts", "before_script", "cache", "coverage", "dast_configuration", "dependencies", "environment", "extends", "hooks", "identity", "id_tokens", "image", "inherit", "interruptible", "manual_confirmation", "needs", "pages", "parallel", "release", "resource_group", "retry", "rules", "run", "script", "secrets", "services", "stage", "tags", "timeout", "trigger", "variables", "when"}
	gitlabDefault  = []string{"after_script", "artifacts", "before_script", "cache", "hooks", "id_tokens", "image", "interruptible", "retry", "services", "tags", "timeout"}
	gitlabRule     = []string{"if", "changes", "exists", "allow_failure", "needs", "variables", "when", "interruptible"}
	gitlabArtifact = []string{"paths", "exclude", "expire_in", "expose_as", "name", "public", "access", "reports", "untracked", "when"}
	gitlabEnv      = []string{"name", "url", "on_stop", "action", "auto_stop_in", "kubernetes", "deployment_tier"}
)

type gitlabJobDef struct {
	Stage     string           `yaml:"stage"`
	Needs     []string         `yaml:"needs"`
	Script    []string         `yaml:"script"`
	Rules     []map[string]any `yaml:"rules"`
	Artifacts struct {
		Paths   []string          `yaml:"paths"`
		When    string            `yaml:"when"`
		Reports map[string]string `yaml:"reports"`
	} `yaml:"artifacts"`
	ResourceGroup string `yaml:"resource_group"`
}

func readGitLab(t *testing.T) (map[string]*yaml.Node, []string, map[string]*gitlabJobDef) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(workflowDir, "..", "..", ".gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		t.Fatalf(".gitlab-ci.yml: %v", err)
	}
	top := map[string]*yaml.Node{}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		top[doc.Content[i].Value] = doc.Content[i+1]
	}
	var stages []string
	if err := top["stages"].Decode(&stages); err != nil {
		t.Fatalf("stages: %v", err)
	}
	jobs := map[string]*gitlabJobDef{}
	for name, n := range top {
		if slices.Contains(gitlabGlobal, name) || strings.HasPrefix(name, ".") {
			continue
		}
		var j gitlabJobDef
		if err := n.Decode(&j); err != nil {
			t.Fatalf("job %s: %v", name, err)
		}
		jobs[name] = &j
	}
	return top, stages, jobs
}

// keysIn fails for every key of the mapping n that is not in allowed.
func keysIn(t *testing.T, where string, n *yaml.Node, allowed []string) {
	t.Helper()
	if n == nil || n.Kind != yaml.MappingNode {
		t.Errorf("%s: want a mapping", where)
		return
	}
	for i := 0; i < len(n.Content); i += 2 {
		if k := n.Content[i].Value; !slices.Contains(allowed, k) {
			t.Errorf("%s: %q is not a GitLab CI keyword here", where, k)
		}
	}
}

func TestGitLabCIUsesOnlyDocumentedKeywords(t *testing.T) {
	top, stages, jobs := readGitLab(t)
	keysIn(t, "default", top["default"], gitlabDefault)
	for name, j := range jobs {
		n := top[name]
		keysIn(t, name, n, gitlabJob)
		if !slices.Contains(stages, j.Stage) {
			t.Errorf("%s: stage %q is not in stages %v", name, j.Stage, stages)
		}
		if len(j.Script) == 0 {
			t.Errorf("%s: no script", name)
		}
		for _, need := range j.Needs {
			if jobs[need] == nil {
				t.Errorf("%s: needs %q, which is no job", name, need)
			}
		}
		for i := 0; i < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			switch k {
			case "rules":
				for _, r := range v.Content {
					keysIn(t, name+".rules", r, gitlabRule)
				}
			case "artifacts":
				keysIn(t, name+".artifacts", v, gitlabArtifact)
			case "environment":
				keysIn(t, name+".environment", v, gitlabEnv)
			}
		}
	}
	for _, r := range top["workflow"].Content[1].Content {
		keysIn(t, "workflow.rules", r, gitlabRule)
	}
}

func TestGitLabCIChecksMergeRequestsIntoCodeQuality(t *testing.T) {
	_, _, jobs := readGitLab(t)
	check := jobs["check"]
	if check == nil {
		t.Fatal("no check job")
	}
	report := check.Artifacts.Reports["codequality"]
	if report == "" || check.Artifacts.When != "always" {
		t.Fatalf("check: want artifacts:reports:codequality uploaded always, got %+v", check.Artifacts)
	}
	script := strings.Join(check.Script, "\n")
	wantContains(t, "check script", script, "--format gitlab > "+report, "--changed \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"", "--provenance")
	if len(check.Rules) != 1 || check.Rules[0]["if"] != `$CI_PIPELINE_SOURCE == "merge_request_event"` {
		t.Errorf("check: want it on merge requests only, got %v", check.Rules)
	}
	wantContains(t, "test script", strings.Join(jobs["test"].Script, "\n"), "go test ./...")
}

func TestGitLabCIPublishesTheDefaultBranchToPagesAndTheServer(t *testing.T) {
	_, _, jobs := readGitLab(t)
	build, pages, deploy := jobs["build"], jobs["pages"], jobs["deploy"]
	if build == nil || pages == nil || deploy == nil {
		t.Fatal("want jobs build, pages and deploy")
	}
	wantContains(t, "build script", strings.Join(build.Script, "\n"), "gongkai build", "--bulletin-pdf")
	if !slices.Equal(build.Artifacts.Paths, []string{"site"}) || !slices.Equal(pages.Artifacts.Paths, []string{"public"}) {
		t.Errorf("want build to pass site/ on and pages to publish public/: %v, %v", build.Artifacts.Paths, pages.Artifacts.Paths)
	}
	wantContains(t, "deploy script", strings.Join(deploy.Script, "\n"), "gongkai deploy", "\"$DEPLOY_TARGET\"")
	if deploy.ResourceGroup == "" {
		t.Error("deploy: want a resource_group, so two deployments never run at once")
	}
	for name, j := range map[string]*gitlabJobDef{"build": build, "pages": pages, "deploy": deploy} {
		if len(j.Rules) == 0 || !strings.Contains(j.Rules[0]["if"].(string), "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH") {
			t.Errorf("%s: want it on the default branch only, got %v", name, j.Rules)
		}
	}
}
