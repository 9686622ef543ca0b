package provenance

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/msg"
)

// TestMain runs these tests in English: they pin the English catalogue
// (--lang en), which maintainers read in bug reports. The Chinese texts are
// pinned by TestFindingsReadInChinese and by cmd/gongkai's tests.
func TestMain(m *testing.M) {
	msg.SetLang(msg.EN)
	os.Exit(m.Run())
}

func TestFindingsReadInChinese(t *testing.T) {
	msg.SetLang(msg.ZH)
	defer msg.SetLang(msg.EN)
	r := newRepo(t)
	r.signedUpTo()
	r.write("content/2025/新稿.md", doc(body, contentStep))
	got, err := r.check(false)
	want(t, got, err, "content/2025/新稿.md:1:1: 警告 GK060 尚未纳入 git：提交之前无法核对其审核步骤\n")
}

func want(t *testing.T, got string, err error, wantText string) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if got != wantText {
		t.Fatalf("got\n%s\nwant\n%s", got, wantText)
	}
}

func TestHonestChainSignedByEachPersonPasses(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	// 孙八 enters it and 录入员 adds the index number after the sign-off:
	// neither is content the sign-off covers.
	all := doc(body, contentStep, secrecyStep, releaseStep, signoffStep, entryStep, verifyStep)
	r.commit("sunba@example.gov.cn", "2025-03-06", "录入", meeting, all)
	r.commit("sunba@example.gov.cn", "2025-03-06", "索引号", meeting,
		strings.Replace(all, "disclosure: 主动公开\n", "disclosure: 主动公开\nindex_no: 11330782MB1234567X/2025-00001\n", 1))
	got, err := r.check(false)
	want(t, got, err, "")
}

func TestAuthorCommittingTheLeadersSignoffIsGK060(t *testing.T) {
	r := newRepo(t)
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, doc(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, doc(body, contentStep))
	r.commit("wangwu@example.gov.cn", "2025-03-04", "保密审查", meeting, doc(body, contentStep, secrecyStep))
	r.commit("zhaoliu@example.gov.cn", "2025-03-05", "发布审核", meeting, doc(body, contentStep, secrecyStep, releaseStep))
	bad := r.commit("zhangsan@example.gov.cn", "2025-03-05", "钱局长已同意，代为签发", meeting, doc(body, contentStep, secrecyStep, releaseStep, signoffStep))
	got, err := r.check(false)
	want(t, got, err, "content/2025/招商会议.md:12:13: error GK060 签发 (review.signoff.by) was set by commit "+bad+
		" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-05 (\"钱局长已同意，代为签发\"), not by 钱七 <QianQi@example.gov.cn>: each reviewer commits their own step\n")
}

func TestBodyEditAfterSignoffIsGK061(t *testing.T) {
	r := newRepo(t)
	sign := r.signedUpTo()
	edited := strings.Replace(doc(body, contentStep, secrecyStep, releaseStep, signoffStep), body, "会议强调，要全面做好信息公开工作。", 1)
	edit := r.commit("zhangsan@example.gov.cn", "2025-03-06", "改一句", meeting, edited)
	want1 := "content/2025/招商会议.md:15:1: error GK061 the body changed after 签发 (signoff): line 15 comes from commit " + edit +
		" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-06 (\"改一句\"), which the sign-off in commit " + sign +
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n"
	got, err := r.check(true)
	want(t, got, err, want1)
	got, err = r.check(false)
	want(t, got, err, want1)
}

func TestEarlierStepEditedAfterSignoffIsGK061(t *testing.T) {
	r := newRepo(t)
	sign := r.signedUpTo()
	changed := strings.Replace(releaseStep, "2025-03-05", "2025-03-04", 1)
	edit := r.commit("zhaoliu@example.gov.cn", "2025-03-07", "改发布审核日期", meeting, doc(body, contentStep, secrecyStep, changed, signoffStep))
	got, err := r.check(true)
	want(t, got, err, "content/2025/招商会议.md:11:1: error GK061 review.release changed after 签发 (signoff): line 11 comes from commit "+edit+
		" by zhaoliu <zhaoliu@example.gov.cn> (赵六 in gongkai.yaml) on 2025-03-07 (\"改发布审核日期\"), which the sign-off in commit "+sign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
}

func TestSignerRenewingAfterAnEditPasses(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	edited := "会议强调，要全面做好信息公开工作。"
	r.commit("zhangsan@example.gov.cn", "2025-03-06", "改一句", meeting, doc(edited, contentStep, secrecyStep, releaseStep, signoffStep))
	renewed := strings.Replace(signoffStep, "2025-03-05", "2025-03-06", 1)
	r.commit("qianqi@example.gov.cn", "2025-03-06", "重新签发", meeting, doc(edited, contentStep, secrecyStep, releaseStep, renewed))
	got, err := r.check(false)
	want(t, got, err, "")
}

func TestReviewerSigningOnAMergedBranchPasses(t *testing.T) {
	r := newRepo(t)
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, doc(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, doc(body, contentStep))
	r.git("", "switch", "-q", "-c", "保密审查")
	r.commit("wangwu@example.gov.cn", "2025-03-04", "保密审查", meeting, doc(body, contentStep, secrecyStep))
	r.git("", "switch", "-q", "main")
	r.commit("zhangsan@example.gov.cn", "2025-03-04", "另一篇", "content/2025/其他.md", doc("另一篇正文。"))
	r.gitAt("zhangsan@example.gov.cn", "2025-03-04", "merge", "-q", "--no-ff", "-m", "合并保密审查", "保密审查")
	got, err := r.check(false)
	want(t, got, err, "")
}

func TestBodyEditOnABranchTheSignerNeverSawIsGK061(t *testing.T) {
	r := newRepo(t)
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, doc(body+"\n\n第二段。"))
	r.git("", "switch", "-q", "-c", "改稿")
	edit := r.commit("zhangsan@example.gov.cn", "2025-03-04", "改第二段", meeting, doc(body+"\n\n第二段（修改）。"))
	r.git("", "switch", "-q", "main")
	sign := r.commit("qianqi@example.gov.cn", "2025-03-05", "签发", meeting, doc(body+"\n\n第二段。", contentStep, secrecyStep, releaseStep, signoffStep))
	r.gitAt("zhangsan@example.gov.cn", "2025-03-05", "merge", "-q", "--no-ff", "-m", "合并改稿", "改稿")
	got, err := r.check(true)
	want(t, got, err, "content/2025/招商会议.md:17:1: error GK061 the body changed after 签发 (signoff): line 17 comes from commit "+edit+
		" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-04 (\"改第二段\"), which the sign-off in commit "+sign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
}

func TestShallowCloneIsReportedNotPassed(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	clone := filepath.Join(t.TempDir(), "clone")
	out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, clone).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	shallow := &gitRepo{t: t, dir: clone}
	for _, editsOnly := range []bool{false, true} {
		_, err := shallow.check(editsOnly)
		if !errors.Is(err, ErrShallow) || err.Error() != "this clone is shallow (git fetch --unshallow, or actions/checkout with fetch-depth: 0): provenance needs the full history" {
			t.Fatalf("edits only %v: got %v", editsOnly, err)
		}
	}
}

func TestBoundaryCommitIsShallow(t *testing.T) {
	out := "1111111111111111111111111111111111111111 1 1 1\nauthor 张三\nauthor-mail <zhangsan@example.gov.cn>\nboundary\nfilename a.md\n\t---\n"
	lines, err := parseBlame([]byte(out))
	if err != nil || len(lines) != 1 || !lines[0].Boundary || lines[0].Mail != "zhangsan@example.gov.cn" {
		t.Fatalf("%v %+v", err, lines)
	}
}

func TestNotAGitRepositoryIsAnError(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	cfg, arts := r.load()
	_, err := Check(context.Background(), dir, cfg, arts)
	if !errors.Is(err, ErrNotRepository) || !strings.Contains(err.Error(), "("+dir+"; git says: fatal: not a git repository") {
		t.Fatalf("got %v", err)
	}
}

func TestBlockMappingChecksByAndAtLinesSeparately(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	block := func(at string) string {
		return doc(body, contentStep, secrecyStep, releaseStep, "  signoff:\n    by: 钱七\n    at: "+at)
	}
	// 钱七 rewrites the step as a block and later fixes its date: still his.
	r.commit("qianqi@example.gov.cn", "2025-03-05", "签发（分行）", meeting, block("2025-03-04"))
	r.commit("qianqi@example.gov.cn", "2025-03-05", "改签发日期", meeting, block("2025-03-05"))
	got, err := r.check(false)
	want(t, got, err, "")
	// 张三 "fixes" the date for him: the at line is no longer 钱七's.
	bad := r.commit("zhangsan@example.gov.cn", "2025-03-06", "改日期", meeting, block("2025-03-06"))
	got, err = r.check(false)
	want(t, got, err, "content/2025/招商会议.md:14:5: error GK060 签发 (review.signoff.at) was set by commit "+bad+
		" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-06 (\"改日期\"), not by 钱七 <QianQi@example.gov.cn>: each reviewer commits their own step\n")
}

func TestSignerWithoutEmailIsGK060(t *testing.T) {
	r := newRepo(t)
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, doc(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, doc(body, "  content: {by: 周九, at: 2025-03-04, opinion: 公开}"))
	got, err := r.check(false)
	want(t, got, err, "content/2025/招商会议.md:9:13: error GK060 周九 has no email in gongkai.yaml: add it under people so that --provenance can match 内容审核 (content) to 周九's commits\n")
}

func TestUncommittedChangesAreWarnedOrReported(t *testing.T) {
	r := newRepo(t)
	sign := r.signedUpTo()
	// A sign-off only in the working tree cannot be verified yet.
	r.write(meeting, doc(body, contentStep, secrecyStep, releaseStep, strings.Replace(signoffStep, "03-05", "03-06", 1)))
	got, err := r.check(false)
	want(t, got, err, "content/2025/招商会议.md:12:13: warning GK060 签发 (signoff) is not committed yet: cannot verify that 钱七 signed it (钱七 commits it as <QianQi@example.gov.cn>)\n")
	// A body edit in the working tree after a committed sign-off is GK061.
	r.write(meeting, doc("新的正文。", contentStep, secrecyStep, releaseStep, signoffStep))
	got, err = r.check(true)
	want(t, got, err, "content/2025/招商会议.md:15:1: error GK061 the body changed after 签发 (signoff): line 15 comes from a change not committed yet, which the sign-off in commit "+sign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
}

func TestUntrackedArticleIsAWarning(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	r.write("content/2025/新稿.md", doc(body, contentStep))
	got, err := r.check(false)
	want(t, got, err, "content/2025/新稿.md:1:1: warning GK060 not tracked by git: cannot verify its review steps until it is committed\n")
}

func TestLongSubjectsAreShortened(t *testing.T) {
	if got := shorten("Sample content: 某某县招商局 with 28 articles across every category", 20); got != "Sample content: 某某县招…" {
		t.Fatalf("got %q", got)
	}
	if got := shorten("签发", 20); got != "签发" {
		t.Fatalf("got %q", got)
	}
}

func TestRevertedEditAndMovedFilePass(t *testing.T) {
	r := newRepo(t)
	r.signedUpTo()
	signed := doc(body, contentStep, secrecyStep, releaseStep, signoffStep)
	r.commit("zhangsan@example.gov.cn", "2025-03-06", "改一句", meeting, strings.Replace(signed, "进一步", "全面", 1))
	r.gitAt("zhangsan@example.gov.cn", "2025-03-06", "revert", "--no-edit", "HEAD")
	r.gitAt("zhangsan@example.gov.cn", "2025-03-07", "mv", meeting, "content/2025/会议.md")
	r.gitAt("zhangsan@example.gov.cn", "2025-03-07", "commit", "-q", "-m", "移动")
	got, err := r.check(false)
	want(t, got, err, "")
}

func TestDeletedLinesAfterSignoffAreGK061(t *testing.T) {
	r := newRepo(t)
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, doc(body+"\n\n第二段。"))
	signed := doc(body+"\n\n第二段。", contentStep, secrecyStep, releaseStep, signoffStep)
	sign := r.commit("qianqi@example.gov.cn", "2025-03-05", "签发", meeting, signed)
	del := r.commit("zhangsan@example.gov.cn", "2025-03-06", "删第二段", meeting, strings.Replace(signed, "\n\n第二段。", "", 1))
	got, err := r.check(true)
	want(t, got, err, "content/2025/招商会议.md:15:1: error GK061 the body changed after 签发 (signoff): lines after line 15 were deleted (last change: commit "+del+
		" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-06 (\"删第二段\")), which the sign-off in commit "+sign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
	// 钱七 signs again; then a content key replaced by one the sign-off does
	// not cover is still a change.
	resigned := strings.Replace(strings.Replace(signed, "\n\n第二段。", "", 1), "at: 2025-03-05}", "at: 2025-03-07}", 1)
	resign := r.commit("qianqi@example.gov.cn", "2025-03-07", "重新签发", meeting, resigned)
	got, err = r.check(true)
	want(t, got, err, "")
	swap := r.commit("sunba@example.gov.cn", "2025-03-08", "索引号", meeting, strings.Replace(resigned, "authors: [张三]", "index_no: 11330782MB1234567X/2025-00001", 1))
	got, err = r.check(true)
	want(t, got, err, "content/2025/招商会议.md:5:1: error GK061 authors changed after 签发 (signoff): lines after line 5 were deleted (last change: commit "+swap+
		" by sunba <sunba@example.gov.cn> (孙八 in gongkai.yaml) on 2025-03-08 (\"索引号\")), which the sign-off in commit "+resign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-07 (\"重新签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
}
