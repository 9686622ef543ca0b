package check

import (
	"bytes"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/markdown"
	"gongkai/internal/msg"
)

var (
	msgNoIndexNo = msg.New("check.entry_without_index_no",
		"已录入（review.%s）但没有索引号（index_no）：录入前请运行 gongkai index --write",
		"entered (review.%s) without an index number (index_no): run gongkai index --write before entry")
	msgPlaceholderBody = msg.New("check.placeholder_body",
		"正文还是 gongkai new 写入的占位文字“%s”：请写入正文",
		"the body is still the placeholder %q that gongkai new writes: write the text")
	msgEmptyBody = msg.New("check.empty_body",
		"正文为空：请在第二个 --- 之后写入正文",
		"the body is empty: write the text after the closing ---")
)

var msgTooDeep = msg.New("check.body_too_deep",
	"列表或引用嵌套超过 %d 层：请减少嵌套层次（公文一般不超过四级：一、（一）1.（1））",
	"lists or quotes nest deeper than %d levels: nest less (documents use four levels at most: 一、（一）1.（1）)")

// bodyDepth reports a body whose lists and quotes nest deeper than
// markdown.MaxDepth (GK002) at the first such line: parsing it would take
// seconds, so it is never parsed, and never published.
func (c *checker) bodyDepth(a *article.Article) {
	if line := markdown.TooDeep(a.Body); line > 0 {
		c.l.Errorf(diag.Pos{Path: a.Path, Line: a.BodyLine + line - 1, Col: 1}, "GK002", msgTooDeep.T(), markdown.MaxDepth)
	}
}

// entryWithoutIndexNo reports an article entered on the site (录入 signed)
// that has no 索引号 (GK040): `gongkai index --write` assigns it first.
func (c *checker) entryWithoutIndexNo(a *article.Article) {
	entry := c.cfg.StepFor(config.PurposeEntry)
	if entry == nil || !a.Step(entry).Complete() {
		return
	}
	c.l.Errorf(a.Pos("review."+entry.Key), "GK040", msgNoIndexNo.T(), entry.Key)
}

// body reports an article without a text (GK002): an empty body, or still
// the placeholder `gongkai new` writes. An error once any step is signed
// (a reviewer signed an empty text), a warning before.
func (c *checker) body(a *article.Article) {
	text := bytes.TrimSpace(a.Body)
	placeholder := string(text) == article.PlaceholderBody
	if len(text) > 0 && !placeholder {
		return
	}
	sev := diag.Warning
	for _, st := range a.FM.Review {
		if st.Complete() {
			sev = diag.Error
		}
	}
	at := diag.Pos{Path: a.Path, Line: max(a.BodyLine-1, 1), Col: 1} // the closing ---
	if placeholder {
		at = textPos(a.Path, a.Body, a.BodyLine, bytes.Index(a.Body, text))
		c.l.Add(at, sev, "GK002", msgPlaceholderBody.T(), article.PlaceholderBody)
		return
	}
	c.l.Add(at, sev, "GK002", "%s", msgEmptyBody.F())
}
