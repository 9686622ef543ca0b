package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestLinksPositionsCountCharacters(t *testing.T) {
	body := strings.Join([]string{
		"# 标题",
		"",
		"根据《条例》规定，详见[通知](../2025/notice.md)和![图一](附件/图1.png)。",
		"　　第二行，<https://www.gov.cn>及[引用][r]。",
		"- 列表[空]() 网址 https://x.cn/a 。",
		"[![徽标](logo.png)](https://x.gov.cn)",
		"",
		"[r]: <../2024/附件 一.pdf>",
	}, "\n")
	want := []Link{
		{Dest: "../2025/notice.md", Line: 3, Col: 17},
		{Dest: "附件/图1.png", Line: 3, Col: 42, Image: true},
		{Dest: "https://www.gov.cn", Line: 4, Col: 8},
		{Dest: "../2024/附件 一.pdf", Line: 8, Col: 7},
		{Dest: "", Line: 5, Col: 5},
		{Dest: "https://x.cn/a", Line: 5, Col: 14},
		{Dest: "https://x.gov.cn", Line: 6, Col: 19},
		{Dest: "logo.png", Line: 6, Col: 8, Image: true},
	}
	if got := Links([]byte(body)); !reflect.DeepEqual(got, want) {
		t.Errorf("Links =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLinksOfBodyWithoutLinks(t *testing.T) {
	if got := Links([]byte("没有链接的正文。\n")); got != nil {
		t.Errorf("Links = %+v, want nil", got)
	}
}
