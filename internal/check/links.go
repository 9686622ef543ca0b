package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/diag"
	"gongkai/internal/markdown"
	"gongkai/internal/msg"
)

// articleLink is a link in one article's body to another article.
type articleLink struct {
	target string // the article's path
	dest   string
	at     diag.Pos
	// interprets marks the link interprets: makes, not one in the body.
	interprets bool
}

var (
	msgAttachment    = msg.New("check.attachment", "附件“%s”%s", "attachment %q %s")
	msgBodyLink      = msg.New("check.body_link", "%s“%s”%s", "%s %q %s")
	msgValidityBy    = msg.New("check.validity_by", "validity.by“%s”%s", "validity.by %q %s")
	msgLink          = msg.New("check.link", "链接", "link")
	msgImage         = msg.New("check.image", "图片", "image")
	msgFixAttachment = msg.New("check.fix_attachment", "请把文件放在文章旁边，或更正文件名", "add the file beside the article or correct the name")
	msgFixLink       = msg.New("check.fix_link", "请更正路径（相对于本文）", "correct the path, relative to this article")
	msgRefMissing    = msg.New("check.ref_missing", "不存在（查找的是 %s），%s", "does not exist (looked for %s): %s")
	msgRefFolder     = msg.New("check.ref_folder", "是文件夹（%s）而不是文件，请指定其中的文件", "is a folder (%s), not a file: name a file in it")
	msgNotAnArticle  = msg.New("check.not_an_article",
		"不是 gongkai 读取的文章（%s），请链接 content/ 下的文章",
		"is not an article gongkai reads (%s): link to an article under content/")
	msgNotAttachment = msg.New("check.not_attachment",
		"不是本文的附件（%s）：只有 attachments: 中列出的文件才随页面发布；请在该处列出（文件放在文章旁边），或改为链接其他文章的页面",
		"is not one of this article's attachments (%s): only files listed under attachments: are published with the page; list it there (a file beside the article) or link to another article's page")
	msgNotSuperseding = msg.New("check.not_superseding",
		"不是文章（查找的是 %s）：请填写取代本文的文章路径，相对于本文件（../2025/new.md）或从仓库根目录起（content/…）",
		"is not an article (looked for %s): give the superseding article's path, relative to this file (../2025/new.md) or from the repository root (content/…)")
	msgLinkNotPublic = msg.New("check.link_not_public",
		"链接“%[1]s”指向的 %[2]s 未公开（%[3]s）：公开的文章只能链接公开的文章，请删除链接，或先发布目标文章",
		"link to %[1]q: %[2]s is not public (%[3]s); a public article may link only to public ones, so remove the link or publish the target first")
	msgTargetBroken     = msg.New("check.target_broken", "其前置信息无法读取", "its front matter cannot be read")
	msgTargetWithdrawn  = msg.New("check.target_withdrawn", "已在发布前撤回", "it was withdrawn before publication")
	msgTargetDisclosure = msg.New("check.target_disclosure", "其公开属性为 %s", "its disclosure is %s")
	msgTargetInReview   = msg.New("check.target_in_review", "仍在审核中，下一步为%s", "it is still in review; next step %s")
	msgTargetLater      = msg.New("check.target_later", "其发布日期 %s 尚未到", "its publication date %s is not reached")
	msgTargetErrors     = msg.New("check.target_errors", "其中有错误，请先修正", "it has errors: fix them first")
	msgTargetNotAllowed = msg.New("check.target_not_allowed", "其审核情况不允许发布", "its review does not allow publication")
)

var (
	msgAttachmentTwice = msg.New("check.attachment_twice",
		"附件“%s”在 attachments 中列了两次（另见第 %d 行）：请删去重复的一项",
		"attachment %q is listed twice in attachments (see also line %d): remove the repeated entry")
	msgAttachmentOfOther = msg.New("check.attachment_of_other",
		"附件“%s”是 %s 的附件，该文章不公开（%s）：公开文章不得发布非公开文章的文件；请为本文单独放一份文件，或从 attachments 中删去",
		"attachment %q is an attachment of %s, which is not public (%s): a public article may not publish a file of a non-public one; give this article its own copy of the file, or remove it from attachments")
	msgAttachmentFile = msg.New("check.attachment_file",
		"附件“%s”%v",
		"attachment %q %v")
)

// fileLinks checks the attachments and the body's relative links (GK050)
// and records the links to other articles for articleLinks.
func (c *checker) fileLinks(a *article.Article) {
	seen := map[string]int{} // repository path → line of its first entry
	for i, name := range a.FM.Attachments {
		key := fmt.Sprintf("attachments.%d", i)
		target, err := article.AttachmentPath(a, name)
		problem := ""
		if err != nil {
			problem = err.Error()
		} else {
			problem = c.missing(target, msgFixAttachment.F())
		}
		if problem != "" {
			c.l.Errorf(a.Pos(key), "GK050", msgAttachment.T(), name, problem)
			c.l.Relate(related(target)...)
			continue
		}
		if err := article.CheckAttachmentFile(c.fsys, target); err != nil {
			c.l.Errorf(a.Pos(key), "GK050", msgAttachmentFile.T(), name, msg.Cause(err))
			c.l.Relate(target)
			continue
		}
		if line, ok := seen[target]; ok {
			c.l.Errorf(a.Pos(key), "GK050", msgAttachmentTwice.T(), name, line)
			continue
		}
		seen[target] = a.Pos(key).Line
	}
	c.bodyLinks(a)
}

// sharedAttachments reports a public-bound article that lists a file some
// article that is not public declares as its own (GK050): the file belongs
// to the internal text, as a body link to it already does not publish it.
func (c *checker) sharedAttachments() {
	owners := map[string][]*article.Article{}
	for _, a := range c.arts {
		if a.Broken {
			continue
		}
		for _, name := range a.FM.Attachments {
			if p, err := article.AttachmentPath(a, name); err == nil {
				owners[p] = append(owners[p], a)
			}
		}
	}
	bad := c.l.ErrorPaths()
	for _, a := range c.arts {
		if a.Broken || !c.eligible(a) {
			continue
		}
		for i, name := range a.FM.Attachments {
			p, err := article.AttachmentPath(a, name)
			if err != nil {
				continue
			}
			for _, o := range owners[p] {
				if o != a && !c.eligible(o) {
					c.l.Errorf(a.Pos(fmt.Sprintf("attachments.%d", i)), "GK050", msgAttachmentOfOther.T(), name, o.Path, c.notPublic(o, bad))
					c.l.Relate(o.Path)
					break
				}
			}
		}
	}
}

// missing says what is wrong when the repository has no file at p.
func (c *checker) missing(p, fix string) string {
	fi, err := fs.Stat(c.fsys, p)
	switch {
	case err != nil:
		return msgRefMissing.F(p, fix)
	case fi.IsDir():
		return msgRefFolder.F(p)
	}
	return ""
}

// bodyLinks checks each relative link and image in the body: the file must
// exist under content/; a link to a .md file must be an article.
func (c *checker) bodyLinks(a *article.Article) {
	if !mayLinkLocally(a.Body) {
		return // parsing is the costly part: skip bodies without a relative link
	}
	for _, l := range markdown.Links(a.Body) {
		what := msgLink.F()
		if l.Image {
			what = msgImage.F()
		}
		c.bodyLink(a, l.Dest, what, diag.Pos{Path: a.Path, Line: a.BodyLine + l.Line - 1, Col: l.Col})
	}
}

// mayLinkLocally reports whether body might hold a relative link: some "]("
// or "]:" (a reference definition) not followed by a scheme or an anchor.
// It may say yes for text that is no link; it never says no for a link.
func mayLinkLocally(body []byte) bool {
	for _, mark := range [][]byte{[]byte("]("), []byte("]:")} {
		for off := 0; ; {
			i := bytes.Index(body[off:], mark)
			if i < 0 {
				break
			}
			off += i + len(mark)
			if !externalStart(body[off:]) {
				return true
			}
		}
	}
	return false
}

// externalStart reports whether a destination starting at b is one the
// rules skip: an anchor (#…) or a URL with a scheme (https:, mailto: …).
func externalStart(b []byte) bool {
	b = bytes.TrimLeft(b, " \t<")
	if len(b) > 0 && b[0] == '#' {
		return true
	}
	for i, c := range b {
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// bodyLink checks one link destination written at the position at.
func (c *checker) bodyLink(a *article.Article, dest, what string, at diag.Pos) {
	ref, ok := a.LinkRef(dest)
	if !ok {
		return
	}
	target, problem := ref.Target, ref.Problem
	if problem == "" {
		problem = c.missing(target, msgFixLink.F())
	}
	if problem == "" && strings.EqualFold(path.Ext(target), ".md") {
		if !c.isArticle[target] {
			problem = msgNotAnArticle.F(target)
		} else {
			c.links[a] = append(c.links[a], articleLink{target: target, dest: dest, at: at})
		}
	} else if problem == "" && !a.IsAttachment(target) {
		problem = msgNotAttachment.F(target)
	}
	if problem != "" {
		c.l.Errorf(at, "GK050", msgBodyLink.T(), what, dest, problem)
		c.l.Relate(related(target)...)
	}
}

// supersededBy checks validity.by: the superseding article's path, relative
// to this file or to the repository, must be an article (GK050).
func (c *checker) supersededBy(a *article.Article, by string) {
	target, problem := a.RefPath(by)
	if problem == "" && !c.isArticle[target] {
		problem = msgNotSuperseding.F(target)
	}
	if problem != "" {
		c.l.Errorf(a.Pos("validity.by"), "GK050", msgValidityBy.T(), by, problem)
		c.l.Relate(related(target)...)
	}
}

// articleLinks reports links from a public article to an article that is not
// public (GK050). It runs after every other rule, since a finding can make
// an article not public, and repeats until no new finding appears. A source
// counts as public when only its GK050 findings stand in the way, so that
// every link problem shows at once.
func (c *checker) articleLinks(loaded diag.List) {
	blocked := slices.Concat(withoutID(loaded, "GK050"), withoutID(c.l, "GK050")).ErrorPaths()
	reported := map[*articleLink]bool{}
	for {
		bad := slices.Concat(loaded, c.l).ErrorPaths()
		added := false
		for _, a := range c.arts {
			links := c.links[a]
			if len(links) == 0 || blocked[a.Path] || !c.eligible(a) {
				continue
			}
			for i := range links {
				l := &links[i]
				t := c.byPath[l.target]
				if reported[l] || c.public(t, bad) {
					continue
				}
				reported[l], added = true, true
				m := msgLinkNotPublic
				if l.interprets {
					m = msgInterpretsNotPublic
				}
				c.l.Errorf(l.at, "GK050", m.T(), l.dest, t.Path, c.notPublic(t, bad))
				c.l.Relate(t.Path)
			}
		}
		if !added {
			return
		}
	}
}

// related is the file a path finding is about besides its own, when the
// path resolved (diag.Finding.Related).
func related(target string) []string {
	if target == "" {
		return nil
	}
	return []string{target}
}

// withoutID returns the findings whose ID is not id.
func withoutID(l diag.List, id string) diag.List {
	var out diag.List
	for _, f := range l {
		if f.ID != id {
			out = append(out, f)
		}
	}
	return out
}

// public reports whether t is on the site as a page: public, or a withdrawn
// article that keeps its URL for the withdrawal notice.
func (c *checker) public(t *article.Article, bad map[string]bool) bool {
	return !bad[t.Path] && (c.eligible(t) || t.WithdrawnPage(c.cfg, c.now))
}

// notPublic says why an article is not public.
func (c *checker) notPublic(t *article.Article, bad map[string]bool) string {
	switch {
	case t.Broken:
		return msgTargetBroken.F()
	case t.FM.Withdrawn != nil:
		return msgTargetWithdrawn.F()
	case t.FM.Disclosure != article.Proactive:
		return msgTargetDisclosure.F(t.FM.Disclosure)
	case t.NextStep(c.cfg) != nil:
		return msgTargetInReview.F(stepName(t.NextStep(c.cfg)))
	case t.PublishedAt(c.cfg).After(c.now):
		return msgTargetLater.F(c.show(t.PublishedAt(c.cfg)))
	case bad[t.Path]:
		return msgTargetErrors.F()
	}
	return msgTargetNotAllowed.F()
}
