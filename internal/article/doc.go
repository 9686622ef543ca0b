// Package article is gongkai's domain: an Article is one Markdown file under
// content/ with its decoded front matter, the position of every key, and the
// state derived from its review sign-offs. It does no I/O.
//
// Front-matter keys (YAML between --- lines, or TOML between +++ lines);
// the check ids name the rule each key feeds:
//
//	title            text; required (GK002)
//	department       发布机构 / 科室, declared in gongkai.yaml (GK003); its head
//	                 signs content, its leader signs release (GK010)
//	category         主题分类, declared (GK003)
//	kind             信息类型, declared; with event.date sets the reporting
//	                 deadline (GK021)
//	authors          list of people; an author may not sign (GK011)
//	disclosure       主动公开 | 内部公开 | 依申请公开 | 不予公开 (aliases proactive,
//	                 internal, on-request, withheld); only 主动公开 is published
//	withhold_reason  required for 不予公开 and 依申请公开 (GK014)
//	importance       一般 | 重要; 重要 needs the principal's 签发 (GK010)
//	event            {date, name}: the occasion reported on (GK021)
//	doc_no           文号, year in 〔〕 (GK042)
//	index_no         索引号 <org_code>/<year>-<5 digits>, unique (GK040)
//	summary          text for lists and feeds; else the first paragraph
//	tags             list of words
//	attachments      files beside the article, inside content/ (GK050)
//	bulletin         true: a candidate for the quarterly bulletin
//	review.<step>    {by, at} plus, by the step's purpose: content.opinion
//	                 (公开 | 不公开), secrecy.result (不涉密 | 涉密) and
//	                 secrecy.cleared (terms accepted, GK030), release.disclosure
//	                 (GK013); steps and signers follow config.ReviewChain
//	                 (GK010, GK012); a step is absent or complete (GK002)
//	adoptions        list of {outlet, level, form, date} (采用情况; GK003)
//	withdrawn        {at, by, reason, notice}: the page keeps its URL with
//	                 the notice and nothing else
//	validity         {status: 有效 | 已修改 | 已废止 | 已失效, at, by}: by is the
//	                 superseding article's path (GK050)
//
// Dates (at, event.date, …) are 2025-03-04, taken in site.timezone, or a
// date-time with offset; a date that does not exist is GK043.
//
// Derived state: the generation date (生成日期) is the sign-off step's date,
// the publication date (发布日期) the entry step's. An article is public when
// Eligible holds and check reports no error in its file.
package article
