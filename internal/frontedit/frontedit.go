// Package frontedit adds one review step to an article's front matter and
// leaves every other byte of the file as it was: the order of keys, comments,
// quoting, indentation, a UTF-8 byte order mark and CRLF line ends.
//
// It writes the step in the file's own style. Under a block mapping
// (review: on its own line) the step goes after the last step already
// there, at the same indentation, as a flow mapping ({by: 李四, at: …}) when
// that step is one and as a block mapping otherwise; under a flow mapping
// (review: {content: {…}}) it goes before the closing brace; with no review:
// key at all, review: is added at the end of the front matter. TOML front
// matter gets a [review.<step>] table after the last review table, or a
// line in [review]; an inline review = {…} table is refused, since TOML
// cannot extend it in place.
//
// The result is parsed again and must hold the step with exactly the
// fields given; otherwise InsertStep returns an error and no text.
package frontedit

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"gongkai/internal/msg"
)

// Field is one field of the step: a scalar (Value) or a list (List, when
// IsList).
type Field struct {
	Key    string
	Value  string
	List   []string
	IsList bool
}

var (
	msgNoFrontMatter = msg.New("frontedit.no_front_matter",
		"文件没有可识别的前置元数据（首行须为 --- 或 +++，并有对应的结束行），无法写入审核步骤",
		"the file has no front matter gongkai can edit (the first line must be --- or +++, with a closing line): cannot write the review step")
	msgUnparsable = msg.New("frontedit.unparsable",
		"前置元数据无法解析（%v），请先修正再签署",
		"the front matter cannot be parsed (%v): fix it before signing")
	msgStepPresent = msg.New("frontedit.step_present",
		"review.%s 已经存在，gongkai sign 不改写已有的步骤",
		"review.%s is already there: gongkai sign does not rewrite a step")
	msgReviewNotMapping = msg.New("frontedit.review_not_mapping",
		"第 %d 行的 review: 不是键值映射（写成了 %s），请改为 review: 后换行逐步填写，或删去该值",
		"review: on line %d is not a mapping (it is %s): write the steps under it, or remove the value")
	msgTOMLInline = msg.New("frontedit.toml_inline",
		"TOML 前置元数据中的 review = {…} 是行内表，TOML 不允许在原处扩充：请改为 [review.<步骤>] 表，或手工填写该步骤",
		"review = {…} in TOML front matter is an inline table, which TOML cannot extend in place: use [review.<step>] tables, or fill in the step by hand")
	msgVerifyFailed = msg.New("frontedit.verify_failed",
		"写入后的前置元数据与预期不符（%v），文件未改动；请手工填写该步骤并报告此问题",
		"the edited front matter is not what was meant (%v); the file is unchanged: fill in the step by hand and report this")
)

// InsertStep returns src with review.<key> added, holding fields in order.
func InsertStep(src []byte, key string, fields []Field) ([]byte, error) {
	f, err := splitFile(src)
	if err != nil {
		return nil, err
	}
	var out []byte
	switch f.format {
	case "yaml":
		out, err = insertYAML(f, key, fields)
	default:
		out, err = insertTOML(f, key, fields)
	}
	if err != nil {
		return nil, err
	}
	if err := verify(out, key, fields); err != nil {
		return nil, msgVerifyFailed.Error(err)
	}
	return out, nil
}

// file is a file cut into raw lines, each with its own line end.
type file struct {
	bom    []byte
	lines  []string // raw lines with their terminator ("\n", "\r\n" or none)
	format string   // "yaml" or "toml"
	close  int      // index of the closing delimiter line
	eol    string   // the line end of the opening delimiter
}

var bom = []byte("\ufeff")

func splitFile(src []byte) (*file, error) {
	f := &file{}
	if bytes.HasPrefix(src, bom) {
		f.bom, src = bom, src[len(bom):]
	}
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			f.lines = append(f.lines, string(src))
			break
		}
		f.lines = append(f.lines, string(src[:i+1]))
		src = src[i+1:]
	}
	if len(f.lines) == 0 {
		return nil, msgNoFrontMatter.Error()
	}
	first := text(f.lines[0])
	switch strings.TrimRight(first, " \t") {
	case "---":
		f.format = "yaml"
	case "+++":
		f.format = "toml"
	default:
		return nil, msgNoFrontMatter.Error()
	}
	f.eol = f.lines[0][len(first):]
	if f.eol == "" {
		return nil, msgNoFrontMatter.Error()
	}
	delim := strings.TrimRight(first, " \t")
	for i := 1; i < len(f.lines); i++ {
		l := strings.TrimRight(text(f.lines[i]), " \t")
		if l == delim || (f.format == "yaml" && l == "...") {
			f.close = i
			return f, nil
		}
	}
	return nil, msgNoFrontMatter.Error()
}

// text returns a raw line without its line end.
func text(raw string) string {
	raw = strings.TrimSuffix(raw, "\n")
	return strings.TrimSuffix(raw, "\r")
}

// frontMatter returns the front matter's lines without line ends, joined by
// "\n": line 1 of it is file line 2.
func (f *file) frontMatter() string {
	var b strings.Builder
	for _, l := range f.lines[1:f.close] {
		b.WriteString(text(l))
		b.WriteByte('\n')
	}
	return b.String()
}

// lineEnd is the line end to give a line inserted before raw line i: that of
// the line before it.
func (f *file) lineEnd(i int) string {
	if i > 0 {
		l := f.lines[i-1]
		if e := l[len(text(l)):]; e != "" {
			return e
		}
	}
	return f.eol
}

// insertLines puts the lines (without line ends) before raw line i.
func (f *file) insertLines(i int, add []string) {
	eol := f.lineEnd(i)
	if i > 0 && !strings.HasSuffix(f.lines[i-1], "\n") {
		f.lines[i-1] += eol
	}
	out := make([]string, 0, len(f.lines)+len(add))
	out = append(out, f.lines[:i]...)
	for _, l := range add {
		out = append(out, l+eol)
	}
	f.lines = append(out, f.lines[i:]...)
	if i <= f.close {
		f.close += len(add)
	}
}

// insertAt puts s into raw line i at byte offset off of its text.
func (f *file) insertAt(i, off int, s string) {
	l := f.lines[i]
	f.lines[i] = l[:off] + s + l[off:]
}

func (f *file) bytes() []byte {
	var b bytes.Buffer
	b.Write(f.bom)
	for _, l := range f.lines {
		b.WriteString(l)
	}
	return b.Bytes()
}

// byteOffset converts a 1-based character column in s to a byte offset.
func byteOffset(s string, col int) int {
	off := 0
	for n := 1; n < col && off < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}

// indentOf returns the leading spaces of s.
func indentOf(s string) string {
	return s[:len(s)-len(strings.TrimLeft(s, " "))]
}

var errNotFound = errors.New("not found")
