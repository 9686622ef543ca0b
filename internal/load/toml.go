package load

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// lineError is a parse error at a front-matter line.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// tomlToNode decodes TOML front matter and rebuilds it as a yaml.Node tree so
// that one decoder serves both formats. Key positions are found by looking
// for "key =" or a "[table]" header in the text.
func tomlToNode(fm []byte) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(fm), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &lineError{pe.Position.Line, pe.Message}
		}
		return nil, &lineError{1, err.Error()}
	}
	lines := strings.Split(string(fm), "\n")
	root := toNode(m, lines, "", 1)
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}, nil
}

func toNode(v any, lines []string, path string, line int) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: 1}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			kl, kc := findKey(lines, path, k, line)
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kl, Column: kc},
				toNode(x[k], lines, joinKey(path, k), kl))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, toNode(e, lines, path, line))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, toNode(e, lines, path, line))
		}
		return n
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x), Line: line, Column: 1}
	case int64, float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(x), Line: line, Column: 1}
	case time.Time:
		s := x.Format(time.RFC3339)
		switch x.Location().String() { // BurntSushi/toml marks local values by zone name
		case "date-local":
			s = x.Format("2006-01-02")
		case "datetime-local":
			s = x.Format("2006-01-02T15:04:05")
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line, Column: 1}
	default:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(x), Line: line, Column: 1}
	}
}

func joinKey(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// findKey returns the 1-based line and character column of key k, searching
// from the parent's line: a "[path.k]" header or "k =" assignment.
func findKey(lines []string, path, k string, from int) (int, int) {
	header := "[" + joinKey(path, k) + "]"
	assign := regexp.MustCompile(`(^|[\s{,])` + regexp.QuoteMeta(k) + `\s*=`)
	for i := from - 1; i < len(lines); i++ {
		if i < 0 {
			continue
		}
		l := lines[i]
		if strings.TrimSpace(l) == header {
			return i + 1, strings.Index(l, "[") + 1
		}
		if m := assign.FindStringIndex(l); m != nil {
			start := m[0]
			if start < len(l) && bytes.ContainsAny([]byte{l[start]}, " \t{,") {
				start++
			}
			return i + 1, utf8.RuneCountInString(l[:start]) + 1
		}
	}
	if from < 1 {
		from = 1
	}
	return from, 1
}
