package check

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/markdown"
	"gongkai/internal/msg"
)

var (
	msgSecrecyTerm = msg.New("check.secrecy_term",
		"%s中含有涉密词语“%s”：未公开的内部文件、讲话不得出现在公开信息中；请修改文字，或由保密审查员在 review.%s.cleared 中列明该词%s",
		"secrecy term %[2]q in the %[1]s: unpublished internal documents and speeches must not appear in publicity texts; change the text, or the 保密审查员 clears the term in review.%[3]s.cleared%[4]s")
	msgSecrecyBeforeSignoff = msg.New("check.secrecy_before_signoff", "（签发后即为错误）", " (an error once signed off)")
	msgWhereText            = msg.New("check.where_text", "正文", "text")
)

// whereLabels names each scanned front-matter key in GK030's message.
var whereLabels = map[string]msg.M{
	"title":            msg.New("check.where_title", "标题（title）", "title"),
	"department":       msg.New("check.where_department", "发布机构（department）", "department"),
	"category":         msg.New("check.where_category", "主题分类（category）", "category"),
	"doc_no":           msg.New("check.where_doc_no", "文号（doc_no）", "文号 (doc_no)"),
	"index_no":         msg.New("check.where_index_no", "索引号（index_no）", "索引号 (index_no)"),
	"summary":          msg.New("check.where_summary", "摘要（summary）", "summary"),
	"tags":             msg.New("check.where_tags", "标签（tags）", "tags"),
	"attachments":      msg.New("check.where_attachments", "附件名（attachments）", "attachment name"),
	"withdrawn.reason": msg.New("check.where_withdrawn_reason", "撤回原因（withdrawn.reason）", "withdrawal reason"),
	"withdrawn.notice": msg.New("check.where_withdrawn_notice", "撤回说明（withdrawn.notice）", "withdrawal notice"),
}

// secrecyTerms reports each secrecy term (gongkai.yaml secrecy_terms) that
// the confidentiality reviewer has not cleared (review.secrecy.cleared) in
// what a reader of the public page sees (GK030): the body as rendered
// (markdown.VisibleText), every front-matter key the table marks Scanned
// (article.Keys) and the text of the attachments (attachments.go). A hit is
// reported at the source position of the term's first character: an error
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
	r := c.secrecyReporter(a)
	fmEnd := frontMatterEnd(a)
	for _, f := range a.ShownText() {
		where, ok := whereLabels[f.Key]
		if !ok {
			where = whereLabels[strings.TrimRight(f.Key, ".0123456789")]
		}
		for _, term := range terms {
			for _, at := range c.valueHits(a, f.Key, f.Value, term, fmEnd) {
				r.report(at, term, where.F())
			}
		}
	}
	v := markdown.VisibleText(a.Body, c.cfg.Markdown.UnsafeHTML)
	for _, term := range terms {
		for _, i := range indexAll(v.Text, term) {
			r.report(textPos(a.Path, a.Body, a.BodyLine, v.Src[i]), term, msgWhereText.F())
		}
	}
	c.attachmentTerms(a, terms, r)
}

// secrecyReporter reports GK030 for one article, as an error once it is
// signed off.
type secrecyReporter struct {
	c    *checker
	sev  diag.Severity
	tail string
}

func (c *checker) secrecyReporter(a *article.Article) secrecyReporter {
	if a.StepFor(c.cfg, config.PurposeSignoff).Complete() {
		return secrecyReporter{c, diag.Error, ""}
	}
	return secrecyReporter{c, diag.Warning, msgSecrecyBeforeSignoff.F()}
}

func (r secrecyReporter) report(at diag.Pos, term, where string) {
	r.c.l.Add(at, r.sev, "GK030", msgSecrecyTerm.T(), where, term, r.c.secrecyKey(), r.tail)
}

// indexAll returns the byte offset of each occurrence of term in text.
func indexAll(text, term string) []int {
	var offs []int
	for off := 0; ; off += len(term) {
		i := strings.Index(text[off:], term)
		if i < 0 {
			return offs
		}
		off += i
		offs = append(offs, off)
	}
}

// visibleOnly returns s without the characters a reader cannot see
// (markdown.Invisible) and surrounding space: a term and a clearance are
// compared as a reader reads them.
func visibleOnly(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if markdown.Invisible(r) {
			return -1
		}
		return r
	}, s))
}

// openTerms returns the configured secrecy terms the reviewer has not
// cleared in a signed confidentiality review, however either is written.
func (c *checker) openTerms(a *article.Article) []string {
	cleared := map[string]bool{}
	if st := a.StepFor(c.cfg, config.PurposeSecrecy); st.Complete() {
		for _, t := range st.Cleared {
			cleared[visibleOnly(t)] = true
		}
	}
	var terms []string
	for _, t := range c.cfg.SecrecyTerms {
		if t = visibleOnly(t); t != "" && !cleared[t] {
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
// matter value (invisible characters left out), found in the source after
// the key; the key's position when the source spells the value
// differently (escapes, folded lines).
func (c *checker) valueHits(a *article.Article, key, value, term string, fmEnd int) []diag.Pos {
	n := strings.Count(visibleOnly(value), term)
	if n == 0 {
		return nil
	}
	p, ok := a.Key(key)
	if !ok {
		return []diag.Pos{a.Pos(key)}
	}
	start := offsetOf(a.Src, p)
	if start > fmEnd {
		fmEnd = len(a.Src)
	}
	text, src := withoutInvisible(a.Src[start:fmEnd], start)
	var hits []diag.Pos
	for _, i := range indexAll(text, term) {
		if len(hits) == n {
			break
		}
		hits = append(hits, textPos(a.Path, a.Src, 1, src[i]))
	}
	if len(hits) < n {
		return []diag.Pos{p}
	}
	return hits
}

// withoutInvisible returns b without invisible characters, and for each
// byte left the offset it had (plus base).
func withoutInvisible(b []byte, base int) (string, []int) {
	var out bytes.Buffer
	src := make([]int, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !markdown.Invisible(r) {
			out.Write(b[i : i+size])
			for range size {
				src = append(src, base+i)
			}
		}
		i += size
	}
	return out.String(), src
}
