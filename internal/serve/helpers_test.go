package serve

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongkai/internal/diag"
	"gongkai/internal/project"
)

// testNow is the clock of every test: after the public article's sign-off.
var testNow = time.Date(2025, 3, 20, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// deadline bounds every wait; a wait polls, it never sleeps a fixed time.
const deadline = 20 * time.Second

// repo writes testdata/site.txtar into a temporary folder.
func repo(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(dir, f.Name), string(f.Data))
	}
	return dir
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkLeaks fails the test when goroutines started during it are still
// running at its end. Call it before starting anything, so that its cleanup
// runs last.
func checkLeaks(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		settle := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(settle) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<20)
			t.Errorf("%d goroutines leaked:\n%s", n-before, buf[:runtime.Stack(buf, true)])
		}
	})
}

// start runs a preview of dir on a free loopback port until the test ends.
func start(t *testing.T, dir string, pending bool) *Server {
	t.Helper()
	checkLeaks(t)
	s, err := Start(Options{Dir: dir, Addr: "127.0.0.1:0", Pending: pending, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// client makes no keep-alive connections, so none outlives a test.
var client = &http.Client{
	Transport:     &http.Transport{DisableKeepAlives: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// get returns the status and body of a page of the preview.
func get(t *testing.T, s *Server, p string) (int, string) {
	t.Helper()
	resp, err := client.Get(s.URL() + strings.TrimPrefix(p, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// waitPage polls the page until ok accepts its status and body.
func waitPage(t *testing.T, s *Server, p, what string, ok func(code int, body string) bool) string {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		code, body := get(t, s, p)
		if ok(code, body) {
			return body
		}
		if time.Now().After(end) {
			t.Fatalf("%s: %s still %d after %v:\n%.2000s", what, p, code, deadline, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func has(text string) func(int, string) bool {
	return func(code int, body string) bool { return code == 200 && strings.Contains(body, text) }
}

func notFound(code int, _ string) bool { return code == http.StatusNotFound }

// waitState polls the state every page is told until ok accepts it.
func waitState(t *testing.T, s *Server, what string, ok func(state) bool) state {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		var st state
		if err := json.Unmarshal(s.hub.current(), &st); err != nil {
			t.Fatal(err)
		}
		if ok(st) {
			return st
		}
		if time.Now().After(end) {
			t.Fatalf("%s: state still %+v after %v", what, st, deadline)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// problemsNow returns what the overlay must list for the repository as it
// is: the error findings of project.Open, the same code path as build.
func problemsNow(t *testing.T, dir string) []string {
	t.Helper()
	p, err := project.Open(os.DirFS(dir), testNow)
	if err != nil {
		t.Fatal(err)
	}
	var l diag.List
	for _, f := range p.Findings {
		if f.Severity == diag.Error {
			l = append(l, f)
		}
	}
	if len(l) == 0 {
		t.Fatal("the repository has no error")
	}
	return lines(l)
}

func sameProblems(want []string) func(state) bool {
	return func(st state) bool { return slices.Equal(st.Problems, want) }
}

func noProblems(st state) bool { return len(st.Problems) == 0 }
