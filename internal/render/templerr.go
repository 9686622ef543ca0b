package render

import (
	"regexp"

	"gongkai/internal/msg"
)

// templateTexts restate the template engine's most common errors, which a
// theme's author meets, in the reader's language; the file:line before
// them stays as it is. Others are left in the engine's words.
var templateTexts = []struct {
	re *regexp.Regexp
	m  msg.M
}{
	{regexp.MustCompile(`executing "([^"]*)" at <([^>]*)>: `),
		msg.New("render.tmpl_executing", "生成“$1”时在 <$2> 处出错：", `executing "$1" at <$2>: `)},
	{regexp.MustCompile(`function "([^"]*)" not defined`),
		msg.New("render.tmpl_no_func", "没有名为“$1”的模板函数", `function "$1" not defined`)},
	{regexp.MustCompile(`unclosed action started at (\S+)`),
		msg.New("render.tmpl_unclosed_at", "{{ 没有用 }} 闭合（始于 $1）", "unclosed action started at $1")},
	{regexp.MustCompile(`unclosed action`),
		msg.New("render.tmpl_unclosed", "{{ 没有用 }} 闭合", "unclosed action")},
	{regexp.MustCompile(`unexpected EOF`),
		msg.New("render.tmpl_eof", "模板意外结束：{{if}}、{{range}}、{{with}} 或 {{define}} 可能缺少对应的 {{end}}", "unexpected EOF")},
	{regexp.MustCompile(`unexpected \{\{end\}\}`),
		msg.New("render.tmpl_extra_end", "多了一个 {{end}}，前面没有与之对应的 {{if}}、{{range}}、{{with}} 或 {{define}}", "unexpected {{end}}")},
	{regexp.MustCompile(`can't evaluate field (\S+) in type (\S+)`),
		msg.New("render.tmpl_no_field", "页面数据（$2）中没有字段 $1，请检查拼写", "can't evaluate field $1 in type $2")},
	{regexp.MustCompile(`no such template "([^"]*)"`),
		msg.New("render.tmpl_no_template", "没有名为“$1”的模板", `no such template "$1"`)},
	{regexp.MustCompile(`missing value for (if|range|with)\b`),
		msg.New("render.tmpl_missing_value", "{{$1}} 后面缺少值", "missing value for $1")},
	{regexp.MustCompile(`missing value for command`),
		msg.New("render.tmpl_missing_command", "{{ }} 中缺少值", "missing value for command")},
	{regexp.MustCompile(`bad character U\+007D ('\}')`),
		msg.New("render.tmpl_bad_brace", "{{ }} 中不能出现字符 $1（}} 要两个连写）", "bad character $1")},
	{regexp.MustCompile(`bad character U\+[0-9A-F]+ ('[^']*')`),
		msg.New("render.tmpl_bad_char", "{{ }} 中不能出现字符 $1", "bad character $1")},
	{regexp.MustCompile(`undefined variable "([^"]*)"`),
		msg.New("render.tmpl_undefined_var", "变量 $1 未定义", `undefined variable "$1"`)},
	{regexp.MustCompile(`wrong number of args for (\S+): want (\d+) got (\d+)`),
		msg.New("render.tmpl_args", "$1 的参数个数不对：应为 $2 个，实际 $3 个", "wrong number of args for $1: want $2 got $3")},
}

// templateText is a template error's text in the reader's language.
func templateText(s string) string {
	for _, t := range templateTexts {
		s = t.re.ReplaceAllString(s, t.m.T())
	}
	return s
}
