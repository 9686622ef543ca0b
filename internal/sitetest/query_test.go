package sitetest

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/article"
)

// searchDone is true once the search page has shown its results: the count
// line comes first, the list after the fields are loaded.
const searchDone = `document.querySelector(".search-count") && !document.getElementById("search-results").hasAttribute("aria-busy")`

// publicTexts returns the public articles with their titles and their
// bodies as the page shows them (line breaks between Chinese characters
// joined).
func publicTexts(site *sampleSite) (arts []*article.Article, titles, bodies []string) {
	for a := range site.proj.Public() {
		arts = append(arts, a)
		titles = append(titles, a.FM.Title)
		bodies = append(bodies, strings.ReplaceAll(string(a.Body), "\n", ""))
	}
	return arts, titles, bodies
}

// bodyOnlyChar finds a Han character that one public article's body has
// and no title and no other article has.
func bodyOnlyChar(t *testing.T, site *sampleSite) (rune, *article.Article) {
	t.Helper()
	arts, titles, bodies := publicTexts(site)
	for i, body := range bodies {
		for _, r := range body {
			if !isHan(r) || containsAny(titles, string(r)) {
				continue
			}
			others := slices.Delete(slices.Clone(bodies), i, i+1)
			if !containsAny(others, string(r)) {
				return r, arts[i]
			}
		}
	}
	t.Fatal("no Han character of the sample is in one body alone")
	return 0, nil
}

func TestSearchOneCharacterFindsItInABody(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	r, a := bodyOnlyChar(t, site)
	s.open("search/?q=" + url.QueryEscape(string(r)))
	s.waitFor(`document.querySelector(".search-snippet mark")`)
	var titles []string
	s.eval(resultTitlesJS, &titles)
	if len(titles) != 1 || titles[0] != a.FM.Title {
		t.Errorf("results for %q = %q, want just %q (from its body)", string(r), titles, a.FM.Title)
	}
	if got := s.str(`document.querySelector(".search-snippet mark").textContent`); got != string(r) {
		t.Errorf("snippet marks %q, want %q", got, string(r))
	}
	noConsoleErrors(t, s.page.Console())
}

func TestSearchAPhraseNotInAnyTextFallsBackToPartialMatches(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	_, titles, bodies := publicTexts(site)
	// Two pieces of one title that are not adjacent in it: every bigram of
	// the query but the one at the joint is in that title.
	var query, title string
	for _, tt := range titles {
		rs := []rune(tt)
		if len(rs) < 10 || !isHan(rs[0]) || !isHan(rs[1]) || !isHan(rs[6]) || !isHan(rs[7]) || !isHan(rs[8]) {
			continue
		}
		q := string(rs[0:2]) + string(rs[6:9])
		if !containsAny(titles, q) && !containsAny(bodies, q) && !containsAny(titles, string(rs[1])+string(rs[6])) {
			query, title = q, tt
			break
		}
	}
	if query == "" {
		t.Fatal("no title of the sample gives a query for partial matching")
	}
	t.Logf("searching %q, pieces of %q", query, title)
	s.open("search/?q=" + url.QueryEscape(query))
	s.waitFor(`document.querySelector(".search-result")`)
	if got := s.str(`document.querySelector(".search-count").textContent`); !strings.HasPrefix(got, "没有完全匹配的结果，以下为部分匹配") {
		t.Errorf("count line = %q, want it to say the results are partial", got)
	}
	var got []string
	s.eval(resultTitlesJS, &got)
	if !slices.Contains(got, title) {
		t.Errorf("partial results %q lack %q", got, title)
	}
	// Quoted, the phrase must occur whole: nothing is found.
	s.open("search/?q=" + url.QueryEscape(`"`+query+`"`))
	s.waitFor(searchDone)
	if got := s.str(`document.querySelector(".search-count").textContent`); got != "没有找到相关信息" {
		t.Errorf("quoted %q: count line %q, want 没有找到相关信息", query, got)
	}
}

func TestSearchDocNoMatchesWhateverBracketsAreTyped(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	var a *article.Article
	for p := range site.proj.Public() {
		if strings.Contains(p.FM.DocNo, "〔") {
			a = p
			break
		}
	}
	if a == nil {
		t.Fatal("no public article of the sample has a 文号 with 〔〕")
	}
	for _, typed := range []string{
		a.FM.DocNo,
		strings.NewReplacer("〔", "[", "〕", "]").Replace(a.FM.DocNo),
		strings.NewReplacer("〔", "（", "〕", "）").Replace(a.FM.DocNo),
		strings.NewReplacer("〔", "【", "〕", "】").Replace(a.FM.DocNo),
	} {
		s.open("search/?doc_no=" + url.QueryEscape(typed))
		s.waitFor(searchDone)
		var titles []string
		s.eval(resultTitlesJS, &titles)
		if !slices.Contains(titles, a.FM.Title) {
			t.Errorf("文号 %q: results %q lack %q (%s)", typed, titles, a.FM.Title, a.FM.DocNo)
		}
		var open bool
		s.eval(`document.getElementById("search-advanced").open`, &open)
		if !open {
			t.Errorf("文号 %q in the URL: 高级检索 is folded, hiding the filter in use", typed)
		}
	}
}

func TestSearchOnAPhoneShowsResultsBeforeTheFilters(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	meeting := site.article(t, meetingPath)
	if err := s.page.SetViewport(360, 740, true); err != nil {
		t.Fatal(err)
	}
	s.open("search/?q=" + url.QueryEscape(bodyBigram(t, site, meeting)))
	s.waitFor(`document.querySelector(".search-result")`)
	var top, screen float64
	s.eval(`document.querySelector(".search-result").getBoundingClientRect().top`, &top)
	s.eval(`window.innerHeight`, &screen)
	if top > screen {
		t.Errorf("on a 360 px phone the first result starts at %.0f px, below the screen (%.0f px)", top, screen)
	}
	var filterShown bool
	s.eval(`document.getElementById("department").checkVisibility()`, &filterShown)
	if filterShown {
		t.Error("the filters are unfolded on a phone; they belong behind 高级检索")
	}
}

func TestSearchWordsSeparatedBySpacesMustAllOccurAndFullWidthIsHalfWidth(t *testing.T) {
	s := newSession(t)
	site := builtSample(t)
	meeting := site.article(t, meetingPath)
	word := bodyBigram(t, site, meeting) // only in the meeting's body
	// With a second word that the meeting has, the meeting is found; with
	// a second word it lacks, nothing is.
	fullWidth := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r + 0xFEE0
		}
		return r
	}, "2025")
	for _, c := range []struct {
		q    string
		want []string
	}{
		{word + " " + fullWidth, []string{meeting.FM.Title}},
		{word + " 税收优惠", nil},
	} {
		s.open("search/?q=" + url.QueryEscape(c.q))
		s.waitFor(searchDone)
		var titles []string
		s.eval(resultTitlesJS, &titles)
		if !slices.Equal(titles, c.want) {
			t.Errorf("%q: results %q, want %q", c.q, titles, c.want)
		}
	}
}
