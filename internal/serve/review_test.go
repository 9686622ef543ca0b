package serve

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/internal/msg"
)

// gitRepo commits dir as 张三 and makes this process's git act as email.
func gitRepo(t *testing.T, dir, email string) {
	t.Helper()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	set := func(e string) {
		for _, k := range []string{"GIT_AUTHOR", "GIT_COMMITTER"} {
			t.Setenv(k+"_NAME", strings.TrimSuffix(e, "@example.gov.cn"))
			t.Setenv(k+"_EMAIL", e)
		}
	}
	set("zhangsan@example.gov.cn")
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "写稿"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	set(email)
}

// post submits the review form for plan.md's secrecy step.
func post(t *testing.T, s *Server, token string, header map[string]string) (int, string) {
	t.Helper()
	form := url.Values{"path": {"content/2025/plan.md"}, "step": {"secrecy"}, "result": {"不涉密"}, "at": {"2025-03-11"}, "page": {"/draft/plan/"}}
	if token != "" {
		form.Set("token", token)
	}
	req, _ := http.NewRequest("POST", s.URL()+"_gongkai/review/sign", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func lastCommit(t *testing.T, dir string) string {
	cmd := exec.Command("git", "log", "-1", "--format=%ae %s")
	cmd.Dir = dir
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

func TestReviewFormSignsOnlyWithTokenAndSameOrigin(t *testing.T) {
	dir := repo(t)
	gitRepo(t, dir, "wangwu@example.gov.cn")
	s := start(t, dir, true)
	origin := strings.TrimSuffix(s.URL(), "/")
	plan := filepath.Join(dir, "content/2025/plan.md")
	before := readFile(t, plan)

	_, panel := get(t, s, "_gongkai/review/panel?page=/draft/plan/")
	if !strings.Contains(panel, "等待您（王五）签署：<strong>保密审查（review.secrecy）</strong>") || !strings.Contains(panel, `name="token" value="`+s.review.token+`"`) ||
		!strings.Contains(panel, `value="2025-03-20"`) { // the date: today in site.timezone
		t.Fatalf("panel:\n%s", panel)
	}
	for _, c := range []struct {
		name   string
		token  string
		header map[string]string
		want   string
	}{
		{"missing token", "", map[string]string{"Origin": origin}, "请求缺少本次预览的令牌"},
		{"wrong token", "00" + s.review.token[2:], map[string]string{"Origin": origin}, "请求缺少本次预览的令牌"},
		{"foreign Origin", s.review.token, map[string]string{"Origin": "https://evil.example"}, "请求不是来自本预览的页面"},
		{"cross-site fetch", s.review.token, map[string]string{"Sec-Fetch-Site": "cross-site"}, "请求不是来自本预览的页面"},
		{"neither Origin nor Sec-Fetch-Site", s.review.token, nil, "请求不是来自本预览的页面"},
	} {
		code, body := post(t, s, c.token, c.header)
		if code != http.StatusForbidden || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	if readFile(t, plan) != before || lastCommit(t, dir) != "zhangsan@example.gov.cn 写稿" {
		t.Fatal("a refused request changed the repository")
	}
	code, body := post(t, s, s.review.token, map[string]string{"Origin": origin, "Sec-Fetch-Site": "same-origin"})
	if code != http.StatusSeeOther {
		t.Fatalf("good request: %d %s", code, body)
	}
	if got := lastCommit(t, dir); got != "wangwu@example.gov.cn 保密审查：县招商局2025年政务公开工作要点" {
		t.Fatalf("commit %q", got)
	}
	if !strings.Contains(readFile(t, plan), "  secrecy: {by: 王五, at: 2025-03-11, result: 不涉密}\n") {
		t.Fatalf("file:\n%s", readFile(t, plan))
	}
	// Signing again is refused as gongkai sign refuses it.
	code, body = post(t, s, s.review.token, map[string]string{"Origin": origin})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "保密审查（review.secrecy）已由 王五 于 2025-03-11 签署") {
		t.Fatalf("second sign: %d %s", code, body)
	}
}

func TestReviewPanelIsOffOnANonLoopbackAddress(t *testing.T) {
	dir := repo(t)
	gitRepo(t, dir, "wangwu@example.gov.cn")
	checkLeaks(t)
	s, err := Start(Options{Dir: dir, Addr: "0.0.0.0:0", Pending: true, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Skipf("cannot listen on 0.0.0.0: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	_, port, _ := net.SplitHostPort(s.Addr().String())
	base := "http://127.0.0.1:" + port + "/"
	resp, err := client.Get(base + "_gongkai/review/panel?page=/draft/plan/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "审核面板只在本机地址") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	resp, err = client.Get(base + "draft/plan/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(page), "review.js") {
		t.Fatal("the page carries the review script on a non-loopback address")
	}
}

// A page of another site that resolves its own name to 127.0.0.1 (DNS
// rebinding) reaches the preview with its own Host: neither the panel nor
// the form answers it, and nothing is signed.
func TestReviewPanelChecksTheHostHeader(t *testing.T) {
	dir := repo(t)
	gitRepo(t, dir, "wangwu@example.gov.cn")
	s := start(t, dir, true)
	plan := filepath.Join(dir, "content/2025/plan.md")
	before := readFile(t, plan)
	for _, host := range []string{"evil.example", "evil.example:" + s.URL()[strings.LastIndex(s.URL(), ":")+1:len(s.URL())-1]} {
		req, _ := http.NewRequest("GET", s.URL()+"_gongkai/review/panel?page=/draft/plan/", nil)
		req.Host = host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || strings.Contains(string(body), s.review.token) {
			t.Errorf("Host %s: panel %d %s", host, resp.StatusCode, body)
		}
		form := url.Values{"path": {"content/2025/plan.md"}, "step": {"secrecy"}, "result": {"不涉密"}, "at": {"2025-03-11"}, "token": {s.review.token}}
		req, _ = http.NewRequest("POST", s.URL()+"_gongkai/review/sign", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://"+host)
		req.Host = host
		resp, err = client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("Host %s: sign %d", host, resp.StatusCode)
		}
	}
	if readFile(t, plan) != before || lastCommit(t, dir) != "zhangsan@example.gov.cn 写稿" {
		t.Fatal("a request with a foreign Host changed the repository")
	}
}

// With --lang en the panel's words are English; the values a step records
// stay as gongkai.yaml and the front matter write them.
func TestReviewPanelInEnglish(t *testing.T) {
	msg.SetLang(msg.EN)
	t.Cleanup(func() { msg.SetLang(msg.ZH) })
	dir := repo(t)
	gitRepo(t, dir, "wangwu@example.gov.cn")
	s := start(t, dir, true)
	_, panel := get(t, s, "_gongkai/review/panel?page=/draft/plan/")
	for _, want := range []string{"<h2 style=\"margin:0 0 .5em;font-size:1.1em\">Review panel</h2>", "Waiting for you (王五) to sign: <strong>保密审查 (review.secrecy)</strong>",
		`<input type="radio" name="result" value="不涉密" required> 不涉密`, "Sign and commit"} {
		if !strings.Contains(panel, want) {
			t.Errorf("missing %q in\n%s", want, panel)
		}
	}
	if strings.Contains(panel, "审核面板") || strings.Contains(panel, "签署并提交") {
		t.Errorf("Chinese words in the English panel:\n%s", panel)
	}
}
