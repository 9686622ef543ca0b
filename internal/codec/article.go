package codec

import (
	"maps"
	"slices"
	"time"

	"gongkai/internal/article"
)

// Article writes what loading found of an article: every field but its
// text (Src and Body), which a store never holds. Times are written
// against loc, the site's time zone, and key paths by their number in
// keys. TestArticleSeesEveryField holds this to every field of
// article.Article and of the types it holds.
func (e *Encoder) Article(a *article.Article, loc *time.Location, keys *Keys) {
	e.Str(a.Path)
	e.frontMatter(&a.FM, loc)
	var nums []uint64
	nums = keys.numbers(nums, func(yield func(string) bool) {
		for k := range a.AllKeys() {
			if !yield(k) {
				return
			}
		}
	})
	e.Uint(uint64(len(nums)))
	i := 0
	for _, p := range a.AllKeys() {
		e.Uint(nums[i])
		e.Int(int64(p.Line))
		e.Int(int64(p.Col))
		i++
	}
	e.Int(int64(a.BodyLine))
	e.Str(a.Slug)
	e.Str(a.Dir)
	e.Str(a.URL)
	e.Bool(a.Broken)
}

// Article reads an article written by Encoder.Article, without Src and
// Body; keys are the key paths by number.
func (d *Decoder) Article(keys []string) *article.Article {
	a := &article.Article{Path: d.Str()}
	d.frontMatter(&a.FM)
	n := d.Len()
	a.Keys.Grow(n)
	for range n {
		k := d.Uint()
		line, col := d.Int(), d.Int()
		if k >= uint64(len(keys)) {
			d.Fail()
			break
		}
		a.Keys.Set(keys[k], int(line), int(col))
	}
	a.BodyLine = int(d.Int())
	a.Slug = d.Str()
	a.Dir = d.Str()
	a.URL = d.Str()
	a.Broken = d.Bool()
	return a
}

func (e *Encoder) frontMatter(fm *article.FrontMatter, loc *time.Location) {
	e.Str(fm.Title)
	e.Str(fm.Department)
	e.Str(fm.Category)
	e.Str(fm.Kind)
	e.Strs(fm.Authors)
	e.Str(string(fm.Disclosure))
	e.Str(fm.WithholdReason)
	e.Str(string(fm.Importance))
	if e.Some(fm.Event != nil) {
		e.date(fm.Event.Date, loc)
		e.Str(fm.Event.Name)
	}
	e.Str(fm.DocNo)
	e.Str(fm.IndexNo)
	e.Str(fm.Summary)
	e.Strs(fm.Tags)
	e.Strs(fm.Attachments)
	e.Bool(fm.Bulletin)
	if e.Some(fm.Review != nil) {
		e.Uint(uint64(len(fm.Review)))
		for _, k := range slices.Sorted(maps.Keys(fm.Review)) { // the same bytes every time
			e.Str(k)
			if s := fm.Review[k]; e.Some(s != nil) {
				e.step(s, loc)
			}
		}
	}
	if e.Some(fm.Adoptions != nil) {
		e.Uint(uint64(len(fm.Adoptions)))
		for i := range fm.Adoptions {
			ad := &fm.Adoptions[i]
			e.Str(ad.Outlet)
			e.Str(ad.Level)
			e.Str(ad.Form)
			e.date(ad.Date, loc)
			e.Str(ad.Issue)
			e.Bool(ad.Award)
		}
	}
	if w := fm.Withdrawn; e.Some(w != nil) {
		e.date(w.At, loc)
		e.Str(w.By)
		e.Str(w.Reason)
		e.Str(w.Notice)
	}
	if v := fm.Validity; e.Some(v != nil) {
		e.Str(string(v.Status))
		e.date(v.At, loc)
		e.Str(v.By)
	}
	e.Str(fm.Interprets)
}

func (d *Decoder) frontMatter(fm *article.FrontMatter) {
	fm.Title = d.Str()
	fm.Department = d.Str()
	fm.Category = d.Str()
	fm.Kind = d.Str()
	fm.Authors = d.Strs()
	fm.Disclosure = article.Disclosure(d.Str())
	fm.WithholdReason = d.Str()
	fm.Importance = article.Importance(d.Str())
	if d.Some() {
		fm.Event = &article.Event{Date: d.date(), Name: d.Str()}
	}
	fm.DocNo = d.Str()
	fm.IndexNo = d.Str()
	fm.Summary = d.Str()
	fm.Tags = d.Strs()
	fm.Attachments = d.Strs()
	fm.Bulletin = d.Bool()
	if d.Some() {
		n := d.Len()
		fm.Review = make(map[string]*article.Step, n)
		steps := make([]article.Step, n) // one allocation for the article's steps
		for i := range n {
			k := d.Str()
			var s *article.Step
			if d.Some() {
				s = &steps[i]
				d.step(s)
			}
			fm.Review[k] = s
		}
	}
	if d.Some() {
		fm.Adoptions = make([]article.Adoption, d.Len())
		for i := range fm.Adoptions {
			fm.Adoptions[i] = article.Adoption{Outlet: d.Str(), Level: d.Str(), Form: d.Str(), Date: d.date(), Issue: d.Str(), Award: d.Bool()}
		}
	}
	if d.Some() {
		fm.Withdrawn = &article.Withdrawal{At: d.date(), By: d.Str(), Reason: d.Str(), Notice: d.Str()}
	}
	if d.Some() {
		fm.Validity = &article.Validity{Status: article.ValidityStatus(d.Str()), At: d.date(), By: d.Str()}
	}
	fm.Interprets = d.Str()
}

func (e *Encoder) step(s *article.Step, loc *time.Location) {
	e.Str(s.By)
	e.date(s.At, loc)
	e.Str(s.Opinion)
	e.Str(s.Result)
	e.Strs(s.Cleared)
	e.Bool(s.AttachmentsReviewed)
	e.Str(string(s.Disclosure))
	e.Str(s.Note)
}

func (d *Decoder) step(s *article.Step) {
	*s = article.Step{By: d.Str(), At: d.date(), Opinion: d.Str(), Result: d.Str(), Cleared: d.Strs(),
		AttachmentsReviewed: d.Bool(), Disclosure: article.Disclosure(d.Str()), Note: d.Str()}
}

func (e *Encoder) date(t article.Date, loc *time.Location) {
	e.Time(t.Time, loc)
	e.Bool(t.HasTime)
}

func (d *Decoder) date() article.Date { return article.Date{Time: d.Time(), HasTime: d.Bool()} }
