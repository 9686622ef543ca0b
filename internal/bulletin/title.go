package bulletin

import (
	"html/template"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleWidth is how many 2号 (22pt) characters a title line holds in the
// 156 mm type area.
const titleWidth = 20

// titleLines breaks a title into the fewest lines of at most perLine
// characters (a half-width letter or digit counts half), as even in length
// as the words allow (梯形 or 菱形), never ending in a line of one or two
// characters, never inside a number or a word of letters, and preferring
// breaks at punctuation and the seams of common title words (see
// goodBreak). A title that fits on one line is returned whole.
func titleLines(title string, perLine float64) []string {
	runes := []rune(strings.TrimSpace(title))
	width := make([]float64, len(runes)+1) // width[i]: width of runes[:i]
	for i, r := range runes {
		width[i+1] = width[i] + runeWidth(r)
	}
	total := width[len(runes)]
	if total <= perLine || len(runes) < 6 {
		return []string{string(runes)}
	}
	n := int(math.Ceil(total / perLine))
	target := total / float64(n)
	// best[k][i]: the cost of setting runes[:i] in k lines; from[k][i]: where
	// the last of those lines starts.
	inf := math.Inf(1)
	best := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range best {
		best[k] = make([]float64, len(runes)+1)
		from[k] = make([]int, len(runes)+1)
		for i := range best[k] {
			best[k][i] = inf
		}
	}
	best[0][0] = 0
	for k := 1; k <= n; k++ {
		for i := 1; i <= len(runes); i++ {
			if k < n && i == len(runes) || k == n && i != len(runes) {
				continue
			}
			if i < len(runes) && !canBreak(runes, i) {
				continue
			}
			for j := 0; j < i; j++ {
				w := width[i] - width[j]
				if best[k-1][j] == inf || w > perLine || k == n && w < 3 {
					continue
				}
				cost := best[k-1][j] + (w-target)*(w-target)
				if i < len(runes) && !goodBreak(runes, i) {
					cost += 40
				}
				if cost < best[k][i] {
					best[k][i], from[k][i] = cost, j
				}
			}
		}
	}
	if best[n][len(runes)] == inf {
		return []string{string(runes)}
	}
	lines := make([]string, n)
	for k, i := n, len(runes); k > 0; k-- {
		j := from[k][i]
		lines[k-1] = string(runes[j:i])
		i = j
	}
	return lines
}

// titleHTML is the title for the page, its lines joined by <br>.
func titleHTML(title string) template.HTML {
	lines := titleLines(title, titleWidth)
	for i, l := range lines {
		lines[i] = template.HTMLEscapeString(l)
	}
	return template.HTML(strings.Join(lines, "<br>"))
}

func runeWidth(r rune) float64 {
	if r < utf8.RuneSelf {
		return 0.5
	}
	return 1
}

// canBreak reports whether a line may end before runes[i]: not inside or
// right after a number or a word of letters (2025年 stays whole), not
// before closing punctuation, not after opening punctuation.
func canBreak(runes []rune, i int) bool {
	prev, next := runes[i-1], runes[i]
	if isAlnum(prev) {
		return false
	}
	if strings.ContainsRune("，。、；：？！）》」』”’", next) || strings.ContainsRune("（《「『“‘", prev) {
		return false
	}
	return true
}

func isAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%')
}

// breakAfter and breakBefore are the seams of common title words: a title
// breaks well after 关于 or 的, before 工作 or 通知.
var (
	breakAfter  = []string{"，", "、", "：", "》", "）", "的", "和", "与", "及", "暨", "关于", "召开", "开展", "做好", "印发", "转发", "传达", "学习", "季度", "年度", "年", "局", "委", "办", "府", "会"}
	breakBefore = []string{"《", "（", "关于", "召开", "开展", "做好", "推进", "加强", "工作", "会议", "通知", "意见", "方案", "办法", "报告", "情况", "要点", "精神", "信息", "项目"}
)

// goodBreak reports whether a line ending before runes[i] falls at a seam
// between words.
func goodBreak(runes []rune, i int) bool {
	head, tail := string(runes[:i]), string(runes[i:])
	for _, w := range breakAfter {
		if strings.HasSuffix(head, w) {
			return true
		}
	}
	for _, w := range breakBefore {
		if strings.HasPrefix(tail, w) {
			return true
		}
	}
	return false
}
