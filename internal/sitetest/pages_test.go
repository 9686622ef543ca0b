package sitetest

import (
	"net/url"
	"strings"
	"testing"

	"gongkai/internal/browsertest"
)

// pageCase is one page of the sample site the whole-page tests visit.
type pageCase struct {
	name  string
	path  string // site path, query included
	ready string // JavaScript condition for "fully rendered", or ""
}

// samplePages lists one page of each kind: home, articles (with tables, and
// withdrawn), the catalogue, a category, the search page with results, 404,
// the fixed columns' pages, the bulletin archive and a public issue.
func samplePages(t *testing.T, site *sampleSite) []pageCase {
	t.Helper()
	meeting := site.article(t, meetingPath)
	return []pageCase{
		{"home", "", ""},
		{"article", sitePathOf(meeting), ""},
		{"article with tables", sitePathOf(site.article(t, reportPath)), ""},
		{"withdrawn article", sitePathOf(site.article(t, "content/2025/shangbannian-qianyue-tongbao.md")), ""},
		{"catalogue", "catalog/", ""},
		{"category", "catalog/category/gongzuodongtai/", ""},
		{"search", "search/?q=" + url.QueryEscape(bodyBigram(t, site, meeting)), `document.querySelector(".search-result mark")`},
		{"404", "404.html", ""},
		{"column", "xxgk/zhinan/", ""},
		{"依申请公开 column", "xxgk/yishenqing/", ""},
		{"法定主动公开内容 column", "xxgk/fading/", ""},
		{"bulletin archive", "bulletins/", ""},
		{"bulletin issue", "bulletins/2025-1/", ""},
	}
}

// noExternalRequests fails the test for any request that is not to the
// test server under the base path (data: URLs excepted).
func noExternalRequests(t *testing.T, requests []string) {
	t.Helper()
	if len(requests) == 0 {
		t.Error("no request recorded; the request log is not working")
	}
	for _, r := range requests {
		if strings.HasPrefix(r, "data:") {
			continue
		}
		u, err := url.Parse(r)
		if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" || !strings.HasPrefix(u.Path, basePath) {
			t.Errorf("request to %s: every request must stay on the site (http://127.0.0.1:…%s)", r, basePath)
		}
	}
}

// noConsoleErrors fails the test for uncaught exceptions, console.error
// calls and browser errors such as failed loads.
func noConsoleErrors(t *testing.T, console []string) {
	t.Helper()
	for _, line := range console {
		if strings.HasPrefix(line, "exception:") || strings.Contains(line, "error:") {
			t.Errorf("console: %s", line)
		}
	}
}

// setElder turns the large-text mode on or off for the site, as the
// toggle would, so the next page loads in that mode.
func (s *session) setElder(on bool) {
	s.t.Helper()
	if s.str(`location.origin`) != s.srv.URL {
		s.open("") // localStorage belongs to the site's origin
	}
	v := map[bool]string{true: "1", false: "0"}[on]
	s.eval(`localStorage.setItem("gongkai-elder", "`+v+`")`, nil)
}

func TestPagesPassAxeInNormalAndElderMode(t *testing.T) {
	s := newSession(t)
	pages := samplePages(t, builtSample(t))
	for _, elder := range []bool{false, true} {
		mode := map[bool]string{false: "normal", true: "elder"}[elder]
		s.setElder(elder)
		for _, pc := range pages {
			s.open(pc.path)
			if pc.ready != "" {
				s.waitFor(pc.ready)
			}
			var isElder bool
			s.eval(`document.documentElement.classList.contains("elder")`, &isElder)
			if isElder != elder {
				t.Fatalf("%s page in %s mode: class elder is %v", pc.name, mode, isElder)
			}
			checkAxe(t, pc.name+" ("+mode+")", s.page.Axe(t))
		}
	}
}

// checkAxe fails on any serious or critical violation, listing every
// violation found on the page.
func checkAxe(t *testing.T, page string, vs []browsertest.Violation) {
	t.Helper()
	bad := false
	var all []string
	for _, v := range vs {
		all = append(all, "  "+v.String())
		bad = bad || v.Impact == "serious" || v.Impact == "critical"
	}
	switch {
	case bad:
		t.Errorf("%s: serious or critical accessibility violations; all found:\n%s", page, strings.Join(all, "\n"))
	case len(vs) > 0:
		t.Logf("%s: minor accessibility findings:\n%s", page, strings.Join(all, "\n"))
	}
}

func TestPagesRequestNothingOutsideTheSiteAndLogNoErrors(t *testing.T) {
	s := newSession(t)
	pages := samplePages(t, builtSample(t))
	for _, elder := range []bool{false, true} {
		s.setElder(elder)
		for _, pc := range pages {
			reqs, logs := len(s.page.Requests()), len(s.page.Console())
			s.open(pc.path)
			if pc.ready != "" {
				s.waitFor(pc.ready)
			}
			t.Run(pc.name+map[bool]string{false: "", true: " elder"}[elder], func(t *testing.T) {
				noExternalRequests(t, s.page.Requests()[reqs:])
				noConsoleErrors(t, s.page.Console()[logs:])
			})
		}
	}
}
