package check_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"gongkai/internal/check"
	"gongkai/internal/config"
	"gongkai/internal/diag"
	"gongkai/internal/load"
	"gongkai/internal/markdown"
)

// term is the secrecy term the property test hides; testdata/gongkai.yaml
// declares it.
const term = "内部资料"

// TestSecrecyTermFiresIffThePageShowsIt renders random Markdown with the
// term written through random markup (emphasis, strikethrough, links,
// character references, line breaks, invisible characters, code, alt texts
// and titles, tables, lists, quotes, footnotes, headings) and asserts that
// GK030 reports the body exactly when the rendered page's visible text
// holds the term, at a source position where the term's first character
// is written.
func TestSecrecyTermFiresIffThePageShowsIt(t *testing.T) {
	base, err := os.ReadFile("testdata/gongkai.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{config.FileName: {Data: base}}
	cfg, _ := config.Load(fsys)
	md := markdown.New(markdown.Options{})
	rng := rand.New(rand.NewPCG(10, 30))
	shown, hidden := 0, 0
	for i := range 3000 {
		body := randomBody(rng)
		res, err := md.Render([]byte(body), nil)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Contains(visibleText(t, res.HTML), term)
		src := "---\ntitle: 会议\ndepartment: 办公室\ncategory: 工作动态\nkind: 动态信息\nauthors: [张三]\ndisclosure: 主动公开\n---\n" + body
		fsys["content/a.md"] = &fstest.MapFile{Data: []byte(src)}
		arts, loaded := load.Load(fsys, cfg)
		got := bodyHits(check.RunAfterLoad(cfg, arts, loaded, fsys, time.Now()), term)
		if want {
			shown++
		} else {
			hidden++
		}
		if (len(got) > 0) != want {
			t.Fatalf("case %d: page shows the term: %v, GK030 fired: %v\nbody:\n%s\nhtml:\n%s", i, want, got, body, res.HTML)
		}
		for _, p := range got {
			if !startsTerm(src, p) {
				t.Errorf("case %d: GK030 at %d:%d, where the term does not start\nbody:\n%s", i, p.Line, p.Col, body)
			}
		}
	}
	if shown < 500 || hidden < 500 {
		t.Errorf("the generator is lopsided: %d shown, %d hidden", shown, hidden)
	}
}

// bodyHits returns the positions of GK030 findings about the term in the
// body.
func bodyHits(l diag.List, term string) []diag.Pos {
	var out []diag.Pos
	for _, f := range l {
		if f.ID == "GK030" && strings.Contains(f.Msg, "“"+term+"”") && strings.HasPrefix(f.Msg, "正文") {
			out = append(out, f.Pos)
		}
	}
	return out
}

// startsTerm reports whether the source at p writes the term's first
// character: itself, or as a character reference.
func startsTerm(src string, p diag.Pos) bool {
	lines := strings.Split(src, "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return false
	}
	line := lines[p.Line-1]
	for col := 1; col < p.Col && line != ""; col++ {
		_, size := utf8.DecodeRuneInString(line)
		line = line[size:]
	}
	first, _ := utf8.DecodeRuneInString(term)
	return strings.HasPrefix(line, string(first)) || strings.HasPrefix(line, "&#")
}

// visibleText is the oracle: the text a browser shows of the rendered
// HTML, each block, alt text and title on its own line, a <br> joining the
// lines around it (the gate reads them as one), superscript note marks and
// invisible characters left out.
func visibleText(t *testing.T, page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	afterBR := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			s := n.Data
			if afterBR {
				s = strings.TrimPrefix(s, "\n")
			}
			b.WriteString(strings.ReplaceAll(s, "\n", " "))
			afterBR = false
			return
		case html.ElementNode:
			afterBR = false
			switch n.Data {
			case "br":
				afterBR = true
				return
			case "sup":
				return
			case "a":
				for _, a := range n.Attr {
					if a.Key == "class" && a.Val == "footnote-ref" {
						return
					}
				}
			case "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "pre", "blockquote", "div", "ol", "ul", "table", "section", "hr":
				defer b.WriteString("\n")
				b.WriteString("\n")
			}
			for _, a := range n.Attr {
				if a.Key == "alt" || a.Key == "title" {
					defer b.WriteString("\n" + a.Val + "\n")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Map(func(r rune) rune {
		if markdown.Invisible(r) {
			return -1
		}
		return r
	}, b.String())
}

// filler is text that holds no secrecy term, whatever is put next to it.
var filler = []string{"会议要求", "各单位", "认真贯彻", "落实工作", "部署", "，", "。", "work plan", "2025年", "一"}

func fill(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(3) {
		b.WriteString(filler[rng.IntN(len(filler))])
	}
	return b.String()
}

// hide writes the term with random markup between and around its
// characters. inline is false where a line break would end the block
// (headings, table cells).
func hide(rng *rand.Rand, multiline bool) string {
	rs := []rune(term)
	var b strings.Builder
	for i, r := range rs {
		b.WriteString(char(rng, r))
		if i == len(rs)-1 {
			break
		}
		switch rng.IntN(14) {
		case 0:
			if multiline {
				b.WriteString("\n")
			}
		case 1:
			b.WriteString("\u200b")
		case 2:
			b.WriteString("\u00ad")
		case 3:
			b.WriteString("\ufeff")
		case 4:
			b.WriteString("，") // a visible character: the term is broken
		case 5:
			if multiline {
				b.WriteString("\\\n") // a hard line break
			}
		case 6:
			b.WriteString("[^1]")
		case 7:
			b.WriteString(" ") // a space: broken
		}
	}
	return wrap(rng, b.String())
}

// char writes one character of the term, sometimes as a reference.
func char(rng *rand.Rand, r rune) string {
	switch rng.IntN(8) {
	case 0:
		return fmt.Sprintf("&#%d;", r)
	case 1:
		return fmt.Sprintf("&#x%X;", r)
	}
	return string(r)
}

// wrap puts markup around all or part of s.
func wrap(rng *rand.Rand, s string) string {
	marks := []string{"**", "*", "_", "~~", "`"}
	switch n := rng.IntN(10); {
	case n < 3:
		return s
	case n < 6:
		m := marks[rng.IntN(len(marks))]
		rs := []rune(s)
		i := rng.IntN(len(rs) + 1)
		j := i + rng.IntN(len(rs)-i+1)
		return string(rs[:i]) + m + string(rs[i:j]) + m + string(rs[j:])
	case n == 6:
		return "[" + s + "](other.html)"
	case n == 7:
		return "[说明](other.html \"" + strings.ReplaceAll(s, "\n", "") + "\")"
	case n == 8:
		return "![" + strings.ReplaceAll(s, "\n", "") + "](pic.png)"
	}
	return "<" + "https://example.org/" + "> " + s
}

// randomBody writes a few blocks, one of which holds the hidden term.
func randomBody(rng *rand.Rand) string {
	n := 1 + rng.IntN(4)
	at := rng.IntN(n)
	var b strings.Builder
	for i := range n {
		text := fill(rng)
		hidden := func(multiline bool) string {
			if i != at {
				return fill(rng)
			}
			return fill(rng) + hide(rng, multiline) + fill(rng)
		}
		switch rng.IntN(8) {
		case 0:
			fmt.Fprintf(&b, "## %s%s\n\n", text, hidden(false))
		case 1:
			fmt.Fprintf(&b, "- %s\n- %s\n\n", text, hidden(true))
		case 2:
			fmt.Fprintf(&b, "> %s%s\n\n", text, strings.ReplaceAll(hidden(true), "\n", "\n> "))
		case 3:
			fmt.Fprintf(&b, "| 项目 | 说明 |\n|---|---|\n| %s | %s |\n\n", text, strings.ReplaceAll(hidden(false), "|", "\\|"))
		case 4:
			fmt.Fprintf(&b, "```\n%s\n```\n\n", hidden(true))
		default:
			fmt.Fprintf(&b, "%s%s\n\n", text, hidden(true))
		}
	}
	b.WriteString("[^1]: 注释" + fill(rng) + "\n")
	return b.String()
}
