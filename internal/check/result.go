package check

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/codec"
)

// What the rules about one article alone find in it (articleResult)
// depends on the article, gongkai.yaml, the civil day of the clock
// (deadlines and the 索引号's year read the clock by the day only), the
// set of article paths (links and interprets: name them) and the
// repository's other files the rules read (attachments, link targets and
// the folders on their way). This file is that one definition: a Scope is
// the day and the paths, a Result an article's findings with the paths its
// rules read. The configuration is the caller's to identify: a Memo holds
// the *config.Config, a build's article store the digest of what
// config.Load read. Both reuse a Result only under an equal Scope and
// configuration, when the files it read are unchanged.

// Scope is what every article's own findings depend on besides the
// article, the configuration and the files its rules read.
type Scope struct {
	// Day is the civil day of the clock in the site's time zone.
	Day time.Time
	// Paths is the SHA-256 of every article's path, in order.
	Paths [sha256.Size]byte
}

// Equal reports whether the scopes are the same.
func (s Scope) Equal(t Scope) bool { return s.Day.Equal(t.Day) && s.Paths == t.Paths }

// Scope returns the scope the rules apply in.
func (r *Rules) Scope() Scope { return scopeOf(r.c.cfg.Location, r.c.now, r.paths) }

// scopeOf is the scope of the rules at now for the articles at paths.
func scopeOf(loc *time.Location, now time.Time, paths []string) Scope {
	h := sha256.New()
	var b []byte
	for _, p := range paths {
		b = binary.AppendUvarint(b[:0], uint64(len(p)))
		h.Write(append(b, p...))
	}
	s := Scope{Day: article.CivilDay(now, loc)}
	h.Sum(s.Paths[:0])
	return s
}

// Result is what the rules about one article alone found in it, with the
// repository paths (slash-separated) they read, sorted, each once.
type Result struct {
	res  *articleResult
	Read []string
}

// Record applies the rules about a alone, as Article does, noting the
// paths they read, and returns the result (nil when a is Broken: no rule
// looks at it).
func (r *Rules) Record(a *article.Article) *Result {
	if a.Broken {
		return nil
	}
	o := &Result{}
	o.res = r.c.articleResultIn(a, &readFS{r.c.fsys, &o.Read})
	slices.Sort(o.Read)
	o.Read = slices.Compact(o.Read)
	r.keep(a, o.res)
	return o
}

// Reuse takes res, recorded for an article of the same value under the
// same scope and configuration whose read files are unchanged, as what the
// rules about a alone find; Run needs neither a.Src nor a.Body then.
func (r *Rules) Reuse(a *article.Article, res *Result) { r.keep(a, res.res) }

// keep notes an article's result for Run.
func (r *Rules) keep(a *article.Article, res *articleResult) {
	if len(res.findings) == 0 && len(res.links) == 0 && res.unknown == nil {
		res = nothingFound // most articles: one shared empty result
	}
	r.mu.Lock()
	r.done[a] = res
	r.mu.Unlock()
}

// Encode writes the result (TestResultSeesEveryField).
func (o *Result) Encode(e *codec.Encoder) {
	res := o.res
	e.Findings(res.findings)
	if e.Some(res.links != nil) {
		e.Uint(uint64(len(res.links)))
		for _, l := range res.links {
			e.Str(l.target)
			e.Str(l.dest)
			e.Pos(l.at)
			e.Bool(l.interprets)
		}
	}
	if e.Some(res.unknown != nil) {
		years := make([]int, 0, len(res.unknown))
		for y := range res.unknown {
			years = append(years, y)
		}
		slices.Sort(years)
		e.Uint(uint64(len(years)))
		for _, y := range years {
			u := res.unknown[y]
			e.Int(int64(y))
			e.Pos(u.at)
			e.Str(u.id)
			e.Int(int64(u.articles))
		}
	}
	e.Strs(o.Read)
}

// DecodeResult reads a result written by Encode; check d.Err.
func DecodeResult(d *codec.Decoder) *Result {
	res := &articleResult{findings: d.Findings()}
	if d.Some() {
		res.links = make([]articleLink, d.Len())
		for i := range res.links {
			res.links[i] = articleLink{target: d.Str(), dest: d.Str(), at: d.Pos(), interprets: d.Bool()}
		}
	}
	if d.Some() {
		n := d.Len()
		res.unknown = make(map[int]unknownYear, n)
		for range n {
			y := int(d.Int())
			res.unknown[y] = unknownYear{at: d.Pos(), id: d.Str(), articles: int(d.Int())}
		}
	}
	read := d.Strs()
	if res.findings == nil && res.links == nil && res.unknown == nil && read == nil {
		return emptyResult // most articles: one shared result
	}
	return &Result{res: res, Read: read}
}

// emptyResult is a Result of nothing found, having read nothing.
var emptyResult = &Result{res: nothingFound}
