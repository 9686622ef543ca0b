package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// screenshotDir is where screenshots go: GONGKAI_SCREENSHOTS when set (to
// keep them for a look), else a temporary folder of the test.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("GONGKAI_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// screenshot saves the viewport as name.png and logs where.
func (s *session) screenshot(dir, name string) {
	s.t.Helper()
	path := filepath.Join(dir, name+".png")
	if err := s.page.Screenshot(path); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot: %s", path)
}

// overflowJS measures horizontal overflow: the document's width, and the
// article tables' wrappers (each table must sit in a .table-wrap).
const overflowJS = `(() => {
	const tables = Array.from(document.querySelectorAll(".article-body table"));
	return {
		ScrollWidth: document.documentElement.scrollWidth,
		Tables: tables.length,
		Unwrapped: tables.filter(t => !t.parentElement.classList.contains("table-wrap")).length,
		Scrolling: tables.filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth).length,
	};
})()`

type overflow struct{ ScrollWidth, Tables, Unwrapped, Scrolling int }

func TestPhoneLayoutHasNoHorizontalOverflow(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	if err := s.page.SetViewport(360, 740, true); err != nil {
		t.Fatal(err)
	}
	report := sitePathOf(site.article(t, reportPath))
	pages := []string{"", report, sitePathOf(site.article(t, meetingPath)),
		"catalog/category/gongzuodongtai/", "search/?department=%E5%8A%9E%E5%85%AC%E5%AE%A4"}
	for _, elder := range []bool{false, true} {
		s.setElder(elder)
		for _, p := range pages {
			s.open(p)
			if strings.HasPrefix(p, "search/") {
				s.waitFor(`document.querySelector(".search-result")`)
			}
			var o overflow
			s.eval(overflowJS, &o)
			if o.ScrollWidth > 360 {
				t.Errorf("/%s (elder %v) is %dpx wide on a 360px phone", p, elder, o.ScrollWidth)
			}
			if o.Unwrapped > 0 {
				t.Errorf("/%s: %d of %d tables are not inside a .table-wrap", p, o.Unwrapped, o.Tables)
			}
			if p == report && o.Scrolling == 0 {
				t.Errorf("/%s: no table is wider than the phone, so the test checks nothing (%+v)", p, o)
			}
		}
	}
}

// TestScreenshotsForReview keeps screenshots of the home page on a desktop
// and an article on a phone, in normal and elder mode, for a person to look
// at (GONGKAI_SCREENSHOTS=dir keeps them).
func TestScreenshotsForReview(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	shots := screenshotDir(t)
	for _, shot := range []struct {
		name          string
		width, height int
		elder         bool
		path          string
	}{
		{"home-desktop", 1280, 900, false, ""},
		{"article-phone", 360, 740, false, sitePathOf(site.article(t, reportPath))},
		{"article-phone-elder", 360, 740, true, sitePathOf(site.article(t, reportPath))},
		{"article-desktop-elder", 1280, 900, true, sitePathOf(site.article(t, meetingPath))},
	} {
		if err := s.page.SetViewport(shot.width, shot.height, shot.width < 800); err != nil {
			t.Fatal(err)
		}
		s.setElder(shot.elder)
		s.open(shot.path)
		s.screenshot(shots, shot.name)
	}
}

func TestFirstTabFocusesTheSkipLinkWhichMovesToMain(t *testing.T) {
	s := newSession(t)
	s.open("")
	if err := s.page.Press("Tab"); err != nil {
		t.Fatal(err)
	}
	var focus struct {
		Class, Href string
		Top         float64
	}
	s.eval(`(() => {
		const a = document.activeElement;
		return {Class: a.className, Href: a.getAttribute("href") || "", Top: a.getBoundingClientRect().top};
	})()`, &focus)
	if focus.Class != "skip-link" || focus.Href != "#main" {
		t.Fatalf("first Tab focuses %+v, want a.skip-link to #main", focus)
	}
	if focus.Top < 0 {
		t.Errorf("the focused skip link is off screen (top %.1fpx)", focus.Top)
	}
	if err := s.page.Press("Enter"); err != nil {
		t.Fatal(err)
	}
	s.waitFor(`location.hash === "#main" && document.activeElement === document.getElementById("main")`)
	if err := s.page.Press("Tab"); err != nil {
		t.Fatal(err)
	}
	var inMain bool
	s.eval(`document.getElementById("main").contains(document.activeElement)`, &inMain)
	if !inMain {
		t.Errorf("Tab after the skip link focuses %s, want the first control in main", s.str(`document.activeElement.outerHTML.slice(0, 120)`))
	}
}
