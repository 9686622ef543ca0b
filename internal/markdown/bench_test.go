package markdown

import (
	"strings"
	"testing"
)

// benchArticle returns a Chinese notice of about 2,000 characters with
// headings, bold, lists, links, a table and soft line breaks.
func benchArticle() string {
	var b strings.Builder
	b.WriteString("# 关于做好2025年度安全生产工作的通知\n\n各科室、各下属单位：\n\n")
	for i, h := range []string{"一、工作目标", "二、主要任务", "三、保障措施", "四、工作要求", "五、监督检查", "六、其他事项"} {
		b.WriteString("## " + h + "\n\n")
		b.WriteString("**严格落实安全生产责任。**各科室要认真贯彻落实上级关于安全生产工作的决策部署，\n")
		b.WriteString("坚持“安全第一、预防为主、综合治理”的方针，进一步健全完善安全生产责任体系，\n")
		b.WriteString("切实把各项措施落到实处。详见[通知](../2025/notice.md)和[附件](附件1.pdf)。\n\n")
		b.WriteString("1. 加强组织领导，明确责任分工；\n2. 开展隐患排查，建立整改台账；\n3. 强化宣传教育，提升防范意识。\n\n")
		if i == 1 {
			b.WriteString("| 序号 | 任务 | 责任科室 | 完成时限 |\n|---|---|---|---|\n")
			b.WriteString("| 1 | 隐患排查 | 办公室 | 2025年6月 |\n| 2 | 宣传教育 | 招商一科 | 2025年9月 |\n\n")
		}
		b.WriteString("**第一条**\u3000各单位要结合实际，制定具体实施方案，于每季度末前报送工作进展情况。\n")
		b.WriteString("各级各部门要高度重视，周密部署，确保各项工作任务按期保质完成，\n")
		b.WriteString("联系人：张三，电话：0123-4567890。\n\n")
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) {
	r := New(Options{})
	body := []byte(benchArticle())
	resolve := func(dest string) (string, bool) { return "/x/" + dest, true }
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := r.Render(body, resolve); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLinks(b *testing.B) {
	body := []byte(benchArticle())
	for b.Loop() {
		Links(body)
	}
}

// BenchmarkRenderCorpus renders every body of a generated corpus:
// GONGKAI_CORPUS=/tmp/c/gongkai after
// `go run bench/gencorpus.go -n 10000 -out /tmp/c`.
func BenchmarkRenderCorpus(b *testing.B) {
	bodies := corpusBodies(b)
	r := New(Options{})
	resolve := func(dest string) (string, bool) { return "/x/" + dest, true }
	var size int64
	for _, body := range bodies {
		size += int64(len(body))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, body := range bodies {
			if _, err := r.Render(body, resolve); err != nil {
				b.Fatal(err)
			}
		}
	}
}
