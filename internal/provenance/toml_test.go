package provenance

import (
	"strconv"
	"strings"
	"testing"
)

// tomlDoc builds the article of doc in TOML front matter, one table per
// step (each step's lines given, already joined).
func tomlDoc(body string, steps ...string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"县招商局召开一季度工作会议\"\ndepartment = \"办公室\"\ncategory = \"工作动态\"\n")
	b.WriteString("kind = \"动态信息\"\nauthors = [\"张三\"]\ndisclosure = \"主动公开\"\n")
	for _, s := range steps {
		b.WriteString(s + "\n")
	}
	b.WriteString("+++\n\n" + body + "\n")
	return b.String()
}

var (
	tomlContent = "[review.content]\nby = \"李四\"\nat = 2025-03-04\nopinion = \"公开\""
	tomlSecrecy = "[review.secrecy]\nby = \"王五\"\nat = 2025-03-04\nresult = \"不涉密\""
	tomlRelease = "[review.release]\nby = \"赵六\"\nat = 2025-03-05\ndisclosure = \"主动公开\""
	tomlSignoff = "[review.signoff]\nby = \"钱七\"\nat = 2025-03-05"
	tomlEntry   = "[review.entry]\nby = \"孙八\"\nat = 2025-03-06"
)

// tomlSignedUpTo commits the TOML article and its chain up to the sign-off,
// each step by its own signer.
func (r *gitRepo) tomlSignedUpTo() {
	r.commit("zhangsan@example.gov.cn", "2025-03-03", "写稿", meeting, tomlDoc(body))
	r.commit("lisi@example.gov.cn", "2025-03-04", "内容审核", meeting, tomlDoc(body, tomlContent))
	r.commit("wangwu@example.gov.cn", "2025-03-04", "保密审查", meeting, tomlDoc(body, tomlContent, tomlSecrecy))
	r.commit("zhaoliu@example.gov.cn", "2025-03-05", "发布审核", meeting, tomlDoc(body, tomlContent, tomlSecrecy, tomlRelease))
	r.commit("qianqi@example.gov.cn", "2025-03-05", "签发", meeting, tomlDoc(body, tomlContent, tomlSecrecy, tomlRelease, tomlSignoff))
}

func TestTOMLEntryAfterTheSignoffIsNoChangeToWhatWasSigned(t *testing.T) {
	r := newRepo(t)
	r.tomlSignedUpTo()
	r.commit("sunba@example.gov.cn", "2025-03-06", "录入", meeting, tomlDoc(body, tomlContent, tomlSecrecy, tomlRelease, tomlSignoff, tomlEntry))
	got, err := r.check(false)
	want(t, got, err, "")
}

func TestTOMLQuotedKeysAreJudgedAtTheirOwnLines(t *testing.T) {
	r := newRepo(t)
	r.tomlSignedUpTo()
	// 张三 rewrites the sign-off with quoted keys: the by and at lines are
	// now his, and GK060 says so at those lines, not at the table header.
	quoted := "[review.signoff]\n\"by\" = \"钱七\"\n'at' = 2025-03-05"
	bad := r.commit("zhangsan@example.gov.cn", "2025-03-06", "改写签发", meeting, tomlDoc(body, tomlContent, tomlSecrecy, tomlRelease, quoted))
	got, err := r.check(false)
	signedBy := func(line, col int, field string) string {
		return "content/2025/招商会议.md:" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + ": error GK060 签发 (review.signoff." + field + ") was set by commit " + bad +
			" by zhangsan <zhangsan@example.gov.cn> (张三 in gongkai.yaml) on 2025-03-06 (\"改写签发\"), not by 钱七 <QianQi@example.gov.cn>: each reviewer commits their own step\n"
	}
	want(t, got, err, signedBy(21, 1, "by"))
	// A comment holding "by =" above the key does not stand in for it.
	r.commit("qianqi@example.gov.cn", "2025-03-07", "签发", meeting, tomlDoc(body, tomlContent, tomlSecrecy, tomlRelease, "[review.signoff]\n# by = \"钱七\"\n\"by\" = '钱七'\n\"at\" = 2025-03-07"))
	bad = r.commit("zhangsan@example.gov.cn", "2025-03-08", "改写签发", meeting, tomlDoc(body, tomlContent, tomlSecrecy, tomlRelease, "[review.signoff]\n# by = \"钱七\"\n\"by\" = '钱七'\n\"at\" = 2025-03-08"))
	got, err = r.check(false)
	want(t, got, err, strings.Replace(signedBy(23, 1, "at"), "2025-03-06 (\"改写签发\")", "2025-03-08 (\"改写签发\")", 1))
}
