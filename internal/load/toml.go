package load

import (
	"errors"
	"fmt"
	"sort"
	"time"

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
// that one decoder serves both formats. Key positions are the parser's own
// (tomlPositions), so quoted keys, dotted keys and comments that look like
// assignments cannot move a key to another line.
func tomlToNode(fm []byte) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(fm), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &lineError{pe.Position.Line, pe.Message}
		}
		return nil, &lineError{1, err.Error()}
	}
	pos, err := tomlPositions(fm)
	if err != nil {
		return nil, &lineError{1, err.Error()}
	}
	root := toNode(m, pos, 1)
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}, nil
}

func toNode(v any, pos *keyPos, line int) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: 1}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			kp := pos.kid(k)
			kl, kc := kp.at(line)
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kl, Column: kc},
				toNode(x[k], kp, kl))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: 1}
		for i, e := range x {
			ep := pos.elem(i)
			el, _ := ep.at(line)
			n.Content = append(n.Content, toNode(e, ep, el))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, toNode(e, nil, line))
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
