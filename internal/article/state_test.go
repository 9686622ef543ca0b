package article

import (
	"testing"
	"time"

	"gongkai/internal/config"
)

func day(s string) Date {
	t, err := time.ParseInLocation("2006-01-02", s, time.UTC)
	if err != nil {
		panic(err)
	}
	return Date{Time: t}
}

// signed returns a fully signed 主动公开 article entered on entry.
func signed(entry string) *Article {
	step := func(by, at string) *Step { return &Step{By: by, At: day(at)} }
	a := &Article{FM: FrontMatter{Disclosure: Proactive, Review: map[string]*Step{
		"content": {By: "李四", At: day("2025-03-04"), Opinion: "公开"},
		"secrecy": {By: "王五", At: day("2025-03-04"), Result: "不涉密"},
		"release": {By: "赵六", At: day("2025-03-05"), Disclosure: Proactive},
		"signoff": step("钱七", "2025-03-05"),
		"entry":   step("孙八", entry),
		"verify":  step("孙八", entry),
	}}}
	return a
}

func TestPublicationFollowsTheChain(t *testing.T) {
	cfg := &config.Config{ReviewChain: config.DefaultChain()}
	now := day("2025-03-10").Time
	cases := []struct {
		name      string
		edit      func(a *Article)
		eligible  bool
		withdrawn bool
	}{
		{"published", func(a *Article) {}, true, false},
		{"scheduled entry", func(a *Article) { a.FM.Review["entry"].At = day("2025-03-20") }, false, false},
		{"draft", func(a *Article) { a.FM.Review = nil }, false, false},
		{"in review", func(a *Article) { delete(a.FM.Review, "verify") }, false, false},
		{"classified", func(a *Article) { a.FM.Review["secrecy"].Result = "涉密" }, false, false},
		{"opinion withheld", func(a *Article) { a.FM.Review["content"].Opinion = "不公开" }, false, false},
		{"release disagrees", func(a *Article) { a.FM.Review["release"].Disclosure = Internal }, false, false},
		{"internal, signed", func(a *Article) {
			a.FM.Disclosure = Internal
			delete(a.FM.Review, "entry")
			delete(a.FM.Review, "verify")
		}, false, false},
		{"withdrawn", func(a *Article) { a.FM.Withdrawn = &Withdrawal{At: day("2025-03-08")} }, false, true},
		{"verify dated later", func(a *Article) { a.FM.Review["verify"].At = day("2025-03-20") }, false, false},
		{"withdrawal dated later", func(a *Article) { a.FM.Withdrawn = &Withdrawal{At: day("2025-03-28")} }, true, false},
		{"withdrawn before entry", func(a *Article) {
			a.FM.Withdrawn = &Withdrawal{At: day("2025-03-08")}
			a.FM.Review["entry"].At = day("2025-03-20")
		}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := signed("2025-03-06")
			tc.edit(a)
			if got := a.Eligible(cfg, now); got != tc.eligible {
				t.Errorf("eligible %v, want %v", got, tc.eligible)
			}
			if got := a.WithdrawnPage(cfg, now); got != tc.withdrawn {
				t.Errorf("withdrawn page %v, want %v", got, tc.withdrawn)
			}
		})
	}
}

func TestGenerationAndPublicationDates(t *testing.T) {
	cfg := &config.Config{ReviewChain: config.DefaultChain()}
	a := signed("2025-03-06")
	if g := a.Generated(cfg).Day(); g != "2025-03-05" {
		t.Errorf("generated %s", g)
	}
	if p := ChineseDate(a.PublishedAt(cfg).Time, time.UTC); p != "2025年3月6日" {
		t.Errorf("published %s", p)
	}
}
