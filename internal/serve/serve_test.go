package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/build"
	"gongkai/internal/project"
	"gongkai/internal/render"
)

const meeting = "content/2025/meeting.md"

func TestEditorSavesReachThePreview(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	file := filepath.Join(dir, meeting)
	orig := readFile(t, file)
	if _, body := get(t, s, "/2025/meeting/"); !strings.Contains(body, "会议强调") {
		t.Fatalf("first build does not serve the article:\n%s", body)
	}

	// Write in place.
	writeFile(t, file, strings.Replace(orig, "会议强调", "原地保存", 1))
	waitPage(t, s, "/2025/meeting/", "write in place", has("原地保存"))

	// Write a temporary file, then rename it over the article (vim, VS Code, JetBrains).
	tmp := filepath.Join(dir, "content/2025/.meeting.md.tmp")
	writeFile(t, tmp, strings.Replace(orig, "会议强调", "改名保存", 1))
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitPage(t, s, "/2025/meeting/", "temp then rename", has("改名保存"))

	// Delete, then create again.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	writeFile(t, file, strings.Replace(orig, "会议强调", "删除重建", 1))
	waitPage(t, s, "/2025/meeting/", "delete and recreate", has("删除重建"))

	// Rename: the old page disappears, the new one appears.
	renamed := filepath.Join(dir, "content/2025/meeting-q1.md")
	if err := os.Rename(file, renamed); err != nil {
		t.Fatal(err)
	}
	waitPage(t, s, "/2025/meeting-q1/", "renamed article", has("删除重建"))
	if code, _ := get(t, s, "/2025/meeting/"); code != http.StatusNotFound {
		t.Fatalf("the old URL of a renamed article serves %d, want 404", code)
	}

	// Delete: the page disappears.
	if err := os.Remove(renamed); err != nil {
		t.Fatal(err)
	}
	waitPage(t, s, "/2025/meeting-q1/", "deleted article", notFound)

	// A new folder with an article already in it.
	writeFile(t, filepath.Join(dir, "content/2025/q2/.keep"), "")
	writeFile(t, filepath.Join(dir, "content/2025/q2/meeting-q2.md"), strings.Replace(orig, "会议强调", "新文件夹", 1))
	waitPage(t, s, "/2025/meeting-q2/", "article in a new folder", has("新文件夹"))
}

func TestFolderMovedIntoContentIsWatched(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	orig := readFile(t, filepath.Join(dir, meeting))
	outside := filepath.Join(dir, "drafts/q3")
	writeFile(t, filepath.Join(outside, "meeting-q3.md"), another(orig, "移入目录"))
	moved := filepath.Join(dir, "content/q3")
	if err := os.Rename(outside, moved); err != nil {
		t.Fatal(err)
	}
	waitPage(t, s, "/2025/meeting-q3/", "folder moved in", has("移入目录"))
	// The moved folder is watched: an edit inside it shows.
	writeFile(t, filepath.Join(moved, "meeting-q3.md"), another(orig, "目录内编辑"))
	waitPage(t, s, "/2025/meeting-q3/", "edit in the moved folder", has("目录内编辑"))
}

// logBuffer is a log the server and the test share.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestABusyPortMovesToTheNextFreeOneAndSaysSo(t *testing.T) {
	checkLeaks(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, port, _ := net.SplitHostPort(busy.Addr().String())
	var log logBuffer
	s, err := Start(Options{Dir: repo(t), Addr: "127.0.0.1:" + port, Log: &log, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, got, _ := net.SplitHostPort(s.Addr().String())
	if got == port || !strings.Contains(log.String(), "gongkai：端口 "+port+" 已被占用，改用 "+got+"\n") {
		t.Fatalf("port %s busy: listening on %s, log:\n%s", port, got, log.String())
	}
}

func TestLogLinesCarryTheTimeTheChangedFilesAndTheRebuildTime(t *testing.T) {
	checkLeaks(t)
	dir := repo(t)
	var log logBuffer
	s, err := Start(Options{Dir: dir, Addr: "127.0.0.1:0", Log: &log, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	file := filepath.Join(dir, meeting)
	writeFile(t, file, strings.Replace(readFile(t, file), "会议强调", "会议指出", 1))
	line := regexp.MustCompile(`(?m)^\[\d\d:\d\d:\d\d\] content/2025/meeting\.md 有改动：已生成 \d+ 篇公开稿件、\d+ 个文件，用时 \d+\.\d\d 秒；0 个错误，\d+ 条警告$`)
	end := time.Now().Add(deadline)
	for !line.MatchString(log.String()) {
		if time.Now().After(end) {
			t.Fatalf("no log line for the edit:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestEditorsTemporaryFilesAreNotLogged saves the article as sed -i does:
// a temporary sedXXXXXX beside it, written, then renamed over it. The log
// names the article only.
func TestEditorsTemporaryFilesAreNotLogged(t *testing.T) {
	checkLeaks(t)
	dir := repo(t)
	var log logBuffer
	s, err := Start(Options{Dir: dir, Addr: "127.0.0.1:0", Log: &log, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	file := filepath.Join(dir, meeting)
	tmp := filepath.Join(dir, "content/2025/sedZBLhW7")
	writeFile(t, tmp, strings.Replace(readFile(t, file), "会议强调", "会议指出", 1))
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^\[\d\d:\d\d:\d\d\] content/2025/meeting\.md 有改动：已生成 `)
	end := time.Now().Add(deadline)
	for !line.MatchString(log.String()) {
		if time.Now().After(end) {
			t.Fatalf("no log line naming the article alone:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if strings.Contains(log.String(), "sedZBLhW7") {
		t.Fatalf("the log names sed's temporary file:\n%s", log.String())
	}
}

func TestCheckErrorKeepsTheLastGoodPage(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	file := filepath.Join(dir, meeting)
	orig := readFile(t, file)
	writeFile(t, file, strings.Replace(orig, "title: 县招商局召开一季度工作会议", "title: [未闭合", 1))
	want := problemsNow(t, dir)
	if !strings.HasPrefix(want[0], "content/2025/meeting.md:2:12: 错误 GK001 方括号列表 [ 没有闭合") {
		t.Fatalf("fixture: the broken article gives %q", want)
	}
	waitState(t, s, "broken front matter", sameProblems(want))
	if _, body := get(t, s, "/2025/meeting/"); !strings.Contains(body, "县招商局召开一季度工作会议") {
		t.Fatalf("the broken article's last good page is not served:\n%s", body)
	}
	// Another article still updates meanwhile.
	writeFile(t, filepath.Join(dir, "content/2025/other.md"), another(orig, "另一篇"))
	waitPage(t, s, "/2025/other/", "another article while one is broken", has("另一篇"))

	writeFile(t, file, strings.Replace(orig, "会议强调", "修好了", 1))
	waitState(t, s, "fixed", noProblems)
	waitPage(t, s, "/2025/meeting/", "fixed article", has("修好了"))
}

func TestTemplateErrorKeepsTheSite(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	_, before := get(t, s, "/2025/meeting/")
	tmpl := filepath.Join(dir, "templates/article.html")
	writeFile(t, tmpl, "{{define \"main\"}}\n{{if}}\n{{end}}\n")
	_, renderErr := build.Render(context.Background(), render.NewRenderer(), mustOpen(t, dir), build.Options{Dir: dir})
	if renderErr == nil || !strings.HasPrefix(renderErr.Error(), "templates/article.html:2") {
		t.Fatalf("fixture: the broken template renders with error %v", renderErr)
	}
	waitState(t, s, "broken template", sameProblems([]string{renderErr.Error()}))
	if _, body := get(t, s, "/2025/meeting/"); body != before {
		t.Fatal("a template error changed the page served")
	}
	if err := os.Remove(tmpl); err != nil {
		t.Fatal(err)
	}
	waitState(t, s, "template removed", noProblems)
}

func TestConfigChangeReloadsEverything(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	cfgFile := filepath.Join(dir, "gongkai.yaml")
	orig := readFile(t, cfgFile)
	// Saved by rename, as vim does.
	writeFile(t, cfgFile+".new", strings.Replace(orig, "测试县招商局政府信息公开", "新站点名称", 1))
	if err := os.Rename(cfgFile+".new", cfgFile); err != nil {
		t.Fatal(err)
	}
	waitPage(t, s, "/2025/meeting/", "site title changed", has("新站点名称"))

	writeFile(t, cfgFile, strings.Replace(orig, "categories: [工作动态, 规范性文件]", "categories: [工作动态, 规范性文件", 1))
	_, err := project.Open(os.DirFS(dir), testNow)
	var ce *project.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("fixture: broken gongkai.yaml opens with %v", err)
	}
	ce.Findings.Sort()
	waitState(t, s, "broken gongkai.yaml", sameProblems(lines(ce.Findings.Dedupe())))
	waitPage(t, s, "/2025/meeting/", "last good site under a config error", has("新站点名称"))
}

func TestPendingPreviewsArticlesInReview(t *testing.T) {
	dir := repo(t)
	url := ""
	for _, a := range mustOpen(t, dir).Articles {
		if a.Path == "content/2025/plan.md" {
			url = a.URL
		}
	}
	if url == "" {
		t.Fatal("fixture: no content/2025/plan.md")
	}
	if code, _ := get(t, start(t, dir, false), url); code != http.StatusNotFound {
		t.Fatalf("without --pending an article in review serves %d, want 404", code)
	}
	_, body := get(t, start(t, dir, true), url)
	if !strings.Contains(body, "未审核预览") || !strings.Contains(body, "县招商局2025年政务公开工作要点") {
		t.Fatalf("with --pending the article in review has no 未审核预览 banner:\n%s", body)
	}
}

func TestBuildWritesNoPreviewOutput(t *testing.T) {
	dir := repo(t)
	_, err := build.Run(context.Background(), build.Options{
		Dir: dir, Out: "site", Now: testNow, Pending: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(filepath.Join(dir, "site"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b := readFile(t, p); strings.Contains(b, "_gongkai") || strings.Contains(b, "未审核") {
			t.Errorf("%s has serve-only output", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEventStreamAnnouncesRebuilds(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	resp, err := client.Get(s.URL() + "_gongkai/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := bufio.NewScanner(resp.Body)
	next := func() state {
		for events.Scan() {
			if data, ok := strings.CutPrefix(events.Text(), "data: "); ok {
				var st state
				if err := json.Unmarshal([]byte(data), &st); err != nil {
					t.Fatal(err)
				}
				return st
			}
		}
		t.Fatalf("event stream ended: %v", events.Err())
		return state{}
	}
	if st := next(); st.Version != 1 || len(st.Problems) != 0 {
		t.Fatalf("first event %+v, want version 1 without problems", st)
	}
	file := filepath.Join(dir, meeting)
	writeFile(t, file, strings.Replace(readFile(t, file), "会议强调", "事件", 1))
	if st := next(); st.Version != 2 || len(st.Problems) != 0 {
		t.Fatalf("event after an edit %+v, want version 2", st)
	}
}

func TestRunStopsWhenTheContextIsCancelled(t *testing.T) {
	checkLeaks(t)
	dir := repo(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	urls := make(chan string, 1)
	go func() {
		done <- Run(ctx, Options{Dir: dir, Addr: "127.0.0.1:0", Now: func() time.Time { return testNow }},
			func(s *Server) { urls <- s.URL() })
	}()
	url := <-urls
	// An open event stream must not hold the server up.
	resp, err := client.Get(url + "_gongkai/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if _, err := client.Get(url); err == nil {
		t.Fatal("the server still answers after Run returned")
	}
}

func TestStartWithoutConfigFails(t *testing.T) {
	checkLeaks(t)
	_, err := Start(Options{Dir: t.TempDir(), Addr: "127.0.0.1:0"})
	var ce *project.ConfigError
	if !errors.As(err, &ce) || !strings.Contains(ce.Findings[0].String(), "gongkai.yaml:1:1: 错误 GK002 无法读取 gongkai.yaml") {
		t.Fatalf("Start in an empty folder: %v", err)
	}
}

func TestListensOnLoopbackByDefault(t *testing.T) {
	if got := withDefaults(Options{}).Addr; got != "127.0.0.1:1313" {
		t.Fatalf("default address %q", got)
	}
	s := start(t, repo(t), false)
	if !s.Loopback() || !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL %s, loopback %v", s.URL(), s.Loopback())
	}
}

// another is a second article made from the first: its text replaced and
// its own 索引号.
func another(orig, text string) string {
	return strings.NewReplacer("会议强调", text, "/2025-00001", "/2025-00002").Replace(orig)
}

func mustOpen(t *testing.T, dir string) *project.Project {
	t.Helper()
	p, err := project.Open(os.DirFS(dir), testNow)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPreviewCarriesThePublicBulletinIssuesAndShowsManifestErrors(t *testing.T) {
	dir := repo(t)
	cfg := readFile(t, filepath.Join(dir, "gongkai.yaml"))
	writeFile(t, filepath.Join(dir, "gongkai.yaml"), cfg+"bulletin:\n  name: 招商信息\n  issuer: 某某县招商局办公室\n  audience: public\n")
	meeting := filepath.Join(dir, "content/2025/meeting.md")
	writeFile(t, meeting, strings.Replace(readFile(t, meeting), "disclosure: 主动公开\n", "disclosure: 主动公开\nbulletin: true\n", 1))
	manifest := filepath.Join(dir, "content/bulletins/2025-1.yaml")
	writeFile(t, manifest, "year: 2025\nnumber: 1\ndate: 2025-03-10\narticles:\n  - content/2025/meeting.md\n")
	s := start(t, dir, false)
	waitPage(t, s, "/bulletins/2025-1/", "the public issue in the preview", has("县招商局召开一季度工作会议"))

	writeFile(t, manifest, "year: 2025\nnumber: 1\ndate: 2025-03-10\narticles:\n  - content/2025/gone.md\n")
	waitState(t, s, "a manifest with an error", func(st state) bool {
		return slices.ContainsFunc(st.Problems, func(p string) bool { return strings.HasPrefix(p, "content/bulletins/2025-1.yaml:") })
	})
}

// TestGoodVersionWithoutItsMarkdownIsLeftOut breaks an article, then
// changes the article template, so that the broken article's last good
// page must be made again: the preview keeps no Markdown, and the file
// holds the broken version now, so that article is left out (as one with
// errors and no good version is) while every other page takes the new
// template; fixing it brings it back.
func TestGoodVersionWithoutItsMarkdownIsLeftOut(t *testing.T) {
	dir := repo(t)
	file := filepath.Join(dir, meeting)
	orig := readFile(t, file)
	writeFile(t, filepath.Join(dir, "content/2025/other.md"), another(orig, "另一篇"))
	s := start(t, dir, false)
	writeFile(t, file, strings.Replace(orig, "title: 县招商局召开一季度工作会议", "title: [未闭合", 1))
	want := problemsNow(t, dir)
	waitState(t, s, "broken front matter", sameProblems(want))
	waitPage(t, s, "/2025/meeting/", "the broken article's last good page", has("县招商局召开一季度工作会议"))
	builtin, err := os.ReadFile(filepath.Join("..", "render", "builtin", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := strings.Replace(string(builtin), `<article class="article">`, `<article class="article"><p>新模板</p>`, 1)
	writeFile(t, filepath.Join(dir, "templates/article.html"), tmpl)
	waitPage(t, s, "/2025/other/", "another article with the new template", has("新模板"))
	waitPage(t, s, "/2025/meeting/", "the broken article without its Markdown", notFound)
	waitState(t, s, "the article still broken", sameProblems(want))
	writeFile(t, file, strings.Replace(orig, "会议强调", "修好了", 1))
	waitState(t, s, "fixed", noProblems)
	waitPage(t, s, "/2025/meeting/", "fixed article", has("修好了"))
}
