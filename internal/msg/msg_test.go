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

func TestEnglishCountsTakeTheFormOfTheirNoun(t *testing.T) {
	m := New("test.plural", "%d 个错误，%d 条警告，运行 gongkai check 查看", "%d {error|errors}, %d {warning|warnings}: gongkai check lists {it|them}")
	sign := New("test.plural_after", "%s 有 %d 处错误：请 %s 修正", "%s has %d {error|errors}: %s must correct {it|them}")
	at := New("test.plural_at", "%[1]s 中有 %[2]d 个文件", "%[2]d {file|files} in %[1]s")
	defer SetLang(Current())
	SetLang(EN)
	for _, c := range []struct {
		got, want string
	}{
		{m.F(1, 0), "1 error, 0 warnings: gongkai check lists them"},
		{m.F(2, 1), "2 errors, 1 warning: gongkai check lists it"},
		{m.F(int64(1), uint(1)), "1 error, 1 warning: gongkai check lists it"},
		{m.Error(0, 2).Error(), "0 errors, 2 warnings: gongkai check lists them"},
		{m.T(), "%d errors, %d warnings: gongkai check lists them"},
		{at.F("content", 1), "1 file in content"},
		{at.F("content", 11), "11 files in content"},
		{sign.F("a.md", 1, "张三"), "a.md has 1 error: 张三 must correct it"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	SetLang(ZH)
	if got := m.F(1, 1); got != "1 个错误，1 条警告，运行 gongkai check 查看" {
		t.Errorf("zh: %q", got)
	}
}

func TestNewRejectsAChoiceWithoutACount(t *testing.T) {
	for _, c := range [][2]string{
		{"%s 有误", "{is|are} %s"},                   // no verb before it
		{"%s 有误", "%s {is|are} wrong"},             // not a count
		{"%d {error|errors}", "%d {error|errors}"}, // a choice in Chinese
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New accepted %q / %q", c[0], c[1])
				}
			}()
			New("test.choice."+c[1], c[0], c[1])
		}()
	}
}
