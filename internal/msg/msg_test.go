package msg

import (
	"strings"
	"testing"
)

func TestVerbsResolveExplicitIndices(t *testing.T) {
	for _, c := range []struct{ format, want string }{
		{"%s 与 %d", "%s %d"},
		{"第%[2]d行：%[1]s", "%s %d"},
		{"100%% 完成，共 %d 篇", "%d"},
		{"%q 未声明", "%s"},
		{"%5.2f 万元", "%f"},
		{"no verbs", ""},
	} {
		if got := strings.Join(Verbs(c.format), " "); got != c.want {
			t.Errorf("Verbs(%q) = %q, want %q", c.format, got, c.want)
		}
	}
}

func TestNewRejectsTextsWithDifferentArguments(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("New accepted a Chinese text with fewer arguments than the English")
		}
	}()
	New("test.mismatch", "缺少 %s", "%s is missing from %s")
}

func TestNewRejectsADuplicateKey(t *testing.T) {
	New("test.once", "一次", "once")
	defer func() {
		if recover() == nil {
			t.Fatal("New accepted a key defined twice")
		}
	}()
	New("test.once", "两次", "twice")
}

func TestFormatsInTheCurrentLanguage(t *testing.T) {
	m := New("test.lang", "第%d行：缺少标题", "line %d: the title is missing")
	defer SetLang(Current())
	SetLang(ZH)
	if got := m.F(3); got != "第3行：缺少标题" {
		t.Errorf("zh: %q", got)
	}
	SetLang(EN)
	if got := m.F(3); got != "line 3: the title is missing" {
		t.Errorf("en: %q", got)
	}
	if got := m.Error(4).Error(); got != "line 4: the title is missing" {
		t.Errorf("Error: %q", got)
	}
}

func TestParseLang(t *testing.T) {
	for s, want := range map[string]Lang{"zh": ZH, "zh-CN": ZH, "zh_CN.UTF-8": ZH, "en": EN, "en-US": EN} {
		if got, ok := ParseLang(s); !ok || got != want {
			t.Errorf("ParseLang(%q) = %v, %v", s, got, ok)
		}
	}
	if _, ok := ParseLang("fr"); ok {
		t.Error("fr accepted")
	}
}

func TestEnglishProseFindsSentencesNotWhatIsTyped(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"第12行：保密审查未填写结论（result），请填写 不涉密 或 涉密", 0},
		{"运行 gongkai help build 查看用法", 0},
		{"请运行 git fetch --unshallow，或在 actions/checkout 中设置 fetch-depth: 0", 0},
		{"Linux：iconv -f GBK -t UTF-8 content/a.md -o content/a.md.utf8", 0},
		{"用记事本、WPS 或 VS Code 打开", 0},
		{"键 `review.secrecy.cleared` 与 \"some quoted value here\"", 0},
		{"缺少 title：the article's title is missing", 1},
		{"gongkai：check found errors; nothing was written", 1},
		{"Run 'gongkai help' for usage.", 1},
		{"no front matter: the file must start with a line", 1},
		{"用法：gongkai new <主题分类或路径> <标题>", 0},
		{"用法：gongkai new <category or path> <title>", 1},
	} {
		if got := EnglishProse(c.text); len(got) != c.want {
			t.Errorf("EnglishProse(%q) = %q, want %d runs", c.text, got, c.want)
		}
	}
}
