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
// the authors of any article. An article with two authors counts as
// submitted and published for each, its points and fee shared; the totals
// row counts every article once, so by author its 报送 and 发布 are not the
// sum of the rows. Rows are sorted by points (highest first), then
// by name in pinyin order. Articles whose front matter cannot be read
// (GK001) are skipped by every report.
//
// The annual report (AnnualReport) is the whole 政府信息公开工作年度报告 of
// 国办公开办函〔2021〕30号: its table 二 counts only articles that are public
// or were published and then withdrawn (see DocClass for 规章 and
// 行政规范性文件), tables 三 and 四 count Source.Requests, the 依申请公开
// register, and the text and the other figures come from annual/
// (register.Annual). It prints counts only: no field of the register.
// AnnualExtraReport has the tables beyond the template (按主题分类, 本年撤回).
//
// Fees lists the adoptions of a period with each author's 稿费申领单;
// AwardsReport ranks departments and authors for 先进科室/先进个人 and names
// 迟报, 漏报 and 失实. With two or more authors, an adoption's points and fee
// are shared in equal parts counted in 分, the remainder to the first author
// (shares), in the author report, the fees and the awards alike.
package report
