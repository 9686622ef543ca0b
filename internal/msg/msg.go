// Package msg is the catalogue of every text gongkai shows a person, in
// Chinese (the default) and English (`--lang en`, GONGKAI_LANG=en).
//
// Each message is defined once, next to the code that uses it, as a package
// variable:
//
//	var msgSecrecyTerm = msg.New("check.secrecy_term",
//		"正文含有涉密词语“%s”……",
//		"secrecy term %q in …")
//
// and used as a format in the current language:
//
//	l.Errorf(pos, "GK030", msgSecrecyTerm.T(), term)
//	return msgNoRoot.Error(dir)
//
// New registers the message in the catalogue and panics when its key is
// used twice, a text is empty or the two texts take different arguments
// (the verbs and their order, after %[n] indices), so the two languages
// cannot drift. The language is a process-wide setting chosen once by
// main; nothing else changes with it (ids, JSON keys, exit codes).
//
// An English text says a counted noun in both forms, "%d {error|errors}",
// and F and Error take the one the count needs (see choice); Chinese has
// no plural.
//
// A plain table rather than golang.org/x/text/message: gongkai has two
// languages and one plural rule (English singular for 1), the texts are
// easier to review beside the code that prints them, and x/text's
// catalogues need a generator step.
package msg

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Lang is a language of the catalogue.
type Lang int32

// The languages. ZH is the default.
const (
	ZH Lang = iota
	EN
)

func (l Lang) String() string {
	if l == EN {
		return "en"
	}
	return "zh-CN"
}

// ParseLang reads a language name: zh, zh-CN, zh_CN.UTF-8 … or en, en-US ….
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "zh" || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh_"):
		return ZH, true
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return EN, true
	}
	return ZH, false
}

var current atomic.Int32

// SetLang chooses the language of every message formatted from now on.
func SetLang(l Lang) { current.Store(int32(l)) }

// Current returns the language in use.
func Current() Lang { return Lang(current.Load()) }

// FromEnv returns the language named by GONGKAI_LANG, or ZH.
func FromEnv() Lang {
	if l, ok := ParseLang(os.Getenv("GONGKAI_LANG")); ok {
		return l
	}
	return ZH
}

// M is one message in both languages. Its texts are fmt formats.
type M struct {
	Key    string
	ZH, EN string
}

var (
	mu      sync.Mutex
	catalog = map[string]M{}
)

// New defines and registers a message. It panics when the key is taken, a
// text is empty or the texts' verbs differ.
func New(key, zh, en string) M {
	m := M{Key: key, ZH: zh, EN: en}
	if err := m.validate(); err != nil {
		panic(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := catalog[key]; dup {
		panic(fmt.Sprintf("msg: key %q defined twice", key))
	}
	catalog[key] = m
	return m
}

func (m M) validate() error {
	if m.Key == "" || m.ZH == "" || m.EN == "" {
		return fmt.Errorf("msg: %q: empty key or text", m.Key)
	}
	zv, ev := Verbs(m.ZH), Verbs(m.EN)
	if strings.Join(zv, " ") != strings.Join(ev, " ") {
		return fmt.Errorf("msg: %q: Chinese takes %v, English takes %v", m.Key, zv, ev)
	}
	return m.checkChoices()
}

// T returns the message's format in the current language (in English with
// the plural of every {singular|plural} choice: see choice).
func (m M) T() string { return m.format(nil) }

// format returns the message's format in the current language, in English
// with each choice made for the counts in args.
func (m M) format(args []any) string {
	if Current() == EN {
		return choose(m.EN, args)
	}
	return m.ZH
}

// F formats the message in the current language.
func (m M) F(args ...any) string {
	if len(args) == 0 && len(Verbs(m.T())) == 0 {
		return m.T()
	}
	return fmt.Sprintf(m.format(args), causes(args)...)
}

// Error returns the formatted message as an error; a %w argument wraps.
func (m M) Error(args ...any) error {
	return fmt.Errorf(m.format(args), causes(args)...)
}

// String returns the message's text in the current language.
func (m M) String() string { return m.F() }

// All returns every registered message, sorted by key.
func All() []M {
	mu.Lock()
	defer mu.Unlock()
	out := make([]M, 0, len(catalog))
	for _, m := range catalog {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// ErrNotRegistered is returned by Lookup for an unknown key.
var ErrNotRegistered = errors.New("msg: no such message")

// Lookup returns the registered message with the key.
func Lookup(key string) (M, error) {
	mu.Lock()
	defer mu.Unlock()
	m, ok := catalog[key]
	if !ok {
		return M{}, ErrNotRegistered
	}
	return m, nil
}

// Verbs lists the argument verbs of a format in argument order ("%s", "%d",
// "%w" …; %% is not one), resolving explicit %[n] indices, so that
// "%[2]s，%[1]d" and "%d %s" take the same arguments.
func Verbs(format string) []string {
	var byArg = map[int]string{}
	max := 0
	eachVerb(format, func(_, arg int, verb byte) {
		if verb == 'v' || verb == 'q' {
			// %v, %s and %q print the same argument: count them as one kind.
			verb = 's'
		}
		byArg[arg] = "%" + string(verb)
		if arg+1 > max {
			max = arg + 1
		}
	})
	out := make([]string, max)
	for i := range out {
		out[i] = byArg[i]
	}
	return out
}

// eachVerb calls fn for each argument verb of a format, in the order of
// the text, with the index just past the verb, the argument it prints
// (0-based, after %[n] indices) and the verb letter.
func eachVerb(format string, fn func(end, arg int, verb byte)) {
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0", format[j]) >= 0 {
			j++
		}
		if j < len(format) && format[j] == '[' {
			k := strings.IndexByte(format[j:], ']')
			if k < 0 {
				break
			}
			n := 0
			fmt.Sscanf(format[j+1:j+k], "%d", &n)
			arg = n - 1
			j += k + 1
		}
		for j < len(format) && (format[j] >= '0' && format[j] <= '9' || format[j] == '.' || format[j] == '*') {
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] == '%' {
			i = j
			continue
		}
		fn(j+1, arg, format[j])
		arg++
		i = j
	}
}

// List joins names as a list in the current language: 甲、乙、丙 or
// a, b, c.
func List(names []string) string {
	if Current() == EN {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}

// Or joins alternatives in the current language: 不涉密 或 涉密, a, b or c.
func Or(names []string) string { return joinLast(names, "或", " or ") }

// And joins names in the current language: 甲、乙和丙, a, b and c.
func And(names []string) string { return joinLast(names, "和", " and ") }

// joinLast joins names with the list separator and, before the last, the
// conjunction: in Chinese set off by spaces between values as typed
// (不涉密 或 涉密), not after a closing bracket (主要领导（角色 principal）或…).
func joinLast(names []string, zh, en string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	head := List(names[:len(names)-1])
	if Current() == EN {
		return head + en + names[len(names)-1]
	}
	if zh == "或" && !strings.HasSuffix(head, "）") && !strings.HasSuffix(head, "”") {
		zh = " 或 "
	}
	return head + zh + names[len(names)-1]
}

// Sentinel returns an error for errors.Is whose text is the message (no
// arguments) in the language current when it is printed, not when it was
// made: for package-level error values.
func (m M) Sentinel() error { return sentinel{m.Key} }

type sentinel struct{ key string }

func (s sentinel) Error() string {
	m, err := Lookup(s.key)
	if err != nil {
		return s.key
	}
	return m.F()
}
