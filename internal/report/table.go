package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// table is one table of a report, in cells, ready for every format but JSON.
type table struct {
	Title  string     // a heading above the table; may be empty
	Header []string   // column names
	Rows   [][]string // the body
	Foot   []string   // the totals row, or nil
	Right  []bool     // columns aligned right (numbers)
	Empty  string     // printed instead of a table without rows, when set
}

// lines returns the body rows followed by the totals row.
func (t *table) lines() [][]string {
	if t.Foot == nil {
		return t.Rows
	}
	return append(t.Rows[:len(t.Rows):len(t.Rows)], t.Foot)
}

// displayWidth returns the number of terminal columns s takes: two for East
// Asian Wide and Fullwidth characters (Chinese characters, full-width and CJK
// punctuation), none for combining marks and format characters, one else.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r < 0x20 || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x3000 && r <= 0x303F: // CJK Symbols and Punctuation
		return 2
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// pad fills s with spaces to w columns, on the left when right is set.
func pad(s string, w int, right bool) string {
	fill := strings.Repeat(" ", max(w-displayWidth(s), 0))
	if right {
		return fill + s
	}
	return s + fill
}

// writeText prints the tables for a terminal: columns lined up by display
// width, two spaces apart, a rule under the header and above the totals.
func writeText(w io.Writer, title string, tables ...*table) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n", title)
	for _, t := range tables {
		bw.WriteString("\n")
		if t.Title != "" {
			fmt.Fprintf(bw, "%s\n\n", t.Title)
		}
		if len(t.Rows) == 0 && t.Empty != "" {
			fmt.Fprintf(bw, "%s\n", t.Empty)
			continue
		}
		widths := columnWidths(t)
		rule := make([]string, len(widths))
		for i, n := range widths {
			rule[i] = strings.Repeat("-", n)
		}
		textRow(bw, t.Header, widths, nil)
		textRow(bw, rule, widths, nil)
		for _, r := range t.Rows {
			textRow(bw, r, widths, t.Right)
		}
		if t.Foot != nil {
			textRow(bw, rule, widths, nil)
			textRow(bw, t.Foot, widths, t.Right)
		}
	}
	return bw.Flush()
}

func columnWidths(t *table) []int {
	widths := make([]int, len(t.Header))
	for _, r := range append([][]string{t.Header}, t.lines()...) {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	return widths
}

// textRow prints one row; the last column is not padded on the right.
func textRow(w *bufio.Writer, cells []string, widths []int, right []bool) {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteString("  ")
		}
		r := i < len(right) && right[i]
		if !r && i == len(cells)-1 {
			b.WriteString(c)
			continue
		}
		b.WriteString(pad(c, widths[i], r))
	}
	w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
}

// writeMarkdown prints GitHub tables, each under its title in bold.
func writeMarkdown(w io.Writer, title string, tables ...*table) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n", mdCell(title))
	for _, t := range tables {
		bw.WriteString("\n")
		if t.Title != "" {
			fmt.Fprintf(bw, "**%s**\n\n", mdCell(t.Title))
		}
		if len(t.Rows) == 0 && t.Empty != "" {
			fmt.Fprintf(bw, "%s\n", mdCell(t.Empty))
			continue
		}
		mdRow(bw, t.Header)
		align := make([]string, len(t.Header))
		for i := range align {
			align[i] = "---"
			if i < len(t.Right) && t.Right[i] {
				align[i] = "---:"
			}
		}
		mdRow(bw, align)
		for _, r := range t.Rows {
			mdRow(bw, r)
		}
		if t.Foot != nil {
			foot := make([]string, len(t.Foot))
			for i, c := range t.Foot {
				if c != "" {
					foot[i] = "**" + mdCell(c) + "**"
				}
			}
			mdRow(bw, foot)
		}
	}
	return bw.Flush()
}

func mdRow(w *bufio.Writer, cells []string) {
	w.WriteString("|")
	for _, c := range cells {
		w.WriteString(" " + mdCell(c) + " |")
	}
	w.WriteString("\n")
}

// mdCell keeps a cell on one line and its pipes literal.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// writeCSV prints the tables as CSV for Excel: UTF-8 with a byte order mark
// (so Excel on Chinese Windows does not read it as GBK), CRLF line ends, a
// blank line and the title before each table after the first.
func writeCSV(w io.Writer, tables ...*table) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for i, t := range tables {
		if i > 0 {
			cw.Write([]string{""})
		}
		if len(tables) > 1 && t.Title != "" {
			cw.Write([]string{t.Title})
		}
		cw.Write(t.Header)
		for _, r := range t.lines() {
			cw.Write(r)
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeHTML prints a standalone page: no external resources, A4 print styles.
func writeHTML(w io.Writer, title string, doc docInfo, tables ...*table) error {
	bw := bufio.NewWriter(w)
	e := html.EscapeString
	doc.head(bw, title)
	for _, t := range tables {
		if t.Title != "" {
			fmt.Fprintf(bw, "<h2>%s</h2>\n", e(t.Title))
		}
		if len(t.Rows) == 0 && t.Empty != "" {
			fmt.Fprintf(bw, "<p>%s</p>\n", e(t.Empty))
			continue
		}
		bw.WriteString("<table>\n<thead>\n")
		htmlRow(bw, "th", t.Header, t.Right, ` scope="col"`)
		bw.WriteString("</thead>\n<tbody>\n")
		for _, r := range t.Rows {
			htmlRow(bw, "td", r, t.Right, "")
		}
		bw.WriteString("</tbody>\n")
		if t.Foot != nil {
			bw.WriteString("<tfoot>\n")
			htmlRow(bw, "td", t.Foot, t.Right, "")
			bw.WriteString("</tfoot>\n")
		}
		bw.WriteString("</table>\n")
	}
	doc.foot(bw)
	return bw.Flush()
}

func htmlRow(w *bufio.Writer, tag string, cells []string, right []bool, attr string) {
	w.WriteString("<tr>")
	for i, c := range cells {
		class := ""
		if i < len(right) && right[i] {
			class = ` class="num"`
		}
		fmt.Fprintf(w, "<%s%s%s>%s</%s>", tag, attr, class, html.EscapeString(c), tag)
	}
	w.WriteString("</tr>\n")
}

const htmlHead = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>%s</style>
</head>
<body>
<main>
<h1>%s</h1>
`

const pageCSS = `
body { margin: 2em auto; max-width: 60em; padding: 0 1em; color: #111; background: #fff;
  font-family: "FangSong", "STFangsong", "仿宋", "Songti SC", "SimSun", serif; font-size: 16px; line-height: 1.6; }
h1 { font-family: "STZhongsong", "华文中宋", "SimSun", serif; font-size: 1.6em; text-align: center; font-weight: normal; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 1.1em; font-weight: normal; margin: 1.5em 0 .5em; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1em; }
th, td { border: 1px solid #333; padding: .3em .5em; text-align: left; }
th { background: #eee; font-weight: bold; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; }
tbody th { font-weight: normal; text-align: left; background: none; }
th.group { text-align: left; }
.requests thead th, .appeals thead th { text-align: center; }
.scope { text-align: center; margin: 0 0 1.5em; }
.signature { text-align: right; margin: 3em 2em 0 0; }
.claim { page-break-before: always; break-before: page; }
.claim table td.blank { height: 4em; }
@page { size: A4 landscape; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 12pt; }
  th { background: none; }
  tr, td, th { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; } /* the 合计 once, at the end, not on every page */
}
`
