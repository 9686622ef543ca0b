package provenance

import (
	"fmt"
	"strings"

	"gongkai/internal/article"
	"gongkai/internal/config"
	"gongkai/internal/diag"
)

// checkSigners reports GK060 for each review step whose by or at line was
// introduced by a commit that its signer did not author. lines holds the
// introducing commit of each line of the file.
// migrated holds the commits at or before provenance.since.
func checkSigners(a *article.Article, cfg *config.Config, lines []*commit, migrated map[*commit]bool, l *diag.List) {
	for i := range cfg.ReviewChain {
		step := &cfg.ReviewChain[i]
		if s := a.FM.Review[step.Key]; s != nil && s.By != "" {
			checkSigner(a, cfg, step, s.By, lines, migrated, l)
		}
	}
}

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
		l.Errorf(a.Pos(key+".by"), "GK060", "%s has no email in gongkai.yaml: add it under people so that --provenance can match %s to %s's commits", name, label(step), name)
		return
	}
	seen := map[*commit]bool{}
	for _, field := range []string{".by", ".at"} {
		pos, ok := a.Keys[key+field]
		if !ok || pos.Line > len(lines) || seen[lines[pos.Line-1]] {
			continue
		}
		c := lines[pos.Line-1]
		seen[c] = true
		switch {
		case c.Uncommitted():
			l.Warnf(pos, "GK060", "%s is not committed yet: cannot verify that %s signed it (%s commits it as <%s>)", label(step), name, name, p.Email)
		case !strings.EqualFold(c.Mail, p.Email):
			l.Errorf(pos, "GK060", "%s (%s%s) was set by %s, not by %s <%s>: each reviewer commits their own step", step.Label, key, field, describe(cfg, c), name, p.Email)
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
		pos, ok := a.Keys[key+field]
		if ok && pos.Line <= len(lines) && !migrated[lines[pos.Line-1]] {
			return false
		}
	}
	return true
}

// label names a step as "签发 (signoff)".
func label(step *config.Step) string {
	return fmt.Sprintf("%s (%s)", step.Label, step.Key)
}

// describe names a commit and who made it for a finding:
// commit 1a2b3c4 by 张三 <zhangsan@…> on 2025-03-05 ("写稿"), adding the
// name gongkai.yaml gives that email when git's name differs.
func describe(cfg *config.Config, c *commit) string {
	if c.Uncommitted() {
		return "a change not committed yet"
	}
	who := fmt.Sprintf("%s <%s>", c.Author, c.Mail)
	if p := cfg.PersonByEmail(c.Mail); p != nil && p.Name != c.Author {
		who += fmt.Sprintf(" (%s in gongkai.yaml)", p.Name)
	}
	return fmt.Sprintf("commit %s by %s on %s (%q)", c.Short(), who, c.Date().Format("2006-01-02"), shorten(c.Subject, 40))
}

// shorten cuts s to n characters, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
