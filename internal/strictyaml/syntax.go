package strictyaml

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gongkai/internal/msg"
)

// The YAML mistakes authors make most, each explained with the fix instead
// of the parser's text, at the column where the problem is.
var (
	msgYAMLTab = msg.New("strictyaml.yaml_tab",
		"缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格",
		"a tab in the indentation: YAML indents with spaces only; replace the tab at the start of this line with spaces")
	msgYAMLColon = msg.New("strictyaml.yaml_colon",
		"%[1]s 的值中含有冒号（: ），请用引号把整个值括起来：%[1]s: %[2]s",
		"the value of %[1]s contains a colon (: ): put the whole value in quotes: %[1]s: %[2]s")
	msgYAMLIndent = msg.New("strictyaml.yaml_indent",
		"这一行的缩进不对：同一层的键要左对齐；如果它属于上一行的键，上一行的冒号后面就不能再写值",
		"this line is indented wrongly: keys on one level start in the same column; if it belongs to the key above, that key may not have a value after its colon")
	msgYAMLUnclosed = msg.New("strictyaml.yaml_unclosed",
		"%[1]s 没有闭合：请在这一行末尾补上 %[2]s，各项之间用英文逗号 , 分隔，如 %[3]s",
		"%[1]s is not closed: add %[2]s at the end of this line, with the items separated by commas, such as %[3]s")
	msgYAMLComma = msg.New("strictyaml.yaml_comma",
		"“%[1]s”前面缺少英文逗号 ,：花括号里的各项之间要用 , 分隔，如 {by: 李四, at: 2025-03-04}",
		"a comma is missing before %[1]q: separate the items in braces with , such as {by: 李四, at: 2025-03-04}")
	msgYAMLFullWidthComma = msg.New("strictyaml.yaml_full_width_comma",
		"这里用了中文逗号“，”：列表和花括号里的各项之间要用英文逗号 , 分隔，请切换到半角输入",
		"a full-width comma \"，\" here: items in lists and braces are separated by an ASCII comma ,; switch the input method to half-width")
	msgYAMLList       = msg.New("strictyaml.yaml_list", "方括号列表 [", "the list opened by [")
	msgYAMLMapping    = msg.New("strictyaml.yaml_mapping", "花括号 {", "the braces opened by {")
	msgYAMLHashInFlow = msg.New("strictyaml.yaml_hash_in_flow",
		"# 在 YAML 中表示注释开始：值里含有 # 时，请用引号把这个值括起来，如 \"#1\"",
		"# starts a comment in YAML: put a value containing # in quotes, such as \"#1\"")
	msgYAMLAfterQuote = msg.New("strictyaml.yaml_after_quote",
		"引号后面还有文字：引号要括住整个值，请把整行的值放进一对引号里",
		"text after the closing quote: quotes enclose the whole value; put the whole value in one pair of quotes")
	msgYAMLUnclosedQuote = msg.New("strictyaml.yaml_unclosed_quote",
		"%[1]s 的值以引号 %[2]s 开头，但这一行没有与之配对的 %[2]s：请在值的末尾补上 %[2]s",
		"the value of %[1]s opens a quote %[2]s that this line does not close: add %[2]s at the end of the value")
	msgYAMLBadStart = msg.New("strictyaml.yaml_bad_start",
		"值不能以 %s 开头，请用引号把整个值括起来",
		"a value may not start with %s: put the whole value in quotes")
	msgYAMLOther = msg.New("strictyaml.yaml_other",
		"YAML 格式有误（%s）：请检查这一行的冒号、引号、括号和缩进",
		"the YAML cannot be parsed (%s): check the colons, quotes, brackets and indentation of this line")
	msgYAMLHashComment = msg.New("strictyaml.yaml_hash_comment",
		"%[1]s 的值中“#”及后面的文字被当作注释忽略了；如果 # 属于值的一部分，请用引号把整个值括起来：%[1]s: %[2]s",
		"the text from \"#\" on in the value of %[1]s is ignored as a comment; if # belongs to the value, put the whole value in quotes: %[1]s: %[2]s")
)

// Explain explains a YAML syntax error on line (1-based, of text): it
// returns the character column of the problem and the message in the
// reader's language. parser is yaml.v3's own text, kept for mistakes it
// does not recognise.
func Explain(text []byte, line int, parser string) (int, string) {
	lines := strings.Split(string(text), "\n")
	if line < 1 || line > len(lines) {
		return 1, msgYAMLOther.F(parserText(parser))
	}
	l := lines[line-1]
	indent := len(l) - len(strings.TrimLeft(l, " \t"))
	if i := strings.IndexByte(l[:indent], '\t'); i >= 0 {
		return i + 1, msgYAMLTab.F()
	}
	if col, m, ok := explainFlow(l); ok {
		return col, m
	}
	key, value, vcol, ok := plainPair(l)
	switch {
	case ok && value != "" && (value[0] == '"' || value[0] == '\'') && strings.IndexByte(value[1:], value[0]) < 0:
		return vcol, msgYAMLUnclosedQuote.F(key, value[:1])
	case ok && value != "" && (value[0] == '"' || value[0] == '\''):
		if end := strings.IndexByte(value[1:], value[0]); end >= 0 && strings.TrimSpace(value[end+2:]) != "" {
			after := value[:end+2]
			after += value[len(after) : len(value)-len(strings.TrimLeft(value[len(after):], " "))]
			return vcol + utf8.RuneCountInString(after), msgYAMLAfterQuote.F()
		}
	case ok && strings.Contains(value, ": "):
		i := strings.Index(value, ": ")
		return vcol + utf8.RuneCountInString(value[:i]), msgYAMLColon.F(key, quoteValue(value))
	case ok && value != "" && strings.ContainsAny(value[:1], "@`%"):
		return vcol, msgYAMLBadStart.F(value[:1])
	case strings.Contains(parser, "mapping values are not allowed") && line > 1:
		return indent + 1, msgYAMLIndent.F()
	}
	return indent + 1, msgYAMLOther.F(parserText(parser))
}

// ParserText is a yaml.v3 error's own text, without its "yaml: line N:"
// prefix (the line is often off; see SyntaxErrorLine).
func ParserText(err error) string {
	text := strings.TrimPrefix(err.Error(), "yaml: ")
	if _, rest, ok := strings.Cut(text, ": "); ok && strings.HasPrefix(text, "line ") {
		text = rest
	}
	return text
}

// parserTexts restates yaml.v3's most common messages; others are quoted.
var parserTexts = map[string]msg.M{
	"did not find expected key":                      msg.New("strictyaml.parser_expected_key", "此处应为一个键", "did not find expected key"),
	"did not find expected node content":             msg.New("strictyaml.parser_expected_value", "此处缺少值", "did not find expected node content"),
	"found character that cannot start any token":    msg.New("strictyaml.parser_bad_char", "有一个字符不能出现在这里", "found character that cannot start any token"),
	"mapping values are not allowed in this context": msg.New("strictyaml.parser_mapping", "此处不能再写“键: 值”", "mapping values are not allowed in this context"),
	"could not find expected ':'":                    msg.New("strictyaml.parser_colon", "缺少冒号 :", "could not find expected ':'"),
	"found unexpected end of stream":                 msg.New("strictyaml.parser_end", "内容意外结束，引号或括号可能没有闭合", "found unexpected end of stream"),
	"did not find expected '-' indicator":            msg.New("strictyaml.parser_dash", "列表的每一项应以 - 开头", "did not find expected '-' indicator"),
}

// parserText is yaml.v3's message in the reader's language when known.
func parserText(parser string) string {
	for k, m := range parserTexts {
		if strings.Contains(parser, k) {
			return m.F()
		}
	}
	return parser
}

// plainPair splits "key: value" (or "- key: value"); vcol is the column of
// value.
func plainPair(l string) (key, value string, vcol int, ok bool) {
	t := strings.TrimLeft(l, " ")
	t = strings.TrimPrefix(t, "- ")
	i := strings.Index(t, ": ")
	if i <= 0 || strings.ContainsAny(t[:i], " \"'[]{}#") {
		return "", "", 0, false
	}
	key = t[:i]
	rest := t[i+2:]
	value = strings.TrimLeft(rest, " ")
	before := l[:len(l)-len(value)]
	return key, strings.TrimRight(value, " "), utf8.RuneCountInString(before) + 1, true
}

// quoteValue writes value in the quotes that do not clash with it.
func quoteValue(value string) string {
	if strings.Contains(value, `"`) {
		return "'" + strings.ReplaceAll(value, "'", "''") + "'"
	}
	return `"` + value + `"`
}

// explainFlow finds what is wrong with the flow collections ([…], {…}) on
// one line: an opener never closed, a missing comma between two keys of a
// mapping, a full-width comma, a # that starts a comment inside.
func explainFlow(l string) (int, string, bool) {
	type open struct {
		c     rune
		col   int
		colon bool // the current item of a mapping has its key: already
	}
	var stack []open
	var quote rune
	col, lastWord := 0, 0
	prev := ' '
	for _, r := range l {
		col++
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case len(stack) == 0:
			if (r == '"' || r == '\'') && prev == ' ' {
				quote = r
			}
			if r == '#' && prev == ' ' {
				return 0, "", false // a comment outside any collection
			}
			if r == '[' || r == '{' {
				stack = append(stack, open{c: r, col: col})
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[' || r == '{':
			stack = append(stack, open{c: r, col: col})
		case r == ']' || r == '}':
			stack = stack[:len(stack)-1]
		case r == ',':
			stack[len(stack)-1].colon = false
		case r == '，':
			return col, msgYAMLFullWidthComma.F(), true
		case r == '#' && (prev == ' ' || prev == ',' || prev == '['):
			return col, msgYAMLHashInFlow.F(), true
		case r == ':' && stack[len(stack)-1].c == '{':
			top := &stack[len(stack)-1]
			if top.colon {
				word := strings.TrimSpace(string([]rune(l)[lastWord-1 : col-1]))
				return lastWord, msgYAMLComma.F(word), true
			}
			top.colon = true
		}
		if prev == ' ' && r != ' ' {
			lastWord = col
		}
		prev = r
	}
	if len(stack) == 0 {
		return 0, "", false
	}
	o := stack[len(stack)-1]
	what, closer, example := msgYAMLList.F(), "]", "tags: [甲, 乙]"
	if o.c == '{' {
		what, closer, example = msgYAMLMapping.F(), "}", "{by: 李四, at: 2025-03-04}"
	}
	return col + 1, msgYAMLUnclosed.F(what, closer, example), true
}

// HashComments finds plain values cut short by a # that YAML reads as a
// comment: "title: 第 #3 期" is "第". A comment with a space after # (the
// usual "# …") is left alone. It returns the 1-based line, the column of #
// and the message for each.
func HashComments(text []byte) (out []HashComment) {
	if !bytes.Contains(text, []byte(" #")) {
		return nil // no value holds one: most front matter
	}
	for i, l := range strings.Split(string(text), "\n") {
		key, value, vcol, ok := plainPair(l)
		if !ok || value == "" || strings.ContainsAny(value[:1], "\"'[{|>#") {
			continue
		}
		j := strings.Index(value, " #")
		if j < 0 || j+2 >= len(value) || value[j+2] == ' ' {
			continue
		}
		out = append(out, HashComment{i + 1, vcol + utf8.RuneCountInString(value[:j+1]), msgYAMLHashComment.F(key, quoteValue(value))})
	}
	return out
}

// HashComment is a value cut short by a #: where the # is and the message.
type HashComment struct {
	Line, Col int
	Msg       string
}
