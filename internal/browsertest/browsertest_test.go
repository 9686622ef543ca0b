package browsertest

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// testSite is the small site the browser tests load.
var testSite = map[string]string{
	"/": `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>测试页</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main>
<h1 id="status">未点击</h1>
<button id="go" type="button">点击</button>
<button id="hidden-go" type="button" class="zero">键盘</button>
<label for="name">姓名</label> <input id="name">
<p id="echo"></p>
</main>
<script src="/app.js"></script>
</body></html>`,
	"/style.css": `body { font-family: sans-serif; }
.zero { width: 0; height: 0; padding: 0; border: 0; overflow: hidden; }`,
	"/app.js": `for (const b of document.querySelectorAll("button")) {
	b.addEventListener("click", e => {
		// detail counts mouse clicks; a click made with the keyboard has 0.
		const how = e.detail > 0 ? "mouse" : "keyboard";
		document.getElementById("status").textContent = b.id + " " + how + " " + e.isTrusted;
	});
}
document.getElementById("name").addEventListener("input", e => {
	document.getElementById("echo").textContent = e.target.value;
});
console.log("app ready", 1);`,
	"/axe.html": `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>无障碍测试</title></head>
<body><main><h1>标志</h1><img id="logo" src="/logo.svg"></main></body></html>`,
	"/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`,
}

// serveTestSite serves testSite on the loopback interface.
func serveTestSite(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := testSite[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch filepath.Ext(r.URL.Path) {
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		case ".js":
			w.Header().Set("Content-Type", "text/javascript")
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// openTestPage starts a tab on b at the test site's page path.
func openTestPage(t *testing.T, b *Browser, srv *httptest.Server, path string) *Page {
	t.Helper()
	p := b.NewPage(t)
	if err := p.Navigate(srv.URL + path); err != nil {
		t.Fatal(err)
	}
	return p
}

// evalString evaluates js and returns its string value.
func evalString(t *testing.T, p *Page, js string) string {
	t.Helper()
	var s string
	if err := p.Eval(js, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPage(t *testing.T) {
	srv := serveTestSite(t)
	b := Start(t)

	t.Run("NavigateWaitsForLoadAndEvalReturnsValues", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		if got := evalString(t, p, "document.readyState + ' ' + document.title"); got != "complete 测试页" {
			t.Errorf("after Navigate: %q, want %q", got, "complete 测试页")
		}
		var n int
		if err := p.Eval("Promise.resolve(41).then(x => x + 1)", &n); err != nil || n != 42 {
			t.Errorf("awaited promise: %d, %v; want 42, nil", n, err)
		}
		var list []string
		if err := p.Eval(`[...document.querySelectorAll("button")].map(b => b.id)`, &list); err != nil ||
			!slices.Equal(list, []string{"go", "hidden-go"}) {
			t.Errorf("button ids: %q, %v", list, err)
		}
	})

	t.Run("EvalReportsExceptionMessages", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		for js, want := range map[string]string{
			`throw new Error("boom")`:              "eval: Uncaught Error: boom",
			`Promise.reject(new TypeError("bad"))`: "eval: Uncaught (in promise) TypeError: bad",
			`noSuchName`:                           "eval: Uncaught ReferenceError: noSuchName is not defined",
		} {
			err := p.Eval(js, nil)
			if err == nil || err.Error() != want {
				t.Errorf("Eval(%s) error = %v, want %q", js, err, want)
			}
		}
	})

	t.Run("ClickUsesTheMouse", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		if err := p.Click("#go"); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitFor(`document.getElementById("status").textContent === "go mouse true"`, 5*time.Second); err != nil {
			t.Fatalf("%v; status is %q", err, evalString(t, p, `document.getElementById("status").textContent`))
		}
	})

	t.Run("ClickFallsBackToTheKeyboardForABoxlessElement", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		if err := p.Click("#hidden-go"); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitFor(`document.getElementById("status").textContent === "hidden-go keyboard true"`, 5*time.Second); err != nil {
			t.Fatalf("%v; status is %q", err, evalString(t, p, `document.getElementById("status").textContent`))
		}
	})

	t.Run("ClickAndTypeNameAMissingElement", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		if err := p.Click("#nope"); err == nil || err.Error() != "click #nope: no element matches" {
			t.Errorf("Click(#nope) error = %v", err)
		}
		if err := p.Type("#nope", "x"); err == nil || err.Error() != "type into #nope: no element matches" {
			t.Errorf("Type(#nope) error = %v", err)
		}
		if err := p.Type("h1", "x"); err == nil || err.Error() != "type into h1: the element cannot take focus" {
			t.Errorf("Type(h1) error = %v", err)
		}
	})

	t.Run("TypeFiresInputEvents", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		if err := p.Type("#name", "张三"); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitFor(`document.getElementById("echo").textContent === "张三"`, 5*time.Second); err != nil {
			t.Fatalf("%v; echo is %q", err, evalString(t, p, `document.getElementById("echo").textContent`))
		}
	})

	t.Run("WaitForTimesOut", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		err := p.WaitFor("document.title === 'never'", 200*time.Millisecond)
		if want := "wait for document.title === 'never': still false after 200ms"; err == nil || err.Error() != want {
			t.Errorf("WaitFor error = %v, want %q", err, want)
		}
	})

	t.Run("ScreenshotIsAPNGOfTheViewport", func(t *testing.T) {
		p := b.NewPage(t)
		if err := p.SetViewport(412, 300, true); err != nil {
			t.Fatal(err)
		}
		if err := p.Navigate(srv.URL + "/"); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "page.png")
		if err := p.Screenshot(path); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("screenshot is not a PNG: %v", err)
		}
		if cfg.Width != 412 || cfg.Height != 300 {
			t.Errorf("screenshot is %dx%d, want 412x300", cfg.Width, cfg.Height)
		}
	})

	t.Run("RequestsListThePagesOwnURLs", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		got := p.Requests()
		slices.Sort(got)
		want := []string{srv.URL + "/", srv.URL + "/app.js", srv.URL + "/style.css"}
		if !slices.Equal(got, want) {
			t.Errorf("Requests() = %q, want %q", got, want)
		}
	})

	t.Run("ConsoleRecordsMessagesAndExceptions", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		if err := p.Eval(`setTimeout(() => { throw new Error("late") }); console.warn("careful")`, nil); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitFor(`new Promise(r => setTimeout(() => r(true), 50))`, 5*time.Second); err != nil {
			t.Fatal(err)
		}
		want := []string{"console.log: app ready 1", "console.warning: careful", "exception: Uncaught Error: late"}
		if got := p.Console(); !slices.Equal(got, want) {
			t.Errorf("Console() = %q, want %q", got, want)
		}
	})

	t.Run("PrintPDFReturnsAPDF", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/")
		pdf, err := p.PrintPDF(map[string]any{"printBackground": true, "paperWidth": 8.27, "paperHeight": 11.69})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("PrintPDF returned %q…, want a PDF", pdf[:min(len(pdf), 16)])
		}
	})

	t.Run("AxeReportsAnImageWithoutAlt", func(t *testing.T) {
		p := openTestPage(t, b, srv, "/axe.html")
		var got []string
		for _, v := range p.Axe(t) {
			got = append(got, v.String())
		}
		want := []string{"image-alt (critical) Images must have alternative text: #logo"}
		if !slices.Equal(got, want) {
			t.Errorf("Axe() = %q, want %q", got, want)
		}
	})
}

// outcomeTB records how a helper ended a test: Skip or Fatal stop the
// goroutine as the real ones do.
type outcomeTB struct {
	testing.TB
	outcome string
}

func (r *outcomeTB) Helper() {}
func (r *outcomeTB) Skip(args ...any) {
	r.outcome = "skip: " + fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *outcomeTB) Fatal(args ...any) {
	r.outcome = "fatal: " + fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *outcomeTB) Fatalf(format string, args ...any) { r.Fatal(fmt.Sprintf(format, args...)) }

// outcome runs f with an outcomeTB and returns how it ended.
func outcome(f func(testing.TB)) string {
	tb := &outcomeTB{outcome: "returned"}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(tb)
	}()
	<-done
	return tb.outcome
}

func TestMissingBrowserSkipsOrFailsWhenRequired(t *testing.T) {
	SkipIfShort(t) // -short skips Start before it looks for a browser
	t.Setenv("GONGKAI_CHROME", "")
	t.Setenv("PATH", t.TempDir())
	start := func(tb testing.TB) { Start(tb) }
	const why = "headless Chromium not found: apt-get install chromium (browser tests need it)"

	t.Setenv("GONGKAI_REQUIRE_BROWSER", "")
	if got := outcome(start); got != "skip: "+why {
		t.Errorf("without a browser: %s", got)
	}
	t.Setenv("GONGKAI_REQUIRE_BROWSER", "1")
	if got := outcome(start); got != "fatal: "+why {
		t.Errorf("without a browser, GONGKAI_REQUIRE_BROWSER=1: %s", got)
	}
	t.Setenv("GONGKAI_REQUIRE_BROWSER", "")
	t.Setenv("GONGKAI_CHROME", "/nonexistent/chrome")
	if got := outcome(start); !strings.HasPrefix(got, "fatal: GONGKAI_CHROME=/nonexistent/chrome: ") {
		t.Errorf("with a bad GONGKAI_CHROME: %s", got)
	}
}

func TestMissingAxeSkipsOrFailsWhenRequired(t *testing.T) {
	repo := t.TempDir()
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(repo, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(repo, "sub"))
	source := func(tb testing.TB) { AxeSource(tb) }
	const why = "axe-core not installed: run .ci/install-browser (open "

	t.Setenv("GONGKAI_REQUIRE_BROWSER", "")
	if got := outcome(source); !strings.HasPrefix(got, "skip: "+why+repo) {
		t.Errorf("without axe-core: %s", got)
	}
	t.Setenv("GONGKAI_REQUIRE_BROWSER", "1")
	if got := outcome(source); !strings.HasPrefix(got, "fatal: "+why+repo) {
		t.Errorf("without axe-core, GONGKAI_REQUIRE_BROWSER=1: %s", got)
	}
}
