package provenance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"gongkai/internal/msg"
)

// ErrNotRepository is returned when the repository root is not inside a git
// work tree: provenance reads who committed each line from git.
var ErrNotRepository = msg.New("provenance.not_repository",
	"不是 git 仓库：核对签字来源要读取提交历史，请在网站仓库的克隆中运行",
	"not a git repository: sign-off provenance reads the commit history, run it in a clone of the site repository").Sentinel()

// ErrShallow is returned for a shallow clone, whose history stops short of
// the commits that signed the review steps. The check fails rather than
// passing on what it cannot see.
var ErrShallow = msg.New("provenance.shallow",
	"这是浅克隆（请运行 git fetch --unshallow，或在 actions/checkout 中设置 fetch-depth: 0）：核对签字来源需要完整的提交历史",
	"this clone is shallow (git fetch --unshallow, or actions/checkout with fetch-depth: 0): provenance needs the full history").Sentinel()

var msgNotRepositoryAt = msg.New("provenance.not_repository_at", "%w（%s；git 的原话：“%s”）", "%w (%s; git says: %s)")

// repo runs git in the site's repository root.
type repo struct {
	dir string

	since string // provenance.since, resolved to a full hash

	mu        sync.Mutex
	ancestors map[[2]string]bool
}

// openRepo checks that dir is in a git work tree with its full history.
func openRepo(ctx context.Context, dir string) (*repo, error) {
	r := &repo{dir: dir, ancestors: map[[2]string]bool{}}
	out, err := r.git(ctx, "rev-parse", "--is-shallow-repository")
	var ge *gitError
	if errors.As(err, &ge) {
		return nil, msgNotRepositoryAt.Error(ErrNotRepository, dir, ge.stderr)
	}
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(string(out)) == "true" {
		return nil, ErrShallow
	}
	return r, nil
}

// git runs a git command and returns its standard output; a failure carries
// git's own message.
func (r *repo) git(ctx context.Context, args ...string) ([]byte, error) {
	args = append([]string{"-c", "core.quotepath=off"}, args...)
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = r.dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, &gitError{args: args[2:], err: err, stderr: strings.TrimSpace(stderr.String())}
	}
	return out, nil
}

type gitError struct {
	args   []string
	err    error
	stderr string
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s: %v: %s", strings.Join(e.args, " "), e.err, e.stderr)
}

func (e *gitError) Unwrap() error { return e.err }

// tracked returns the files git tracks under the repository root, relative
// to it with forward slashes.
func (r *repo) tracked(ctx context.Context) (map[string]bool, error) {
	out, err := r.git(ctx, "ls-files", "-z")
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files[f] = true
		}
	}
	return files, nil
}

// isAncestor reports whether commit a is an ancestor of commit b (or b
// itself). Answers are cached: many lines share few commits.
func (r *repo) isAncestor(ctx context.Context, a, b string) (bool, error) {
	key := [2]string{a, b}
	r.mu.Lock()
	v, ok := r.ancestors[key]
	r.mu.Unlock()
	if ok {
		return v, nil
	}
	_, err := r.git(ctx, "merge-base", "--is-ancestor", a, b)
	var ee *exec.ExitError
	switch {
	case err == nil:
		v = true
	case errors.As(err, &ee) && ee.ExitCode() == 1:
		v = false
	default:
		return false, err
	}
	r.mu.Lock()
	r.ancestors[key] = v
	r.mu.Unlock()
	return v, nil
}

// lastChange returns the latest commit after since that changed the file,
// or the working tree's pseudo-commit when the change is not committed.
func (r *repo) lastChange(ctx context.Context, since *commit, path string) (*commit, error) {
	if _, err := r.git(ctx, "diff", "--quiet", "HEAD", "--", path); err != nil {
		return &commit{Hash: zeroHash}, nil
	}
	out, err := r.git(ctx, "log", "-1", "--format=%H%x00%an%x00%ae%x00%at%x00%ad%x00%s", "--date=format:%z", since.Hash+"..HEAD", "--", path)
	if err != nil {
		return nil, err
	}
	f := strings.Split(strings.TrimSuffix(string(out), "\n"), "\x00")
	if len(f) != 6 {
		return &commit{Hash: zeroHash}, nil
	}
	unix, _ := strconv.ParseInt(f[3], 10, 64)
	return &commit{Hash: f[0], Author: f[1], Mail: f[2], unix: unix, tz: f[4], Subject: f[5]}, nil
}

var msgBadSince = msg.New("provenance.bad_since",
	"gongkai.yaml 的 provenance.since 为“%s”，但 git 中没有这个提交（%s）：请填写本仓库历史中的提交号或标签",
	"provenance.since in gongkai.yaml is %q, which git does not know as a commit (%s): give a commit hash or tag in this repository's history")

// resolveSince reads provenance.since as a commit.
func (r *repo) resolveSince(ctx context.Context, since string) error {
	out, err := r.git(ctx, "rev-parse", "--verify", "-q", since+"^{commit}")
	if err != nil {
		var ge *gitError
		why := err.Error()
		if errors.As(err, &ge) {
			why = ge.stderr
		}
		return msgBadSince.Error(since, why)
	}
	r.since = strings.TrimSpace(string(out))
	return nil
}

// migratedLines returns the commits among lines at or before
// provenance.since (none when it is not set).
func (r *repo) migratedLines(ctx context.Context, lines []*commit) (map[*commit]bool, error) {
	out := map[*commit]bool{}
	if r.since == "" {
		return out, nil
	}
	for _, c := range lines {
		if _, seen := out[c]; seen || c.Uncommitted() {
			continue
		}
		ok, err := r.isAncestor(ctx, c.Hash, r.since)
		if err != nil {
			return nil, err
		}
		out[c] = ok
	}
	for c, ok := range out {
		if !ok {
			delete(out, c)
		}
	}
	return out, nil
}
