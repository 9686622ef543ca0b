package bulletin

import (
	"strings"
	"testing"
)

func TestTitlesBreakIntoBalancedLinesAtWordSeams(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"县招商局2025年招商引资工作要点", "县招商局2025年招商引资工作要点"},
		{"县招商局召开2025年第一季度信息宣传工作会议", "县招商局召开2025年|第一季度信息宣传工作会议"},
		{"县招商局召开一季度信息宣传工作会议的补充说明会议", "县招商局召开一季度信息宣传|工作会议的补充说明会议"},
		{"关于做好台风防御期间在建招商项目安全防范工作的紧急通知", "关于做好台风防御期间在建招商|项目安全防范工作的紧急通知"},
	} {
		got := strings.Join(titleLines(c.title, titleWidth), "|")
		if got != c.want {
			t.Errorf("titleLines(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestTitlesNeverEndInALineOfOneOrTwoCharacters(t *testing.T) {
	for _, title := range []string{
		"一二三四五六七八九十一二三四五六七八九十会议",
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十通知",
	} {
		lines := titleLines(title, titleWidth)
		last := []rune(lines[len(lines)-1])
		if len(lines) < 2 || len(last) < 3 {
			t.Errorf("titleLines(%q) = %q: the last line is too short", title, lines)
		}
		for _, l := range lines {
			if len([]rune(l)) > titleWidth {
				t.Errorf("titleLines(%q): line %q is longer than %d characters", title, l, titleWidth)
			}
		}
	}
}
