package article

import "testing"

func TestLinkRefResolvesWhatCheckAndThePagesRead(t *testing.T) {
	a := &Article{Path: "content/2025/a.md", Dir: "content/2025"}
	for _, c := range []struct {
		dest, target, suffix string
		problem, local       bool
	}{
		{dest: "https://example.gov.cn/x.md"},
		{dest: "mailto:office@example.gov.cn"},
		{dest: "//cdn.example.com/a.png"},
		{dest: "#第三条"},
		{dest: "?page=2"},
		{dest: "notice.md", target: "content/2025/notice.md", local: true},
		{dest: "../2024/old.md#top", target: "content/2024/old.md", suffix: "#top", local: true},
		{dest: "%E8%AE%AE%E7%A8%8B.pdf", target: "content/2025/议程.pdf", local: true},
		{dest: `files\x.pdf`, problem: true, local: true},
		{dest: "/catalog/", problem: true, local: true},
		{dest: "../../gongkai.yaml", problem: true, local: true},
		{dest: "%20", problem: true, local: true},
	} {
		ref, local := a.LinkRef(c.dest)
		if local != c.local || ref.Target != c.target || ref.Suffix != c.suffix || (ref.Problem != "") != c.problem {
			t.Errorf("LinkRef(%q) = %+v, %v; want target %q suffix %q problem %v local %v", c.dest, ref, local, c.target, c.suffix, c.problem, c.local)
		}
	}
}
