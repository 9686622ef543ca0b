package browsertest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// printTimeout bounds Page.printToPDF, which lays out the whole document.
const printTimeout = 60 * time.Second

// Page is one browser tab, attached through a flattened DevTools session.
// It records console messages and requested URLs from its creation on.
type Page struct {
	conn      *cdpConn
	targetID  string
	sessionID string

	mu       sync.Mutex
	console  []string
	requests []string
	loaded   map[string]bool // loader IDs whose load event has fired
	loadSig  chan struct{}   // closed and replaced at every load event
}

// NewPage opens a blank tab, attaches to it and enables the domains the
// Page methods rely on. The tab is closed when the test ends.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.conn.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target, callTimeout); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	var session struct {
		SessionID string `json:"sessionId"`
	}
	attach := map[string]any{"targetId": target.TargetID, "flatten": true}
	if err := b.conn.call("", "Target.attachToTarget", attach, &session, callTimeout); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	p := &Page{
		conn:      b.conn,
		targetID:  target.TargetID,
		sessionID: session.SessionID,
		loaded:    make(map[string]bool),
		loadSig:   make(chan struct{}),
	}
	b.conn.subscribe(p.sessionID, p.handleEvent)
	t.Cleanup(p.close)
	for _, method := range []string{"Page.enable", "Runtime.enable", "Network.enable", "Log.enable"} {
		if err := p.call(method, nil, nil); err != nil {
			t.Fatalf("browsertest: %v", err)
		}
	}
	if err := p.call("Page.setLifecycleEventsEnabled", map[string]any{"enabled": true}, nil); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	return p
}

// call sends a command to the page's session with the default timeout.
func (p *Page) call(method string, params, result any) error {
	return p.conn.call(p.sessionID, method, params, result, callTimeout)
}

// close closes the tab; the browser may already be gone, so errors are dropped.
func (p *Page) close() {
	p.conn.call("", "Target.closeTarget", map[string]any{"targetId": p.targetID}, nil, 5*time.Second)
	p.conn.subscribe(p.sessionID, nil)
}

// Navigate loads url and waits for its load event.
func (p *Page) Navigate(url string) error {
	var nav struct {
		LoaderID  string `json:"loaderId"`
		ErrorText string `json:"errorText"`
	}
	if err := p.call("Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("navigate to %s: %s", url, nav.ErrorText)
	}
	if nav.LoaderID == "" {
		return nil // a same-document navigation fires no load event
	}
	deadline := time.After(callTimeout)
	for {
		p.mu.Lock()
		done, sig := p.loaded[nav.LoaderID], p.loadSig
		p.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-sig:
		case <-p.conn.done:
			return fmt.Errorf("navigate to %s: %w", url, p.conn.err)
		case <-deadline:
			return fmt.Errorf("navigate to %s: no load event within %v", url, callTimeout)
		}
	}
}

// Eval evaluates the JavaScript expression js in the page, awaits it if it
// is a promise, and decodes its JSON value into out (when non-nil). A thrown
// exception or rejected promise becomes an error carrying its message.
func (p *Page) Eval(js string, out any) error {
	return p.eval(js, out, callTimeout)
}

// eval is Eval with a chosen timeout.
func (p *Page) eval(js string, out any, timeout time.Duration) error {
	var r struct {
		Result           remoteObject      `json:"result"`
		ExceptionDetails *exceptionDetails `json:"exceptionDetails"`
	}
	params := map[string]any{"expression": js, "awaitPromise": true, "returnByValue": true, "userGesture": true}
	if err := p.conn.call(p.sessionID, "Runtime.evaluate", params, &r, timeout); err != nil {
		return err
	}
	if r.ExceptionDetails != nil {
		return fmt.Errorf("eval: %s", r.ExceptionDetails)
	}
	if out == nil || len(r.Result.Value) == 0 {
		return nil
	}
	if err := json.Unmarshal(r.Result.Value, out); err != nil {
		return fmt.Errorf("eval: decoding %s: %w", r.Result.Value, err)
	}
	return nil
}

// WaitFor evaluates the expression jsCond (awaited if a promise) every 50 ms
// until it is truthy, or fails after timeout. Evaluation errors, such as
// those during a navigation, count as not yet.
func (p *Page) WaitFor(jsCond string, timeout time.Duration) error {
	expr := "(async () => !!(await (" + jsCond + ")))()"
	deadline := time.Now().Add(timeout)
	for {
		remaining := min(max(time.Until(deadline), 100*time.Millisecond), callTimeout)
		var ok bool
		err := p.eval(expr, &ok, remaining)
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return fmt.Errorf("wait for %s: %w", jsCond, err)
			}
			return fmt.Errorf("wait for %s: still false after %v", jsCond, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// jsCall returns the expression that calls the JavaScript function fn with
// args encoded as JSON, so no argument can break out of its string.
func jsCall(fn string, args ...any) string {
	enc := make([]string, len(args))
	for i, a := range args {
		b, _ := json.Marshal(a)
		enc[i] = string(b)
	}
	return "(" + fn + ")(" + strings.Join(enc, ", ") + ")"
}

// Screenshot saves the visible viewport as a PNG file at path.
func (p *Page) Screenshot(path string) error {
	var shot struct {
		Data string `json:"data"`
	}
	if err := p.call("Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.WriteFile(path, png, 0o644)
}

// SetViewport sets the page's viewport in CSS pixels; mobile also turns on
// the mobile meta-viewport handling and touch emulation.
func (p *Page) SetViewport(w, h int, mobile bool) error {
	metrics := map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile}
	if err := p.call("Emulation.setDeviceMetricsOverride", metrics, nil); err != nil {
		return err
	}
	return p.call("Emulation.setTouchEmulationEnabled", map[string]any{"enabled": mobile}, nil)
}

// PrintPDF prints the page with Page.printToPDF; opts are that command's
// parameters (printBackground, paperWidth, preferCSSPageSize, …) and may be nil.
func (p *Page) PrintPDF(opts map[string]any) ([]byte, error) {
	if opts == nil {
		opts = map[string]any{}
	}
	var pdf struct {
		Data string `json:"data"`
	}
	if err := p.conn.call(p.sessionID, "Page.printToPDF", opts, &pdf, printTimeout); err != nil {
		return nil, err
	}
	data, err := base64.StdEncoding.DecodeString(pdf.Data)
	if err != nil {
		return nil, fmt.Errorf("print to PDF: %w", err)
	}
	return data, nil
}
