package markdown

import "bytes"

// MaxDepth is the most lists and quotes one line may open. goldmark's block
// parsing is quadratic in nesting depth (a line of 100,000 "- " markers
// takes a minute), and no article needs more than a handful of levels, so
// every parse of a body (Render, Links, VisibleText) refuses a deeper one
// and the loader reports it with its line.
const MaxDepth = 32

// TooDeep returns the 1-based line of body whose start opens more than
// MaxDepth nested lists or quotes, counting each marker ("-", "*", "+",
// "1." or "1)", ">") and each step of indentation (two spaces or a tab),
// or 0 when every line is within the bound.
func TooDeep(body []byte) int {
	line := 0
	for len(body) > 0 {
		line++
		end := bytes.IndexByte(body, '\n')
		if end < 0 {
			end = len(body)
		}
		if depth(body[:end]) > MaxDepth {
			return line
		}
		body = body[min(end+1, len(body)):]
	}
	return 0
}

// depth counts the container openers at the start of one line.
func depth(l []byte) int {
	d, spaces := 0, 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			spaces++
			if spaces == 2 {
				d, spaces = d+1, 0
			}
			i++
		case c == '\t':
			d, spaces = d+1, 0
			i++
		case c == '>' || (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
			d, spaces = d+1, 0
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				d, spaces, i = d+1, 0, j+1
				continue
			}
			return d
		default:
			return d
		}
		if d > MaxDepth {
			return d
		}
	}
	return d
}
