package serve

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/browsertest"
)

func TestBrowserReloadsAfterAnEditAndShowsErrors(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	b := browsertest.Start(t)
	p := b.NewPage(t)
	if err := p.Navigate(s.URL() + "2025/meeting/"); err != nil {
		t.Fatal(err)
	}
	wait := func(what, cond string) {
		t.Helper()
		if err := p.WaitFor(cond, deadline); err != nil {
			t.Fatalf("%s: %v\nconsole: %q", what, err, p.Console())
		}
	}
	wait("connected", `window.__gongkaiLive && window.__gongkaiLive.connected`)
	if err := p.Eval(`window.__before = true`, nil); err != nil {
		t.Fatal(err)
	}

	file := filepath.Join(dir, meeting)
	orig := readFile(t, file)
	writeFile(t, file, strings.Replace(orig, "会议强调", "浏览器已刷新", 1))
	wait("reload after an edit", `!window.__before && document.querySelector("main").textContent.includes("浏览器已刷新")`)

	writeFile(t, file, strings.Replace(orig, "title: 县招商局召开一季度工作会议", "title: [未闭合", 1))
	want := problemsNow(t, dir)[0]
	if !strings.HasPrefix(want, "content/2025/meeting.md:2:12: 错误 GK001 方括号列表 [ 没有闭合") {
		t.Fatalf("fixture: the broken article gives %q", want)
	}
	quoted, _ := json.Marshal(want)
	wait("overlay", `(document.querySelector("#gongkai-overlay[role=alert]") || {textContent: ""}).textContent.includes(`+string(quoted)+`)`)
	// Its words are the catalogue's, in the reader's language.
	var words []string
	if err := p.Eval(`(function(b){return [b.querySelector("h2").textContent, b.getAttribute("aria-label"), b.querySelector("button").textContent]})(document.getElementById("gongkai-overlay"))`, &words); err != nil {
		t.Fatal(err)
	}
	if want := []string{msgOverlayTitle.F(), msgOverlayLabel.F(), msgOverlayClose.F()}; strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("overlay says %q, want %q", words, want)
	}
	// The last good page stays under the overlay.
	var text string
	if err := p.Eval(`document.querySelector("main").textContent`, &text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "浏览器已刷新") {
		t.Fatalf("under the overlay the page reads %q", text)
	}

	writeFile(t, file, strings.Replace(orig, "会议强调", "错误已修正", 1))
	wait("fixed", `!document.getElementById("gongkai-overlay") && document.querySelector("main").textContent.includes("错误已修正")`)
}

func TestBrowserSignsFromTheReviewPanel(t *testing.T) {
	dir := repo(t)
	gitRepo(t, dir, "wangwu@example.gov.cn")
	s := start(t, dir, true)
	b := browsertest.Start(t)
	p := b.NewPage(t)
	if err := p.Navigate(s.URL() + "draft/plan/"); err != nil {
		t.Fatal(err)
	}
	wait := func(what, cond string) {
		t.Helper()
		if err := p.WaitFor(cond, deadline); err != nil {
			t.Fatalf("%s: %v\nconsole: %q", what, err, p.Console())
		}
	}
	wait("the form", `!!document.querySelector("#gongkai-review form input[value=不涉密]")`)
	if err := p.Click(`#gongkai-review input[value=不涉密]`); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(`#gongkai-review button[type=submit]`); err != nil {
		t.Fatal(err)
	}
	wait("signed and reloaded", `(document.querySelector("#gongkai-review") || {textContent: ""}).textContent.includes("等待 赵六 签署")`)
	// The page may reload on the file's write while git is still committing.
	want := "wangwu@example.gov.cn 保密审查：县招商局2025年政务公开工作要点"
	for end := time.Now().Add(deadline); lastCommit(t, dir) != want; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("commit %q", lastCommit(t, dir))
		}
	}
}
