package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func TestServesOnlyItsOwnOutput(t *testing.T) {
	dir := repo(t)
	s := start(t, dir, false)
	cases := []struct {
		method, target string
		code           int
		location       string // for redirects
		body           string // a part of the body
	}{
		{"GET", "/", 200, "", "县招商局召开一季度工作会议"},
		{"GET", "/2025/meeting/", 200, "", `<script src="/_gongkai/live.js" data-version="1"></script>`},
		{"GET", "/2025/meeting/index.html", 200, "", "会议强调"},
		{"GET", "/2025/meeting", 301, "/2025/meeting/", ""},
		{"GET", "/2025/meeting?x=1", 301, "/2025/meeting/?x=1", ""},
		{"HEAD", "/2025/meeting/", 200, "", ""},
		{"GET", "/2025/", 404, "", ""},
		{"GET", "/gongkai.yaml", 404, "", ""},
		{"GET", "/../gongkai.yaml", 404, "", ""},
		{"GET", "/%2e%2e/gongkai.yaml", 404, "", ""},
		{"GET", "/content/2025/meeting.md", 404, "", ""},
		{"GET", "/2025/meeting/../../../../etc/passwd", 404, "", ""},
		{"GET", "/_gongkai/live.js", 200, "", "new EventSource(\"/_gongkai/events\")"},
		{"POST", "/2025/meeting/", 405, "", ""},
	}
	for _, tc := range cases {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(tc.method, tc.target, nil)
		req.Host = "127.0.0.1:1313"
		s.ServeHTTP(rec, req)
		if rec.Code != tc.code || rec.Header().Get("Location") != tc.location || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s %s: %d Location %q\n%.300s", tc.method, tc.target, rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		if tc.code == 404 && !strings.Contains(rec.Body.String(), `<script src="/_gongkai/live.js"`) {
			t.Errorf("%s %s: the 404 page has no live-reload script", tc.method, tc.target)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s %s: Cache-Control %q", tc.method, tc.target, cc)
		}
	}
}

func TestLoopbackPreviewAnswersOnlyToLocalNames(t *testing.T) {
	s := start(t, repo(t), false)
	for host, code := range map[string]int{
		"127.0.0.1:1313": 200, "localhost:1313": 200, "LOCALHOST": 200, "[::1]:1313": 200,
		"attacker.example": 403, "attacker.example:1313": 403, "10.0.0.5:1313": 403,
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/2025/meeting/", nil)
		req.Host = host
		s.ServeHTTP(rec, req)
		if rec.Code != code {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, code)
		}
	}
}

func TestNotBuiltPageCarriesTheScript(t *testing.T) {
	s := &Server{hub: newHub(), b: &builder{}}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "localhost"
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `<h1>站点尚未生成</h1>`) ||
		!strings.Contains(rec.Body.String(), `<script src="/_gongkai/live.js" data-version="0"></script>`) {
		t.Fatalf("%d\n%s", rec.Code, rec.Body)
	}
}

func TestPreviewOnEveryInterfaceStillChecksTheHost(t *testing.T) {
	checkLeaks(t)
	s, err := Start(Options{Dir: repo(t), Addr: "0.0.0.0:0", AllowHosts: []string{"Preview.Example:8080"}, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	name, _ := os.Hostname()
	cases := map[string]int{
		"127.0.0.1:1313": 200, "localhost": 200, "preview.example": 200, "PREVIEW.EXAMPLE:1313": 200,
		"attacker.example": 403, "attacker.example:1313": 403, "203.0.113.9": 403,
	}
	if name != "" {
		cases[name+":1313"] = 200
	}
	for host, code := range cases {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/2025/meeting/", nil)
		req.Host = host
		s.ServeHTTP(rec, req)
		if rec.Code != code {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, code)
		}
	}
}
