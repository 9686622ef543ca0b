package load

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"gongkai/internal/msg"
)

// block is a file split into its front matter and body.
type block struct {
	format    string // "yaml" or "toml"
	fm        []byte // the lines between the delimiters
	fmLine    int    // file line of the first front-matter line
	body      []byte
	bodyLine  int // file line on which body starts
	problem   string
	problemAt [2]int // line, col of the problem
}

// Body returns the Markdown body of an article file as Parse reads it (the
// text after the front matter, with a byte-order mark dropped and CRLF line
// ends made LF) and the normalized file it was cut from; the file is assumed
// to parse (Parse said so when it was loaded).
func Body(raw []byte) (src, body []byte) {
	src = normalize(raw)
	return src, split(src).body
}

// normalize drops a UTF-8 BOM and turns CRLF into LF. Neither shifts line
// numbers or character columns.

func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src
}

var (
	msgGBK = msg.New("load.gbk",
		"文件不是 UTF-8 编码，看起来是 GBK/GB18030（中文 Windows 默认保存的编码）。"+
			"Windows：用记事本、WPS 或 VS Code 打开，选择“另存为”，编码选 UTF-8；"+
			"Linux：iconv -f GBK -t UTF-8 %[1]s -o %[1]s.utf8 && mv %[1]s.utf8 %[1]s",
		"file is not UTF-8; it looks like GBK/GB18030 (as saved on Chinese Windows). "+
			"Windows: open it in Notepad, WPS or VS Code and save as UTF-8; "+
			"Linux: iconv -f GBK -t UTF-8 %[1]s -o %[1]s.utf8 && mv %[1]s.utf8 %[1]s")
	msgNotUTF8 = msg.New("load.not_utf8",
		"文件不是有效的 UTF-8 编码（第一个错误字节在第%d行第%d列），请另存为 UTF-8",
		"file is not valid UTF-8 (first bad byte at line %d, column %d); save it as UTF-8")
	msgNoFrontMatter = msg.New("load.no_front_matter",
		"没有前置信息：文件第一行应为“---”，接着写前置信息（title、department 等），再以一行“---”结束",
		"no front matter: the file must start with a line \"---\", the front matter (title, department, …), and a closing \"---\"")
	msgUnclosed = msg.New("load.unclosed",
		"第1行的“%[1]s”开始了前置信息，但没有结束：请在最后一个键之后加一行“%[1]s”",
		"the front matter opened by %[1]q on line 1 is never closed: add a line %[1]q after the last key")
)

// validUTF8 is utf8.Valid, quicker on Chinese text: a three-byte
// character whose first byte allows any continuation (E1–EC, EE–EF, all
// of the CJK ideographs) is checked by its bit patterns alone; any other
// character is decoded as utf8.Valid would.
func validUTF8(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if 0xE1 <= c && c <= 0xEF && c != 0xED && i+2 < len(src) && src[i+1]&0xC0 == 0x80 && src[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// encodingProblem explains a file that is not UTF-8.
func encodingProblem(p string, src []byte) string {
	if looksGBK(src) {
		return msgGBK.F(p)
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return msgNotUTF8.F(line, col)
}

// looksGBK reports whether the non-ASCII bytes of src pair up as GBK /
// GB18030 double-byte characters (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F).
func looksGBK(src []byte) bool {
	pairs := 0
	for i := 0; i < len(src); i++ {
		b := src[i]
		if b < 0x80 {
			continue
		}
		if b < 0x81 || b == 0xFF || i+1 >= len(src) {
			return false
		}
		t := src[i+1]
		if t < 0x40 || t == 0x7F || t == 0xFF {
			return false
		}
		pairs++
		i++
	}
	return pairs > 0
}

// split finds the front matter. The opening delimiter must be the first line:
// "---" for YAML, "+++" for TOML; the closing one the same ("..." also closes
// YAML).
func split(src []byte) block {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	first = bytes.TrimRight(first, " \t")
	var b block
	switch string(first) {
	case "---":
		b.format = "yaml"
	case "+++":
		b.format = "toml"
	default:
		b.problem = msgNoFrontMatter.F()
		b.problemAt = [2]int{1, 1}
		return b
	}
	b.fmLine = 2
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest) + 1
		if end >= 0 {
			next = off + end + 1
		} else {
			end = len(rest) - off
		}
		l := bytes.TrimRight(rest[off:off+end], " \t")
		if string(l) == string(first) || (b.format == "yaml" && string(l) == "...") {
			b.fm = rest[:off]
			if next <= len(rest) {
				b.body = rest[next:]
			}
			b.bodyLine = line + 1
			return b
		}
		line++
		off = next
	}
	b.problem = msgUnclosed.F(first)
	b.problemAt = [2]int{1, 1}
	return b
}

// fullWidthColon matches a key followed by a full-width colon, the most
// common typo with a Chinese input method on.
var fullWidthColon = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：`)

// findFullWidthColon returns the 1-based line within fm, the character column
// of the colon and the key, or line 0.
func findFullWidthColon(fm []byte) (line, col int, key string) {
	if !bytes.Contains(fm, []byte("：")) {
		return 0, 0, "" // the pattern needs one; most front matter has none
	}
	for i, l := range bytes.Split(fm, []byte("\n")) {
		if !bytes.Contains(l, []byte("：")) {
			continue
		}
		m := fullWidthColon.FindSubmatchIndex(l)
		if m == nil {
			continue
		}
		colon := bytes.Index(l, []byte("："))
		return i + 1, utf8.RuneCount(l[:colon]) + 1, string(l[m[4]:m[5]])
	}
	return 0, 0, ""
}
