package register

import (
	"strings"

	"gopkg.in/yaml.v3"

	"gongkai/internal/article"
	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

// Dir is the register's folder at the repository root.
const Dir = "requests"

// Request is one 政府信息公开申请 of the register.
type Request struct {
	// Path is the file, relative to the repository root.
	Path       string       `yaml:"-"`
	Received   article.Date `yaml:"received"`
	Applicant  Applicant    `yaml:"applicant"`
	Channel    Choice       `yaml:"channel"`
	Request    string       `yaml:"request"`
	Supplement *Supplement  `yaml:"supplement"`
	Extension  *Extension   `yaml:"extension"`
	Reply      *Reply       `yaml:"reply"`
	Appeals    []Appeal     `yaml:"appeals"`
	Note       string       `yaml:"note"`
	// Broken is set when the file could not be decoded in full; reports skip it.
	Broken bool `yaml:"-"`
	// keys holds the position of every key, by dotted path.
	keys map[string][2]int
}

// Applicant is who asked: the type is a column of table 三.
type Applicant struct {
	Type    Choice `yaml:"type"`
	Name    string `yaml:"name"`
	Contact string `yaml:"contact"`
}

// Supplement is a 补正: the office asked the applicant to complete the request.
type Supplement struct {
	Asked    article.Date `yaml:"asked"`
	Received article.Date `yaml:"received"`
}

// Extension is a 延期 of the reply (条例第三十三条第二款).
type Extension struct {
	At     article.Date `yaml:"at"`
	Days   int          `yaml:"days"` // default 20
	Reason string       `yaml:"reason"`
}

// Reply is the office's answer; Result is a row of table 三 in full form.
type Reply struct {
	At     article.Date `yaml:"at"`
	Result Choice       `yaml:"result"`
}

// Appeal is a 行政复议 or 行政诉讼 about the request.
type Appeal struct {
	Kind   Choice       `yaml:"kind"`
	At     article.Date `yaml:"at"`
	Result Choice       `yaml:"result"`
}

// The choices of each enumerated key, as the template names them.
var (
	ApplicantTypes = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
	Channels       = []string{"当面", "信函", "网络", "传真", "电子邮件", "其他"}
	AppealKinds    = []string{"行政复议", "行政诉讼", "复议后起诉"}
	AppealResults  = []string{"维持", "纠正", "其他", "尚未审结"}
)

// ResultGroup is one numbered row of 三、本年度办理结果; a group with items
// is a parent row whose sub-rows carry the counts.
type ResultGroup struct {
	Name  string   // 不予公开: the value before the slash
	Label string   // （三）不予公开: the row as the template prints it
	Items []string // 属于国家秘密 …: the values after the slash
}

// ItemLabel is the template's label of the i-th item: 1.属于国家秘密.
func (g ResultGroup) ItemLabel(i int) string {
	return string(rune('1'+i)) + "." + g.Items[i]
}

// Results are the rows of 三、本年度办理结果 in the template's order; a reply's
// result is "<Name>" for a group without items, else "<Name>/<item>".
var Results = []ResultGroup{
	{Name: "予以公开", Label: "（一）予以公开"},
	{Name: "部分公开", Label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
	{Name: "不予公开", Label: "（三）不予公开", Items: []string{"属于国家秘密", "其他法律行政法规禁止公开",
		"危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息",
		"属于行政执法案卷", "属于行政查询事项"}},
	{Name: "无法提供", Label: "（四）无法提供", Items: []string{"本机关不掌握相关政府信息",
		"没有现成信息需要另行制作", "补正后申请内容仍不明确"}},
	{Name: "不予处理", Label: "（五）不予处理", Items: []string{"信访举报投诉类申请", "重复申请",
		"要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"}},
	{Name: "其他处理", Label: "（六）其他处理", Items: []string{
		"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"}},
}

// ResultValues lists every result in full form, in the template's order.
func ResultValues() []string {
	var out []string
	for _, g := range Results {
		if len(g.Items) == 0 {
			out = append(out, g.Name)
		}
		for _, it := range g.Items {
			out = append(out, g.Name+"/"+it)
		}
	}
	return out
}

// ResultIndex returns the index in ResultValues of a full-form result, or -1.
func ResultIndex(result string) int {
	for i, v := range ResultValues() {
		if v == result {
			return i
		}
	}
	return -1
}

// Choice is an enumerated value; which choices apply depends on its key.
type Choice string

var (
	msgNotAChoice = msg.New("register.not_a_choice",
		"“%s”不是可填的%s（可填：%s）%s",
		"%q is not a valid %s (one of: %s)%s")
	msgChoiceNotText = msg.New("register.choice_not_text",
		"应填一个值，不能是列表或映射",
		"must be a single value, not a list or a mapping")
)

// choiceKinds names the choices of each key path that holds a Choice.
var choiceKinds = map[string]struct {
	zh, en string
	values func() []string
}{
	"applicant.type": {"申请人类型", "applicant type", func() []string { return ApplicantTypes }},
	"channel":        {"申请渠道", "channel", func() []string { return Channels }},
	"reply.result":   {"办理结果", "result", ResultValues},
	"appeals.kind":   {"复议诉讼类型", "appeal kind", func() []string { return AppealKinds }},
	"appeals.result": {"复议诉讼结果", "appeal result", func() []string { return AppealResults }},
}

// choiceError is a value outside its choices (GK081).
type choiceError struct{ text string }

func (e *choiceError) Error() string { return e.text }

// DecodeNode implements strictyaml.NodeDecoder. The key path is not known
// here, so the value is kept and Resolve checks it against its choices.
func (c *Choice) DecodeNode(n *yaml.Node, _ *strictyaml.Decoder) error {
	if n.Kind != yaml.ScalarNode {
		return &choiceError{msgChoiceNotText.F()}
	}
	*c = Choice(strings.TrimSpace(n.Value))
	return nil
}

// resolve checks c against the choices of the key kind (a key of
// choiceKinds) and returns it in full form; a result may be written by its
// part after the slash.
func resolve(c Choice, kind string) (Choice, error) {
	k := choiceKinds[kind]
	values := k.values()
	s := string(c)
	for _, v := range values {
		if v == s {
			return c, nil
		}
	}
	if kind == "reply.result" {
		for _, v := range values {
			if _, item, ok := strings.Cut(v, "/"); ok && item == s {
				return Choice(v), nil
			}
		}
	}
	name := k.zh
	if msg.Current() == msg.EN {
		name = k.en
	}
	short := values
	if kind == "reply.result" {
		short = nil
		for _, v := range values {
			_, item, ok := strings.Cut(v, "/")
			if !ok {
				item = v
			}
			short = append(short, item)
		}
	}
	return c, &choiceError{msgNotAChoice.F(s, name, strings.Join(short, "、"), strictyaml.Suggest(s, short))}
}
