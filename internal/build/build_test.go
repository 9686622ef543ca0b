package build_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/build"
	"gongkai/internal/diag"
	"gongkai/internal/project"
	"gongkai/internal/render"
)

// buildTime is the --now of every test build.
var buildTime = time.Date(2025, 6, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// Body markers of testdata/repo.txtar's articles.
const (
	meetingText = "正文甲" // content/2025/meeting.md, with the attachment 议程.pdf
	noticeText  = "正文乙" // content/2025/notice.md
	reportText  = "正文丙" // content/2025/report.md
	draftText   = "正文丁" // content/2025/draft.md, in review
)

// newRepo writes testdata/repo.txtar into a new folder and returns it.
func newRepo(t *testing.T) string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "repo.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "repo")
	for _, f := range a.Files {
		writeFile(t, dir, f.Name, string(f.Data))
	}
	return dir
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces the one occurrence of old in a repository file.
func edit(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		t.Fatalf("%s contains %q %d times, want once", rel, old, n)
	}
	writeFile(t, dir, rel, strings.Replace(string(b), old, new, 1))
}

// run builds dir with Now = buildTime; opts may set Out, BaseURL, KeepGoing.
func run(dir string, opts build.Options) (*build.Result, error) {
	opts.Dir, opts.Now = dir, buildTime
	return build.Run(context.Background(), opts)
}

// mustRun builds and fails the test on any error.
func mustRun(t *testing.T, dir string, opts build.Options) *build.Result {
	t.Helper()
	res, err := run(dir, opts)
	if errors.Is(err, build.ErrFindings) {
		t.Fatalf("build: %v\n%s", err, res.Project.Findings)
	}
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// tree reads a folder: every file's content by slash path, and every
// folder as "path/" with no content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		if d.IsDir() {
			files[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffTrees reports how tree b differs from tree a, in path order.
func diffTrees(a, b map[string]string) []string {
	var diffs []string
	for _, p := range sortedKeys(a) {
		if bv, ok := b[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if bv != a[p] {
			diffs = append(diffs, "changed "+p)
		}
	}
	for _, p := range sortedKeys(b) {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "added "+p)
		}
	}
	return diffs
}

// fileCount counts the files of a tree, not its folders.
func fileCount(files map[string]string) int {
	n := 0
	for p := range files {
		if !strings.HasSuffix(p, "/") {
			n++
		}
	}
	return n
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// filesContaining returns the paths of the files whose name or content
// contains s.
func filesContaining(files map[string]string, s string) []string {
	var out []string
	for _, p := range sortedKeys(files) {
		if strings.Contains(p, s) || strings.Contains(files[p], s) {
			out = append(out, p)
		}
	}
	return out
}

// sameSite fails the test when the folder's tree is not want.
func sameSite(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	if d := diffTrees(want, tree(t, dir)); len(d) > 0 {
		t.Errorf("%s changed:\n%s", dir, strings.Join(d, "\n"))
	}
}

// noTempFolders fails when a build left a temporary folder beside the output.
func noTempFolders(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("a build left %s in %s", e.Name(), parent)
		}
	}
}

func TestBuildIsByteIdenticalAcrossRunsAndFolders(t *testing.T) {
	dir := newRepo(t)
	first := filepath.Join(t.TempDir(), "one")
	res := mustRun(t, dir, build.Options{Out: first})
	if res.Public != 3 {
		t.Errorf("%d public articles, want 3 (meeting, notice, report)", res.Public)
	}
	want := tree(t, first)
	if n := fileCount(want); res.Files != n {
		t.Errorf("Result.Files = %d, but %d files were written", res.Files, n)
	}
	second := filepath.Join(t.TempDir(), "two")
	mustRun(t, dir, build.Options{Out: second})
	sameSite(t, second, want)

	moved := filepath.Join(t.TempDir(), "elsewhere") // the same repository at another path
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	mustRun(t, moved, build.Options{})
	sameSite(t, filepath.Join(moved, "site"), want)
}

func TestErrorFindingStopsTheBuildAndLeavesTheSiteAsItWas(t *testing.T) {
	dir := newRepo(t)
	mustRun(t, dir, build.Options{})
	site := filepath.Join(dir, "site")
	before := tree(t, site)

	edit(t, dir, "content/2025/meeting.md", "department: 办公室", "department: 宣传科")
	edit(t, dir, "content/2025/report.md", "正文丙", "正文丙改")
	res, err := run(dir, build.Options{})
	if !errors.Is(err, build.ErrFindings) {
		t.Fatalf("build with an undeclared department: err = %v, want ErrFindings", err)
	}
	errs := res.Project.Findings.Errors()
	want := diag.Pos{Path: "content/2025/meeting.md", Line: 3, Col: 1}
	if len(errs) != 1 || errs[0].ID != "GK003" || errs[0].Pos != want {
		t.Errorf("error findings:\n%s\nwant one GK003 at %s", errs, want)
	}
	sameSite(t, site, before)
	noTempFolders(t, dir)
	if got := filesContaining(tree(t, site), "正文丙改"); len(got) > 0 {
		t.Errorf("the stopped build's text reached %q", got)
	}
}

// brokenTemplates are theme overrides that fail to parse or to execute,
// with the start of the error the build must return.
var brokenTemplates = []struct{ name, src, want string }{
	{"parse", "{{template \"layout\" .}}\n{{- define \"main\"}}\n<h1>{{.Article.Title}</h1>\n{{end}}\n",
		"生成网站：templates/article.html:3: {{ }} 中不能出现字符 '}'（}} 要两个连写）"},
	{"execute", "{{template \"layout\" .}}\n{{- define \"main\"}}\n<h1>{{.Article.NoSuchField}}</h1>\n{{end}}\n",
		"生成网站：templates/article.html:3:14: 生成“main”时在 <.Article.NoSuchField> 处出错：页面数据（*render.ArticleView）中没有字段 NoSuchField"},
}

func TestTemplateErrorLeavesTheSiteAsItWasAndNamesTheTemplateLine(t *testing.T) {
	for _, tc := range brokenTemplates {
		t.Run(tc.name, func(t *testing.T) {
			dir := newRepo(t)
			mustRun(t, dir, build.Options{})
			site := filepath.Join(dir, "site")
			before := tree(t, site)
			writeFile(t, dir, "templates/article.html", tc.src)
			edit(t, dir, "content/2025/report.md", "正文丙", "正文丙改")
			_, err := run(dir, build.Options{})
			if err == nil {
				t.Fatal("build with a broken template succeeded")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, tc.want) {
				t.Errorf("error:\n%s\nwant it to start with\n%s", msg, tc.want)
			}
			sameSite(t, site, before)
			noTempFolders(t, dir)
		})
	}
}

func TestKeepGoingLeavesOutTheArticleWithErrors(t *testing.T) {
	dir := newRepo(t)
	// An uncleared secrecy term in a signed article is an error (GK030).
	edit(t, dir, "content/2025/report.md", "正文丙为期", "正文丙内部资料为期")
	if _, err := run(dir, build.Options{}); !errors.Is(err, build.ErrFindings) {
		t.Fatalf("without --keep-going: err = %v, want ErrFindings", err)
	}
	res := mustRun(t, dir, build.Options{KeepGoing: true})
	if res.Public != 2 {
		t.Errorf("%d public articles, want 2 (report.md left out)", res.Public)
	}
	site := tree(t, filepath.Join(dir, "site"))
	for _, leak := range []string{reportText, "营商环境提升月", "2025/report/", draftText} {
		if got := filesContaining(site, leak); len(got) > 0 {
			t.Errorf("%q is in %q", leak, got)
		}
	}
	for kept, page := range map[string]string{meetingText: "2025/meeting/index.html", noticeText: "2025/notice/index.html"} {
		if got := filesContaining(site, kept); !slices.Contains(got, page) {
			t.Errorf("%q, a public article's text, is only in %q, not on its page %s", kept, got, page)
		}
	}
}

func TestArticleThatStopsBeingPublicDisappearsFromTheNextBuild(t *testing.T) {
	dir := newRepo(t)
	mustRun(t, dir, build.Options{})
	site := filepath.Join(dir, "site")
	if got := filesContaining(tree(t, site), reportText); len(got) < 3 {
		t.Fatalf("report.md's text is only in %q; the first build should publish it", got)
	}
	// Entered after --now: scheduled, not yet public.
	edit(t, dir, "content/2025/report.md", "entry:   {by: 孙八, at: 2025-04-03}", "entry:   {by: 孙八, at: 2025-06-02}")
	edit(t, dir, "content/2025/report.md", "verify:  {by: 孙八, at: 2025-04-03}", "verify:  {by: 孙八, at: 2025-06-02}")
	res := mustRun(t, dir, build.Options{})
	if res.Public != 2 {
		t.Errorf("%d public articles, want 2", res.Public)
	}
	after := tree(t, site)
	for _, gone := range []string{reportText, "营商环境提升月", "2025/report/"} {
		if got := filesContaining(after, gone); len(got) > 0 {
			t.Errorf("%q is still in %q", gone, got)
		}
	}
	if _, ok := after["2025/meeting/index.html"]; !ok {
		t.Error("2025/meeting/index.html is missing; only report.md should have gone")
	}
}

func TestWithdrawnArticleKeepsItsURLWithTheNoticeOnly(t *testing.T) {
	dir := newRepo(t)
	mustRun(t, dir, build.Options{})
	site := filepath.Join(dir, "site")
	if _, ok := tree(t, site)["2025/meeting/议程.pdf"]; !ok {
		t.Fatal("the first build did not publish the attachment 2025/meeting/议程.pdf")
	}
	edit(t, dir, "content/2025/meeting.md", "review:\n",
		"withdrawn: {at: 2025-05-20, by: 钱七, reason: 数据有误, notice: 本文已撤回，更正稿另行发布。}\nreview:\n")
	mustRun(t, dir, build.Options{})
	after := tree(t, site)
	page, ok := after["2025/meeting/index.html"]
	if !ok {
		t.Fatal("the withdrawn article lost its URL 2025/meeting/")
	}
	for _, want := range []string{"县招商局召开信息宣传工作会议", "撤回说明", "本信息已于2025年5月20日撤回", "撤回原因：数据有误", "本文已撤回，更正稿另行发布。"} {
		if !strings.Contains(page, want) {
			t.Errorf("the withdrawn page lacks %q", want)
		}
	}
	for _, gone := range []string{meetingText, "会议部署全年信息宣传工作", "议程"} {
		if got := filesContaining(after, gone); len(got) > 0 {
			t.Errorf("%q, of the withdrawn article, is in %q", gone, got)
		}
	}
	for _, list := range []string{"index.html", "feed.xml", "catalog/category/gongzuodongtai/index.html"} {
		if strings.Contains(after[list], "县招商局召开信息宣传工作会议") {
			t.Errorf("%s still lists the withdrawn article", list)
		}
	}
}

// linkRE finds the URL attributes of HTML.
var linkRE = regexp.MustCompile(`\b(?:href|src|action)\s*=\s*"([^"]*)"`)

func TestBaseURLWithAPathPrefixesEveryLink(t *testing.T) {
	for _, base := range []struct{ url, path string }{
		{"https://example.github.io/zsj/", "/zsj/"},
		{"/gk/", "/gk/"},
	} {
		t.Run(base.url, func(t *testing.T) {
			dir := newRepo(t)
			mustRun(t, dir, build.Options{BaseURL: base.url})
			site := tree(t, filepath.Join(dir, "site"))
			links := 0
			for _, p := range sortedKeys(site) {
				if !strings.HasSuffix(p, ".html") {
					continue
				}
				if !strings.Contains(site[p], `<html lang="zh-CN" data-base="`+base.path+`">`) {
					t.Errorf("%s: <html> lacks data-base=%q", p, base.path)
				}
				for _, m := range linkRE.FindAllStringSubmatch(site[p], -1) {
					links++
					if !linkUnderBase(m[1], base.path) {
						t.Errorf("%s: %q is not under %s, an anchor, mailto: or an absolute URL", p, m[1], base.path)
					}
				}
			}
			if links < 50 {
				t.Errorf("only %d links in the site; the test checks too little", links)
			}
		})
	}
}

func linkUnderBase(u, path string) bool {
	for _, ok := range []string{path, "#", "mailto:", "http://", "https://"} {
		if strings.HasPrefix(u, ok) {
			return true
		}
	}
	return false
}

func TestOutputFolderMayNotReplaceTheRepositoryOrItsSources(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "templates/site.css", "body { color: #000; }\n")
	writeFile(t, dir, ".git/HEAD", "ref: refs/heads/main\n")
	writeFile(t, dir, "internal/code.go", "package internal\n")
	outside := t.TempDir()
	writeFile(t, outside, "keep.txt", "mine")
	before := tree(t, dir)
	for _, tc := range []struct{ out, msg string }{
		{".", "会覆盖仓库本身"},
		{dir, "会覆盖仓库本身"},
		{"..", "会覆盖仓库本身"},
		{"content", "在 content/ 之内"},
		{"content/site", "在 content/ 之内"},
		{filepath.Join(dir, "content", "2025"), "在 content/ 之内"},
		{"templates", "在 templates/ 之内"},
		{".git", "在 .git/ 之内"},
		{"internal", "中已有不是 gongkai 写入的文件"},
		{outside, "中已有不是 gongkai 写入的文件"},
	} {
		_, err := run(dir, build.Options{Out: tc.out})
		var oe *build.OutputError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "用 -o 另选") {
			t.Errorf("-o %s: err = %v, want an OutputError saying it %s", tc.out, err, tc.msg)
		}
	}
	sameSite(t, dir, before)
	if b, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(b) != "mine" {
		t.Errorf("a folder of someone's files was touched: %q %v", b, err)
	}
}

func TestKeepGoingLeavesOutAWithdrawnArticleWithErrors(t *testing.T) {
	dir := newRepo(t)
	edit(t, dir, "content/2025/meeting.md", "review:\n",
		"withdrawn: {at: 2025-05-20, by: 钱七, reason: 数据有误, notice: 本文引用内部资料，已撤回。}\nreview:\n")
	if _, err := run(dir, build.Options{}); !errors.Is(err, build.ErrFindings) {
		t.Fatalf("a secrecy term in the withdrawal notice: err = %v, want ErrFindings (GK030)", err)
	}
	mustRun(t, dir, build.Options{KeepGoing: true})
	site := tree(t, filepath.Join(dir, "site"))
	if got := filesContaining(site, "内部资料"); len(got) > 0 {
		t.Errorf("the withdrawal notice with an error is published in %q", got)
	}
	if _, ok := site["2025/meeting/index.html"]; ok {
		t.Error("the withdrawn article with an error kept its page")
	}
}

func TestLinkToAFileThatIsNoAttachmentIsAnErrorAndNeverPublished(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "content/2025/内部方案.docx", "secret draft")
	edit(t, dir, "content/2025/meeting.md", meetingText, meetingText+"详见[方案](内部方案.docx)。")
	res, err := run(dir, build.Options{})
	if !errors.Is(err, build.ErrFindings) || len(res.Project.Findings.Errors()) != 1 || res.Project.Findings.Errors()[0].ID != "GK050" {
		t.Fatalf("err = %v, findings:\n%s\nwant one GK050", err, res.Project.Findings)
	}
	mustRun(t, dir, build.Options{KeepGoing: true})
	site := tree(t, filepath.Join(dir, "site"))
	for _, leak := range []string{"内部方案", "secret draft"} {
		if got := filesContaining(site, leak); len(got) > 0 {
			t.Errorf("%q is published in %q", leak, got)
		}
	}
}

func TestAttachmentSymlinkOutOfTheRepositoryIsNeverRead(t *testing.T) {
	dir := newRepo(t)
	outside := filepath.Join(t.TempDir(), "passwd.pdf")
	writeFile(t, filepath.Dir(outside), "passwd.pdf", "root:x:0:0:secret")
	agenda := filepath.Join(dir, "content/2025/议程.pdf")
	if err := os.Remove(agenda); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, agenda); err != nil {
		t.Skip("no symlinks here:", err)
	}
	res, err := run(dir, build.Options{})
	if !errors.Is(err, build.ErrFindings) || !strings.Contains(res.Project.Findings.Errors().String(), "GK050 附件“议程.pdf”不存在") {
		t.Fatalf("err = %v, findings:\n%s\nwant GK050 for the symlinked attachment", err, res.Project.Findings)
	}
	mustRun(t, dir, build.Options{KeepGoing: true})
	if got := filesContaining(tree(t, filepath.Join(dir, "site")), "root:x:0:0"); len(got) > 0 {
		t.Errorf("a file outside the repository was published in %q", got)
	}
}

// withBulletin adds gongkai.yaml's bulletin: block and a public issue of
// meeting.md dated before the build.
func withBulletin(t *testing.T, dir, manifest string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "gongkai.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "gongkai.yaml", string(b)+"bulletin:\n  name: 招商信息\n  issuer: 某某县招商局办公室\n  audience: public\n")
	edit(t, dir, "content/2025/meeting.md", "summary: 会议部署全年信息宣传工作。\n", "summary: 会议部署全年信息宣传工作。\nbulletin: true\n")
	writeFile(t, dir, "content/bulletins/2025-1.yaml", manifest)
}

func TestBuildRendersThePublicBulletinIssues(t *testing.T) {
	dir := newRepo(t)
	withBulletin(t, dir, "year: 2025\nnumber: 1\ndate: 2025-04-03\narticles:\n  - content/2025/meeting.md\n")
	mustRun(t, dir, build.Options{})
	for _, p := range []string{"site/bulletins/index.html", "site/bulletins/2025-1/index.html"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatalf("build without the command wrote no %s: %v", p, err)
		}
		if p != "site/bulletins/index.html" && !strings.Contains(string(b), "县招商局召开信息宣传工作会议") {
			t.Errorf("%s does not carry the issue's article", p)
		}
	}
}

func TestBuildStopsOnAManifestWithErrors(t *testing.T) {
	dir := newRepo(t)
	withBulletin(t, dir, "year: 2025\nnumber: 1\ndate: 2025-04-03\narticles:\n  - content/2025/missing.md\n")
	_, err := run(dir, build.Options{})
	var me *project.ManifestError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want a *project.ManifestError", err)
	}
	if len(me.Findings) == 0 || me.Findings[0].Pos.Path != "content/bulletins/2025-1.yaml" {
		t.Errorf("findings = %v, want the manifest's", me.Findings)
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("a build stopped by a manifest wrote site/")
	}
}

func TestStreamedBuildIsTheRenderedSiteAndARebuildWritesOnlyWhatChanged(t *testing.T) {
	dir := newRepo(t)
	res := mustRun(t, dir, build.Options{})
	site := filepath.Join(dir, "site")
	got := tree(t, site)
	p, err := project.OpenDir(dir, buildTime)
	if err != nil {
		t.Fatal(err)
	}
	mem, err := build.Render(context.Background(), render.NewRenderer(), p, build.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range mem.Paths() {
		if got[f] != string(mem[f]) {
			t.Errorf("%s on disk differs from the rendered site", f)
		}
	}
	if n := fileCount(got) - 2; n != len(mem) { // the marker and the manifest
		t.Errorf("%d files on disk, the rendered site has %d", n, len(mem))
	}
	if res.Written != res.Files-2 {
		t.Errorf("first build wrote %d of %d files, want all", res.Written, res.Files-2)
	}

	again := mustRun(t, dir, build.Options{})
	if again.Written != 0 {
		t.Errorf("a rebuild with no change wrote %d files, want none", again.Written)
	}
	sameSite(t, site, got)

	edit(t, dir, "content/2025/meeting.md", "正文甲部署", "正文甲布置")
	edited := mustRun(t, dir, build.Options{})
	if edited.Written == 0 || edited.Written >= res.Written/2 {
		t.Errorf("a rebuild after one edit wrote %d of %d files", edited.Written, edited.Files)
	}
}

func TestSiteLinkedToTheServedFolderReplacesTheTargetAndALinkIntoTheSourcesIsRefused(t *testing.T) {
	dir := newRepo(t)
	www := filepath.Join(t.TempDir(), "www") // the web server's root, empty at first
	if err := os.Mkdir(www, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(www, filepath.Join(dir, "site")); err != nil {
		t.Skip(err)
	}
	mustRun(t, dir, build.Options{})
	mustRun(t, dir, build.Options{})
	if fi, err := os.Lstat(filepath.Join(dir, "site")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("site is no longer the link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
		t.Errorf("the served folder has no site: %v", err)
	}
	noTempFolders(t, filepath.Dir(www))

	if err := os.Symlink(filepath.Join(dir, "content"), filepath.Join(dir, "pub")); err != nil {
		t.Fatal(err)
	}
	_, err := run(dir, build.Options{Out: "pub"})
	var oe *build.OutputError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "在 content/ 之内") {
		t.Errorf("-o pub (→ content): err = %v, want it refused as inside content/", err)
	}
}
