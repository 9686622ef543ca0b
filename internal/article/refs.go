package article

// Paths written in an article resolve here, and nowhere else:
//
//   - attachments: entries — AttachmentPath (attachments.go);
//   - article paths in the front matter (validity.by, interprets:, and any
//     new key that names another article) — (*Article).RefPath;
//   - Markdown link and image destinations in the body — (*Article).LinkRef.
//
// check reports what they say is wrong (GK050), render and bulletin link
// the target they return, so the leak guard and the rendered links agree
// by construction. A new key or link kind calls one of these; it never
// joins paths itself.

import (
	"net/url"
	"path"
	"strings"

	"gongkai/internal/msg"
)

// contentPrefix is the folder every link, attachment and front-matter path
// must stay in.
const contentPrefix = "content/"

var (
	msgRefEmpty     = msg.New("article.ref_empty", "为空，请填写文件名", "is empty: give a file name")
	msgRefBackslash = msg.New("article.ref_backslash", "使用了反斜杠，文件夹之间请用 / 分隔", "uses backslashes: separate folders with /")
	msgRefAbsolute  = msg.New("article.ref_absolute",
		"是绝对路径，请写相对于本文的路径（如 议程.pdf 或 ../2025/notice.md）",
		"is an absolute path: write the path relative to this article (such as 议程.pdf or ../2025/notice.md)")
	msgRefLeaves = msg.New("article.ref_leaves",
		"超出了 content/ 文件夹（解析为 %s）：只有 content/ 下的文件才会发布，请把文件移到 content/ 下",
		"leaves content/ (it resolves to %s): only files under content/ are published; move the file under content/")
)

// ResolveRef returns the repository path that ref, relative to the
// repository folder dir, names, or what is wrong with it (problem, for
// GK050's finding).
func ResolveRef(dir, ref string) (target, problem string) {
	switch {
	case strings.TrimSpace(ref) == "":
		return "", msgRefEmpty.F()
	case strings.Contains(ref, `\`):
		return "", msgRefBackslash.F()
	case strings.HasPrefix(ref, "/") || (len(ref) > 1 && ref[1] == ':'):
		return "", msgRefAbsolute.F()
	}
	p := path.Join(dir, ref)
	if !strings.HasPrefix(p, contentPrefix) {
		return "", msgRefLeaves.F(p)
	}
	return p, ""
}

// RefPath resolves an article path written in the front matter
// (validity.by, interprets:, any key naming another article): relative to
// the article's folder
// (../2025/policy.md), or from the repository root when it starts with
// content/. check reports what is wrong with it (GK050); render links the
// article found at the result, so the page and the rule agree.
func (a *Article) RefPath(ref string) (target, problem string) {
	dir := a.Dir
	if strings.HasPrefix(ref, contentPrefix) {
		dir = ""
	}
	return ResolveRef(dir, ref)
}

// Ref is a local link destination of an article's body, resolved.
type Ref struct {
	// Target is the repository path linked ("content/2025/notice.md"), ""
	// when Problem is set.
	Target string
	// Suffix is the destination's query and fragment ("#第三条"), for the
	// rendered URL.
	Suffix string
	// Problem says why the destination cannot be published (GK050's
	// finding: empty, backslashes, absolute, outside content/); a page
	// links such a destination nowhere.
	Problem string
}

// LinkRef resolves a link or image destination written in a's body:
// "../2025/notice.md#top" from content/2024/x.md is content/2025/notice.md
// with the suffix "#top" (percent-escapes decoded). It returns false for a
// destination that is not a file of the repository and is left as
// written: a URL with a scheme (https:, mailto:, tel: …), //host/…, or an
// anchor or query in the same page. check, render and bulletin all read
// links through it.
func (a *Article) LinkRef(dest string) (Ref, bool) {
	if dest == "" || dest[0] == '#' || dest[0] == '?' || strings.HasPrefix(dest, "//") {
		return Ref{}, false
	}
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		return Ref{}, false
	}
	p, suffix := dest, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, suffix = p[:i], p[i:]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	target, problem := ResolveRef(a.Dir, p)
	return Ref{Target: target, Suffix: suffix, Problem: problem}, true
}
