package pinyin

import "testing"

func TestSlugWritesNamesInPinyin(t *testing.T) {
	for _, c := range []struct {
		name, want string
		ok         bool
	}{
		{"招商一科", "zhaoshangyike", true},
		{"办公室", "bangongshi", true},
		{"政府信息公开指南和目录", "zhengfuxinxigongkaizhinanhemulu", true},
		{"行政审批", "xingzhengshenpi", true},
		{"绿色发展", "lvsefazhan", true},
		{"2025年GDP", "2025niangdp", true},
		{"财政预决算（2025）", "caizhengyujuesuan-2025", true},
		{"A、B 科", "a-b-ke", true},
		{"（）", "", true},
		{"招商㐀科", "zhaoshangke", false}, // 㐀 is not in the table
	} {
		got, ok := Slug(c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("Slug(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestEveryCharacterHasOneReading(t *testing.T) {
	seen := map[rune]string{}
	n := 0
	for _, s := range syllables {
		for _, c := range s.chars {
			if other, ok := seen[c]; ok {
				t.Errorf("%c is under %s and %s", c, other, s.py)
			}
			seen[c] = s.py
			n++
		}
	}
	if n != 8105 {
		t.Errorf("%d characters, want the 8105 of the table", n)
	}
}
