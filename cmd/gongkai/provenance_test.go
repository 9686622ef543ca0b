package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitAs runs git in dir as the person with the email, isolated from the
// machine's git configuration.
func gitAs(t *testing.T, dir, email string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	name := strings.TrimSuffix(email, "@example.gov.cn")
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email, "GIT_AUTHOR_DATE=2025-03-05T12:00:00+08:00",
		"GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email, "GIT_COMMITTER_DATE=2025-03-05T12:00:00+08:00")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// signedRepo is small.txtar in git: plan.md written by 张三 and its content
// review committed by 李四 himself; meeting.md, whose steps were all
// committed by 张三, only when withMeeting.
func signedRepo(t *testing.T, withMeeting bool) string {
	dir := repo(t, "small.txtar")
	plan := filepath.Join(dir, "content/2025/plan.md")
	src, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	step := "  content: {by: 李四, at: 2025-03-10, opinion: 公开}\n"
	os.WriteFile(plan, []byte(strings.Replace(string(src), step, "", 1)), 0o644)
	if !withMeeting {
		os.Remove(filepath.Join(dir, "content/2025/meeting.md"))
	}
	gitAs(t, dir, "zhangsan@example.gov.cn", "init", "-q", "-b", "main")
	gitAs(t, dir, "zhangsan@example.gov.cn", "add", "-A")
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-m", "写稿")
	os.WriteFile(plan, src, 0o644)
	gitAs(t, dir, "lisi@example.gov.cn", "commit", "-q", "-a", "-m", "内容审核")
	return dir
}

func TestCheckProvenancePassesAnHonestChain(t *testing.T) {
	dir := signedRepo(t, false)
	plain, _, _ := gongkai(t, "-C", dir, "check", "--now", "2025-03-20")
	out, stderr, code := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	if code != 0 || out != plain || !strings.Contains(out, "content/2025/plan.md：下一步 保密审查（secrecy）") {
		t.Fatalf("code %d\n%s%s\nwithout --provenance:\n%s", code, out, stderr, plain)
	}
}

func TestCheckProvenanceFailsStepsCommittedByTheAuthor(t *testing.T) {
	dir := signedRepo(t, true)
	out, stderr, code := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	line := "content/2025/meeting.md:14:13: 错误 GK060 签发（review.signoff.by）是由提交 "
	if code != 1 || !strings.Contains(out, line) || strings.Contains(out, "plan.md:9") {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
	if n := strings.Count(out, "错误 GK060"); n != 6 {
		t.Fatalf("%d GK060 errors, want one per step of meeting.md\n%s", n, out)
	}
}

func TestCheckProvenanceOnAShallowCloneExitsOne(t *testing.T) {
	dir := signedRepo(t, false)
	clone := filepath.Join(t.TempDir(), "clone")
	gitAs(t, dir, "zhangsan@example.gov.cn", "clone", "-q", "--depth", "1", "file://"+dir, clone)
	out, stderr, code := gongkai(t, "-C", clone, "check", "--provenance")
	want := "gongkai：check --provenance：这是浅克隆（请运行 git fetch --unshallow，或在 actions/checkout 中设置 fetch-depth: 0）：核对签字来源需要完整的提交历史\n"
	if code != 1 || out != "" || stderr != want {
		t.Fatalf("code %d\nstdout %q\nstderr %q", code, out, stderr)
	}
}

func TestCheckProvenanceOutsideGitExitsTwo(t *testing.T) {
	dir := repo(t, "small.txtar")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	_, stderr, code := gongkai(t, "-C", dir, "check", "--provenance")
	if code != 2 || !strings.HasPrefix(stderr, "gongkai：check --provenance：不是 git 仓库：") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestSignoffEditsCheckOnlyTheChangedFiles(t *testing.T) {
	dir := signedRepo(t, true)
	meeting := filepath.Join(dir, "content/2025/meeting.md")
	src, _ := os.ReadFile(meeting)
	os.WriteFile(meeting, []byte(strings.Replace(string(src), "进一步", "全面", 1)), 0o644)
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-a", "-m", "改一句")
	p, err := openProject(&env{dir: dir}, mustNow(t))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{dir: dir}
	l, err := checkSignoffEdits(context.Background(), e, p, map[string]bool{"content/2025/plan.md": true})
	if err != nil || len(l) != 0 {
		t.Fatalf("plan.md only: %v %v", l, err)
	}
	l, err = checkSignoffEdits(context.Background(), e, p, map[string]bool{"content/2025/meeting.md": true})
	if err != nil || len(l) != 1 || !strings.HasPrefix(l[0].String(), "content/2025/meeting.md:19:1: 错误 GK061 正文在签发（signoff）之后被改动：第19行来自提交 ") {
		t.Fatalf("meeting.md: %v %v", l, err)
	}
}

func mustNow(t *testing.T) time.Time {
	t.Helper()
	now, err := parseNow(&env{dir: t.TempDir()}, "2025-03-20")
	if err != nil {
		t.Fatal(err)
	}
	return now
}

// gitOut runs git in dir and returns its trimmed output.
func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

func TestProvenanceSinceTakesEarlierStepsAsMigratedAndStillChecksEdits(t *testing.T) {
	dir := signedRepo(t, true) // meeting.md: every step committed by its author 张三
	first := gitOut(t, dir, "rev-list", "--max-parents=0", "HEAD")
	cfg := filepath.Join(dir, "gongkai.yaml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(src, []byte("provenance: {since: "+first[:10]+"}\n")...), 0o644)
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-a", "-m", "迁移：provenance.since")
	out, stderr, code := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	if code != 0 || strings.Contains(out, "GK060") {
		t.Fatalf("migrated steps: code %d\n%s%s", code, out, stderr)
	}
	// GK061 still applies: the text edited after 签发, after since.
	meeting := filepath.Join(dir, "content/2025/meeting.md")
	m, _ := os.ReadFile(meeting)
	os.WriteFile(meeting, []byte(strings.Replace(string(m), "进一步", "全面", 1)), 0o644)
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-a", "-m", "改一句")
	out, _, code = gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	if code != 1 || !strings.Contains(out, "content/2025/meeting.md:19:1: 错误 GK061 ") || strings.Contains(out, "GK060") {
		t.Fatalf("GK061 after since: code %d\n%s", code, out)
	}
}

func TestProvenanceSinceMustBeACommit(t *testing.T) {
	dir := signedRepo(t, false)
	cfg := filepath.Join(dir, "gongkai.yaml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(src, []byte("provenance: {since: v0-no-such-tag}\n")...), 0o644)
	_, stderr, code := gongkai(t, "-C", dir, "check", "--provenance")
	want := "gongkai：check --provenance：gongkai.yaml 的 provenance.since 为“v0-no-such-tag”，但 git 中没有这个提交（"
	if code != 2 || !strings.HasPrefix(stderr, want) {
		t.Fatalf("code %d\n%q", code, stderr)
	}
}

func TestProvenanceSinceDoesNotCoverAStepSignedAfterIt(t *testing.T) {
	dir := signedRepo(t, false)
	head := gitOut(t, dir, "rev-parse", "HEAD")
	cfg := filepath.Join(dir, "gongkai.yaml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(src, []byte("provenance: {since: "+head+"}\n")...), 0o644)
	plan := filepath.Join(dir, "content/2025/plan.md")
	p, _ := os.ReadFile(plan)
	os.WriteFile(plan, []byte(strings.Replace(string(p), "opinion: 公开}\n", "opinion: 公开}\n  secrecy: {by: 王五, at: 2025-03-11, result: 不涉密}\n", 1)), 0o644)
	gitAs(t, dir, "zhangsan@example.gov.cn", "commit", "-q", "-a", "-m", "代签")
	out, _, code := gongkai(t, "-C", dir, "check", "--provenance", "--now", "2025-03-20")
	if code != 1 || !strings.Contains(out, "content/2025/plan.md:10:13: 错误 GK060 ") {
		t.Fatalf("code %d\n%s", code, out)
	}
}

// The shipped repository passes its own check workflow: with gongkai.yaml's
// provenance.since, the sample articles' history from before gongkai sign
// is taken as migrated, and nothing signed since is GK060 or GK061. Runs on
// a clone with its full history (the check workflow's fetch-depth: 0).
func TestThisRepositoryPassesCheckProvenance(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the repository's whole history")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "rev-parse", "--is-shallow-repository")
	cmd.Dir = root
	if out, err := cmd.Output(); err != nil || strings.TrimSpace(string(out)) != "false" {
		t.Skipf("not a git clone with its full history (%v %s)", err, out)
	}
	out, stderr, code := gongkai(t, "-C", root, "check", "--provenance")
	if code != 0 || strings.Contains(out, "错误 GK06") {
		t.Fatalf("code %d\n%s%s", code, out, stderr)
	}
}
