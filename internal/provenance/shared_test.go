package provenance

import (
	"strings"
	"testing"
)

// oneLine builds the article with review: {…} holding the steps on one line,
// as gongkai sign writes them into a file that keeps its review that way.
func oneLine(body string, steps ...string) string {
	var parts []string
	for _, s := range steps {
		parts = append(parts, strings.TrimSpace(s))
	}
	return strings.Replace(doc(body), "---\n\n", "review: {"+strings.Join(parts, ", ")+"}\n---\n\n", 1)
}

// signedOnOneLine commits the chain up to the sign-off on one line, each
// step by its own signer, and returns the sign-off's hash.
func (r *gitRepo) signedOnOneLine() string {
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, oneLine(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, oneLine(body, contentStep))
	r.commit("wangwu@example.gov.cn", "2025-03-04", "保密审查", meeting, oneLine(body, contentStep, secrecyStep))
	r.commit("zhaoliu@example.gov.cn", "2025-03-05", "发布审核", meeting, oneLine(body, contentStep, secrecyStep, releaseStep))
	return r.commit("qianqi@example.gov.cn", "2025-03-05", "签发", meeting, oneLine(body, contentStep, secrecyStep, releaseStep, signoffStep))
}

// Steps that share a line are each credited to the commit that wrote their
// own text, not to the last commit that touched the line.
func TestStepsOnOneLineAreEachCreditedToTheirOwnCommit(t *testing.T) {
	r := newRepo(t)
	r.signedOnOneLine()
	r.commit("sunba@example.gov.cn", "2025-03-06", "录入", meeting, oneLine(body, contentStep, secrecyStep, releaseStep, signoffStep, entryStep))
	got, err := r.check(false)
	want(t, got, err, "")
}

func TestStepOnOneLineWrittenBySomeoneElseIsGK060(t *testing.T) {
	r := newRepo(t)
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, oneLine(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, oneLine(body, contentStep))
	bad := r.commit("lisi@example.gov.cn", "2025-03-04", "替王五签保密审查", meeting, oneLine(body, contentStep, secrecyStep))
	got, err := r.check(false)
	want(t, got, err, "content/2025/招商会议.md:8:68: error GK060 保密审查 (review.secrecy.by) was set by commit "+bad+
		" by lisi <lisi@example.gov.cn> (李四 in gongkai.yaml) on 2025-03-04 (\"替王五签保密审查\"), not by 王五 <wangwu@example.gov.cn>: each reviewer commits their own step\n")
}

func TestStepOnOneLineEditedAfterSignoffIsGK061(t *testing.T) {
	r := newRepo(t)
	sign := r.signedOnOneLine()
	changed := strings.Replace(contentStep, "opinion: 公开", "opinion: 不公开", 1)
	edit := r.commit("lisi@example.gov.cn", "2025-03-07", "改意见", meeting, oneLine(body, changed, secrecyStep, releaseStep, signoffStep))
	got, err := r.check(true)
	want(t, got, err, "content/2025/招商会议.md:8:1: error GK061 review.content changed after 签发 (signoff): line 8 comes from commit "+edit+
		" by lisi <lisi@example.gov.cn> (李四 in gongkai.yaml) on 2025-03-07 (\"改意见\"), which the sign-off in commit "+sign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
}

// The sign-off commit is the one that wrote the sign-off, not the 录入
// appended to its line later: a body edit in between is still GK061.
func TestBodyEditBeforeEntryOnTheSameLineIsGK061(t *testing.T) {
	r := newRepo(t)
	sign := r.signedOnOneLine()
	edited := "会议强调，要全面做好信息公开工作。"
	edit := r.commit("zhangsan@example.gov.cn", "2025-03-06", "改一句", meeting, oneLine(edited, contentStep, secrecyStep, releaseStep, signoffStep))
	r.commit("sunba@example.gov.cn", "2025-03-06", "录入", meeting, oneLine(edited, contentStep, secrecyStep, releaseStep, signoffStep, entryStep))
	got, err := r.check(true)
	want(t, got, err, "content/2025/招商会议.md:11:1: error GK061 the body changed after 签发 (signoff): line 11 comes from commit "+edit+
		" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-06 (\"改一句\"), which the sign-off in commit "+sign+
		" by qianqi <qianqi@example.gov.cn> (钱七 in gongkai.yaml) on 2025-03-05 (\"签发\") does not include; 钱七 must sign again in their own commit (or revert the change)\n")
}

func TestStepDroppedFromOneLineAfterSignoffIsGK061(t *testing.T) {
	r := newRepo(t)
	r.signedOnOneLine()
	r.commit("zhangsan@example.gov.cn", "2025-03-07", "删去发布审核", meeting, oneLine(body, contentStep, secrecyStep, signoffStep))
	got, err := r.check(true)
	if err != nil || !strings.HasPrefix(got, "content/2025/招商会议.md:8:1: error GK061 review.release changed after 签发 (signoff): line 8 comes from commit ") {
		t.Fatalf("%v\n%s", err, got)
	}
}
