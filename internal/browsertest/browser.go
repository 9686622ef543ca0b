package browsertest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Browser is one headless Chromium process, reached over its DevTools
// WebSocket. Start registers its shutdown with t.Cleanup.
type Browser struct {
	cmd    *exec.Cmd
	conn   *cdpConn
	stderr *tailBuffer
}

// chromeNames are the executables Start looks for on PATH, in order.
var chromeNames = []string{"chromium", "chromium-browser", "google-chrome"}

// launchFlags are the flags every browser starts with: no network of its own,
// no profile state, a DevTools port chosen by the browser.
var launchFlags = []string{
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
	"--disable-quic",
	"--remote-debugging-port=0",
}

// Start launches headless Chromium for the test and connects to it. Without
// a browser it skips the test, or fails it when GONGKAI_REQUIRE_BROWSER=1.
// `go test -short` skips every browser test, for a fast local loop.
// The browser is GONGKAI_CHROME when set (and the test fails if that is
// missing), else the first of chromium, chromium-browser, google-chrome on PATH.
func Start(t testing.TB) *Browser {
	t.Helper()
	SkipIfShort(t)
	bin, err := findChrome()
	if errors.Is(err, errNoChrome) {
		missing(t, err.Error())
	} else if err != nil {
		t.Fatal(err) // GONGKAI_CHROME names a browser that is not there
	}
	profile := t.TempDir() // removed after the cleanup below has stopped the browser
	args := append(append([]string(nil), launchFlags...), "--user-data-dir="+profile, "about:blank")
	cmd := exec.Command(bin, args...)
	setProcessGroup(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("browsertest: starting %s: %v", bin, err)
	}
	b := &Browser{cmd: cmd, stderr: &tailBuffer{max: 40}}
	t.Cleanup(b.stop)
	wsURL, err := readDevToolsURL(stderr, b.stderr, callTimeout)
	if err == nil {
		err = b.connect(wsURL)
	}
	if err != nil {
		t.Fatalf("browsertest: %s: %v\nbrowser stderr:\n%s", bin, err, b.stderr)
	}
	return b
}

// errNoChrome says that no browser is installed, and how to install one.
var errNoChrome = errors.New("headless Chromium not found: apt-get install chromium (browser tests need it)")

// findChrome returns the browser executable to run.
func findChrome() (string, error) {
	if bin := os.Getenv("GONGKAI_CHROME"); bin != "" {
		path, err := exec.LookPath(bin)
		if err != nil {
			return "", fmt.Errorf("GONGKAI_CHROME=%s: %v", bin, err)
		}
		return path, nil
	}
	for _, name := range chromeNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errNoChrome
}

// SkipIfShort skips a test that drives a browser or prints with one when
// tests run with -short.
func SkipIfShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("go test -short: the browser tests are skipped")
	}
}

// missing skips the test for an absent browser or tool, or fails it when
// GONGKAI_REQUIRE_BROWSER=1 (as in CI, where a skip would hide a broken setup).
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("GONGKAI_REQUIRE_BROWSER") == "1" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// readDevToolsURL scans the browser's stderr for the DevTools endpoint, then
// keeps draining stderr into tail so the browser never blocks on it.
func readDevToolsURL(stderr io.Reader, tail *tailBuffer, timeout time.Duration) (string, error) {
	const prefix = "DevTools listening on "
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if u, ok := strings.CutPrefix(line, prefix); ok {
				select {
				case found <- strings.TrimSpace(u):
				default: // only the first URL counts
				}
				continue
			}
			tail.add(line)
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", errors.New("browser exited before printing its DevTools URL")
		}
		return u, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("no DevTools URL on stderr within %v", timeout)
	}
}

// connect dials the browser's DevTools WebSocket.
func (b *Browser) connect(wsURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	ws, err := dialWS(ctx, wsURL)
	if err != nil {
		return err
	}
	b.conn = newCDPConn(ws)
	return nil
}

// stop asks the browser to close, then kills its whole process group and
// waits, so no renderer or helper process outlives the test.
func (b *Browser) stop() {
	if b.conn != nil {
		b.conn.call("", "Browser.close", nil, nil, 5*time.Second)
		b.conn.close()
	}
	exited := make(chan struct{})
	go func() {
		b.cmd.Wait()
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
	}
	killProcessGroup(b.cmd)
	<-exited
}

// tailBuffer keeps the last max lines written to it, for error messages.
type tailBuffer struct {
	mu    sync.Mutex
	max   int
	lines []string
}

func (tb *tailBuffer) add(line string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.lines = append(tb.lines, line)
	if len(tb.lines) > tb.max {
		tb.lines = tb.lines[len(tb.lines)-tb.max:]
	}
}

func (tb *tailBuffer) String() string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return strings.Join(tb.lines, "\n")
}
