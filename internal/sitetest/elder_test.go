package sitetest

import (
	"strings"
	"testing"
)

// elderState is what the page shows of the large-text mode.
type elderState struct {
	Class   bool    // <html> has class elder
	Pressed string  // #elder-toggle's aria-pressed
	Label   string  // #elder-toggle's text
	Stored  string  // localStorage["gongkai-elder"], "" when unset
	Size    float64 // computed font-size of the first body paragraph, in px
}

const elderStateJS = `(() => {
	const b = document.getElementById("elder-toggle");
	const p = document.querySelector(".article-body p");
	return {
		Class: document.documentElement.classList.contains("elder"),
		Pressed: b.getAttribute("aria-pressed"),
		Label: b.textContent,
		Stored: localStorage.getItem("gongkai-elder") || "",
		Size: p ? parseFloat(getComputedStyle(p).fontSize) : 0,
	};
})()`

func (s *session) elder() elderState {
	s.t.Helper()
	var st elderState
	s.eval(elderStateJS, &st)
	return st
}

// openArticle opens an article page and waits for elder.js to show the toggle.
func (s *session) openArticle(sitePath string) elderState {
	s.t.Helper()
	s.open(sitePath)
	s.waitFor(`!document.getElementById("elder-toggle").hidden`)
	return s.elder()
}

func TestElderModeEnlargesTextAndStaysOnAcrossPages(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	meeting := sitePathOf(site.article(t, meetingPath))
	report := sitePathOf(site.article(t, reportPath))

	normal := s.openArticle(meeting)
	if normal.Class || normal.Pressed != "false" || normal.Label != "长者模式" || normal.Size == 0 {
		t.Fatalf("a fresh visit shows %+v, want the normal mode with its toggle", normal)
	}
	if err := s.page.Click("#elder-toggle"); err != nil {
		t.Fatal(err)
	}
	on := s.elder()
	if !on.Class || on.Pressed != "true" || on.Label != "退出长者模式" || on.Stored != "1" {
		t.Errorf("after clicking the toggle: %+v, want class elder, aria-pressed true, stored 1", on)
	}
	if on.Size < normal.Size*1.2 {
		t.Errorf("body text is %.2fpx in elder mode, %.2fpx normally; want at least 20%% larger", on.Size, normal.Size)
	}
	t.Logf("body text %.2fpx → %.2fpx", normal.Size, on.Size)

	s.checkHeadScriptApplies(report, on.Size)
	if st := s.openArticle(report); !st.Class || st.Pressed != "true" || st.Label != "退出长者模式" {
		t.Errorf("next page: %+v, want elder mode on and the toggle pressed", st)
	}

	if err := s.page.Click("#elder-toggle"); err != nil {
		t.Fatal(err)
	}
	if st := s.elder(); st.Class || st.Pressed != "false" || st.Stored != "0" {
		t.Errorf("after clicking the toggle again: %+v, want elder off and stored 0", st)
	}
	if st := s.openArticle(meeting); st.Class || st.Pressed != "false" || st.Size != normal.Size {
		t.Errorf("after turning it off, the next page shows %+v, want %+v", st, normal)
	}
}

// checkHeadScriptApplies opens a page with elder.js missing: only the
// inline script in <head>, which runs before the body is parsed and
// painted, can then set the class, and the text must have the elder size.
func (s *session) checkHeadScriptApplies(sitePath string, size float64) {
	s.t.Helper()
	src := s.str(`document.querySelector('script[src$="elder.js"]').getAttribute("src")`)
	unblock := s.srv.block(strings.TrimPrefix(src, basePath))
	defer unblock()
	s.open(sitePath)
	if st := s.elder(); !st.Class || st.Size != size {
		s.t.Errorf("next page without %s: %+v; want class elder set by the <head> script and %.2fpx text", src, st, size)
	}
}
