package render

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/msg"
)

// base is where the site is served: an origin ("https://x.github.io") and a
// path ("/repo/", at least "/"). Pages link root-relative with the path;
// feeds and the sitemap use absolute URLs.
type base struct {
	origin string
	path   string
}

var msgBaseURL = msg.New("render.base_url", "网站地址“%s”须是完整的 http(s) 网址，如 https://zsj.example.gov.cn/", "base URL %q must be an absolute http(s) URL such as https://zsj.example.gov.cn/")

func parseBase(s string) (base, error) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
	case u.Scheme == "" && u.Host == "" && (u.Path == "" || strings.HasPrefix(u.Path, "/")):
		// A bare path ("/" or "/repo/"): feeds and the sitemap get
		// root-relative URLs too.
		return base{path: strings.TrimSuffix(u.Path, "/") + "/"}, nil
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return base{origin: u.Scheme + "://" + u.Host, path: strings.TrimSuffix(u.Path, "/") + "/"}, nil
	}
	return base{}, msgBaseURL.Error(s)
}

// link returns the root-relative URL of a site path ("2025/x/" →
// "/repo/2025/x/"), percent-encoded.
func (b base) link(sitePath string) string {
	return (&url.URL{Path: b.path + sitePath}).EscapedPath()
}

// abs returns the absolute URL of a site path.
func (b base) abs(sitePath string) string {
	return b.origin + b.link(sitePath)
}

// categorySlugs are the URL names of the categories the agency rules list.
var categorySlugs = map[string]string{
	"机构概况": "jggk", "法律法规": "flfg", "规范性文件": "gfxwj", "工作动态": "gzdt",
	"行政事业收费": "xzsysf", "政府采购与工程招投标": "zfcg", "行政执法": "xzzf",
	"行政审批": "xzsp", "应急管理": "yjgl", "城乡建设": "cxjs",
	"信息公开年度工作报告": "ndbg", "依申请公开": "ysqgk", "政府信息公开指南和目录": "gkzn",
	"其他": "qt", "通知公告": "tzgg", "人事信息": "rsxx", "财政预决算": "czyjs",
	"规划计划": "ghjh", "政策解读": "zcjd",
}

// departmentSlugs are the URL names of common department names.
var departmentSlugs = map[string]string{
	"办公室": "bgs", "综合科": "zhk", "政策法规科": "zcfgk", "人事科": "rsk",
	"财务科": "cwk", "项目服务科": "xmfwk",
}

// slug returns a stable ASCII name for a category or department: from the
// table when known, else the prefix and a short hash of the name.
func slug(table map[string]string, prefix, name string) string {
	if s, ok := table[name]; ok {
		return s
	}
	sum := sha256.Sum256([]byte(name))
	return prefix + hex.EncodeToString(sum[:4])
}

func categorySlug(name string) string   { return slug(categorySlugs, "c", name) }
func departmentSlug(name string) string { return slug(departmentSlugs, "d", name) }

// resolver returns the link rewriter for e's body: a relative link to
// another article's .md file becomes that article's URL, a link to an
// attachment the copied file's URL. A link to an article that has no page,
// or to a file that is not a published attachment, goes to the 404 page, so
// neither its path nor its name is published.
func (j *job) resolver(e *entry) func(dest string) (string, bool) {
	return func(dest string) (string, bool) {
		target, suffix, ok := article.LocalTarget(e.a.Path, dest)
		if !ok {
			return "", false
		}
		if t, ok := j.byPath[target]; ok && j.linkable(e, t) {
			return j.base.link(t.dir) + suffix, true
		}
		if strings.EqualFold(path.Ext(target), ".md") {
			return j.base.link("404.html"), true
		}
		if u, ok := j.attachmentURL(e, target); ok {
			return u + suffix, true
		}
		// A file that is not one of this article's published attachments:
		// its path under content/ is not published either.
		return j.base.link("404.html"), true
	}
}

// linkable reports whether a page from may link to the page of to: a
// public page only to public pages and withdrawal notices.
func (j *job) linkable(from, to *entry) bool {
	return to.kind != pendingEntry || from.kind == pendingEntry
}

// attachmentURL returns the URL of a copied attachment, by its source path.
func (j *job) attachmentURL(from *entry, target string) (string, bool) {
	f, ok := j.files[target]
	if !ok || !j.linkable(from, f.owner) {
		return "", false
	}
	return j.base.link(f.dest), true
}

// attachment is a file copied beside its article's page.
type attachment struct {
	owner     *entry
	name      string // as listed in the front matter
	src, dest string // repository path; site path
}

// attachmentsOf lists the article's attachments: only names that
// article.AttachmentPath accepts (a publishable file beside the article);
// check reports the others (GK050), and they are never copied. The copy
// keeps the listed name under the page's folder.
func attachmentsOf(e *entry) ([]attachment, error) {
	var out []attachment
	for _, name := range e.a.FM.Attachments {
		src, err := article.AttachmentPath(e.a, name)
		if err != nil {
			continue
		}
		out = append(out, attachment{owner: e, name: name, src: src, dest: e.dir + path.Clean(name)})
	}
	return out, nil
}

// successor returns the public article that validity.by names
// (article.RefPath, as GK050 resolves it).
func (j *job) successor(a *article.Article) *entry {
	if a.FM.Validity.By == "" {
		return nil
	}
	if e := j.refEntry(a, a.FM.Validity.By); e != nil && e.kind == publicEntry {
		return e
	}
	return nil
}

// refEntry returns the page of the article a front-matter path of a
// names, or nil.
func (j *job) refEntry(a *article.Article, ref string) *entry {
	target, problem := a.RefPath(ref)
	if problem != "" {
		return nil
	}
	return j.byPath[target]
}
