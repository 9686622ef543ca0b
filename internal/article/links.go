package article

import (
	"net/url"
	"path"
	"strings"
	"time"
)

// LocalTarget resolves a link destination written in the article at the
// repository path from: "../2025/notice.md#top" from content/2024/x.md is
// content/2025/notice.md with the suffix "#top". Destinations with a scheme
// or host, absolute paths, bare anchors and paths leaving content/ are not
// local (ok false). The site and the bulletins resolve links with it.
func LocalTarget(from, dest string) (target, suffix string, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "?") {
		return "", "", false
	}
	if u, err := url.Parse(dest); err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	p := dest
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, suffix = p[:i], p[i:]
	}
	if q, err := url.PathUnescape(p); err == nil {
		p = q
	}
	target = path.Join(path.Dir(from), p)
	if !strings.HasPrefix(target, "content/") {
		return "", "", false
	}
	return target, suffix, true
}

// ChineseDate formats the civil date of t in loc as 2025年3月4日 ("" for
// the zero time).
func ChineseDate(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006年1月2日")
}
