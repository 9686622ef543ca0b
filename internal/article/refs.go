package article

import (
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
// (validity.by, interprets): relative to the article's folder
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
