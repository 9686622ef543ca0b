package strictyaml

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// sameTree returns "" when a and b are the same tree, or where they differ.
func sameTree(a, b *yaml.Node, at string) string {
	if a == nil || b == nil {
		if a != b {
			return at + ": one node is nil"
		}
		return ""
	}
	fa := fmt.Sprintf("%v %v %q %q %q %d:%d %q %q %q %v %d", a.Kind, a.Style, a.Tag, a.Value, a.Anchor, a.Line, a.Column, a.HeadComment, a.LineComment, a.FootComment, a.Alias != nil, len(a.Content))
	fb := fmt.Sprintf("%v %v %q %q %q %d:%d %q %q %q %v %d", b.Kind, b.Style, b.Tag, b.Value, b.Anchor, b.Line, b.Column, b.HeadComment, b.LineComment, b.FootComment, b.Alias != nil, len(b.Content))
	if fa != fb {
		return fmt.Sprintf("%s: simple %s, yaml.v3 %s", at, fa, fb)
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkSimple fails when the simple parser reads src and yaml.v3 reads it
// otherwise, or not at all.
func checkSimple(t *testing.T, src []byte) bool {
	t.Helper()
	got := parseSimple(src)
	if again := reused.parse(src); (again == nil) != (got == nil) {
		t.Fatalf("a parser reused reads it: %v, a new one: %v\n%s", again != nil, got != nil, src)
	} else if got != nil {
		if d := sameTree(again, got, ""); d != "" {
			t.Fatalf("a parser reused and a new one differ at %s:\n%s", d, src)
		}
	}
	if got == nil {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		t.Fatalf("simple parser read what yaml.v3 rejects (%v):\n%s", err, src)
	}
	if d := sameTree(got, &want, ""); d != "" {
		t.Fatalf("trees differ at %s:\n%s", d, src)
	}
	return true
}

// reused is the parser every checkSimple parses with again, in the memory
// of the trees of the documents before.
var reused simple

var simpleCases = []string{
	"title: 标题\n",
	"title: \"县招商局2023年部门职责调整情况\"\ndepartment: 政策法规科\nauthors: [林静]\ntags: [政务公开, 内设机构]\nreview:\n  content: {by: 陈明, at: 2023-03-15, opinion: 公开}\n  signoff: {by: 钱七, at: 2023-03-16}\n",
	"a: 1\nb: -1\nc: 0x1F\nd: 1_000\ne: 1.5\nf: .5\ng: .inf\nh: true\ni: null\nj: ~\nk: 2025-02-30\nl: 2025-3-4\nm: 0b101\nn: 0o17\no: 11330782MB1234567X/2023-02516\np: +1\nq: 1e3\nr: '单引号'\ns: \"双引号: 冒号\"\n",
	"x:\n  y:\n    z: 1\n  w: 2\nv: 3\n",
	"x:\n   y: 1\n   z: {}\nw: []\nu: [ a , b ]\nt: { a: b }\n",
	"\n\ntitle: 标题  \n\n  \nsummary: 办公时间8:30—12:00\n",
	"True: 1\nnull: 2\nyes: no\n",
	"a: 0X1F\nb: 1e5\nc: 12M\nd: 1/2\ne: -0b11\nf: +.5e-3\ng: 0o7_7\nh: 1_0.5\ni: 0xG\nj: 1.2.3\nk: 9z\nl: -0x_1\n",
	"title: a, b\nx: 'it'\n",
	"k: [\"a\", 'b', c d]\n",
	"k: {a: \"x, y\", b: 'z'}\n",
	// not simple: yaml.v3 decides
	"title: 标题 # 注释\n", "a:\n- x\n", "a: |\n  x\n", "a: &x 1\nb: *x\n", "a: \"x\\ty\"\n",
	"title: 关于\n  通知\n", "a:\nb: 1\n", "a: b: c\n", "a: {b: c\n", "a: [b, c\n", "a: {b: c, }\n",
	"  a: 1\n", "a: 1\n  b: 2\n", "a:\n    b: 1\n  c: 2\n", "- a\n", "a: 'x''y'\n", "a: {b: 2025-03-04T09:30:00+08:00}\n",
	"a: \" x\"\n", "a: 1\n---\nb: 2\n", "<<: {a: b}\n", "a: <<\n", "a: -x\n", "a: ?x\n", "a: x:\n",
	"a: \u2028b\n", "a: \x01\n", "a: \ufeffb\n", "a:b\n", "a : b\n", "a: {b:c}\n", "a: [b,c]\n", "a: [,]\n",
}

func TestSimpleParseIsYAMLv3(t *testing.T) {
	n := 0
	for _, src := range simpleCases {
		if checkSimple(t, []byte(src)) {
			n++
		}
	}
	if n < 10 {
		t.Errorf("only %d of the simple cases took the simple path", n)
	}
	for _, src := range simpleCases[:10] {
		if parseSimple([]byte(src)) == nil {
			t.Errorf("not read as simple:\n%s", src)
		}
	}
}

// frontMatters returns the front matter of every Markdown file in the
// repository and in its txtar fixtures, and of the generated corpus at
// GONGKAI_CORPUS (the first 3,000 articles) when set.
func frontMatters(t *testing.T) [][]byte {
	var out [][]byte
	add := func(text []byte) {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		for _, open := range []string{"---\n"} {
			if rest, ok := bytes.CutPrefix(text, []byte(open)); ok {
				if fm, _, ok := bytes.Cut(rest, []byte("\n---")); ok {
					out = append(out, append(fm, '\n'))
				}
			}
		}
	}
	root, _ := filepath.Abs("../..")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "node" || d.Name() == "node_modules") {
			return fs.SkipDir
		}
		switch {
		case strings.HasSuffix(p, ".md"):
			if b, err := os.ReadFile(p); err == nil {
				add(b)
			}
		case strings.HasSuffix(p, ".txtar"):
			b, _ := os.ReadFile(p)
			for _, part := range bytes.Split(b, []byte("\n-- ")) {
				if _, body, ok := bytes.Cut(part, []byte(" --\n")); ok {
					add(body)
				}
			}
		}
		return nil
	})
	if dir := os.Getenv("GONGKAI_CORPUS"); dir != "" {
		n := 0
		filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && n < 3000 {
				b, _ := os.ReadFile(p)
				add(b)
				n++
			}
			return nil
		})
	}
	return out
}

// TestSimpleParseOfTheFixtures compares the two parsers on every front
// matter at hand and on variants of each with a character inserted or
// deleted (most of them mistakes, which must go to yaml.v3).
func TestSimpleParseOfTheFixtures(t *testing.T) {
	fms := frontMatters(t)
	simple := 0
	for _, fm := range fms {
		if checkSimple(t, fm) {
			simple++
		}
	}
	t.Logf("%d of %d front matters took the simple path", simple, len(fms))
	r := rand.New(rand.NewSource(1))
	inserts := []string{":", " ", "  ", "\"", "'", "{", "}", "[", "]", ",", "\n", "\n  ", "-", "?", "~", "1", "：", "，", "x: ", "<<"}
	for _, fm := range fms {
		for range 20 {
			if len(fm) == 0 {
				break
			}
			i := r.Intn(len(fm))
			var v []byte
			if r.Intn(3) == 0 {
				v = append(append([]byte{}, fm[:i]...), fm[i+1:]...)
			} else {
				v = append(append(append([]byte{}, fm[:i]...), inserts[r.Intn(len(inserts))]...), fm[i:]...)
			}
			checkSimple(t, v)
		}
	}
}

func FuzzSimpleParse(f *testing.F) {
	for _, src := range simpleCases {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkSimple(t, src) })
}

// PlainDate reads what time.Parse("2006-01-02") reads, as the same day,
// for every month and day number of a few years (leap and not), and
// refuses what it refuses.
func TestPlainDateIsTimeParse(t *testing.T) {
	var cases []string
	for _, y := range []string{"0000", "1900", "2000", "2023", "2024", "2100", "9999"} {
		for m := 0; m < 14; m++ {
			for d := 0; d < 33; d++ {
				cases = append(cases, fmt.Sprintf("%s-%02d-%02d", y, m, d))
			}
		}
	}
	cases = append(cases, "2025-1-012", "2025-01-1x", "202a-01-01", "+025-01-01", "2025/01/01", "2025-01-01 ", "２０２５-01-01", "-2025-01-0")
	for _, s := range cases {
		y, m, d, ok := PlainDate(s)
		want, err := time.Parse("2006-01-02", s)
		if ok != (err == nil) || ok && (y != want.Year() || m != want.Month() || d != want.Day()) {
			t.Errorf("PlainDate(%q) = %d-%d-%d %v; time.Parse: %v, %v", s, y, m, d, ok, want, err)
		}
		if ok && !isTimestamp(s) {
			t.Errorf("%q is not a timestamp", s)
		}
	}
}
