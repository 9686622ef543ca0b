package bulletin

import (
	"encoding/base64"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/markdown"
)

// maxInlineImage is the largest image put into the page as a data: URL.
const maxInlineImage = 4 << 20

// imageTypes are the image formats inlined, by extension (the ones a
// data: URL may carry without being treated as dangerous).
var imageTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp",
}

// resolver rewrites the links in a's body for the issue page. An issue is
// one self-contained file (it is printed from a temporary folder, and an
// internal issue lives outside the site), so:
//   - a link to an article in the issue goes to that article in the page;
//   - a link to another public article goes to its page on the site;
//   - an image among a's own listed attachments (see
//     article.AttachmentPath) is put into the page as a data: URL, and such
//     an attachment of a public article links to its copy on the site;
//   - any other local link goes nowhere ("#"), so no path leaks, and any
//     other local image is dropped for its alt text (see dropImages): as on
//     the site, an article shows no file but its own attachments.
func (s *Source) resolver(is *Issue, a *article.Article) markdown.Resolver {
	return func(dest string) (string, bool) {
		ref, ok := a.LinkRef(dest)
		if !ok {
			return "", false
		}
		if ref.Problem != "" { // GK050: such an article enters no issue
			return "#", true
		}
		target, suffix := ref.Target, ref.Suffix
		for i, o := range is.Articles {
			if o.Path == target {
				return "#a" + strconv.Itoa(i+1), true
			}
		}
		if u := s.articleURL(is, target); u != "" {
			return u + suffix, true
		}
		name, own := a.AttachmentName(target)
		if !own {
			return "#", true
		}
		if data, ok := s.inlineImage(target); ok {
			return data, true
		}
		if u := s.attachmentURL(is, a, name); u != "" {
			return u + suffix, true
		}
		return "#", true
	}
}

// articleURL returns the URL on the site of a public article, or "".
func (s *Source) articleURL(is *Issue, target string) string {
	root := s.siteRoot(is)
	if root == "" {
		return ""
	}
	for _, o := range s.Articles {
		if o.Path == target && s.public(o) && o.URL != "" {
			return root + strings.TrimPrefix(o.URL, "/")
		}
	}
	return ""
}

// attachmentURL returns the URL on the site of the attachment name of a
// public article (copied beside its page), or "".
func (s *Source) attachmentURL(is *Issue, from *article.Article, name string) string {
	root := s.siteRoot(is)
	if root == "" || !s.public(from) || from.URL == "" {
		return ""
	}
	return root + strings.TrimPrefix(from.URL, "/") + path.Clean(name)
}

// siteRoot is the site's root as seen from the issue page: relative for a
// public issue (it is on the site), the base URL for an internal one.
func (s *Source) siteRoot(is *Issue) string {
	if is.Audience == Public {
		return "../../"
	}
	base := s.Config.Site.BaseURL
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// public reports whether a is on the site (Source.Public).
func (s *Source) public(a *article.Article) bool { return s.Public[a] }

// inlineImage returns the file at target as a data: URL when it is a small
// image under content/.
func (s *Source) inlineImage(target string) (string, bool) {
	mime, ok := imageTypes[strings.ToLower(path.Ext(target))]
	if !ok {
		return "", false
	}
	st, err := fs.Stat(s.FS, target)
	if err != nil || st.IsDir() || st.Size() > maxInlineImage {
		return "", false
	}
	b, err := fs.ReadFile(s.FS, target)
	if err != nil {
		return "", false
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b), true
}
