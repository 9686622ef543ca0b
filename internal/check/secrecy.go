package check

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// secrecyTerms reports each secrecy term (gongkai.yaml secrecy_terms) in
// any text a public page shows (title, summary, body, 文号, attachment
// names, tags, the withdrawal reason and notice) that the confidentiality reviewer has not
// cleared (review.secrecy.cleared), at the term itself (GK030): an error
// once the article is signed off, a warning before. 不予公开 and 内部公开
// articles are never disclosed to the public, so the rule skips them.
func (c *checker) secrecyTerms(a *article.Article) {
	if a.FM.Disclosure == article.Withheld || a.FM.Disclosure == article.Internal {
		return
	}
	terms := c.openTerms(a)
	if len(terms) == 0 {
		return
	}
	sev, tail := diag.Warning, " (an error once signed off)"
	if a.StepFor(c.cfg, config.PurposeSignoff).Complete() {
		sev, tail = diag.Error, ""
	}
	report := func(at diag.Pos, term, where string) {
		c.l.Add(at, sev, "GK030", "secrecy term %q in the %s: unpublished internal documents and speeches must not appear in publicity texts; change the text, or the 保密审查员 clears the term in review.%s.cleared%s",
			term, where, c.secrecyKey(), tail)
	}
	fmEnd := frontMatterEnd(a)
	fields := []struct{ key, value, where string }{
		{"title", a.FM.Title, "title"},
		{"summary", a.FM.Summary, "summary"},
		{"doc_no", a.FM.DocNo, "文号 (doc_no)"},
	}
	for i, v := range a.FM.Attachments {
		fields = append(fields, struct{ key, value, where string }{fmt.Sprintf("attachments.%d", i), v, "attachment name"})
	}
	for i, v := range a.FM.Tags {
		fields = append(fields, struct{ key, value, where string }{fmt.Sprintf("tags.%d", i), v, "tags"})
	}
	if w := a.FM.Withdrawn; w != nil {
		fields = append(fields,
			struct{ key, value, where string }{"withdrawn.reason", w.Reason, "withdrawal reason"},
			struct{ key, value, where string }{"withdrawn.notice", w.Notice, "withdrawal notice"})
	}
	for _, f := range fields {
		for _, term := range terms {
			for _, at := range c.valueHits(a, f.key, f.value, term, fmEnd) {
				report(at, term, f.where)
			}
		}
	}
	for _, term := range terms {
		for _, off := range indexAll(a.Body, term) {
			report(textPos(a.Path, a.Body, a.BodyLine, off), term, "text")
		}
	}
}

// indexAll returns the byte offset of each occurrence of term in text.
func indexAll(text []byte, term string) []int {
	var offs []int
	t := []byte(term)
	for off := 0; ; off += len(t) {
		i := bytes.Index(text[off:], t)
		if i < 0 {
			return offs
		}
		off += i
		offs = append(offs, off)
	}
}

// openTerms returns the configured secrecy terms the reviewer has not
// cleared in a signed confidentiality review.
func (c *checker) openTerms(a *article.Article) []string {
	var cleared []string
	if st := a.StepFor(c.cfg, config.PurposeSecrecy); st.Complete() {
		cleared = st.Cleared
	}
	var terms []string
	for _, t := range c.cfg.SecrecyTerms {
		if t != "" && !slices.Contains(cleared, t) {
			terms = append(terms, t)
		}
	}
	return terms
}

func (c *checker) secrecyKey() string {
	if s := c.cfg.StepFor(config.PurposeSecrecy); s != nil {
		return s.Key
	}
	return "secrecy"
}

// valueHits returns the positions of each occurrence of term in a front
// matter value, found in the source after the key; the key's position when
// the source spells the value differently (escapes).
func (c *checker) valueHits(a *article.Article, key, value, term string, fmEnd int) []diag.Pos {
	n := strings.Count(value, term)
	if n == 0 {
		return nil
	}
	p, ok := a.Keys[key]
	if !ok {
		return []diag.Pos{a.Pos(key)}
	}
	start := offsetOf(a.Src, p)
	if start > fmEnd {
		fmEnd = len(a.Src)
	}
	region, t := a.Src[:fmEnd], []byte(term)
	var hits []diag.Pos
	for off := start; len(hits) < n; off += len(t) {
		i := bytes.Index(region[off:], t)
		if i < 0 {
			return []diag.Pos{p}
		}
		off += i
		hits = append(hits, textPos(a.Path, a.Src, 1, off))
	}
	return hits
}
