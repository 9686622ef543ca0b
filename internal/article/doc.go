// Package article is gongkai's domain: an Article is one Markdown file under
// content/ with its decoded front matter, the position of every key, and the
// state derived from its review sign-offs (eligible, generated, published,
// withdrawn). It also owns where every path written in an article resolves
// (refs.go: attachments, front-matter article paths, body links). Its only
// reads are of attachments, through the fs.FS it is given.
//
// Front-matter keys (YAML between --- lines, or TOML between +++ lines)
// are the rows of Keys (keys.go): each key's type, meaning and rules, and
// what it is to the rest of gongkai — shown on the page, read by GK030,
// covered by 签发 (GK061), a path, required. The README's table, GK030's
// fields, GK061's unsigned keys and the `gongkai new` skeleton read it.
// Review steps (review.<step>) follow config.ReviewChain: {by, at} plus, by
// the step's purpose, content.opinion (公开 | 不公开), secrecy.result (不涉密 |
// 涉密), secrecy.cleared (terms accepted, GK030) and
// secrecy.attachments_reviewed (GK031), release.disclosure (GK013).
//
// Dates (at, event.date, …) are 2025-03-04, taken in site.timezone, or a
// date-time with offset; a date that does not exist is GK043.
//
// Derived state: the generation date (生成日期) is the sign-off step's date,
// the publication date (发布日期) the entry step's. An article is public when
// Eligible holds and check reports no error in its file.
package article
