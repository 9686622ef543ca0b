package check

import (
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/indexno"
	"gongkai/internal/msg"
)

var (
	msgOrgCodeFirst  = msg.New("check.org_code_first", "（须以 site.org_code %s 开头）", " (it must start with site.org_code %s)")
	msgIndexNoFormat = msg.New("check.index_no_format",
		"索引号 index_no“%[1]s”格式不对，应为 <机构代码>/<年份>-<5位流水号>，如 %[2]s/%[3]d-00001%[4]s；请更正，或删除后运行 gongkai index --write 重新分配",
		"index_no %[1]q is not <org_code>/<year>-<5-digit serial> such as %[2]s/%[3]d-00001%[4]s: correct it, or delete it and run gongkai index --write to assign one")
	msgIndexNoTwice = msg.New("check.index_no_twice",
		"索引号 %s 与 %s 重复：索引号唯一且不得重复使用；请从其中一篇删除，再运行 gongkai index --write 分配新号",
		"index_no %s is also used by %s: each 索引号 is unique and never reused; delete it from one of them and run gongkai index --write to assign a new one")
	msgURLTwice = msg.New("check.url_twice",
		"网址 %s 与 %s 的网址相同：请重命名其中一个文件（网址取自文件名），或修改 gongkai.yaml 中的 site.permalink",
		"URL %s is also the URL of %s: rename one of the files (the slug is the file name) or change site.permalink in gongkai.yaml")
	msgDocNoBrackets = msg.New("check.doc_no_brackets",
		"文号 doc_no“%[1]s”的年份用了 %[2]s：文号年份应使用六角括号〔〕，请改为 doc_no: %[3]s",
		"doc_no %[1]q puts the year in %[2]s: a 文号 puts the year in 六角括号 〔〕; write doc_no: %[3]s")
	msgNoOffset = msg.New("check.no_offset",
		"%s 的值 %s 有时间但没有时区偏移：请写成 %s（网站时区 %s），或只写日期 %s",
		"%s %s has a time but no UTC offset: write %s (in the site's time zone, %s) or just the date %s")
)

// indexNumberFormat reports an index_no that is not
// <org_code>/<year>-<5-digit serial> (GK040).
func (c *checker) indexNumberFormat(a *article.Article) {
	n := a.FM.IndexNo
	if n == "" {
		c.entryWithoutIndexNo(a)
		return
	}
	if org, _, _, ok := indexno.Parse(n); ok && org == c.cfg.Site.OrgCode {
		return
	}
	org, _, _ := strings.Cut(n, "/")
	year := c.now.In(c.cfg.Location).Year()
	if g := a.Generated(c.cfg); !g.IsZero() {
		year = g.In(c.cfg.Location).Year()
	}
	why := ""
	if org != c.cfg.Site.OrgCode && strings.Contains(n, "/") {
		why = msgOrgCodeFirst.F(c.cfg.Site.OrgCode)
	}
	c.l.Errorf(a.Pos("index_no"), "GK040", msgIndexNoFormat.T(),
		n, c.cfg.Site.OrgCode, year, why)
}

// indexNumbers reports an index_no used by more than one article, on each of
// them (GK040).
func (c *checker) indexNumbers() {
	byNo := map[string][]*article.Article{}
	for _, a := range c.arts {
		if !a.Broken && a.FM.IndexNo != "" {
			byNo[a.FM.IndexNo] = append(byNo[a.FM.IndexNo], a)
		}
	}
	for no, group := range byNo {
		for _, a := range group {
			if len(group) > 1 {
				c.l.Errorf(a.Pos("index_no"), "GK040", msgIndexNoTwice.T(),
					no, msg.List(otherPaths(group, a)))
				c.l.Relate(otherPaths(group, a)...)
			}
		}
	}
}

// urls reports two articles that would be published at the same URL, on
// each of them (GK041). Only signed 主动公开 articles get a page.
func (c *checker) urls() {
	byURL := map[string][]*article.Article{}
	for _, a := range c.arts {
		if !a.Broken && a.URL != "" && a.FM.Disclosure == article.Proactive && !a.Generated(c.cfg).IsZero() {
			byURL[a.URL] = append(byURL[a.URL], a)
		}
	}
	for u, group := range byURL {
		if len(group) < 2 {
			continue
		}
		owner := c.urlOwner(group)
		for _, a := range group {
			switch {
			case owner == nil:
				c.l.Errorf(diag.Pos{Path: a.Path}, "GK041", msgURLTwice.T(),
					u, msg.List(otherPaths(group, a)))
				c.l.Relate(otherPaths(group, a)...)
			case a == owner:
			case c.eligible(a):
				c.l.Errorf(diag.Pos{Path: a.Path}, "GK041", msgURLTaken.T(), u, owner.Path)
				c.l.Relate(owner.Path)
			default: // still in review: the build goes on, the author sees it
				c.l.Warnf(diag.Pos{Path: a.Path}, "GK041", msgURLTaken.T(), u, owner.Path)
				c.l.Relate(owner.Path)
			}
		}
	}
}

// urlOwner returns the article of group that holds the URL: the one on the
// site (public or withdrawn) that was published first, or nil when none is
// on the site or two were published the same day.
func (c *checker) urlOwner(group []*article.Article) *article.Article {
	var owner *article.Article
	tie := false
	for _, a := range group {
		if !c.eligible(a) && !a.WithdrawnPage(c.cfg, c.now) {
			continue
		}
		switch at := a.PublishedAt(c.cfg); {
		case owner == nil || at.Before(owner.PublishedAt(c.cfg).Time):
			owner, tie = a, false
		case at.Equal(owner.PublishedAt(c.cfg).Time):
			tie = true
		}
	}
	if tie {
		return nil
	}
	return owner
}

// msgURLTaken is a newcomer's collision with a published page: the error
// is the newcomer's alone, so a draft never takes a published page off.
var msgURLTaken = msg.New("check.url_taken",
	"网址 %s 已是已发布文章 %s 的网址：请给本文换一个文件名（文件名即网址中的 slug）",
	"URL %s is already the URL of the published article %s: give this article another file name (the slug is the file name)")

// otherPaths lists the paths of group other than a's, in path order (group is
// in the order of the articles, which load sorts by path).
func otherPaths(group []*article.Article, a *article.Article) []string {
	var paths []string
	for _, o := range group {
		if o != a {
			paths = append(paths, o.Path)
		}
	}
	return paths
}

// Brackets a 文号 should not put the year in, and their closing partners.
var wrongOpen, wrongClose = "[【(（〈﹝［〖〔{", "]】)）〉﹞］〗〕}"

// docNumber warns about a doc_no with the year in other brackets than 六角括号
// 〔〕 and says the corrected 文号 (GK042).
func (c *checker) docNumber(a *article.Article) {
	doc := a.FM.DocNo
	fixed, bad := fixYearBrackets(doc)
	if bad == "" {
		return
	}
	c.l.Warnf(a.Pos("doc_no"), "GK042", msgDocNoBrackets.T(), doc, bad, fixed)
}

// fixYearBrackets replaces every four-digit year in wrong brackets by
// 〔year〕, returning the result and the first wrong pair found ("" if none).
func fixYearBrackets(s string) (string, string) {
	r := []rune(s)
	var out strings.Builder
	bad := ""
	for i := 0; i < len(r); i++ {
		if i+5 < len(r) && strings.ContainsRune(wrongOpen, r[i]) && strings.ContainsRune(wrongClose, r[i+5]) && config.Digits(string(r[i+1:i+5])) {
			if r[i] != '〔' || r[i+5] != '〕' {
				if bad == "" {
					bad = string(r[i]) + string(r[i+5])
				}
				out.WriteString("〔" + string(r[i+1:i+5]) + "〕")
				i += 5
				continue
			}
		}
		out.WriteRune(r[i])
	}
	return out.String(), bad
}

// offsets reports a review date-time written without a UTC offset (GK043):
// the time of a review step or a withdrawal decides order and publication,
// so it must say which time zone it is in.
func (c *checker) offsets(a *article.Article) {
	check := func(key string, d article.Date) {
		if !d.HasTime {
			return
		}
		raw, ok := valueText(a, key)
		if !ok || len(raw) <= 10 || strings.ContainsAny(raw[10:], "Zz+-") {
			return
		}
		c.l.Errorf(a.Pos(key), "GK043", msgNoOffset.T(),
			key, raw, d.In(c.cfg.Location).Format(time.RFC3339), c.cfg.Site.Timezone, raw[:10])
	}
	for _, s := range c.cfg.ReviewChain {
		if st := a.FM.Review[s.Key]; st != nil {
			check("review."+s.Key+".at", st.At)
		}
	}
	if w := a.FM.Withdrawn; w != nil {
		check("withdrawn.at", w.At)
	}
}
