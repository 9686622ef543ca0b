package check

import (
	"slices"

	"gongkai/internal/article"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

var (
	msgInterprets     = msg.New("check.interprets", "interprets“%s”%s", "interprets %q %s")
	msgNotInterpreted = msg.New("check.not_interpreted",
		"不是文章（查找的是 %s）：请填写所解读文件的路径，相对于本文件（../2025/policy.md）或从仓库根目录起（content/…）",
		"is not an article (looked for %s): give the path of the policy this article interprets, relative to this file (../2025/policy.md) or from the repository root (content/…)")
	msgInterpretsItself    = msg.New("check.interprets_itself", "指向本文自身：请填写所解读文件的路径", "names this article itself: give the path of the policy it interprets")
	msgInterpretsNotPublic = msg.New("check.interprets_not_public",
		"interprets“%[1]s”指向的 %[2]s 未公开（%[3]s）：政策解读不能先于所解读的文件发布，请先发布该文件，或更正路径",
		"interprets %[1]q: %[2]s is not public (%[3]s); an interpretation cannot be published before its policy, so publish the policy first or correct the path")
	msgInterpretationWaiting = msg.New("check.interpretation_waiting",
		"%s“%s”已公开，其政策解读 %s 尚未公开（%s）：政策解读须与文件同步发布，请尽快完成解读稿件的审核和发布",
		"%s %q is public, but its interpretation %s is not (%s): 政策解读须与文件同步发布, so finish the interpretation's review and publish it")
	msgNoInterpretation = msg.New("check.no_interpretation",
		"%s“%s”已公开，但没有公开的政策解读：政策解读须与文件同步发布；请发布解读稿件（其前置信息写 interprets: 指向本文），或在 gongkai.yaml 的 interpretation: 中关闭此项检查",
		"%s %q is public without a public interpretation (政策解读须与文件同步发布): publish one (its front matter saying interprets: with this file's path), or turn the check off under interpretation: in gongkai.yaml")
)

// interprets checks interprets: the policy's path, relative to this file or
// to the repository, must be another article (GK050); articleLinks then
// holds it to being public when this article is.
func (c *checker) interprets(a *article.Article) {
	ref := a.FM.Interprets
	if ref == "" {
		return
	}
	target, problem := a.RefPath(ref)
	switch {
	case problem != "":
	case !c.isArticle[target]:
		problem = msgNotInterpreted.F(target)
	case target == a.Path:
		problem = msgInterpretsItself.F()
	}
	if problem != "" {
		c.l.Errorf(a.Pos("interprets"), "GK050", msgInterprets.T(), ref, problem)
		c.l.Relate(related(target)...)
		return
	}
	c.links[a] = append(c.links[a], articleLink{target: target, dest: ref, at: a.Pos("interprets"), interprets: true})
}

// interpretations warns about each public article of a category that
// needs a 政策解读 (规范性文件 by default) without a public article that
// interprets it (GK052). A policy no longer in force (已废止, 已失效) needs
// none.
func (c *checker) interpretations(loaded diag.List) {
	public := c.publicSet(loaded)
	bad := slices.Concat(loaded, c.l).ErrorPaths()
	interpreted := map[*article.Article]bool{}
	waiting := map[*article.Article]*article.Article{} // a policy's first interpretation not yet public
	for _, a := range c.arts {
		for _, l := range c.links[a] {
			t := c.byPath[l.target]
			switch {
			case !l.interprets:
			case public[a]:
				interpreted[t] = true
			case waiting[t] == nil && a.FM.Withdrawn == nil:
				waiting[t] = a
			}
		}
	}
	for _, a := range c.arts {
		if !public[a] || interpreted[a] || !c.cfg.NeedsInterpretation(a.FM.Category) {
			continue
		}
		if v := a.ValidityAt(c.now); v != nil && (v.Status == article.Repealed || v.Status == article.Expired) {
			continue
		}
		if w := waiting[a]; w != nil {
			c.l.Warnf(a.Pos("category"), "GK052", msgInterpretationWaiting.T(), a.FM.Category, a.FM.Title, w.Path, c.notPublic(w, bad))
			continue
		}
		c.l.Warnf(a.Pos("category"), "GK052", msgNoInterpretation.T(), a.FM.Category, a.FM.Title)
	}
}
