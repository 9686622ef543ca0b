package sitetest

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"gongkai/internal/article"
)

// resultTitlesJS lists the titles of the search results shown.
const resultTitlesJS = `Array.from(document.querySelectorAll(".search-result .search-title")).map(a => a.textContent)`

// bodyBigram picks two adjacent Chinese characters (the unit the search
// index works in) from the middle of a plain
// paragraph of a's body that is in no article's title and in no other
// public article's text, so searching it must find a by its body alone.
func bodyBigram(t *testing.T, s *sampleSite, a *article.Article) string {
	t.Helper()
	// Every title, and the other public articles' text, also with its line
	// breaks joined as the site joins them between Chinese characters.
	var elsewhere []string
	for _, o := range s.proj.Articles {
		elsewhere = append(elsewhere, o.FM.Title)
		if o != a && s.isPublic(o.Path) {
			elsewhere = append(elsewhere, string(o.Src), strings.ReplaceAll(string(o.Src), "\n", ""))
		}
	}
	paras := plainParagraphs(string(a.Body))
	if len(paras) == 0 {
		t.Fatalf("%s has no plain paragraph", a.Path)
	}
	lines := strings.Split(paras[len(paras)/2], "\n")
	line := []rune(lines[len(lines)/2])
	for d := 0; d < len(line); d++ { // from the middle of the line outwards
		for _, i := range []int{len(line)/2 + d, len(line)/2 - d} {
			if i < 0 || i+1 >= len(line) || !isHan(line[i]) || !isHan(line[i+1]) {
				continue
			}
			w := string(line[i : i+2])
			if !containsAny(elsewhere, w) {
				return w
			}
		}
	}
	t.Fatalf("%s: no word of %q is unique to its body", a.Path, string(line))
	return ""
}

// blockStart matches the start of a Markdown block that is not running
// text: a heading, list item, table row, quote or fence.
var blockStart = regexp.MustCompile("^(#|[-*+] |\\d+[.)] |\\||>|```)")

// plainParagraphs returns the body's paragraphs of running text.
func plainParagraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n\n") {
		p = strings.TrimSpace(p)
		if p != "" && !blockStart.MatchString(p) {
			out = append(out, p)
		}
	}
	return out
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func containsAny(texts []string, w string) bool {
	for _, s := range texts {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func TestSearchFindsAWordInsideAnArticleBody(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	meeting := site.article(t, meetingPath)
	word := bodyBigram(t, site, meeting)
	t.Logf("searching %q, from the body of %s", word, meetingPath)
	s.open("search/?q=" + url.QueryEscape(word))
	s.waitFor(`document.querySelector(".search-result")`)
	var titles []string
	s.eval(resultTitlesJS, &titles)
	if len(titles) != 1 || titles[0] != meeting.FM.Title {
		t.Errorf("results for %q = %q, want just %q", word, titles, meeting.FM.Title)
	}
	// Snippets are read from the result pages after the results are shown.
	s.waitFor(`document.querySelector(".search-result .search-snippet mark")`)
	var marks []string
	s.eval(`Array.from(document.querySelectorAll(".search-result .search-snippet mark")).map(m => m.textContent)`, &marks)
	if len(marks) == 0 || marks[0] != word {
		t.Errorf("snippet marks = %q, want %q highlighted", marks, word)
	}
	if got := s.str(`document.getElementById("q").value`); got != word {
		t.Errorf("the query box holds %q, want the query %q from the URL", got, word)
	}
	href := s.str(`document.querySelector(".search-result .search-title").getAttribute("href")`)
	if want := basePath + sitePathOf(meeting); href != want {
		t.Errorf("result links to %q, want %q", href, want)
	}
	noExternalRequests(t, s.page.Requests())
	noConsoleErrors(t, s.page.Console())
}

func TestSearchFormSubmitUpdatesResultsInPlace(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	meeting, report := site.article(t, meetingPath), site.article(t, reportPath)
	s.open("search/?q=" + url.QueryEscape(bodyBigram(t, site, meeting)))
	s.waitFor(`document.querySelector(".search-result")`)
	s.eval(`window.sameDocument = true`, nil) // gone if the submit reloads the page
	s.eval(`document.getElementById("q").value = ""`, nil)
	if err := s.page.Type("#q", report.FM.Title); err != nil {
		t.Fatal(err)
	}
	if err := s.page.Click(`#search-form button[type="submit"]`); err != nil {
		t.Fatal(err)
	}
	first := `document.querySelector(".search-result .search-title")`
	s.waitFor(fmt.Sprintf(`%s && %s.textContent === %q`, first, first, report.FM.Title))
	var titles []string
	s.eval(resultTitlesJS, &titles)
	for _, title := range titles {
		if title == meeting.FM.Title {
			t.Errorf("results still list %q after searching %q: %q", title, report.FM.Title, titles)
		}
	}
	var same bool
	s.eval(`window.sameDocument === true`, &same)
	if !same {
		t.Error("submitting the form reloaded the page; it should search in place")
	}
	wantSearch := "?" + url.Values{"q": {report.FM.Title}}.Encode()
	if got := s.str(`location.search`); got != wantSearch {
		t.Errorf("location.search = %q after submit, want %q", got, wantSearch)
	}
	noExternalRequests(t, s.page.Requests())
	noConsoleErrors(t, s.page.Console())
}

func TestSearchByDepartmentAloneListsThatDepartmentsArticles(t *testing.T) {
	const dept = "办公室"
	s := newSession(t)
	site := builtSample(t)
	want := 0
	for a := range site.proj.Public() {
		if a.FM.Department == dept {
			want++
		}
	}
	if want < 2 {
		t.Fatalf("the sample has %d public %s articles; the test needs several", want, dept)
	}
	s.open("search/?department=" + url.QueryEscape(dept))
	s.waitFor(`document.querySelector(".search-result")`)
	if got, w := s.str(`document.querySelector(".search-count").textContent`), fmt.Sprintf("找到 %d 条结果", want); got != w {
		t.Errorf("count = %q, want %q", got, w)
	}
	var depts []string
	s.eval(`Array.from(document.querySelectorAll(".search-result")).map(r => (r.querySelector(".search-dept") || {}).textContent || "")`, &depts)
	if len(depts) != min(want, 20) {
		t.Errorf("%d results shown, want %d", len(depts), min(want, 20))
	}
	for i, d := range depts {
		if d != dept {
			t.Errorf("result %d is from %q, want only %s", i+1, d, dept)
		}
	}
	if got := s.str(`document.getElementById("department").value`); got != dept {
		t.Errorf("the department filter shows %q, want %q", got, dept)
	}
}
