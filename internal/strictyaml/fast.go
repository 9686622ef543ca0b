package strictyaml

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Parse parses a YAML document into a node tree, as yaml.Unmarshal into a
// yaml.Node does. Front matter is mostly written in a few simple shapes —
// "key: value" lines, nested blocks of them, one-line {…} and […] — which
// parse directly into the same tree yaml.v3 builds (kinds, tags, styles,
// values, lines and character columns); anything else (comments, block
// lists, multi-line or escaped scalars, anchors, tabs, any mistake) goes to
// yaml.v3, so that its errors, and the explanations built on them, are the
// same.
func Parse(src []byte) (*yaml.Node, error) {
	return new(Parser).Parse(src)
}

// A Parser parses documents one after another (Parse), each simple one
// into the memory of the tree it returned before: a tree lives until the
// parser's next Parse. A loader parsing thousands of front matters, each
// decoded and forgotten at once, so allocates its nodes once.
type Parser struct{ s simple }

// Parse is the package's Parse; the tree is good until the next call.
func (p *Parser) Parse(src []byte) (*yaml.Node, error) {
	if n := p.s.parse(src); n != nil {
		return n, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	return &root, nil
}

// simple parses the simple shapes; a failure of any kind means "not simple".
type simple struct {
	text string // the document, once as a string: values are substrings of it
	// slabs hold the nodes of the tree, used up to slabs[slab][next]; a
	// new parse takes them again from the start.
	slabs      [][]yaml.Node
	slab, next int
	stack      []openBlock
}

// slabSize is the nodes of one slab: a front matter's tree is some 70.
const slabSize = 64

// node returns a new node from the slabs (the tree lives only until
// decoded), keeping the room its list of children had. Only the fields
// the simple parser sets are set again: it writes no anchor, alias or
// comment, so those stay zero in every node it takes again.
func (s *simple) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if s.slab == len(s.slabs) || s.next == slabSize {
		if s.slab < len(s.slabs) {
			s.slab, s.next = s.slab+1, 0
		}
		if s.slab == len(s.slabs) {
			s.slabs = append(s.slabs, make([]yaml.Node, slabSize))
		}
	}
	n := &s.slabs[s.slab][s.next]
	s.next++
	n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.Content = kind, 0, tag, "", line, col, n.Content[:0]
	return n
}

type openBlock struct {
	indent int
	n      *yaml.Node
}

// parseSimple returns the document node, or nil when src is not simple.
func parseSimple(src []byte) *yaml.Node { return new(simple).parse(src) }

// parse is parseSimple into s's memory.
func (s *simple) parse(src []byte) *yaml.Node {
	if bytes.ContainsAny(src, "#\t\r&*!|>%@`\\") || !printable(src) {
		return nil // comments, tabs, anchors, tags, block scalars, escapes …
	}
	s.text, s.slab, s.next = string(src), 0, 0
	stack := s.stack[:0] // the open block mappings, innermost last
	defer func() { s.stack = stack[:0] }()
	var pending *yaml.Node // a key written "key:" whose value is a block below it
	pendingIndent := -1
	off := 0
	for line := 1; off < len(s.text); line++ {
		end := strings.IndexByte(s.text[off:], '\n')
		if end < 0 {
			end = len(s.text) - off
		}
		l := s.text[off : off+end]
		off += end + 1
		t := strings.TrimLeft(l, " ")
		if t == "" {
			continue
		}
		indent := len(l) - len(t)
		if strings.HasPrefix(t, "---") || strings.HasPrefix(t, "...") {
			return nil
		}
		var m *yaml.Node
		switch {
		case pending != nil:
			if indent <= pendingIndent {
				return nil // "key:" with no value: a null, left to yaml.v3
			}
			m = s.node(yaml.MappingNode, "!!map", line, indent+1)
			pending.Content = append(pending.Content, m)
			stack = append(stack, openBlock{indent, m})
			pending = nil
		case len(stack) == 0:
			if indent != 0 {
				return nil
			}
			m = s.node(yaml.MappingNode, "!!map", line, 1)
			stack = append(stack, openBlock{0, m})
		default:
			for len(stack) > 0 && stack[len(stack)-1].indent > indent {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 || stack[len(stack)-1].indent != indent {
				return nil
			}
			m = stack[len(stack)-1].n
		}
		// key: value
		k := keyLen(t)
		if k == 0 || k >= len(t) || t[k] != ':' {
			return nil
		}
		key := s.node(yaml.ScalarNode, "", line, indent+1)
		key.Value = t[:k]
		key.Tag = plainTag(key.Value)
		rest := t[k+1:]
		if rest == "" || strings.TrimLeft(rest, " ") == "" {
			// The value is the block mapping on the lines below.
			m.Content = append(m.Content, key)
			pending, pendingIndent = m, indent
			// The mapping's value node is appended when its first line comes.
			continue
		}
		if rest[0] != ' ' {
			return nil
		}
		v := strings.TrimLeft(rest, " ")
		col := indent + 1 + utf8.RuneCountInString(t[:len(t)-len(v)])
		val := s.value(v, line, col)
		if val == nil {
			return nil
		}
		m.Content = append(m.Content, key, val)
	}
	if pending != nil || len(stack) == 0 {
		return nil
	}
	root := stack[0].n
	doc := s.node(yaml.DocumentNode, "", root.Line, root.Column)
	doc.Content = append(doc.Content, root)
	return doc
}

// printable reports whether src holds only line feeds and the characters
// YAML allows in a document, none of them a line break of its own (NEL,
// LS, PS) or a byte order mark.
func printable(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c == 0x7f) {
				return false
			}
			i++
			continue
		}
		if 0xE3 <= c && c <= 0xEE && c != 0xED && i+2 < len(src) && src[i+1]&0xC0 == 0x80 && src[i+2]&0xC0 == 0x80 {
			i += 3 // U+3000–U+CFFF or U+E000–U+EFFF, CJK among them: all allowed
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return false
		case r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF, 0xD800 <= r && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

// maxKey bounds a simple key (yaml.v3 allows implicit keys of at most
// 1024 characters).
const maxKey = 128

// keyLen is the length of the plain key at the start of t (letters,
// digits, _ and -, not starting with -), or 0.
func keyLen(t string) int {
	i := 0
	for i < len(t) && i <= maxKey {
		c := t[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && ('0' <= c && c <= '9' || c == '-') {
			i++
			continue
		}
		break
	}
	if i > maxKey {
		return 0
	}
	return i
}

// value parses a whole value after "key: " (v is trimmed on the left, at
// character column col): a one-line flow mapping or list, a quoted or a
// plain scalar. nil: not simple.
func (s *simple) value(v string, line, col int) *yaml.Node {
	switch v[0] {
	case '{', '[':
		n, rest := s.flow(v, line, col)
		if n == nil || strings.TrimRight(rest, " ") != "" {
			return nil
		}
		return n
	case '"', '\'':
		n, rest := s.quoted(v, line, col)
		if n == nil || strings.TrimRight(rest, " ") != "" {
			return nil
		}
		return n
	}
	v = strings.TrimRight(v, " ")
	if !plainBlock(v) {
		return nil
	}
	n := s.node(yaml.ScalarNode, plainTag(v), line, col)
	n.Value = v
	return n
}

// plainBlock reports whether v is a plain scalar of the simple kind in a
// block mapping: no indicator to start, no ": " or ending ":", none of the
// characters that would need a closer look.
func plainBlock(v string) bool {
	if v == "" || v == "<<" || containsAny(v, &blockStops) || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return false
	}
	switch v[0] {
	case ',', '?', ':':
		return false
	case '-':
		return len(v) > 1 && v[1] != ' ' // "- x" would be a list
	}
	return true
}

// flow parses a flow mapping or list that closes on this line, of plain
// keys and simple scalars; it returns the node and the text after it.
func (s *simple) flow(v string, line, col int) (*yaml.Node, string) {
	isMap := v[0] == '{'
	kind, tag, closer := yaml.SequenceNode, "!!seq", byte(']')
	if isMap {
		kind, tag, closer = yaml.MappingNode, "!!map", '}'
	}
	n := s.node(kind, tag, line, col)
	n.Style = yaml.FlowStyle
	i := 1 // byte offset in v
	c := col + 1
	skip := func() {
		for i < len(v) && v[i] == ' ' {
			i++
			c++
		}
	}
	skip()
	if i < len(v) && v[i] == closer {
		return n, v[i+1:]
	}
	for {
		if isMap {
			k := keyLen(v[i:])
			if k == 0 || i+k+1 >= len(v) || v[i+k] != ':' || v[i+k+1] != ' ' {
				return nil, ""
			}
			key := s.node(yaml.ScalarNode, "", line, c)
			key.Value = v[i : i+k]
			key.Tag = plainTag(key.Value)
			i, c = i+k+1, c+k+1
			skip()
			n.Content = append(n.Content, key)
		}
		if i >= len(v) {
			return nil, ""
		}
		var item *yaml.Node
		if v[i] == '"' || v[i] == '\'' {
			q, rest := s.quoted(v[i:], line, c)
			if q == nil {
				return nil, ""
			}
			used := len(v) - i - len(rest)
			c += utf8.RuneCountInString(v[i : i+used])
			i += used
			item = q
		} else {
			j := i
			for j < len(v) && v[j] != ',' && v[j] != closer {
				j++
			}
			text := strings.TrimRight(v[i:j], " ")
			if !plainFlow(text) {
				return nil, ""
			}
			item = s.node(yaml.ScalarNode, plainTag(text), line, c)
			item.Value = text
			c += utf8.RuneCountInString(v[i:j])
			i = j
		}
		n.Content = append(n.Content, item)
		skip()
		if i >= len(v) {
			return nil, ""
		}
		if v[i] == closer {
			return n, v[i+1:]
		}
		if v[i] != ',' {
			return nil, ""
		}
		i, c = i+1, c+1
		skip()
		if i >= len(v) || v[i] == closer || v[i] == ',' {
			return nil, "" // a trailing or doubled comma
		}
	}
}

// plainFlow reports whether text is a simple plain scalar inside […] or
// {…}.
func plainFlow(text string) bool {
	return text != "" && text != "<<" && !containsAny(text, &flowStops) && text[0] != '-'
}

// byteSet is a set of ASCII bytes, made once (strings.ContainsAny makes
// its set at every call).
type byteSet [256]bool

func newByteSet(chars string) (s byteSet) {
	for i := 0; i < len(chars); i++ {
		s[chars[i]] = true
	}
	return s
}

// blockStops and flowStops are the bytes that make a plain scalar more
// than simple, in a block mapping and inside […] or {…}.
var (
	blockStops = newByteSet("\"'[]{}")
	flowStops  = newByteSet("\"'[]{}:,?")
)

func containsAny(s string, set *byteSet) bool {
	for i := 0; i < len(s); i++ {
		if set[s[i]] {
			return true
		}
	}
	return false
}

// quoted parses a one-line quoted scalar without escapes (no backslash in
// double quotes, no doubled single quote in single ones) and returns the
// node and the text after it.
func (s *simple) quoted(v string, line, col int) (*yaml.Node, string) {
	q := v[0]
	end := strings.IndexByte(v[1:], q)
	if end < 0 {
		return nil, ""
	}
	body := v[1 : 1+end]
	rest := v[2+end:]
	if q == '\'' && strings.HasPrefix(rest, "'") {
		return nil, "" // '' is an escaped quote
	}
	if strings.HasPrefix(body, " ") || strings.HasSuffix(body, " ") {
		// Spaces are kept as written; nothing to fold on one line, but
		// leave the unusual to yaml.v3.
		return nil, ""
	}
	n := s.node(yaml.ScalarNode, "!!str", line, col)
	n.Value = body
	n.Style = yaml.DoubleQuotedStyle
	if q == '\'' {
		n.Style = yaml.SingleQuotedStyle
	}
	return n, rest
}

// plainTag is the tag yaml.v3 resolves a plain scalar to (its resolve,
// for the tag alone).
func plainTag(v string) string {
	if v == "" {
		return "!!null"
	}
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	switch c := v[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		return numberTag(v)
	}
	return "!!str"
}

var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// timestampFormats are the layouts yaml.v3 reads a timestamp with.
var timestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// numberTag resolves a plain scalar starting with a sign or a digit.
func numberTag(v string) string {
	if isTimestamp(v) {
		return "!!timestamp"
	}
	if !numberish(v) {
		return "!!str" // 11330782MB1234567X/2023-02516: no number has a / or an M
	}
	plain := strings.ReplaceAll(v, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if yamlStyleFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, p.prefix); ok {
			if _, err := strconv.ParseInt(rest, p.base, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(rest, p.base, 64); err == nil {
				return "!!int"
			}
		} else if rest, ok := strings.CutPrefix(plain, "-"+p.prefix); ok {
			if _, err := strconv.ParseInt("-"+rest, p.base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

// numberish reports whether v is made only of the bytes the integers and
// floats numberTag accepts are written with: digits, hexadecimal letters,
// the base prefixes' x, o and b, signs, a point, an exponent's e and
// underscores. Anything else is a string, without the parsing.
func numberish(v string) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		case c == 'x', c == 'X', c == 'o', c == 'O', c == '_', c == '+', c == '-', c == '.':
		default:
			return false
		}
	}
	return true
}

// PlainDate reads a day written 2006-01-02 — four digits, two and two,
// a month and a day that exist — as time.Parse("2006-01-02") would,
// without its generality: front matter dates nearly every step this way.
// Anything else is not ok (time.Parse may still read it).
func PlainDate(s string) (year int, month time.Month, day int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(i, j int) int {
		n := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(0, 4), num(5, 7), num(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return 0, 0, 0, false
	}
	return y, time.Month(m), d, true
}

// daysIn is the number of days of a month, as the time package counts
// them (the proleptic Gregorian calendar).
func daysIn(m time.Month, year int) int {
	if m == time.February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31 - int((m-1)%7%2)
}

// isTimestamp is yaml.v3's timestamp test: four digits and "-", then one
// of its layouts.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	if len(s) == 10 && s[7] == '-' {
		// 2006-01-02: the layouts with a clock need more text.
		if _, _, _, ok := PlainDate(s); ok {
			return true
		}
		_, err := time.Parse("2006-1-2", s)
		return err == nil
	}
	for _, f := range timestampFormats {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}
