package provenance

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/load"
)

// agency is the gongkai.yaml of the test repositories: 张三 writes, the
// rest sign; 周九 has no email.
const agency = `site:
  title: 测试县招商局政府信息公开
  base_url: https://zsj.example.gov.cn/
  timezone: Asia/Shanghai
  org_code: 11330782MB1234567X
departments:
  - {name: 办公室, head: 李四, leader: 赵六}
people:
  - {name: 张三, email: zhangsan@example.gov.cn, department: 办公室}
  - {name: 李四, email: lisi@example.gov.cn, department: 办公室}
  - {name: 王五, email: wangwu@example.gov.cn, roles: [secrecy]}
  - {name: 钱七, email: QianQi@example.gov.cn, roles: [principal]}
  - {name: 赵六, email: zhaoliu@example.gov.cn, roles: [deputy]}
  - {name: 孙八, email: sunba@example.gov.cn, roles: [entry]}
  - {name: 周九, roles: [deputy]}
categories: [工作动态]
kinds:
  - {name: 动态信息}
`

// gitRepo is a temporary git repository isolated from the machine's git
// configuration.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *gitRepo {
	t.Helper()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	r.write("gongkai.yaml", agency)
	return r
}

// git runs git as the person with the email ("" for no identity) and
// returns its trimmed output. Commits are dated date (noon, +08:00).
func (r *gitRepo) git(email string, args ...string) string {
	return r.gitAt(email, "2025-03-01", args...)
}

func (r *gitRepo) gitAt(email, date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	if email != "" {
		name := strings.TrimSuffix(email, "@example.gov.cn")
		stamp := date + "T12:00:00+08:00"
		cmd.Env = append(os.Environ(),
			"GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email, "GIT_AUTHOR_DATE="+stamp,
			"GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email, "GIT_COMMITTER_DATE="+stamp)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *gitRepo) write(path, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit writes the file and commits everything as the person, on the date,
// and returns the short hash.
func (r *gitRepo) commit(email, date, msg, path, text string) string {
	r.t.Helper()
	r.write(path, text)
	r.git(email, "add", "-A")
	r.gitAt(email, date, "commit", "-q", "-m", msg)
	return r.git("", "rev-parse", "--short=7", "HEAD")
}

// load reads the repository as gongkai check does.
func (r *gitRepo) load() (*config.Config, []*article.Article) {
	r.t.Helper()
	fsys := os.DirFS(r.dir)
	cfg, l := config.Load(fsys)
	if cfg == nil {
		r.t.Fatal(l)
	}
	arts, _ := load.Load(fsys, cfg)
	return cfg, arts
}

// check runs Check (or EditedAfterSignoff) and returns the findings as text.
func (r *gitRepo) check(editsOnly bool) (string, error) {
	r.t.Helper()
	cfg, arts := r.load()
	run := Check
	if editsOnly {
		run = EditedAfterSignoff
	}
	l, err := run(context.Background(), r.dir, cfg, arts)
	var b strings.Builder
	l.WriteText(&b)
	return b.String(), err
}

// doc builds an article: the front matter, then review: with the steps
// (one line each, already indented), then the body.
func doc(body string, steps ...string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 县招商局召开一季度工作会议\ndepartment: 办公室\ncategory: 工作动态\n")
	b.WriteString("kind: 动态信息\nauthors: [张三]\ndisclosure: 主动公开\n")
	if len(steps) > 0 {
		b.WriteString("review:\n")
	}
	for _, s := range steps {
		b.WriteString(s + "\n")
	}
	b.WriteString("---\n\n" + body + "\n")
	return b.String()
}

// The steps of the honest chain, one line each, and who signs them.
var (
	contentStep = "  content: {by: 李四, at: 2025-03-04, opinion: 公开}"
	secrecyStep = "  secrecy: {by: 王五, at: 2025-03-04, result: 不涉密}"
	releaseStep = "  release: {by: 赵六, at: 2025-03-05, disclosure: 主动公开}"
	signoffStep = "  signoff: {by: 钱七, at: 2025-03-05}"
	entryStep   = "  entry: {by: 孙八, at: 2025-03-06}"
	verifyStep  = "  verify: {by: 孙八, at: 2025-03-06}"
)

const (
	meeting = "content/2025/招商会议.md"
	body    = "会议强调，要进一步做好信息公开工作。"
)

// signedUpTo commits the article and the chain up to and including the
// sign-off, each step by its own signer, and returns the sign-off's hash.
func (r *gitRepo) signedUpTo() string {
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, doc(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, doc(body, contentStep))
	r.commit("wangwu@example.gov.cn", "2025-03-04", "保密审查", meeting, doc(body, contentStep, secrecyStep))
	r.commit("zhaoliu@example.gov.cn", "2025-03-05", "发布审核", meeting, doc(body, contentStep, secrecyStep, releaseStep))
	return r.commit("qianqi@example.gov.cn", "2025-03-05", "签发", meeting, doc(body, contentStep, secrecyStep, releaseStep, signoffStep))
}
