// Package report counts loaded articles for the office: the periodic report
// (定期通报) per department or author, the list of late submissions (迟报),
// and the 主动公开政府信息情况 tables of the annual information-disclosure
// report. It is a stage: it takes the articles, the configuration and the
// set of public articles in a Source (project.Project.Reports fills it), and never loads
// or checks anything itself. Every report is written as text (a terminal
// table lined up by display width), md, csv (UTF-8 with BOM, CRLF), json or
// html (a standalone printable page).
//
// What the periodic report (Tally) counts, for a period P (month, quarter or
// year in site.timezone):
//
//   - submitted (报送): articles whose generation date (review.signoff.at)
//     is in P, whatever their disclosure; a withdrawn article still counts.
//   - published (发布): articles whose publication date (review.entry.at) is
//     in P and that are public now, or were published and then withdrawn.
//   - adopted (国家/省/市/县, scoring.levels): adoptions dated in P, each on
//     its own, whatever the article's own dates; an adoption whose level is
//     not declared is not counted.
//   - late (迟报): the submitted articles that are late by rule GK021
//     (article.Late), so counted by generation date.
//   - points (积分) and fee (稿费, 元): scoring.forms[form].points/fee at the
//     adoption's level, summed over the adoptions counted.
//   - quota (达标月数/考核月数): for departments only, the months of P that
//     have begun by now, and how many of them had at least
//     quota.per_department_per_month submissions. By author it is zero.
//
// Rows: every declared department, even with nothing to count (plus any
// other department an article names); or, by author, every person named in
// the authors of any article. An article with two authors counts in full
// for each; the totals row counts every article once, so by author it is
// not the sum of the rows. Rows are sorted by points (highest first), then
// by name in pinyin order. Articles whose front matter cannot be read
// (GK001) are skipped by every report.
//
// The annual tables (AnnualReport) count only articles that are public or
// were published and then withdrawn; see DocClass for which articles are
// 规章 and 规范性文件.
package report
