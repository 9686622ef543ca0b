// Package bulletin makes the bulletin (简报): it chooses an issue's
// articles by quarter or month, renders the issue as one print-ready A4
// HTML page after GB/T 9704-2012, prints it to PDF with headless Chromium
// (the 版记 measured onto the foot of the last page, fonts as CID TrueType
// subsets, no Type 3), writes it as a .docx for WPS and Word, and renders
// the public issues and their archive page for the site.
//
// It works on a loaded and checked repository (Source, which
// project.Project.Bulletins fills); of the pipeline stages it uses only report's
// periods.
//
// # Choosing the articles
//
// An article can enter an issue when it has bulletin: true, is not
// withdrawn, check reports no error in its file, and
//
//   - for a public issue: it is public (主动公开, every step signed, entered
//     and verified by now);
//   - for an internal issue: it is public, or it is 内部公开 and signed
//     (its chain complete up to 签发).
//
// 不予公开 and 依申请公开 articles never enter. Source.Exclusion says why an
// article cannot. A period's selection (a quarter, 2025Q1, or a month,
// 2025-03, read by report's period parser) takes every such article
// signed off in the period (a civil date in site.timezone), oldest first,
// except those a manifest already lists, whatever its audience, regular or
// 增刊: an article is reported in one issue only. The manifests that cover a
// period (Source.Covering) are those listing an article signed off in it,
// not those dated in it: the issue for 2025Q1 is usually dated in April.
//
// # Manifests
//
// A published issue is content: content/bulletins/<year>-<n>.yaml fixes its
// number, date, editor's note and articles in order.
//
//	year: 2025                 # the year: 2025年第1期
//	number: 1                  # issue numbers run per year and never repeat
//	supplement: false          # true for a 增刊, numbered separately (2025-增1)
//	date: 2025-04-03           # the issue date (印发日期)
//	audience: public           # public | internal; default gongkai.yaml's bulletin.audience
//	editor_note: "……"          # 编者按, optional; blank lines separate paragraphs
//	articles:                  # repository paths (or relative to the manifest), in order
//	  - content/2025/a.md
//
// Unknown keys are errors with a suggestion (GK002), like everywhere else;
// an impossible date is GK043; a listed article that does not exist or
// cannot enter the issue is GK070 at its line; an issue number used by two
// manifests is GK071 on each.
//
// A withdrawal always goes out: an article withdrawn on or after the date
// of an issued manifest that lists it keeps its place in the issue, which
// shows its withdrawal notice (date, reason, notice) instead of the text;
// the rest of the issue is unchanged. An article withdrawn before an
// issue's date, or listed by a scheduled issue, cannot enter it (GK070).
//
// An issue is out on its date: a manifest dated after now is scheduled. It
// is not on the site yet, and its articles need only exist and be kept out
// by nothing but time (they may not be signed or published yet); from its
// date on, they must be able to enter as above (Source.CheckManifest).
//
// # Output
//
// An issue is one self-contained index.html (styles inline, images as
// data: URLs), and on request <year>-<n>.pdf and <year>-<n>.docx, in
// bulletins/<year>-<n>/: under site/ for a public issue,
// under _internal/ (git-ignored) for an internal one, which is never put on
// the site. Its PDF, when printed, is <year>-<n>.pdf beside it. As on the
// site, an article shows no file but its own listed attachments
// (article.AttachmentPath): other local links go nowhere and other local
// images leave only their alt text. Dates are printed in site.timezone.
package bulletin
