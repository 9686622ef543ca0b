package article

import (
	"fmt"
	"strings"
)

// Use says what a front-matter key is to the rules and the page.
type Use uint8

// The uses of a key. A key may have several.
const (
	// Shown: the public page, a list or a feed shows the key's text.
	Shown Use = 1 << iota
	// Scanned: GK030 reads the key's text for secrecy terms. Every Shown
	// text key is Scanned; a few more are, because they are public in
	// spirit (tags).
	Scanned
	// Covered: 签发 covers the key; a change after the sign-off is GK061.
	Covered
	// Path: the value names files, resolved from the article's folder.
	Path
	// Required: an article without the key is GK002.
	Required
)

// Key is one top-level front-matter key: its uses, its documentation (the
// README's front-matter table is checked against it), the line `gongkai
// new` writes for it, and how GK030 reads its text.
type Key struct {
	Name string
	// Doc is the README's key column when it is not `Name`.
	Doc string
	Use Use
	// Type, Meaning and Rules are the README's columns.
	Type, Meaning, Rules string
	// New is the value `gongkai new` writes, with Hint as the line's comment;
	// NewOff writes the line commented out, as an example. A key with an
	// empty New and no NewOff is left out of the skeleton; the title,
	// department, category, kind and authors are filled in by new itself.
	New, Hint string
	NewOff    bool
	// Text returns the texts of the key GK030 reads, each with its dotted
	// key path (tags.0, withdrawn.reason), for Scanned keys.
	Text func(fm *FrontMatter) []Field
}

// Field is one text of a front-matter key.
type Field struct {
	Key, Value string
}

// Has reports whether the key has every use in u.
func (k *Key) Has(u Use) bool { return k.Use&u == u }

// Keys is the table of front-matter keys, in the order the README and `gongkai
// new` list them. One table, many readers: GK030's fields, GK061's
// unsigned keys, the skeleton, the README (and a render test holds the
// page to the Shown column).
var Keys = []*Key{
	{Name: "title", Use: Shown | Scanned | Covered | Required, Type: "text", Meaning: "标题", Rules: "required (GK002)",
		Text: one("title", func(fm *FrontMatter) string { return fm.Title })},
	{Name: "department", Use: Shown | Scanned | Covered | Required, Type: "name", Meaning: "承办科室; its `publisher` or `site.publisher` is the 发布机构",
		Rules: "required, declared (GK003); decides who signs 内容审核 and 发布审核",
		Text:  one("department", func(fm *FrontMatter) string { return fm.Department })},
	{Name: "category", Use: Shown | Scanned | Covered | Required, Type: "name", Meaning: "主题分类", Rules: "required, declared",
		Text: one("category", func(fm *FrontMatter) string { return fm.Category })},
	{Name: "kind", Use: Covered | Required, Type: "name", Meaning: "信息类型, with its reporting deadline",
		Rules: "required, declared; with `event` gives 迟报 (GK021); a kind with `principal: true` needs the principal's 签发 (GK010)"},
	{Name: "authors", Use: Covered | Required, Type: "list of names", Meaning: "撰稿人",
		Rules: "required, declared; an author may not sign a step (GK011)"},
	{Name: "disclosure", Use: Shown | Covered | Required, Type: "主动公开 \\| 内部公开 \\| 依申请公开 \\| 不予公开",
		Meaning: "公开属性 (aliases proactive, internal, on-request, withheld)", Rules: "required; only 主动公开 is published",
		New: "主动公开", Hint: "主动公开 | 内部公开 | 依申请公开 | 不予公开 (需 withhold_reason)"},
	{Name: "withhold_reason", Use: Covered, Type: "text", Meaning: "不予公开 / 依申请公开 reason", Rules: "required for those (GK014)"},
	{Name: "importance", Use: Covered, Type: "一般 \\| 重要", Meaning: "重要 needs the principal's 签发", Rules: "GK010",
		New: "一般", Hint: "一般 | 重要 (重要信息须主要领导签发)"},
	{Name: "event", Use: Covered, Type: "`{date, name}`", Meaning: "the occasion reported on",
		Rules: "with `kind` sets the deadline (GK021)", New: "{date: 2025-03-03, name: 局务会}", Hint: "事由及日期，决定报送时限", NewOff: true},
	{Name: "doc_no", Use: Shown | Scanned | Covered, Type: "text", Meaning: "文号, e.g. 招商〔2025〕3号", Rules: "year in 〔〕 (GK042)",
		New: "招商〔2025〕1号", NewOff: true,
		Text: one("doc_no", func(fm *FrontMatter) string { return fm.DocNo })},
	{Name: "index_no", Use: Shown | Scanned, Type: "text", Meaning: "索引号 `<org_code>/<year>-<5 digits>`",
		Rules: "unique, well-formed; required once 录入 is signed (GK040); `gongkai index --write` assigns",
		Text:  one("index_no", func(fm *FrontMatter) string { return fm.IndexNo })},
	{Name: "summary", Use: Shown | Scanned | Covered, Type: "text", Meaning: "摘要 for lists, feeds and the page's `<meta name=\"description\">`", Rules: "else the first paragraph",
		Text: one("summary", func(fm *FrontMatter) string { return fm.Summary })},
	{Name: "tags", Use: Shown | Scanned | Covered, Type: "list", Meaning: "标签, the page's keywords (`<meta name=\"keywords\">`)", Rules: "", New: "[]",
		Text: items("tags", func(fm *FrontMatter) []string { return fm.Tags })},
	{Name: "attachments", Use: Shown | Scanned | Covered | Path, Type: "list of file names", Meaning: "附件, files beside the article",
		Rules: "must exist inside content/ (GK050); their text is scanned (GK030), or a person reads them (GK031)",
		Text:  items("attachments", func(fm *FrontMatter) []string { return fm.Attachments })},
	{Name: "bulletin", Type: "bool", Meaning: "a candidate for the quarterly 简报", New: "false"},
	{Name: "review", Doc: "review.<step>", Type: "`{by, at, …}`", Meaning: "one sign-off per step of the chain", Rules: "see below"},
	{Name: "adoptions", Type: "list of `{outlet, level, form, date}`", Meaning: "采用情况", Rules: "level and form declared in `scoring` (GK003)"},
	{Name: "withdrawn", Use: Shown | Scanned, Type: "`{at, by, reason, notice}`", Meaning: "撤回: the page keeps its URL with the notice, no body",
		Text: func(fm *FrontMatter) []Field {
			if w := fm.Withdrawn; w != nil {
				return []Field{{"withdrawn.reason", w.Reason}, {"withdrawn.notice", w.Notice}}
			}
			return nil
		}},
	{Name: "validity", Use: Shown | Path, Type: "`{status, at, by}`", Meaning: "有效性: 有效 \\| 已修改 \\| 已废止 \\| 已失效; `by` is the superseding article's path",
		Rules: "notice on the page from its `at` date (a repeal dated later shows from that day)"},
	{Name: "interprets", Use: Shown | Covered | Path, Type: "path", Meaning: "政策解读: the policy this article interprets, e.g. `../2025/policy.md`; each page links the other",
		Rules: "must be an article, public when this one is (GK050); a public 规范性文件 without a public interpretation is GK052",
		New:   "../2025/policy.md", Hint: "政策解读：所解读文件的路径", NewOff: true},
}

// one reads a single text.
func one(key string, get func(*FrontMatter) string) func(*FrontMatter) []Field {
	return func(fm *FrontMatter) []Field { return []Field{{key, get(fm)}} }
}

// items reads a list of texts as key.0, key.1, ….
func items(key string, get func(*FrontMatter) []string) func(*FrontMatter) []Field {
	return func(fm *FrontMatter) []Field {
		var out []Field
		for i, v := range get(fm) {
			out = append(out, Field{fmt.Sprintf("%s.%d", key, i), v})
		}
		return out
	}
}

// Row returns the key's row of the README's front-matter table.
func (k *Key) Row() string {
	name := k.Name
	if k.Doc != "" {
		name = k.Doc
	}
	mark := func(u Use) string {
		if k.Has(u) {
			return "✓"
		}
		return ""
	}
	return fmt.Sprintf("| `%s` | %s | %s | %s | %s | %s | %s |", name, k.Type, k.Meaning, k.Rules, mark(Shown), mark(Scanned), mark(Covered))
}

// LookupKey returns the key of a dotted key path ("withdrawn.reason" →
// withdrawn), or nil for a key not in the table.
func LookupKey(path string) *Key {
	name, _, _ := strings.Cut(path, ".")
	for _, k := range Keys {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// ShownText returns every text of the article's Scanned keys, in table
// order, for GK030.
func (a *Article) ShownText() []Field {
	var out []Field
	for _, k := range Keys {
		if k.Has(Scanned) && k.Text != nil {
			out = append(out, k.Text(&a.FM)...)
		}
	}
	return out
}

// PlaceholderBody is the body `gongkai new` writes; an article still
// holding it has no text yet (GK002).
const PlaceholderBody = "正文从这里开始。"
