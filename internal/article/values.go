package article

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"gongkai/internal/msg"
	"gongkai/internal/strictyaml"
)

var (
	msgNotDisclosure = msg.New("article.not_disclosure",
		"“%s”不是公开属性，请填写 主动公开、内部公开、依申请公开 或 不予公开",
		"%q is not a disclosure attribute (主动公开, 内部公开, 依申请公开 or 不予公开)")
	msgNotImportance = msg.New("article.not_importance",
		"“%s”不是重要程度，请填写 一般 或 重要",
		"%q is not an importance (一般 or 重要)")
	msgNotValidity = msg.New("article.not_validity",
		"“%s”不是有效性状态，请填写 有效、已修改、已废止 或 已失效",
		"%q is not a validity (有效, 已修改, 已废止 or 已失效)")
	msgNotADateShape = msg.New("article.not_a_date_shape", "应为日期，如 2025-03-04", "must be a date such as 2025-03-04")
	msgNotARealDate  = msg.New("article.not_a_real_date",
		"%[1]s 不是真实存在的日期（%[2]d年%[3]d月没有%[4]d日）",
		"%[1]s is not a real date (%[2]d年%[3]d月 has no day %[4]d)")
	msgNotADate = msg.New("article.not_a_date",
		"“%s”不是日期，请写成 2025-03-04 或 2025-03-04T09:30:00+08:00",
		"%q is not a date (write 2025-03-04, or 2025-03-04T09:30:00+08:00)")
)

// Disclosure is the 公开属性: 主动公开, 内部公开, 依申请公开 or 不予公开. The
// English aliases proactive, internal, on-request and withheld are
// normalised to the Chinese values when decoded.
type Disclosure string

// The disclosure attributes.
const (
	Proactive Disclosure = "主动公开"
	Internal  Disclosure = "内部公开"
	OnRequest Disclosure = "依申请公开"
	Withheld  Disclosure = "不予公开"
)

var disclosureAliases = map[string]Disclosure{
	"主动公开": Proactive, "proactive": Proactive,
	"内部公开": Internal, "internal": Internal,
	"依申请公开": OnRequest, "on-request": OnRequest,
	"不予公开": Withheld, "withheld": Withheld,
}

// DecodeNode implements strictyaml.NodeDecoder.
func (d *Disclosure) DecodeNode(n *yaml.Node, _ *strictyaml.Decoder) error {
	v, ok := disclosureAliases[strings.TrimSpace(n.Value)]
	if n.Kind != yaml.ScalarNode || !ok {
		return msgNotDisclosure.Error(n.Value)
	}
	*d = v
	return nil
}

// Importance is 一般 or 重要 (aliases normal, important).
type Importance string

// The importance levels.
const (
	Normal    Importance = "一般"
	Important Importance = "重要"
)

// DecodeNode implements strictyaml.NodeDecoder.
func (i *Importance) DecodeNode(n *yaml.Node, _ *strictyaml.Decoder) error {
	switch strings.TrimSpace(n.Value) {
	case "一般", "normal":
		*i = Normal
	case "重要", "important":
		*i = Important
	default:
		return msgNotImportance.Error(n.Value)
	}
	return nil
}

// ValidityStatus is 有效, 已修改, 已废止 or 已失效 (aliases valid, amended,
// repealed, expired).
type ValidityStatus string

// The validity states.
const (
	Valid    ValidityStatus = "有效"
	Amended  ValidityStatus = "已修改"
	Repealed ValidityStatus = "已废止"
	Expired  ValidityStatus = "已失效"
)

// DecodeNode implements strictyaml.NodeDecoder.
func (v *ValidityStatus) DecodeNode(n *yaml.Node, _ *strictyaml.Decoder) error {
	switch strings.TrimSpace(n.Value) {
	case "有效", "valid":
		*v = Valid
	case "已修改", "amended":
		*v = Amended
	case "已废止", "repealed":
		*v = Repealed
	case "已失效", "expired":
		*v = Expired
	default:
		return msgNotValidity.Error(n.Value)
	}
	return nil
}

// DecodeNode implements strictyaml.NodeDecoder: a date (2025-03-04) in the
// decoder's time zone (Context must be a *time.Location) or a date-time with
// offset (2025-03-04T09:30:00+08:00). A date-time without offset is taken in
// the site time zone too. Impossible dates are errors.
func (d *Date) DecodeNode(n *yaml.Node, dec *strictyaml.Decoder) error {
	loc, _ := dec.Context.(*time.Location)
	if loc == nil {
		loc = time.UTC
	}
	if n.Kind != yaml.ScalarNode {
		return &DateError{msgNotADateShape.F()}
	}
	v, err := ParseDate(n.Value, loc)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate parses a date (2006-01-02), a date-time with offset (RFC 3339)
// or a date-time without offset (taken in loc).
func ParseDate(s string, loc *time.Location) (Date, error) {
	s = strings.TrimSpace(s)
	if y, m, d, ok := strictyaml.PlainDate(s); ok { // the usual shape, read quickly
		return Date{Time: time.Date(y, m, d, 0, 0, 0, 0, loc)}, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return Date{Time: t}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t, HasTime: true}, nil
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return Date{Time: t, HasTime: true}, nil
		}
	}
	if y, m, dd, ok := splitDate(s); ok {
		return Date{}, &DateError{msgNotARealDate.F(s, y, m, dd)}
	}
	return Date{}, &DateError{msgNotADate.F(s)}
}

// splitDate recognises the shape YYYY-MM-DD with numbers out of range.
func splitDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 {
		return // a date-time with a bad clock is not a bad day
	}
	if _, err := fmt.Sscanf(s[:10], "%4d-%2d-%2d", &y, &m, &d); err != nil {
		return
	}
	return y, m, d, true
}

// ChineseDate formats the civil date of t in loc as 2025年3月4日 ("" for
// the zero time).
func ChineseDate(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	// By hand rather than with Format("2006年1月2日"): every list, feed and
	// page of a build asks for it, several times per article.
	y, m, d := t.In(loc).Date()
	if y < 1000 || y > 9999 {
		return t.In(loc).Format("2006年1月2日") // Format pads the year to four digits
	}
	b := make([]byte, 0, len("2006年12月31日"))
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, "年"...)
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, "月"...)
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, "日"...)
	return string(b)
}
