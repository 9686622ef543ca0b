package markdown

import (
	"bytes"
	"html"
)

// MaxDepth is the deepest nesting of lists and block quotes a body may
// have. goldmark's list parsing is quadratic in the depth, so a body of
// nested markers (a 200 KB file of "- - - …") would take seconds per
// build; real documents nest four levels (一、（一）1.（1）).
const MaxDepth = 16

// TooDeep returns the first line (1-based) of body whose lists and block
// quotes nest deeper than MaxDepth, or 0. It reads each line once, so it
// is cheap to call before parsing.
func TooDeep(body []byte) int {
	for line := 1; len(body) > 0; line++ {
		l := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		if lineDepth(l) > MaxDepth {
			return line
		}
	}
	return 0
}

// lineDepth counts the containers a line opens or continues: each list
// marker and ">" at its start, and each two columns of indentation
// before them.
func lineDepth(l []byte) int {
	depth, indent := 0, 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			indent++
			i++
		case c == '\t':
			indent += 4
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
			depth++
			i++
		case '0' <= c && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && '0' <= l[j] && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				depth++
				i = j + 1
				continue
			}
			return depth + indent/2
		default:
			return depth + indent/2
		}
	}
	return depth + indent/2
}

// flatResult is what a body too deep to parse renders as: its text,
// escaped, in one <pre>, so the work stays linear; check reports the line.
func flatResult(body []byte) Result {
	return Result{HTML: []byte("<pre>" + html.EscapeString(string(body)) + "</pre>\n"), Text: string(body)}
}
