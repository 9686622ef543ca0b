package render

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/msg"
	"gongkai/internal/pinyin"
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

// slugs are the URL names of the categories or the departments: a
// declared slug, else the name in pinyin (招商一科 → zhaoshangyike). Names
// whose pinyin is the same take -2, -3 … in the order gongkai.yaml
// declares them, after the declared slugs, so a slug changes only when a
// name before it in gongkai.yaml comes to share it; a declared slug never
// does.
type slugs struct {
	prefix string            // for a name with no pinyin at all
	byName map[string]string // declared names
	taken  map[string]bool
}

// newSlugs names the declared names; declared holds the slugs gongkai.yaml
// sets (config checks that they are well-formed and unique).
func newSlugs(prefix string, names []string, declared map[string]string) *slugs {
	s := &slugs{prefix: prefix, byName: map[string]string{}, taken: map[string]bool{}}
	for _, n := range names {
		if d := declared[n]; d != "" {
			s.byName[n], s.taken[d] = d, true
		}
	}
	for _, n := range names {
		if _, ok := s.byName[n]; ok {
			continue
		}
		base := pinyinSlug(prefix, n)
		slug := base
		for i := 2; s.taken[slug]; i++ {
			slug = base + "-" + strconv.Itoa(i)
		}
		s.byName[n], s.taken[slug] = slug, true
	}
	return s
}

// of returns the slug of a name. A name gongkai.yaml does not declare
// (only an article in review can have one, previewed by serve --pending)
// gets its pinyin and a short hash of the name, so that it takes no
// declared name's slug and two such names differ.
func (s *slugs) of(name string) string {
	if slug, ok := s.byName[name]; ok {
		return slug
	}
	slug := pinyinSlug(s.prefix, name)
	if !strings.HasSuffix(slug, shortHash(name)) {
		slug += "-" + shortHash(name)
	}
	return slug
}

// pinyinSlug is the name in pinyin; a character the table does not know
// adds a short hash of the name, so that two such names differ; a name
// with no pinyin at all is the prefix and the hash.
func pinyinSlug(prefix, name string) string {
	slug, ok := pinyin.Slug(name)
	switch {
	case slug == "":
		return prefix + shortHash(name)
	case !ok:
		return slug + "-" + shortHash(name)
	}
	return slug
}

func shortHash(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:4])
}

// newSiteSlugs names the declared categories and departments.
func (j *job) newSiteSlugs() {
	cats := map[string]string{}
	for _, c := range j.cfg.CategoryList {
		cats[c.Name] = c.Slug
	}
	depts := map[string]string{}
	for _, d := range j.cfg.Departments {
		depts[d.Name] = d.Slug
	}
	j.categorySlugs = newSlugs("c", j.cfg.Categories, cats)
	j.departmentSlugs = newSlugs("d", j.cfg.DepartmentNames(), depts)
}

// resolver returns the link rewriter for e's body: a relative link to
// another article's .md file becomes that article's URL, a link to an
// attachment the copied file's URL. A link to an article that has no page,
// or to a file that is not a published attachment, goes to the 404 page, so
// neither its path nor its name is published.
func (j *job) resolver(e *entry) func(dest string) (string, bool) {
	return func(dest string) (string, bool) {
		ref, ok := e.a.LinkRef(dest)
		if !ok {
			return "", false
		}
		if ref.Problem != "" { // GK050: such a page is not public
			return j.base.link("404.html"), true
		}
		target, suffix := ref.Target, ref.Suffix
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

// pairInterpretations links each 政策解读 with the policy its interprets:
// names (resolved as GK050 resolves it). A page shows the other only when
// it may link to it (a public page never links a preview), and a policy
// lists no withdrawn interpretation; each policy lists its
// interpretations newest first.
func (j *job) pairInterpretations() {
	j.policyOf, j.interpretationsOf = map[*entry]*entry{}, map[*entry][]*entry{}
	for _, e := range j.pages {
		if e.kind == withdrawnEntry || e.a.FM.Interprets == "" {
			continue
		}
		t := j.refEntry(e.a, e.a.FM.Interprets)
		if t == nil || t == e {
			continue
		}
		if j.linkable(e, t) {
			j.policyOf[e] = t
		}
		if t.kind != withdrawnEntry && j.linkable(t, e) {
			j.interpretationsOf[t] = append(j.interpretationsOf[t], e)
		}
	}
	for _, es := range j.interpretationsOf {
		slices.SortFunc(es, newestPublishedFirst)
	}
}
