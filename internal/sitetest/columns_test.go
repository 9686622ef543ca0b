package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/browsertest"
)

// columnPages are the pages of the platform's fixed columns the tests visit.
var columnPages = []string{"", "xxgk/zhinan/", "xxgk/fading/", "xxgk/yishenqing/", "catalog/latest/"}

func TestHomeAndColumnsPassAxeOnDesktopAndPhone(t *testing.T) {
	s := newSession(t)
	for _, width := range []int{1280, 360} {
		if err := s.page.SetViewport(width, 900, width < 800); err != nil {
			t.Fatal(err)
		}
		for _, elder := range []bool{false, true} {
			s.setElder(elder)
			for _, p := range append(columnPages, "bulletins/", "bulletins/2025-1/") {
				s.open(p)
				checkAxe(t, "/"+p+" at "+map[bool]string{false: "", true: "elder "}[elder]+strconv.Itoa(width)+"px", s.page.Axe(t))
			}
		}
	}
}

// boxes measures the top and bottom of the first element of each
// selector; -1 when there is none.
const boxesJS = `((sels) => sels.map(s => {
	const e = document.querySelector(s);
	if (!e) return {Top: -1, Bottom: -1, Width: -1};
	const r = e.getBoundingClientRect();
	return {Top: Math.round(r.top + scrollY), Bottom: Math.round(r.bottom + scrollY), Width: Math.round(r.width)};
}))`

type box struct{ Top, Bottom, Width int }

func (s *session) boxes(sels ...string) []box {
	s.t.Helper()
	var out []box
	s.eval(boxesJS+"("+jsStrings(sels)+")", &out)
	return out
}

func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return "[" + strings.Join(q, ",") + "]"
}

func TestPhoneShowsNavigationAndColumnsBeforeTheLongLists(t *testing.T) {
	s := newSession(t)
	if err := s.page.SetViewport(360, 740, true); err != nil {
		t.Fatal(err)
	}
	s.open("")
	b := s.boxes(".site-nav", ".home-columns", ".home-lists .side-nav", ".latest")
	for i, b := range b {
		if b.Top < 0 {
			t.Fatalf("home page: element %d of nav, columns, catalogue, latest missing", i)
		}
	}
	if !(b[0].Bottom <= b[1].Top && b[1].Bottom <= b[2].Top && b[2].Bottom <= b[3].Top) {
		t.Errorf("on a phone: navigation %v, column blocks %v, catalogue %v, newest articles %v; want them in that order, top to bottom", b[0], b[1], b[2], b[3])
	}
}

func TestPhoneShowsTheValidityNoticeAboveTheMetadata(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	if err := s.page.SetViewport(360, 740, true); err != nil {
		t.Fatal(err)
	}
	s.open(sitePathOf(site.article(t, "content/2024/daiban-shixing.md"))) // 已废止, replaced by the 2026 rules
	b := s.boxes(".notice-validity", ".article-meta")
	if b[0].Top < 0 || b[1].Top < 0 {
		t.Fatalf("the repealed rules have no validity notice or metadata: %v", b)
	}
	if b[0].Bottom > b[1].Top {
		t.Errorf("on a phone the validity notice (%v) is not above the metadata table (%v)", b[0], b[1])
	}
}

func TestCatalogueTablesAreReadableAtPhoneWidth(t *testing.T) {
	s := newSession(t)
	if err := s.page.SetViewport(360, 740, true); err != nil {
		t.Fatal(err)
	}
	for _, elder := range []bool{false, true} {
		s.setElder(elder)
		for _, p := range []string{"catalog/category/guifanxingwenjian/", "xxgk/zhinan/", "catalog/latest/"} {
			s.open(p)
			var r struct{ ScrollWidth, Rows, Narrow, Small int }
			s.eval(`(() => {
				const titles = Array.from(document.querySelectorAll(".catalog-table tbody td:nth-child(2)"));
				return {
					ScrollWidth: document.documentElement.scrollWidth,
					Rows: titles.length,
					Narrow: titles.filter(td => td.getBoundingClientRect().width < 250).length,
					Small: titles.filter(td => parseFloat(getComputedStyle(td).fontSize) < 16).length,
				};
			})()`, &r)
			switch {
			case r.Rows == 0:
				t.Errorf("/%s: no catalogue rows", p)
			case r.ScrollWidth > 360:
				t.Errorf("/%s (elder %v) is %dpx wide on a 360px phone", p, elder, r.ScrollWidth)
			case r.Narrow > 0 || r.Small > 0:
				t.Errorf("/%s (elder %v): %d of %d titles narrower than 250px, %d in type under 16px", p, elder, r.Narrow, r.Rows, r.Small)
			}
		}
	}
}

// TestEveryPageIsValidHTML runs the Nu HTML checker over every page of
// the built sample site, the public bulletin issues and their archive
// included.
func TestEveryPageIsValidHTML(t *testing.T) {
	site := builtSample(t)
	var files []string
	filepath.WalkDir(site.out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	issue := filepath.Join(site.out, "bulletins", "2025-1", "index.html")
	if _, err := os.Stat(issue); err != nil {
		t.Fatalf("the sample site has no public bulletin issue: %v", err)
	}
	if len(files) < 40 {
		t.Fatalf("only %d pages found under %s", len(files), site.out)
	}
	for _, e := range browsertest.CheckHTML(t, files...) {
		t.Error(strings.Replace(e.String(), "file:"+site.out, "site", 1))
	}
}
