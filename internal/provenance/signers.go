package provenance

import (
	"fmt"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
)

// checkSigners reports GK060 for each review step whose by or at line was
// introduced by a commit that its signer did not author. lines holds the
// introducing commit of each line of the file.
// own holds the commit of each step that shares its line with another
// (ownCommits); migrated the commits at or before provenance.since.
func checkSigners(a *article.Article, cfg *config.Config, lines []*commit, own map[string]*commit, migrated map[*commit]bool, l *diag.List) {
	for i := range cfg.ReviewChain {
		step := &cfg.ReviewChain[i]
		if s := a.FM.Review[step.Key]; s != nil && s.By != "" {
			checkSigner(a, cfg, step, s.By, stepLines(a, step.Key, lines, own), migrated, l)
		}
	}
}

var (
	msgNoEmail = msg.New("provenance.no_email",
		"%[1]s 在 gongkai.yaml 中没有 email：请在 people 中补上，--provenance 才能把%[2]s与 %[1]s 的提交对应起来",
		"%[1]s has no email in gongkai.yaml: add it under people so that --provenance can match %[2]s to %[1]s's commits")
	msgNotCommitted = msg.New("provenance.not_committed",
		"%[1]s尚未提交：无法核对是否由 %[2]s 本人签署（%[2]s 的提交邮箱为 <%[3]s>）",
		"%[1]s is not committed yet: cannot verify that %[2]s signed it (%[2]s commits it as <%[3]s>)")
	msgSetByOther = msg.New("provenance.set_by_other",
		"%[1]s（%[2]s%[3]s）是由%[4]s写入的，而不是 %[5]s <%[6]s>：每位审核人须用本人的提交签署自己那一步",
		"%[1]s (%[2]s%[3]s) was set by %[4]s, not by %[5]s <%[6]s>: each reviewer commits their own step")
	msgLabel             = msg.New("provenance.label", "%s（%s）", "%s (%s)")
	msgUncommittedChange = msg.New("provenance.uncommitted_change", "尚未提交的改动", "a change not committed yet")
	msgNameInConfig      = msg.New("provenance.name_in_config", "，即 gongkai.yaml 中的%s", " (%s in gongkai.yaml)")
	msgCommit            = msg.New("provenance.commit",
		"提交 %[1]s（%[3]s，%[2]s，“%[4]s”）",
		"commit %[1]s by %[2]s on %[3]s (%[4]q)")
)

// checkSigner judges one step signed by the person named.
func checkSigner(a *article.Article, cfg *config.Config, step *config.Step, name string, lines []*commit, migrated map[*commit]bool, l *diag.List) {
	p := cfg.Person(name)
	if p == nil {
		return // GK003 reports a name gongkai.yaml does not declare
	}
	key := "review." + step.Key
	if stepMigrated(a, key, lines, migrated) {
		return
	}
	if p.Email == "" {
		l.Errorf(a.Pos(key+".by"), "GK060", msgNoEmail.T(), name, label(step))
		return
	}
	seen := map[*commit]bool{}
	for _, field := range []string{".by", ".at"} {
		pos, ok := a.Key(key + field)
		if !ok || pos.Line > len(lines) || seen[lines[pos.Line-1]] {
			continue
		}
		c := lines[pos.Line-1]
		seen[c] = true
		switch {
		case c.Uncommitted():
			l.Warnf(pos, "GK060", msgNotCommitted.T(), label(step), name, p.Email)
		case !strings.EqualFold(c.Mail, p.Email):
			l.Errorf(pos, "GK060", msgSetByOther.T(), step.Label, key, field, describe(cfg, c), name, p.Email)
		}
	}
}

// stepMigrated reports whether the step's by and at lines both come from
// commits at or before provenance.since.
func stepMigrated(a *article.Article, key string, lines []*commit, migrated map[*commit]bool) bool {
	if len(migrated) == 0 {
		return false
	}
	for _, field := range []string{".by", ".at"} {
		pos, ok := a.Key(key + field)
		if ok && pos.Line <= len(lines) && !migrated[lines[pos.Line-1]] {
			return false
		}
	}
	return true
}

// stepLines is lines with the step's by and at lines credited to the
// step's own commit when it shares its line with another step.
func stepLines(a *article.Article, key string, lines []*commit, own map[string]*commit) []*commit {
	c, ok := own[key]
	if !ok {
		return lines
	}
	out := append([]*commit(nil), lines...)
	for _, field := range []string{".by", ".at"} {
		if pos, ok := a.Key("review." + key + field); ok && pos.Line <= len(out) {
			out[pos.Line-1] = c
		}
	}
	return out
}

// label names a step as "签发 (signoff)".
func label(step *config.Step) string {
	return msgLabel.F(step.Label, step.Key)
}

// describe names a commit and who made it for a finding:
// commit 1a2b3c4 by 张三 <zhangsan@…> on 2025-03-05 ("写稿"), adding the
// name gongkai.yaml gives that email when git's name differs.
func describe(cfg *config.Config, c *commit) string {
	if c.Uncommitted() {
		return msgUncommittedChange.F()
	}
	who := fmt.Sprintf("%s <%s>", c.Author, c.Mail)
	if p := cfg.PersonByEmail(c.Mail); p != nil && p.Name != c.Author {
		who += msgNameInConfig.F(p.Name)
	}
	return msgCommit.F(c.Short(), who, c.Date().Format("2006-01-02"), shorten(c.Subject, 40))
}

// shorten cuts s to n characters, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
