package markdown

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// recorder is a Resolver that rewrites some destinations, leaves others
// and makes one dangerous, and records what it was asked.
type recorder struct{ asked []string }

func (rec *recorder) resolve(dest string) (string, bool) {
	rec.asked = append(rec.asked, dest)
	switch {
	case strings.HasSuffix(dest, ".md"):
		return "/a/" + strings.TrimSuffix(dest, ".md") + ".html?x=1&y=\"2\"", true
	case strings.HasPrefix(dest, "evil"):
		return "javascript:alert(1)", true
	}
	return "", false
}

// comparePlain checks that body, when plain, renders as goldmark renders
// it, in both raw-HTML modes; it reports whether body was plain.
func comparePlain(t *testing.T, body []byte) bool {
	t.Helper()
	doc, ok := parsePlain(body)
	if !ok {
		return false
	}
	if line := TooDeep(body); line > 0 {
		t.Fatalf("%q is plain but too deep at line %d", body, line)
	}
	if got, want := doc.links(), linksGoldmark(body); !reflect.DeepEqual(got, want) {
		t.Fatalf("plain links of %q differ from goldmark's:\n%v\nwant %v", body, got, want)
	}
	for _, unsafe := range []bool{false, true} {
		if got, want := doc.visible(), visibleGoldmark(body, unsafe); !reflect.DeepEqual(got, want) {
			t.Fatalf("plain visible text of %q (unsafe %v) differs from goldmark's:\n%q %v\nwant %q %v",
				body, unsafe, got.Text, got.Src, want.Text, want.Src)
		}
		r := New(Options{UnsafeHTML: unsafe})
		var fast, slow recorder
		got := doc.render(fast.resolve, unsafe)
		want, err := r.renderGoldmark(body, slow.resolve)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.HTML, want.HTML) || got.Text != want.Text || got.Summary != want.Summary ||
			!reflect.DeepEqual(got.Headings, want.Headings) || !reflect.DeepEqual(fast.asked, slow.asked) {
			t.Fatalf("plain reading differs from goldmark's for %q (unsafe %v):\nHTML %q\nwant %q\ntext %q\nwant %q\nsummary %q\nwant %q\nheadings %v\nwant %v\nasked %q\nwant %q",
				body, unsafe, got.HTML, want.HTML, got.Text, want.Text, got.Summary, want.Summary,
				got.Headings, want.Headings, fast.asked, slow.asked)
		}
	}
	return true
}

// plainExamples are bodies the plain reader must take.
var plainExamples = []string{
	benchArticle(),
	"",
	"\n\n",
	"# 标题\n正文第一行\n第二行\n",
	"**严格落实安全生产责任。**各科室要\n认真贯彻\nword\nnext",
	"他说**“重点”**很重要\n**bold** end",
	"a **b **c** d** e",
	"**a\n**b",
	"1. 一\n2. 二\n\n正文",
	"3. 三\n4. 四\n",
	"1. 拟订全县招商引资中长期规划\n   和年度计划并组织实施；\n2. 第二项\n   word\n   next\n\n正文",
	"10. 第十项\n    续行\n\n## 节\n- 甲\n  乙",
	"- 甲\n- 乙\n## 小节\n- 丙",
	"| 序号 | 任务 |\n| --- | --- |\n| 1 | [通知](a.md) |\n|  | 空 |\n",
	"| 只有表头 |\n|---|\n",
	"|---|---:|:--|:-:|\n|---|---:|:--|:-:|\n| 甲 | 1.5 | 乙 | 丙 |\n",
	"详见[通知](../2025/notice.md)和[附件](附件1.pdf)。\n联系[我们](evil)",
	"电子邮箱：[zsj@example.gov.cn](mailto:zsj@example.gov.cn)",
	"原文链接：[标题](https://www.example.gov.cn/xxgk/2023/a.html)",
	"\u3000\u3000首行缩进\n\u3000次行",
	"\"引号\" 'single' >大于 a\u00a0b",
	"## 一、工作目标\n\n## 一、工作目标\n\n## Work Plan 2025",
}

func TestPlainMatchesGoldmark(t *testing.T) {
	for _, body := range plainExamples {
		if !comparePlain(t, []byte(body)) {
			t.Errorf("%q is not read as plain", body)
		}
	}
}

// TestPlainDeclines checks that bodies with markup the plain reading
// leaves to goldmark are not read as plain.
func TestPlainDeclines(t *testing.T) {
	for _, body := range []string{
		"a &amp; b", "a\\*b", "<b>x</b>", "`code`", "_x_", "~~x~~", "*x*", "***x***",
		"see http://example.com", "www.example.com", "x y@example.com", "![图](a.png)",
		"[ref]\n\n[ref]: /x", "脚注[^1]\n\n[^1]: 说明", "> 引用", "    code", "---", "a\n---",
		"a\n===", "1. a\n\n2. b", "- [ ] 待办", "1. a\nlazy", "| a | b |\n| - | - |\n| c |", "a\n| b |\n| - |", "a\\\nb", "## x ##", "a\tb",
		"1. a\n- b", "段落\n1. 列表", "||0000|000||\n|-|-|-|-:|", "1. a\n  b", "- a\n   b", "1. a\n    - b", "1. a\n\n   b", "中\xe6\x96", "\xff", "[\xe6](a)", "[a](\xe6)", "| \xff |\n| - |",
		"\xed\xa0\x80", "**\xc0\xaf**",
	} {
		if _, ok := parsePlain([]byte(body)); ok {
			t.Errorf("%q is read as plain", body)
		}
	}
}

// plainPieces are what TestPlainRandom builds bodies of: markup the plain
// reading takes, markup it must decline, and text on either side of a
// line break or emphasis run.
var plainPieces = []string{
	"中文", "文字。", "，", "“引”", "word", " ", "  ", "a b", "2025", "1.5亿", "（一）", "\u3000",
	"**", "*", "***", "_", "~", "[通知](a.md)", "[x](evil)", "[链接](http://x.cn/a)", "[", "]", "](",
	"[a]", "(b)", "!", "&", "&amp;", "\\", "<", ">", "\"", "'", "@", "x@y.cn", "www.", "http://a.b",
	"#", "|", "-", "+", ":", "=", "`", "\t", "…", "——", "·", "《法》", "！", "?", "是**", "**是",
	"[**b**](a.md)", "[^1]", "[ ]", "\u200b", "%20", "ABC", "Ⅱ", "\xe6\x96", "\xff", "[\xe6](a.md)",
	"\x00", "\ufffd", "\U0001F600", "\u00e9",
}

// plainStarts begin lines.
var plainStarts = []string{
	"", "", "", "", "# ", "## ", "### ", "####### ", "1. ", "2. ", "01. ", "1) ", "- ", "* ", "+ ",
	"| ", "|", "> ", "    ", " ", "  ", "   ", "---", "***", "===", "```", "[x]: /y", "**", "1.5", "10. ",
}

// plainSafe are the pieces of plainPieces the plain reading takes.
var plainSafe = []string{
	"中文", "文字。", "，", "“引”", "word", " ", "  ", "a b", "2025", "1.5亿", "（一）", "\u3000",
	"**", "[通知](a.md)", "[x](evil)", "[链接](http://x.cn/a)", "[a@b.cn](mailto:a@b.cn)", ">", "\"", "'",
	"…", "——", "·", "《法》", "！", "?", "是**", "**是", "(b)", "!", "#", "Ⅱ", "%20", "\u200b",
}

// plainSafeStarts are the line starts of plainStarts the plain reading takes.
var plainSafeStarts = []string{"", "", "", "", "", "# ", "## ", "### ", "1. ", "2. ", "01. ", "10. ", "- ", "* ", "**", "1.5", "  ", "   ", "    "}

func randomBody(rng *rand.Rand) []byte {
	pieces, starts := plainPieces, plainStarts
	if rng.IntN(2) == 0 {
		pieces, starts = plainSafe, plainSafeStarts
	}
	var b strings.Builder
	for range rng.IntN(8) + 1 {
		switch rng.IntN(5) {
		case 0:
			b.WriteString("\n")
		case 1: // a table
			cols := rng.IntN(3) + 1
			for r := range rng.IntN(4) + 1 {
				for c := range cols + rng.IntN(2) - rng.IntN(2) {
					b.WriteString("| ")
					if r == 1 {
						b.WriteString([]string{"---", "-", ":--", "--:", ":-:", ":", "::", "-:-"}[rng.IntN(8)*rng.IntN(2)])
					} else {
						for range rng.IntN(3) {
							b.WriteString(pieces[rng.IntN(len(pieces))])
						}
					}
					b.WriteString(" ")
					_ = c
				}
				b.WriteString("|\n")
			}
		default:
			b.WriteString(starts[rng.IntN(len(starts))])
			for range rng.IntN(6) + 1 {
				if rng.IntN(3) == 0 {
					b.WriteString(pieces[rng.IntN(12)]) // plain text, often
				} else {
					b.WriteString(pieces[rng.IntN(len(pieces))])
				}
			}
			if rng.IntN(5) > 0 {
				b.WriteString("\n")
			}
		}
	}
	return []byte(b.String())
}

// TestPlainRandom compares the plain reading with goldmark's on generated
// bodies; GONGKAI_PLAIN_CASES sets how many (default 20,000) and
// GONGKAI_PLAIN_SEED their seed.
func TestPlainRandom(t *testing.T) {
	n := 20000
	if s := os.Getenv("GONGKAI_PLAIN_CASES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	seed, _ := strconv.ParseUint(os.Getenv("GONGKAI_PLAIN_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(1, seed))
	plain := 0
	for range n {
		if comparePlain(t, randomBody(rng)) {
			plain++
		}
	}
	t.Logf("%d of %d generated bodies plain", plain, n)
	if plain < n/20 {
		t.Errorf("only %d of %d generated bodies plain: the test compares too little", plain, n)
	}
}

// FuzzPlain compares the plain reading with goldmark's on whatever the
// fuzzer makes of the examples (go test -fuzz FuzzPlain).
func FuzzPlain(f *testing.F) {
	for _, body := range plainExamples {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) { comparePlain(t, body) })
}

// TestPlainCorpus compares the plain reading with goldmark's on every
// body of a generated corpus (GONGKAI_CORPUS, see BenchmarkRenderCorpus).
func TestPlainCorpus(t *testing.T) {
	bodies := corpusBodies(t)
	plain := 0
	for _, body := range bodies {
		if comparePlain(t, body) {
			plain++
		}
	}
	t.Logf("%d of %d corpus bodies plain", plain, len(bodies))
}

// corpusBodies returns the Markdown bodies of the corpus GONGKAI_CORPUS
// names (its front matter cut off), or skips.
func corpusBodies(tb testing.TB) [][]byte {
	dir := os.Getenv("GONGKAI_CORPUS")
	if dir == "" {
		tb.Skip("set GONGKAI_CORPUS to a generated corpus (go run bench/gencorpus.go)")
	}
	var bodies [][]byte
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rest, ok := bytes.CutPrefix(b, []byte("---\n")); ok {
			if _, body, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
				b = body
			}
		}
		bodies = append(bodies, b)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return bodies
}
