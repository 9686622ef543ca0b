package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The write makes the preview reload the page, which may cancel the sign
// request in the browser before its commit ran: a request whose client has
// gone still ends in the commit, never in a signed file left uncommitted.
func TestReviewSignCommitsWhenTheRequestIsCancelled(t *testing.T) {
	dir := repo(t)
	gitRepo(t, dir, "wangwu@example.gov.cn")
	s := start(t, dir, true)
	form := url.Values{"path": {"content/2025/plan.md"}, "step": {"secrecy"}, "result": {"不涉密"},
		"at": {"2025-03-11"}, "page": {"/draft/plan/"}, "token": {s.review.token}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", s.URL()+"_gongkai/review/sign", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	w := httptest.NewRecorder()
	s.review.sign(w, req)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("sign: %d %s", w.Code, w.Body)
	}
	if got := lastCommit(t, dir); got != "wangwu@example.gov.cn 保密审查：县招商局2025年政务公开工作要点" {
		t.Fatalf("commit %q after a cancelled request", got)
	}
}
