package provenance

import (
	"sort"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/msg"
)

// unsigned reports whether a sign-off does not cover a top-level key
// (article.Keys without Covered): the review block itself (its steps are
// judged one by one) and what is recorded after the decision to publish,
// such as the index number, the bulletin flag, adoptions, withdrawal and
// validity. A key the table does not know is covered.
func unsigned(key string) bool {
	k := article.LookupKey(key)
	return k != nil && !k.Has(article.Covered)
}

// owner is the key a front-matter line belongs to: the last key starting
// on or before it.
type owner struct {
	line int
	key  string
}

// owners lists the keys directly under prefix ("" for the top level,
// "review." for the steps), in line order.
func owners(a *article.Article, prefix string) []owner {
	var out []owner
	for k, p := range a.AllKeys() {
		rest, ok := strings.CutPrefix(k, prefix)
		if ok && rest != "" && !strings.Contains(rest, ".") {
			out = append(out, owner{p.Line, rest})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// ownerOf returns the key of the line, or "" before the first key.
func ownerOf(keys []owner, line int) string {
	i := sort.Search(len(keys), func(i int) bool { return keys[i].line > line })
	if i == 0 {
		return ""
	}
	return keys[i-1].key
}

// coverage says which lines a sign-off covers: the body, the
// content-bearing front matter, and the review steps before it. Blank and
// comment lines of the front matter do not count.
type coverage struct {
	a          *article.Article
	cfg        *config.Config
	signoff    int // the sign-off's index in the chain
	top, steps []owner
	// signed is the file as the sign-off commit left it, read when steps
	// share lines (shared.go); "" otherwise.
	signed string
}

var msgTheBody = msg.New("provenance.the_body", "正文", "the body")

func newCoverage(a *article.Article, cfg *config.Config, signoff int) *coverage {
	return &coverage{a: a, cfg: cfg, signoff: signoff, top: owners(a, ""), steps: owners(a, "review.")}
}

// line says what a line of the working file holds when the sign-off covers
// it ("the body", "title", "review.content"), else "".
func (cv *coverage) line(n int, text string) string {
	if n >= cv.a.BodyLine {
		return msgTheBody.F()
	}
	if n < 2 || n >= cv.a.BodyLine-1 || blank(text) {
		return "" // the --- lines, blank lines, comments
	}
	key := ownerOf(cv.top, n)
	if cv.signed != "" && key == "review" && sharedLine(cv.a, cv.cfg, n) {
		return cv.sharedChange(n)
	}
	return cv.frontMatter(key, ownerOf(cv.steps, n))
}

// deleted says what a line that is gone held, from the working line it
// followed and its own text: a line that starts a key or a step belongs to
// it, not to the key before.
func (cv *coverage) deleted(after int, text string) string {
	if after >= cv.a.BodyLine-1 {
		return msgTheBody.F()
	}
	if after < 1 || blank(text) {
		return ""
	}
	key, step := ownerOf(cv.top, after), ownerOf(cv.steps, after)
	if cv.signed != "" && cv.holdsUnchangedStep(text) {
		return "" // a shared line rewritten; its new version is judged as added
	}
	if k, ok := keyOf(text); ok {
		key = k // not indented: a top-level key
	}
	if k, ok := keyOf(strings.TrimSpace(text)); ok && cv.cfg.StepIndex(k) >= 0 {
		step = k
	}
	return cv.frontMatter(key, step)
}

// sharedChange names the first step the sign-off covers, starting on the
// shared line n, whose text the signed file does not hold, or that the
// signed file had and the working file has dropped; "" when none.
func (cv *coverage) sharedChange(n int) string {
	for _, s := range cv.cfg.ReviewChain[:cv.signoff] {
		p, ok := cv.a.Key("review." + s.Key)
		switch {
		case !ok && strings.Contains(cv.signed, s.Key+": {"):
			return "review." + s.Key
		case ok && p.Line == n:
			if t := stepText(cv.a, cv.cfg, s.Key); t == "" || !strings.Contains(cv.signed, t) {
				return "review." + s.Key
			}
		}
	}
	return ""
}

// holdsUnchangedStep reports whether a deleted line held the text of a step
// on a shared line that is still as the sign-off left it.
func (cv *coverage) holdsUnchangedStep(text string) bool {
	for _, s := range cv.cfg.ReviewChain {
		if t := stepText(cv.a, cv.cfg, s.Key); t != "" && strings.Contains(text, t) && strings.Contains(cv.signed, t) {
			return true
		}
	}
	return false
}

// frontMatter judges a front-matter line of the top-level key (and, under
// review, the step).
func (cv *coverage) frontMatter(key, step string) string {
	if key != "review" {
		if key == "" || unsigned(key) {
			return ""
		}
		return key
	}
	if i := cv.cfg.StepIndex(step); i >= 0 && i < cv.signoff {
		return "review." + step
	}
	return ""
}

// blank reports an empty or comment-only line.
func blank(text string) bool {
	t := strings.TrimSpace(text)
	return t == "" || strings.HasPrefix(t, "#")
}

// keyOf returns the key a YAML or TOML line starts with ("title: …",
// "title = …"); an indented line has none.
func keyOf(line string) (string, bool) {
	i := strings.IndexAny(line, ":=")
	if i <= 0 {
		return "", false
	}
	k := strings.TrimRight(line[:i], " ")
	if k == "" || strings.ContainsAny(k, " \t{}[],#\"'") {
		return "", false
	}
	return k, true
}
