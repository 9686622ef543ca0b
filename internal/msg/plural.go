package msg

import (
	"fmt"
	"regexp"
	"strings"
)

// An English text says a count's noun in both forms, singular first, right
// after the %d it counts:
//
//	msg.New("serve.rebuilt", "……%d 个错误", "… %d {error|errors}")
//
// F and Error print "1 error" and "0 errors", "2 errors". The choice goes
// by the nearest %d before it (other verbs between are passed over), so
// one count can choose several words ("%d {warning|warnings}: gongkai
// check lists {it|them}"). Chinese has no plural and its texts take no
// choice. T cannot know the count: it gives the format with every
// choice's plural form, so a text with a choice is formatted with F or
// Error (a finding: l.Errorf(pos, id, "%s", m.F(n))).
var choice = regexp.MustCompile(`\{([A-Za-z]+)\|([A-Za-z]+)\}`)

// checkChoices reports a choice in a Chinese text, or one in an English
// text that no %d comes before.
func (m M) checkChoices() error {
	if choice.MatchString(m.ZH) {
		return fmt.Errorf("msg: %q: a {singular|plural} choice in the Chinese text", m.Key)
	}
	for _, c := range choice.FindAllStringIndex(m.EN, -1) {
		if countBefore(m.EN, c[0]) < 0 {
			return fmt.Errorf("msg: %q: no %%d before the choice %s", m.Key, m.EN[c[0]:c[1]])
		}
	}
	return nil
}

// countBefore returns the argument of the last %d that ends at or before
// the index i of format, or -1 when there is none.
func countBefore(format string, i int) int {
	arg := -1
	eachVerb(format, func(end, a int, v byte) {
		if v == 'd' && end <= i {
			arg = a
		}
	})
	return arg
}

// choose replaces each choice in an English format by the form its count
// takes: the singular for 1, else the plural. Without args (T), every
// choice takes the plural.
func choose(format string, args []any) string {
	if strings.IndexByte(format, '{') < 0 {
		return format
	}
	var b strings.Builder
	last := 0
	for _, c := range choice.FindAllStringSubmatchIndex(format, -1) {
		b.WriteString(format[last:c[0]])
		form := format[c[4]:c[5]]
		if arg := countBefore(format, c[0]); arg >= 0 && arg < len(args) && fmt.Sprint(args[arg]) == "1" {
			form = format[c[2]:c[3]]
		}
		b.WriteString(form)
		last = c[1]
	}
	b.WriteString(format[last:])
	return b.String()
}
