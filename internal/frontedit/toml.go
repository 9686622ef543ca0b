package frontedit

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

var (
	tomlHeader   = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_."-]+)\s*\]\s*(#.*)?$`)
	tomlInline   = regexp.MustCompile(`^\s*review\s*=`)
	tomlDateLike = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$`)
)

// insertTOML adds the step to TOML front matter: a [review.<key>] table
// after the last review table (or at the end), or a line in [review] when
// the steps are written there as inline tables.
func insertTOML(f *file, key string, fields []Field) ([]byte, error) {
	fm := f.frontMatter()
	var m map[string]any
	if _, err := toml.Decode(fm, &m); err != nil {
		return nil, msgUnparsable.Error(err)
	}
	if r, ok := m["review"].(map[string]any); ok {
		if _, ok := r[key]; ok {
			return nil, msgStepPresent.Error(key)
		}
	}
	lines := strings.Split(strings.TrimSuffix(fm, "\n"), "\n")
	table := "" // the table each line belongs to
	reviewTable, lastReview := -1, -1
	for i, l := range lines {
		if tomlInline.MatchString(l) && table == "" {
			return nil, msgTOMLInline.Error()
		}
		if h := tomlHeader.FindStringSubmatch(l); h != nil && !strings.HasPrefix(strings.TrimSpace(l), "[[") {
			table = strings.ReplaceAll(h[1], " ", "")
			if table == "review" {
				reviewTable = i
			}
		}
		if table == "review" || strings.HasPrefix(table, "review.") {
			if strings.TrimSpace(l) != "" {
				lastReview = i
			}
		}
	}
	if reviewTable >= 0 && lastReview >= 0 && !hasSubTables(lines) {
		// [review] holding inline tables: one more line in it.
		f.insertLines(lastReview+2, []string{key + " = " + tomlInlineTable(fields)})
		return f.bytes(), nil
	}
	add := []string{"[review." + key + "]"}
	for _, fl := range fields {
		add = append(add, fl.Key+" = "+tomlValue(fl))
	}
	at := f.close
	if lastReview >= 0 {
		at = lastReview + 2 // after front-matter line lastReview+1
		add = append([]string{""}, add...)
	} else if len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) != "" {
		add = append([]string{""}, add...)
	}
	f.insertLines(at, add)
	return f.bytes(), nil
}

// hasSubTables reports whether the front matter has [review.<step>] headers.
func hasSubTables(lines []string) bool {
	for _, l := range lines {
		if h := tomlHeader.FindStringSubmatch(l); h != nil && strings.HasPrefix(strings.ReplaceAll(h[1], " ", ""), "review.") {
			return true
		}
	}
	return false
}

func tomlInlineTable(fields []Field) string {
	parts := make([]string, len(fields))
	for i, fl := range fields {
		parts[i] = fl.Key + " = " + tomlValue(fl)
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// tomlValue writes a date bare (a TOML date) and every other value as a
// basic string.
func tomlValue(fl Field) string {
	if fl.IsList {
		parts := make([]string, len(fl.List))
		for i, s := range fl.List {
			parts[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if fl.Key == "at" && tomlDateLike.MatchString(fl.Value) {
		return fl.Value
	}
	return strconv.Quote(fl.Value)
}

// verify parses the edited file and checks that review.<key> holds exactly
// the fields.
func verify(src []byte, key string, fields []Field) error {
	f, err := splitFile(src)
	if err != nil {
		return err
	}
	got := map[string]string{}
	if f.format == "yaml" {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(f.frontMatter()), &doc); err != nil {
			return err
		}
		step := lookup(doc.Content[0], "review", key)
		if step == nil || step.Kind != yaml.MappingNode {
			return errNotFound
		}
		for i := 0; i+1 < len(step.Content); i += 2 {
			v := step.Content[i+1]
			if v.Kind == yaml.SequenceNode {
				var items []string
				for _, it := range v.Content {
					items = append(items, it.Value)
				}
				got[step.Content[i].Value] = "[" + strings.Join(items, "\x00") + "]"
			} else {
				got[step.Content[i].Value] = v.Value
			}
		}
	} else {
		var m map[string]any
		if _, err := toml.Decode(f.frontMatter(), &m); err != nil {
			return err
		}
		r, _ := m["review"].(map[string]any)
		step, ok := r[key].(map[string]any)
		if !ok {
			return errNotFound
		}
		for k, v := range step {
			got[k] = tomlString(v)
		}
	}
	if len(got) != len(fields) {
		return errNotFound
	}
	for _, fl := range fields {
		want := fl.Value
		if fl.IsList {
			want = "[" + strings.Join(fl.List, "\x00") + "]"
		}
		if got[fl.Key] != want {
			return errMismatch{fl.Key, got[fl.Key], want}
		}
	}
	return nil
}

type errMismatch struct{ key, got, want string }

func (e errMismatch) Error() string {
	return e.key + ": " + strconv.Quote(e.got) + " ≠ " + strconv.Quote(e.want)
}

func tomlString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var items []string
		for _, it := range x {
			items = append(items, tomlString(it))
		}
		return "[" + strings.Join(items, "\x00") + "]"
	case interface{ Format(string) string }:
		return toml2date(x)
	}
	return ""
}

// toml2date writes a TOML date back as it was written for a date-only value.
func toml2date(x interface{ Format(string) string }) string {
	d := x.Format("2006-01-02")
	if t := x.Format("15:04:05"); t != "00:00:00" {
		return x.Format("2006-01-02T15:04:05Z07:00")
	}
	return d
}

// lookup follows keys through nested mappings.
func lookup(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}
