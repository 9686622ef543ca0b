// Package browsertest drives headless Chromium through the DevTools protocol
// for gongkai's browser tests: the built site is served from httptest on the
// loopback interface, and a test navigates, clicks, types, takes screenshots,
// prints to PDF, lists the URLs the page requested and runs axe-core on it.
//
// It uses only the standard library; the WebSocket client it needs is in ws.go.
//
// # Running browser tests locally
//
// Install the browser, fonts and axe-core once (Debian or Ubuntu, as root or
// with sudo; the script does nothing when all is in place):
//
//	.ci/install-browser
//
// It installs the Debian packages chromium, fonts-noto-cjk (so Chinese text
// renders in screenshots and PDFs) and poppler-utils (pdftoppm, pdftotext), and
// axe-core from npm under .ci/node/node_modules. Then run the tests:
//
//	GONGKAI_REQUIRE_BROWSER=1 go test ./internal/browsertest/
//
// Without Chromium or axe-core, browser tests skip with a message saying what
// to install; GONGKAI_REQUIRE_BROWSER=1 (set in CI) turns those skips into
// failures so a broken setup cannot pass as green. GONGKAI_CHROME names a
// browser executable to use instead of chromium, chromium-browser or
// google-chrome on PATH.
//
// To look at what a test saw, write a screenshot somewhere kept, for example
// p.Screenshot("/tmp/page.png"), or a PDF, and turn it into images with
// pdftoppm -png. Page.Console lists console messages, uncaught exceptions and
// failed loads, which is usually the quickest way to see why a page broke.
//
// # Use in a test
//
//	b := browsertest.Start(t) // one Chromium process; stopped at cleanup
//	p := b.NewPage(t)         // one tab; closed at cleanup
//	if err := p.Navigate(srv.URL + "/"); err != nil {
//		t.Fatal(err)
//	}
//	var title string
//	if err := p.Eval("document.title", &title); err != nil {
//		t.Fatal(err)
//	}
//	for _, v := range p.Axe(t) {
//		t.Errorf("accessibility: %s", v)
//	}
//
// Every DevTools call has a timeout (20 s; 60 s for printing and axe), so a
// broken browser fails the test instead of hanging go test. Chromium is
// started with its own process group and killed with it at cleanup.
package browsertest
