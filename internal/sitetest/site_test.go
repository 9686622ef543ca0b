// Package sitetest holds the end-to-end tests of gongkai build: the
// repository's sample content is built once with build.Run, served from
// httptest under a base path (/gk/), and driven in headless Chromium through
// internal/browsertest — search, the 适老化 large-text mode, axe-core,
// requests, layout on a phone and the keyboard.
//
// The browser tests skip without Chromium and axe-core, or fail when
// GONGKAI_REQUIRE_BROWSER=1 (see internal/browsertest).
package sitetest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/browsertest"
	"gongkai/internal/build"
	"gongkai/internal/project"
)

// basePath is where the test server mounts the site; the build's base URL.
const basePath = "/gk/"

// buildTime is the --now of the sample build: 24 of the 31 sample articles
// are public then.
var buildTime = time.Date(2026, 11, 27, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// Sample article paths the tests use.
const (
	meetingPath = "content/2025/q1-xinxi-huiyi.md" // 工作动态, 办公室, plain text with lists
	reportPath  = "content/2026/2025-nianbao.md"   // the annual report, with wide tables
)

// sampleSite is the built sample content, shared by every test.
type sampleSite struct {
	root string // the repository root
	out  string // the built site
	res  *build.Result
	// proj is the sample opened again after the build: the build drops
	// each article's Markdown once its page is written, and the tests
	// read the sources.
	proj *project.Project
}

var (
	sampleOnce sync.Once
	sample     sampleSite
	sampleErr  error
	tempRoot   string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if tempRoot != "" {
		os.RemoveAll(tempRoot)
	}
	os.Exit(code)
}

// builtSample builds the repository's sample content once, with base URL
// /gk/, and returns it.
func builtSample(t testing.TB) *sampleSite {
	t.Helper()
	sampleOnce.Do(func() {
		sample.root, sampleErr = browsertest.RepoRoot()
		if sampleErr != nil {
			return
		}
		if tempRoot, sampleErr = os.MkdirTemp("", "gongkai-sitetest-"); sampleErr != nil {
			return
		}
		sample.out = filepath.Join(tempRoot, "site")
		sample.res, sampleErr = build.Run(context.Background(), build.Options{
			Dir: sample.root, Out: sample.out, Now: buildTime, BaseURL: basePath,
		})
		if errors.Is(sampleErr, build.ErrFindings) {
			sampleErr = fmt.Errorf("%w:\n%s", sampleErr, sample.res.Project.Findings.Errors())
		}
		if sampleErr == nil {
			sample.proj, sampleErr = project.OpenDir(sample.root, buildTime)
		}
	})
	if sampleErr != nil {
		t.Fatalf("building the sample content: %v", sampleErr)
	}
	return &sample
}

// article returns the sample article at a repository path.
func (s *sampleSite) article(t testing.TB, path string) *article.Article {
	t.Helper()
	for _, a := range s.proj.Articles {
		if a.Path == path {
			return a
		}
	}
	t.Fatalf("the sample content has no %s", path)
	return nil
}

// isPublic reports whether the sample article at path is on the site.
func (s *sampleSite) isPublic(path string) bool {
	for a := range s.proj.Public() {
		if a.Path == path {
			return true
		}
	}
	return false
}

// server serves the built site under /gk/ on 127.0.0.1. Any other path
// is a 404, so a link that forgets the base path fails to load. Nothing is
// cached, so a file blocked with block is really missing on the next load.
type server struct {
	*httptest.Server
	mu      sync.Mutex
	blocked map[string]bool // URL paths answered with 404
}

// serve starts a server for the built site, closed when the test ends.
func (s *sampleSite) serve(t testing.TB) *server {
	t.Helper()
	srv := &server{blocked: map[string]bool{}}
	files := http.StripPrefix(strings.TrimSuffix(basePath, "/"), http.FileServer(http.Dir(s.out)))
	mux := http.NewServeMux()
	mux.Handle(basePath, files)
	srv.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		srv.mu.Lock()
		blocked := srv.blocked[r.URL.Path]
		srv.mu.Unlock()
		if blocked {
			http.NotFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, want 127.0.0.1", srv.URL)
	}
	return srv
}

// block makes the server answer 404 for a site path until unblock is called.
func (srv *server) block(sitePath string) (unblock func()) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.blocked[basePath+sitePath] = true
	return func() {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		delete(srv.blocked, basePath+sitePath)
	}
}

// session is a browser tab on the served sample site.
type session struct {
	t    *testing.T
	srv  *server
	page *browsertest.Page
}

// newSession starts Chromium, serves the sample site and opens a tab.
func newSession(t *testing.T) *session {
	t.Helper()
	s := builtSample(t)
	b := browsertest.Start(t)
	return &session{t: t, srv: s.serve(t), page: b.NewPage(t)}
}

// url returns the absolute URL of a site path ("search/?q=…").
func (s *session) url(sitePath string) string {
	return s.srv.URL + basePath + strings.TrimPrefix(sitePath, "/")
}

// open navigates to a site path and fails the test if it cannot.
func (s *session) open(sitePath string) {
	s.t.Helper()
	if err := s.page.Navigate(s.url(sitePath)); err != nil {
		s.t.Fatal(err)
	}
}

// eval evaluates js and decodes its value into out, failing on error.
func (s *session) eval(js string, out any) {
	s.t.Helper()
	if err := s.page.Eval(js, out); err != nil {
		s.t.Fatal(err)
	}
}

// str evaluates js to a string.
func (s *session) str(js string) string {
	s.t.Helper()
	var v string
	s.eval(js, &v)
	return v
}

// waitFor waits up to 10 s for jsCond to hold.
func (s *session) waitFor(jsCond string) {
	s.t.Helper()
	if err := s.page.WaitFor(jsCond, 10*time.Second); err != nil {
		s.t.Fatalf("%v\nconsole: %q", err, s.page.Console())
	}
}

// sitePathOf returns an article's URL relative to the site root.
func sitePathOf(a *article.Article) string {
	return strings.TrimPrefix(a.URL, "/")
}
