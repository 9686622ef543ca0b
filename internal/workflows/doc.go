// Package workflows holds no code: its tests guard the agency's GitHub Actions
// workflows in .github/workflows (which Gitea and Forgejo Actions also run)
// and the GitLab pipeline in .gitlab-ci.yml.
//
// check.yml runs on every pull request: the Go tests, then
// `gongkai check --changed origin/<base> --format github --provenance`, whose
// findings appear as annotations and whose error findings fail the job.
// publish.yml runs on every push to main: `gongkai build --bulletin-pdf` into
// site/, which GitHub Pages then serves.
//
// The tests lint both files with actionlint (github.com/rhysd/actionlint, used as
// a library, so `go test ./...` needs no network), and assert what actionlint
// cannot know: the flags gongkai needs, the full git history provenance needs,
// the Pages permissions, and that no ${{ }} expression is spliced into a script.
//
// .gitlab-ci.yml is checked without network: parsed as YAML, every key held
// against the keywords GitLab documents, and the jobs asserted: check on merge
// requests with its Code Quality report, build, pages and deploy on the
// default branch.
package workflows
