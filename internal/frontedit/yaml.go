package frontedit

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// insertYAML adds the step under review: in YAML front matter.
func insertYAML(f *file, key string, fields []Field) ([]byte, error) {
	fm := f.frontMatter()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
		return nil, msgUnparsable.Error(err)
	}
	if len(doc.Content) == 0 {
		// Empty front matter: review: becomes its only key.
		f.insertLines(f.close, []string{"review:", "  " + key + ": " + flowStep(fields, false)})
		return f.bytes(), nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, msgUnparsable.Error("not a mapping")
	}
	fmLines := strings.Split(fm, "\n")
	var review, reviewKey *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "review" {
			reviewKey, review = root.Content[i], root.Content[i+1]
		}
	}
	switch {
	case review == nil:
		indent := guessIndent(fmLines)
		f.insertLines(f.close, []string{"review:", indent + key + ": " + flowStep(fields, false)})
	case review.Kind == yaml.ScalarNode && review.Tag == "!!null" && review.Value == "":
		// review: with nothing after it.
		line := reviewKey.Line
		f.insertLines(line+1, []string{indentOf(fmLines[line-1]) + guessIndent(fmLines) + key + ": " + flowStep(fields, false)})
	case review.Kind != yaml.MappingNode:
		return nil, msgReviewNotMapping.Error(reviewKey.Line+1, describe(review))
	case review.Style&yaml.FlowStyle != 0:
		if err := insertIntoFlow(f, fmLines, review, key, fields); err != nil {
			return nil, err
		}
	default:
		if err := insertIntoBlock(f, fmLines, review, key, fields); err != nil {
			return nil, err
		}
	}
	return f.bytes(), nil
}

// describe names what a non-mapping node is.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "列表"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "其他值"
}

// guessIndent returns the indentation the file uses for nested keys: that of
// its first indented line, or two spaces.
func guessIndent(lines []string) string {
	for _, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t != "" && t != l && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "-") {
			return indentOf(l)
		}
	}
	return "  "
}

// insertIntoBlock adds the step after the last step of a block mapping, in
// that step's style.
func insertIntoBlock(f *file, lines []string, review *yaml.Node, key string, fields []Field) error {
	for i := 0; i+1 < len(review.Content); i += 2 {
		if review.Content[i].Value == key {
			return msgStepPresent.Error(key)
		}
	}
	lastKey, lastVal := review.Content[len(review.Content)-2], review.Content[len(review.Content)-1]
	indent := indentOf(lines[lastKey.Line-1])
	var end int // front-matter line (1-based) the last step ends on
	var add []string
	switch {
	case lastVal.Kind == yaml.MappingNode && lastVal.Style&yaml.FlowStyle != 0:
		l, _, err := closingBrace(lines, lastVal.Line, lastVal.Column)
		if err != nil {
			return msgUnparsable.Error(err)
		}
		end = l
		spaced := strings.HasPrefix(lines[lastVal.Line-1][byteOffset(lines[lastVal.Line-1], lastVal.Column):], "{ ")
		add = []string{indent + key + ": " + flowStep(fields, spaced)}
	case lastVal.Kind == yaml.MappingNode && len(lastVal.Content) > 0:
		end = blockEnd(lines, lastKey)
		child := indentOf(lines[lastVal.Content[0].Line-1])
		add = append(add, indent+key+":")
		for _, fl := range fields {
			add = append(add, child+fl.Key+": "+value(fl))
		}
	default:
		end = blockEnd(lines, lastKey)
		add = []string{indent + key + ": " + flowStep(fields, false)}
	}
	f.insertLines(end+1, add) // raw line end+1 follows front-matter line end
	return nil
}

// blockEnd returns the last front-matter line of the block value under key:
// the lines after key's line indented deeper than it (comments included),
// without trailing blank lines.
func blockEnd(lines []string, key *yaml.Node) int {
	keyIndent := key.Column - 1
	end := key.Line
	for i := key.Line; i < len(lines); i++ { // lines[i] is line i+1
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(indentOf(l)) <= keyIndent {
			break
		}
		end = i + 1
	}
	return end
}

// insertIntoFlow adds the step before the closing brace of review: {…}.
func insertIntoFlow(f *file, lines []string, review *yaml.Node, key string, fields []Field) error {
	for i := 0; i+1 < len(review.Content); i += 2 {
		if review.Content[i].Value == key {
			return msgStepPresent.Error(key)
		}
	}
	line, off, err := closingBrace(lines, review.Line, review.Column)
	if err != nil {
		return msgUnparsable.Error(err)
	}
	spaced := false
	if n := len(review.Content); n > 0 {
		v := review.Content[n-1]
		if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle != 0 {
			spaced = strings.HasPrefix(lines[v.Line-1][byteOffset(lines[v.Line-1], v.Column):], "{ ")
		}
	}
	step := key + ": " + flowStep(fields, spaced)
	// The last character before the brace, across lines.
	pl, po := line, off
	for {
		before := strings.TrimRight(lines[pl-1][:po], " \t")
		if before != "" {
			po = len(before)
			break
		}
		if pl == review.Line {
			break
		}
		pl--
		po = len(lines[pl-1])
	}
	last := byte('{')
	if po > 0 {
		last = lines[pl-1][po-1]
	}
	raw := func(n int) int { return n } // front-matter line n is raw line n
	if strings.TrimSpace(lines[line-1][:off]) == "" && line != review.Line {
		// The brace on its own line: the step goes on a line of its own,
		// indented like the entry before it.
		indent := indentOf(lines[pl-1])
		trailing := last == ','
		if last != ',' && last != '{' {
			f.insertAt(raw(pl), po, ",")
		}
		if trailing {
			step += ","
		}
		f.insertLines(raw(line), []string{indent + step})
		return nil
	}
	switch last {
	case '{':
		if spaced || strings.HasPrefix(lines[line-1][off-1:], " }") {
			f.insertAt(raw(line), off, step+" ")
		} else {
			f.insertAt(raw(line), off, step)
		}
	case ',':
		f.insertAt(raw(pl), po, " "+step)
	default:
		f.insertAt(raw(pl), po, ", "+step)
	}
	return nil
}

// closingBrace finds the brace closing the flow collection that starts at
// front-matter line and column: its line and byte offset in that line.
// Quoted strings and comments are skipped.
func closingBrace(lines []string, line, col int) (int, int, error) {
	depth := 0
	for l := line; l <= len(lines); l++ {
		s := lines[l-1]
		i := 0
		if l == line {
			i = byteOffset(s, col)
		}
		for ; i < len(s); i++ {
			switch c := s[i]; c {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return l, i, nil
				}
			case '"':
				for i++; i < len(s) && s[i] != '"'; i++ {
					if s[i] == '\\' {
						i++
					}
				}
			case '\'':
				for i++; i < len(s); i++ {
					if s[i] == '\'' {
						if i+1 < len(s) && s[i+1] == '\'' {
							i++
							continue
						}
						break
					}
				}
			case '#':
				if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
					i = len(s)
				}
			}
		}
	}
	return 0, 0, errNotFound
}

// flowStep writes the fields as a YAML flow mapping.
func flowStep(fields []Field, spaced bool) string {
	parts := make([]string, len(fields))
	for i, fl := range fields {
		parts[i] = fl.Key + ": " + value(fl)
	}
	if spaced {
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// value writes a field's value for YAML: plain when it reads back as the same
// string in flow context, double-quoted otherwise; a list as [a, b].
func value(fl Field) string {
	if !fl.IsList {
		return scalar(fl.Value)
	}
	parts := make([]string, len(fl.List))
	for i, s := range fl.List {
		parts[i] = scalar(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func scalar(s string) string {
	if s == "" || strings.ContainsAny(s, "#[]{},&*!|>'\"%@`\\\n\t") || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.TrimSpace(s) != s || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
		return strconv.Quote(s)
	}
	switch strings.ToLower(s) {
	case "~", "null", "true", "false", "yes", "no", "on", "off":
		return strconv.Quote(s)
	}
	return s
}
