package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gongkai/internal/article"
	"gongkai/internal/build"
	"gongkai/internal/bulletin"
	"gongkai/internal/diag"
	"gongkai/internal/msg"
	"gongkai/internal/write"
)

var bulletinCmd = &command{
	name:  "bulletin",
	usage: msg.New("cmd.bulletin.usage", "<2025-03 | 2025Q1 | 清单.yaml> [--audience internal|public] [--pdf] [--docx] [--save] [-o 目录] [--now 时间] [-v]", "<2025-03 | 2025Q1 | manifest.yaml> [--audience internal|public] [--pdf] [--docx] [--save] [-o DIR] [--now T] [-v]"),
	short: msg.New("cmd.bulletin.short", "生成一期简报，可直接打印的 A4 网页和 PDF", "build a bulletin (简报) issue, print-ready A4 HTML and PDF"),
	long: msg.New("cmd.bulletin.long", `bulletin 生成简报中的一期，简报名称取自 gongkai.yaml 的 bulletin: 部分。

给出季度（2025Q1）或月份（2025-03）时，收入其间签发、标有 bulletin: true 的每一篇稿件，
按时间先后排列：公开的稿件，内部简报还收入已签发的内部公开稿件。
不予公开、依申请公开、已撤回、未签完以及检查有错误的稿件一律不收；
已列入某期清单的稿件也不再收（一篇稿件只进一期）。期号接在当年已有的清单之后，
日期为当天（--now）。

给出清单（content/bulletins/2025-1.yaml）时，按清单上的期号、日期、编者按和
稿件顺序生成；清单中缺失或不符合条件的稿件在所在行报错。

公开简报写到 site/bulletins/<年份>-<期号>/index.html，内部简报写到
_internal/bulletins/<年份>-<期号>/index.html（不纳入 git，也永远不在 site/ 下）。
gongkai build 会生成每一期清单日期已到的公开简报，所以提交清单即可发布；
清单日期在以后的，到日期才上网站。

  --audience 范围  internal 或 public（默认取清单的设置，否则取 gongkai.yaml 的）
  --docx           同时写出 <年份>-<期号>.docx，供 WPS 或 Word 打开
  --pdf            同时用无界面 Chromium 打印 <年份>-<期号>.pdf（GONGKAI_CHROME，
                   否则在 PATH 中找 chromium、chromium-browser 或 google-chrome）
  --save           把选出的稿件保存为 content/bulletins/<年份>-<期号>.yaml，
                   供编辑调整（顺序、编者按）后提交；不生成简报
  -o 目录          把简报写到指定文件夹
  --now 时间       当天日期（2025-04-03 或 RFC 3339 格式）
  -v               列出每一篇稿件及其是否收入本期简报的原因`, `Bulletin builds one issue of the quarterly bulletin (简报), named in
gongkai.yaml's bulletin: block.

With a quarter (2025Q1) or a month (2025-03) it takes every article with
bulletin: true signed off in it, oldest first: public articles, and for an
internal issue also signed 内部公开 ones. 不予公开, 依申请公开, withdrawn and not fully signed
articles, and files with check errors, never enter; nor does an article that a
manifest already lists (an article is in one issue only). The issue is numbered
after the year's manifests and dated today (--now).

With a manifest (content/bulletins/2025-1.yaml) the issue has the manifest's
number, date, editor's note (编者按) and articles in that order; a missing or
ineligible article is an error at its line.

A public issue is written to site/bulletins/<year>-<n>/index.html, an internal
one to _internal/bulletins/<year>-<n>/index.html (git-ignored, never under
site/). gongkai build renders every public issue that has a manifest dated
today or earlier, so commit the manifest to publish an issue; one dated later
goes on the site on its date.

  --audience A  internal or public (default: the manifest's, else gongkai.yaml's)
  --docx        also write <year>-<n>.docx for WPS or Word
  --pdf         also print <year>-<n>.pdf with headless Chromium (GONGKAI_CHROME,
                else chromium, chromium-browser or google-chrome on PATH)
  --save        write the quarter's selection as content/bulletins/<year>-<n>.yaml
                for the editor to adjust (order, 编者按) and commit; builds nothing
  -o DIR        write the issue into DIR instead
  --now T       today's date for a quarter's issue (2025-04-03 or RFC 3339)
  -v            list every article and why it is in or out of the quarter's issue`),
}

func init() { bulletinCmd.run = runBulletin }

// The bulletin command's messages.
var msgBulletinPrefixed = msg.New("cmd.bulletin.prefixed", "bulletin：%v", "bulletin: %v")

var (
	msgSaveOnly = msg.New("cmd.bulletin.save_only",
		"bulletin：--save 只写清单；请之后再用清单生成简报",
		"bulletin: --save writes only the manifest; build the issue from it afterwards")
	msgSaveTakesPeriod = msg.New("cmd.bulletin.save_takes_period",
		"bulletin：--save 和 -v 要给月份（如 2025-03）或季度（如 2025Q1），不能给清单",
		"bulletin: --save and -v take a month such as 2025-03 or a quarter such as 2025Q1, not a manifest")
	msgOneArgument = msg.New("cmd.bulletin.one_argument",
		"bulletin：请给出一个月份（2025-03）、一个季度（2025Q1）或一份清单（content/bulletins/2025-1.yaml）\n用法：gongkai bulletin %s",
		"bulletin: give one month (2025-03), one quarter (2025Q1) or one manifest (content/bulletins/2025-1.yaml)\nusage: gongkai bulletin %s")
	msgNothingLeft = msg.New("cmd.bulletin.nothing_left",
		"bulletin：%s 的稿件已全部编发，没有可编入新一期%s的稿件：%s",
		"bulletin: no article of %s is left for a new %s issue: %s")
	msgNothingCanEnter = msg.New("cmd.bulletin.nothing_can_enter",
		"bulletin：%s 没有可以编入%s的稿件（需要 bulletin: true 且在该期间内签发；加 -v 可看每篇稿件未入选的原因）",
		"bulletin: no article of %s can enter the %s issue (it needs bulletin: true and sign-off in the period; -v says why each article is out)")
	msgNumberedWithout = msg.New("cmd.bulletin.numbered_without",
		"提示：本期编为 %s，不含以下稿件：%s",
		"note: numbered %s, without the articles %s")
	msgNumberedAfter = msg.New("cmd.bulletin.numbered_after",
		"提示：本期编为 %s，接在 %s/ 中已有的清单之后",
		"note: numbered %s, after the manifests in %s/")
	msgListSep      = msg.New("cmd.bulletin.list_sep", "、", ", ")
	msgListAnd      = msg.New("cmd.bulletin.list_and", " 和 ", " and ")
	msgAlreadySaved = msg.New("cmd.bulletin.already_saved",
		"已编入 %s；要生成已保存的一期，请给出它的清单（gongkai bulletin %s）",
		"already in %s; to build a saved issue, give its manifest (gongkai bulletin %s)")
	msgManifestExists = msg.New("cmd.bulletin.manifest_exists",
		"bulletin --save：%s 已存在；请直接编辑，或删除后重新保存",
		"bulletin --save: %s already exists; edit it, or remove it to start over")
	msgSaved = msg.New("cmd.bulletin.saved",
		"已保存 %s：《%s》%s，%d 篇稿件（%s）\n请调整稿件顺序、填写编者按（editor_note）后提交，再用以下命令生成：gongkai bulletin %s",
		"saved %s: 《%s》%s, %d {article|articles} (%s)\nadjust the order and the 编者按 (editor_note), commit it, and build it with: gongkai bulletin %s")
	msgNotPeriodOrManifest = msg.New("cmd.bulletin.not_period_or_manifest",
		"bulletin：“%s”既不是月份（如 2025-03）或季度（如 2025Q1），也不是可读取的清单：%v",
		"bulletin: %q is neither a month such as 2025-03 or a quarter such as 2025Q1 nor a readable manifest: %v")
	msgManifestOutside = msg.New("cmd.bulletin.manifest_outside",
		"bulletin：清单 %s 不在仓库内",
		"bulletin: manifest %s is outside the repository")
	msgInternalInSite = msg.New("cmd.bulletin.internal_in_site",
		"bulletin：%s 是 gongkai build 生成的网站，内部简报绝不写到网站中；请另选 -o",
		"bulletin: %s is a site written by gongkai build; an internal issue is never written into a site; choose another -o")
	msgInternalUnderSite = msg.New("cmd.bulletin.internal_under_site",
		"bulletin：内部简报可能含有内部公开的稿件，绝不写到 site/ 下；请另选 -o",
		"bulletin: an internal issue may carry 内部公开 items and is never written under site/; choose another -o")
	msgWrote = msg.New("cmd.bulletin.wrote",
		"已写出 %s：《%s》%s，%d 篇稿件（%s）",
		"wrote %s: 《%s》%s, %d {article|articles} (%s)")
	msgWrotePDF = msg.New("cmd.bulletin.wrote_pdf",
		"已写出 %s，用时 %.1f 秒",
		"wrote %s in %.1fs")
	msgWroteDocx = msg.New("cmd.bulletin.wrote_docx",
		"已写出 %s，可用 WPS 或 Word 打开继续编辑",
		"wrote %s, for WPS or Word")
	msgPublicAudience = msg.New("cmd.bulletin.public",
		"公开简报",
		"public")
	msgInternalAudience = msg.New("cmd.bulletin.internal",
		"内部简报",
		"internal")
)

// audienceName names the audience in the command's output: 公开简报 or
// 内部简报.
func audienceName(aud bulletin.Audience) string {
	if aud == bulletin.Internal {
		return msgInternalAudience.F()
	}
	return msgPublicAudience.F()
}

// bulletinFlags are the bulletin command's options.
type bulletinFlags struct {
	audience, out, now       string
	pdf, docx, save, verbose bool
}

// parseBulletinFlags reads the options and the one argument.
func parseBulletinFlags(env *env, args []string) (string, bulletinFlags, error) {
	var f bulletinFlags
	fs := newFlags(bulletinCmd, env)
	fs.StringVar(&f.audience, "audience", "", "internal or public")
	fs.BoolVar(&f.pdf, "pdf", false, "also print the issue to PDF")
	fs.BoolVar(&f.docx, "docx", false, "also write the issue as a Word document")
	fs.BoolVar(&f.save, "save", false, "write the quarter's selection as a manifest")
	fs.StringVar(&f.out, "o", "", "output folder")
	fs.StringVar(&f.now, "now", "", "today's date")
	fs.BoolVar(&f.verbose, "v", false, "explain the quarter's selection")
	arg, err := parseInterspersed(fs, args)
	if err == nil && f.save && (f.pdf || f.docx || f.out != "") {
		err = usageError("%s", msgSaveOnly.F())
	}
	return arg, f, err
}

func runBulletin(ctx context.Context, env *env, args []string) error {
	arg, f, err := parseBulletinFlags(env, args)
	if err != nil {
		return err
	}
	override, err := audienceFlag(f.audience)
	if err != nil {
		return err
	}
	now, err := parseNow(env, f.now)
	if err != nil {
		return err
	}
	var chrome *bulletin.Chrome
	if f.pdf {
		if chrome, err = bulletin.FindChrome(); err != nil {
			return failed("bulletin --pdf：%v", err)
		}
	}
	p, err := openProject(env, now)
	if err != nil {
		return err
	}
	src := p.Bulletins()
	ms, findings := bulletin.LoadManifests(p.FS, p.Config)
	if findings.HasErrors() {
		findings.WriteText(env.stderr)
		return errFindings
	}
	if q, err := bulletin.ParsePeriod(arg, p.Config.Location); err == nil {
		return quarterIssue(ctx, env, src, ms, q, override, f, chrome)
	}
	if f.save || f.verbose {
		return usageError("%s", msgSaveTakesPeriod.F())
	}
	is, err := manifestIssue(env, src, ms, arg, override)
	if err != nil {
		return err
	}
	return writeIssue(ctx, env, src, is, f, chrome)
}

// parseInterspersed parses flags before and after the one argument
// ("2025Q1 --save" as well as "--save 2025Q1").
func parseInterspersed(fs *flag.FlagSet, args []string) (string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return "", err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 1 {
		return "", usageError(msgOneArgument.T(), bulletinCmd.usage.F())
	}
	return pos[0], nil
}

func audienceFlag(s string) (bulletin.Audience, error) {
	if s == "" {
		return "", nil
	}
	a, err := bulletin.ParseAudience(s)
	if err != nil {
		return "", usageError("bulletin --audience：%v", err)
	}
	return a, nil
}

// quarterIssue builds (or with --save, saves) the quarter's issue.
func quarterIssue(ctx context.Context, env *env, src *bulletin.Source, ms []*bulletin.Manifest, q bulletin.Period, aud bulletin.Audience, f bulletinFlags, chrome *bulletin.Chrome) error {
	if aud == "" {
		aud = bulletin.Audience(src.Config.Bulletin.Audience)
	}
	today, _ := article.ParseDate(src.Now.In(src.Config.Location).Format("2006-01-02"), src.Config.Location)
	is := src.QuarterIssue(q, aud, ms, today)
	if f.verbose {
		fmt.Fprint(env.stdout, src.SelectionReport(q, aud, ms))
	}
	covering := src.Covering(q, ms)
	if len(is.Articles) == 0 {
		if len(covering) > 0 {
			return failed(msgNothingLeft.T(), q.Label, audienceName(aud), savedIssues(src, covering, aud))
		}
		return failed(msgNothingCanEnter.T(), q.Label, audienceName(aud))
	}
	if f.save {
		return saveManifest(env, is, q, src.Config.Bulletin.Name)
	}
	if len(covering) > 0 {
		fmt.Fprintln(env.stderr, msgNumberedWithout.F(is.ID(), savedIssues(src, covering, aud)))
	} else if is.Number > 1 {
		fmt.Fprintln(env.stderr, msgNumberedAfter.F(is.ID(), bulletin.ManifestDir))
	}
	return writeIssue(ctx, env, src, is, f, chrome)
}

// savedIssues names the manifests that already carry a quarter's articles
// and the one to build (the last for the audience, else the last): "already
// in A and B; to build a saved issue, give its manifest (gongkai bulletin A)".
func savedIssues(src *bulletin.Source, covering []*bulletin.Manifest, aud bulletin.Audience) string {
	paths := make([]string, len(covering))
	build := ""
	for i, m := range covering {
		paths[i] = m.Path
		if src.AudienceOf(m, "") == aud || (build == "" && i == len(covering)-1) {
			build = m.Path
		}
	}
	names := paths[len(paths)-1]
	if len(paths) > 1 {
		names = strings.Join(paths[:len(paths)-1], msgListSep.F()) + msgListAnd.F() + names
	}
	return msgAlreadySaved.F(names, build)
}

// saveManifest writes the issue as content/bulletins/<year>-<n>.yaml.
func saveManifest(env *env, is *bulletin.Issue, q bulletin.Period, name string) error {
	p := filepath.Join(env.dir, filepath.FromSlash(is.ManifestPath()))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return failed("bulletin --save：%v", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return failed(msgManifestExists.T(), is.ManifestPath())
	} else if err != nil {
		return failed("bulletin --save：%v", err)
	}
	_, err = f.Write(is.ManifestYAML(q))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return failed("bulletin --save：%v", err)
	}
	fmt.Fprintln(env.stdout, msgSaved.F(is.ManifestPath(), name, is.Label(), len(is.Articles), audienceName(is.Audience), is.ManifestPath()))
	return nil
}

// manifestIssue resolves the manifest named on the command line.
func manifestIssue(env *env, src *bulletin.Source, ms []*bulletin.Manifest, arg string, aud bulletin.Audience) (*bulletin.Issue, error) {
	rel, err := repoPath(env.dir, arg)
	if err != nil {
		return nil, err
	}
	var m *bulletin.Manifest
	for _, x := range ms {
		if x.Path == rel {
			m = x
		}
	}
	if m == nil {
		data, err := os.ReadFile(filepath.Join(env.dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, usageError(msgNotPeriodOrManifest.T(), arg, err)
		}
		var l diag.List
		if m, l = bulletin.ParseManifest(rel, data, src.Config); m == nil {
			l.WriteText(env.stderr)
			return nil, errFindings
		}
	}
	is, l := src.Issue(m, aud)
	if l.HasErrors() {
		l.WriteText(env.stderr)
		return nil, errFindings
	}
	return is, nil
}

// repoPath turns a command-line path into a repository path with forward
// slashes ("content/bulletins/2025-1.yaml").
func repoPath(dir, arg string) (string, error) {
	abs := arg
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, arg)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", usageError(msgBulletinPrefixed.T(), err)
	}
	absArg, err := filepath.Abs(abs)
	if err != nil {
		return "", usageError(msgBulletinPrefixed.T(), err)
	}
	rel, err := filepath.Rel(absDir, absArg)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", usageError(msgManifestOutside.T(), arg)
	}
	return filepath.ToSlash(rel), nil
}

// writeIssue renders the issue (and its .docx and PDF) into its folder.
func writeIssue(ctx context.Context, env *env, src *bulletin.Source, is *bulletin.Issue, f bulletinFlags, chrome *bulletin.Chrome) error {
	dir, links, err := issueDir(env.dir, is, f.out, src)
	if err != nil {
		return err
	}
	if is.Audience == bulletin.Public && f.out == "" {
		if err := build.MarkNewSite(filepath.Join(env.dir, "site")); err != nil {
			return failed(msgBulletinPrefixed.T(), err)
		}
	}
	if chrome != nil {
		links.PDF = is.PDFName()
	}
	page, err := src.RenderIssue(is, links)
	if err != nil {
		return failed(msgBulletinPrefixed.T(), err)
	}
	if err := write.File(filepath.Join(dir, "index.html"), page); err != nil {
		return failed(msgBulletinPrefixed.T(), err)
	}
	fmt.Fprintln(env.stdout, msgWrote.F(shortPath(env.dir, filepath.Join(dir, "index.html")), src.Config.Bulletin.Name, is.Label(), len(is.Articles), audienceName(is.Audience)))
	if f.docx {
		docx, err := src.RenderDocx(is)
		if err == nil {
			err = write.File(filepath.Join(dir, is.DocxName()), docx)
		}
		if err != nil {
			return failed("bulletin --docx：%v", err)
		}
		fmt.Fprintln(env.stdout, msgWroteDocx.F(shortPath(env.dir, filepath.Join(dir, is.DocxName()))))
	}
	if chrome == nil {
		return nil
	}
	start := time.Now()
	pdf, err := src.PrintIssue(ctx, chrome, is, links)
	if err != nil {
		return failed("bulletin --pdf：%v", err)
	}
	if err := write.File(filepath.Join(dir, is.PDFName()), pdf); err != nil {
		return failed(msgBulletinPrefixed.T(), err)
	}
	fmt.Fprintln(env.stdout, msgWrotePDF.F(shortPath(env.dir, filepath.Join(dir, is.PDFName())), time.Since(start).Seconds()))
	return nil
}

// issueDir returns the issue's folder and the links its page can make: a
// public issue goes to site/bulletins/<id>/ and links the site's home, an
// internal one to _internal/bulletins/<id>/ (never under site/) and links
// the site by its base URL.
func issueDir(repo string, is *bulletin.Issue, out string, src *bulletin.Source) (string, bulletin.Links, error) {
	var links bulletin.Links
	root := "_internal"
	if is.Audience == bulletin.Public {
		root = "site"
	}
	dir := filepath.Join(repo, root, filepath.FromSlash(is.Dir()))
	if out != "" {
		dir = out
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(repo, out)
		}
	}
	if is.Audience == bulletin.Internal {
		if build.Within(dir, filepath.Join(repo, "site")) {
			return "", links, usageError("%s", msgInternalUnderSite.F())
		}
		if site := build.SiteFolder(dir); site != "" {
			return "", links, usageError(msgInternalInSite.T(), shortPath(repo, site))
		}
	}
	if is.Audience == bulletin.Public && out == "" {
		links.Site = "../../"
	} else if is.Audience == bulletin.Internal {
		links.Site = src.Config.Site.BaseURL
	}
	return dir, links, nil
}

// shortPath shows a path relative to the repository when it is inside.
func shortPath(repo, p string) string {
	if rel, err := filepath.Rel(repo, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}
