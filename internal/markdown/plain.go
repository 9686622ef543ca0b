package markdown

import (
	"bytes"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// A plain body is what nearly every notice is: ATX headings, paragraphs,
// tight lists and pipe tables, with bold (**…**) and inline links
// [text](dest) as the only inline markup. Render parses and renders a
// plain body itself, in one pass over its lines and one over the tokens
// they make, about eight times as fast as goldmark on Chinese text, and
// gives every other body to goldmark. The plain reader accepts a body only
// where goldmark's reading is certain to give the same HTML, text,
// summary, headings and link resolutions; anything it is unsure of (an
// entity, a backslash, raw HTML, code, quotes, footnotes, a bare URL or
// e-mail address that linkify would turn into a link, a list that a blank
// line would make loose…) sends the whole body to goldmark.
// TestPlainMatchesGoldmark, TestPlainRandom and TestPlainCorpus hold it to
// that.

type plainKind uint8

const (
	plainParagraph plainKind = iota
	plainHeading
	plainOrdered
	plainBullet
	plainTable
)

// plainBlock is one block; its inline units are units[from:to]: the one
// of a paragraph or heading, one per list item, one per table cell (the
// header's first).
type plainBlock struct {
	kind     plainKind
	level    int // heading level; ordered list start
	cols     int // table columns
	align    int // a table's column alignments are aligns[align:align+cols]
	from, to int
}

type tokKind uint8

const (
	tokText  tokKind = iota // body[start:stop]
	tokRun                  // "**", before matching
	tokOpen                 // <strong>
	tokClose                // </strong>
	tokLink                 // label body[start:stop], destination body[dest:destStop]
	tokBreak                // soft line break
	tokHard                 // hard line break (two spaces at the line's end)
)

type tok struct {
	kind              tokKind
	canOpen, canClose bool
	escape            bool // the text has " or > to escape
	start, stop       int32
	dest, destStop    int32
}

// unit is the tokens toks[from:to] of one inline content.
type unit struct{ from, to int }

// plainDoc is a plain body, parsed.
type plainDoc struct {
	body   []byte
	blocks []plainBlock
	units  []unit
	toks   []tok
	aligns []string // table cells' style attributes, "" for none
	out    []byte   // scratch for the text render copies out
}

// lineKind is what a line of a plain body is.
type lineKind uint8

const (
	lineNone lineKind = iota // no open block
	lineText
	lineList
	lineRow
)

// plainParser reads a body line by line; open is the block being read,
// lines its lines (content start and stop).
type plainParser struct {
	doc      plainDoc
	open     lineKind
	marker   byte
	start    int
	lines    [][2]int
	items    []int // where in lines each item of the open list starts
	indent   int   // the width of the last item's marker
	lastList bool  // the last block closed was a list
	cells    [][2]int
	stack    []int
}

// parsePlain returns body parsed, or false when it is not plain.
func parsePlain(body []byte) (*plainDoc, bool) {
	p := new(plainParser)
	if !p.parse(body) {
		return nil, false
	}
	return &p.doc, true
}

// plainParsers keeps parsers for reuse, so that a render allocates
// nothing for tokens and the text it copies out.
var plainParsers = sync.Pool{New: func() any { return new(plainParser) }}

// readPlain calls read with body parsed, when it is plain, by a parser of
// plainParsers, and reports whether it was; read keeps nothing of the doc.
func readPlain(body []byte, read func(d *plainDoc)) bool {
	p := plainParsers.Get().(*plainParser)
	defer p.release()
	if !p.parse(body) {
		return false
	}
	read(&p.doc)
	return true
}

// renderPlain renders body if it is plain.
func renderPlain(body []byte, resolve Resolver, unsafe bool) (res Result, ok bool) {
	ok = readPlain(body, func(d *plainDoc) { res = d.render(resolve, unsafe) })
	return res, ok
}

// release puts p back in plainParsers, unless it grew on a large body.
func (p *plainParser) release() {
	p.doc.body = nil
	if cap(p.doc.toks) <= 1<<16 && cap(p.doc.out) <= 1<<20 {
		plainParsers.Put(p)
	}
}

// parse reads body into p.doc and reports whether it is plain.
func (p *plainParser) parse(body []byte) bool {
	if len(body) > math.MaxInt32 {
		return false
	}
	d := &p.doc
	*d = plainDoc{body: body, blocks: d.blocks[:0], units: d.units[:0], toks: d.toks[:0],
		aligns: d.aligns[:0], out: d.out[:0]}
	p.open, p.lines, p.items, p.lastList = lineNone, p.lines[:0], p.items[:0], false
	for s := 0; s < len(body); {
		e := bytes.IndexByte(body[s:], '\n')
		if e < 0 {
			e = len(body)
		} else {
			e += s
		}
		if !p.line(s, e) {
			return false
		}
		s = e + 1
	}
	return p.close()
}

// line reads the line body[s:e].
func (p *plainParser) line(s, e int) bool {
	b := p.doc.body[s:e]
	switch {
	case len(b) == 0:
		return p.close()
	case p.open == lineList && b[0] == ' ':
		return p.continueItem(s, e)
	case b[0] == '#':
		return p.heading(s, e)
	case b[len(b)-1] == ' ':
		// only a paragraph's line may end in spaces (trimmed, or two
		// and more for a hard line break)
		if _, _, _, ok := listItem(b); ok || b[0] == '|' {
			return false
		}
	case b[0] == '|':
		if p.open == lineText || p.open == lineList {
			return false
		}
		p.open = lineRow
		p.lines = append(p.lines, [2]int{s, e})
		return true
	}
	if content, marker, start, ok := listItem(b); ok {
		if p.open != lineList || marker != p.marker {
			if p.open != lineNone || p.lastList {
				return false // a loose list, or one that a paragraph may take in
			}
			p.open, p.marker, p.start = lineList, marker, start
		}
		p.indent = content
		p.items = append(p.items, len(p.lines))
		p.lines = append(p.lines, [2]int{s + content, e})
		return true
	}
	if !startsText(b) || p.open == lineRow || p.open == lineList {
		return false
	}
	p.open = lineText
	p.lines = append(p.lines, [2]int{s, e})
	return true
}

// heading reads an ATX heading "## 标题", which also closes the open block.
func (p *plainParser) heading(s, e int) bool {
	b := p.doc.body[s:e]
	level := 0
	for level < len(b) && b[level] == '#' {
		level++
	}
	if level > 6 || level+1 >= len(b) || b[level] != ' ' {
		return false
	}
	if c := b[level+1]; c == ' ' {
		return false
	}
	if c := b[len(b)-1]; c == ' ' || c == '#' {
		return false // a closing sequence
	}
	if !p.close() {
		return false
	}
	d := &p.doc
	from := len(d.units)
	if !p.inline([][2]int{{s + level + 1, e}}, true) {
		return false
	}
	d.blocks = append(d.blocks, plainBlock{kind: plainHeading, level: level, from: from, to: len(d.units)})
	p.lastList = false
	return true
}

// close ends the open block.
func (p *plainParser) close() bool {
	d := &p.doc
	from := len(d.units)
	blk := plainBlock{from: from}
	switch p.open {
	case lineNone:
		return true
	case lineText:
		blk.kind = plainParagraph
		if !p.inline(p.lines, true) {
			return false
		}
	case lineList:
		blk.kind, blk.level = plainBullet, p.start
		if p.marker == '.' || p.marker == ')' {
			blk.kind = plainOrdered
		}
		for i, from := range p.items {
			to := len(p.lines)
			if i+1 < len(p.items) {
				to = p.items[i+1]
			}
			if !p.inline(p.lines[from:to], true) {
				return false
			}
		}
	case lineRow:
		blk.kind = plainTable
		if !p.table(&blk) {
			return false
		}
	}
	blk.to = len(d.units)
	d.blocks = append(d.blocks, blk)
	p.lastList = p.open == lineList
	p.open, p.lines, p.items = lineNone, p.lines[:0], p.items[:0]
	return true
}

// continueItem reads a line that goes on with the last list item's text,
// indented as wide as the item's marker ("1. " and three spaces).
func (p *plainParser) continueItem(s, e int) bool {
	b := p.doc.body[s:e]
	if len(b) <= p.indent || len(bytes.TrimLeft(b[:p.indent], " ")) > 0 || b[len(b)-1] == ' ' ||
		!startsText(b[p.indent:]) {
		return false
	}
	p.lines = append(p.lines, [2]int{s + p.indent, e})
	return true
}

// table reads the open rows as a table: a header, a delimiter row (---,
// :---, ---:, :---:) and rows of as many cells, each row written between
// pipes.
func (p *plainParser) table(blk *plainBlock) bool {
	if len(p.lines) < 2 {
		return false
	}
	body := p.doc.body
	blk.align = len(p.doc.aligns)
	cells := p.cells[:0]
	for i, l := range p.lines {
		row := body[l[0]:l[1]]
		if len(row) < 3 || row[len(row)-1] != '|' || row[len(row)-2] == '|' {
			return false // goldmark pads a last cell "||" without its alignment
		}
		n := 0
		for s := l[0] + 1; s < l[1]; {
			e := s + bytes.IndexByte(body[s:l[1]], '|')
			for s < e && body[s] == ' ' {
				s++
			}
			t := e
			for t > s && body[t-1] == ' ' {
				t--
			}
			if i == 1 {
				style, ok := alignment(body[s:t])
				if !ok {
					return false
				}
				p.doc.aligns = append(p.doc.aligns, style)
			} else {
				cells = append(cells, [2]int{s, t})
			}
			n++
			s = e + 1
		}
		if i == 0 {
			blk.cols = n
		} else if n != blk.cols {
			return false
		}
	}
	p.cells = cells
	for _, c := range cells {
		if !p.inline([][2]int{c}, false) {
			return false
		}
	}
	return true
}

// alignment reads a delimiter row's cell (---, :---, ---:, :---:) and
// returns the style attribute goldmark gives the column's cells.
func alignment(c []byte) (style string, ok bool) {
	left, right := bytes.HasPrefix(c, []byte(":")), bytes.HasSuffix(c, []byte(":"))
	hyphens := bytes.TrimSuffix(bytes.TrimPrefix(c, []byte(":")), []byte(":"))
	if len(hyphens) == 0 || len(bytes.Trim(hyphens, "-")) > 0 {
		return "", false
	}
	switch {
	case left && right:
		return ` style="text-align:center"`, true
	case left:
		return ` style="text-align:left"`, true
	case right:
		return ` style="text-align:right"`, true
	}
	return "", true
}

// listItem reads a list item line "1. 内容", "- 内容": the offset of its
// content, its marker ('.' or ')' after a number, or the bullet) and the
// number. The content must be text that starts no other block and no
// task-list check box.
func listItem(b []byte) (content int, marker byte, start int, ok bool) {
	i := 0
	switch c := b[0]; {
	case c == '-' || c == '+' || c == '*':
		marker, i = c, 1
	case '0' <= c && c <= '9':
		for i < len(b) && i < 10 && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		if i > 9 || i >= len(b) || (b[i] != '.' && b[i] != ')') {
			return 0, 0, 0, false
		}
		start, _ = strconv.Atoi(string(b[:i]))
		marker = b[i]
		i++
	default:
		return 0, 0, 0, false
	}
	if i >= len(b) || b[i] != ' ' {
		return 0, 0, 0, false
	}
	i++
	if i >= len(b) || b[i] == '[' || b[i] == marker || !startsText(b[i:]) {
		return 0, 0, 0, false
	}
	return i, marker, start, true
}

// startsText reports whether line b, as the first line of a paragraph or
// list item or as a paragraph's next line, is text and starts no block:
// no indentation, heading, quote, list, fence, HTML, table, thematic break
// or setext underline.
func startsText(b []byte) bool {
	switch c := b[0]; c {
	case ' ', '\t', '#', '>', '-', '+', '=', '_', '`', '~', '<', '|', ':':
		return false
	case '*':
		// bold, and not a thematic break "** **"
		return len(b) > 1 && b[1] == '*' && len(bytes.Trim(b, "* ")) > 0
	}
	if '0' <= b[0] && b[0] <= '9' {
		i := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		if i <= 9 && i < len(b) && (b[i] == '.' || b[i] == ')') && (i+1 == len(b) || b[i+1] == ' ') {
			return false // an ordered list marker
		}
	}
	return true
}

// notPlain marks the ASCII bytes plain text may not hold: controls and
// the characters that start markup goldmark reads (escapes, entities,
// HTML and autolinks, code, _ and ~ emphasis, table pipes, and @ for
// linkify's e-mail addresses).
var notPlain = func() (t [128]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte("\x7f\\&<`_~|@]") {
		t[c] = true
	}
	return t
}()

// plainSpecial marks the ASCII bytes inlineLine looks at: those of
// notPlain and the starts of bold, links, images, linkified URLs and text
// to escape.
var plainSpecial = func() (t [128]bool) {
	for c, bad := range notPlain {
		t[c] = bad
	}
	for _, c := range []byte("*[!hfw\">") {
		t[c] = true
	}
	return t
}()

// inline tokenizes the lines of one inline content into a unit; strong
// allows ** runs.
func (p *plainParser) inline(lines [][2]int, strong bool) bool {
	d := &p.doc
	from := len(d.toks)
	for i, l := range lines {
		s, e := l[0], l[1]
		for e > s && d.body[e-1] == ' ' {
			e--
		}
		brk := tok{kind: tokBreak}
		if trailing := l[1] - e; trailing >= 2 && i+1 < len(lines) {
			// goldmark trims only the spaces after the last but one
			// that linkify was asked about
			brk.kind = tokHard
			e += max(trailing-3, 0)
		}
		if !p.inlineLine(s, e, strong) {
			return false
		}
		if i+1 < len(lines) {
			d.toks = append(d.toks, brk)
		}
	}
	p.matchStrong(from)
	d.units = append(d.units, unit{from, len(d.toks)})
	return true
}

// inlineLine tokenizes body[s:e].
func (p *plainParser) inlineLine(s, e int, strong bool) bool {
	d := &p.doc
	b := d.body
	text, escape := s, false
	flush := func(i int) {
		if i > text {
			d.toks = append(d.toks, tok{kind: tokText, escape: escape, start: int32(text), stop: int32(i)})
		}
		escape = false
	}
	for i := s; i < e; {
		c := b[i]
		if c >= 0x80 {
			// most Han characters and full-width punctuation, checked
			// without decoding; the rest by runeAt
			if 0xE1 <= c && c <= 0xEF && c != 0xED && i+2 < e && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
				i += 3
				continue
			}
			n := runeAt(b, i, e)
			if n == 0 {
				return false
			}
			i += n
			continue
		}
		if !plainSpecial[c] {
			i++
			continue
		}
		if notPlain[c] {
			return false
		}
		switch c {
		case '"', '>':
			escape = true
		case 'h', 'f', 'w':
			if linkifies(b[i:e]) {
				return false
			}
		case '!':
			if i+1 < e && b[i+1] == '[' {
				return false // an image
			}
		case '*':
			if !strong || i+1 >= e || b[i+1] != '*' || (i+2 < e && b[i+2] == '*') {
				return false
			}
			before, after := '\n', '\n'
			if i > s {
				before, _ = utf8.DecodeLastRune(b[s:i])
			}
			if i+2 < e {
				after, _ = utf8.DecodeRune(b[i+2 : e])
			}
			flush(i)
			o, cl := flanking('*', before, after)
			d.toks = append(d.toks, tok{kind: tokRun, canOpen: o, canClose: cl, start: int32(i), stop: int32(i + 2)})
			i += 2
			text = i
			continue
		case '[':
			t, next, ok := link(b, i, e)
			if !ok {
				return false
			}
			flush(i)
			d.toks = append(d.toks, t)
			i, text = next, next
			continue
		}
		i++
	}
	flush(e)
	return true
}

// runeAt returns the length of the character at b[i], not ASCII, that
// ends by e, or 0 when it is not valid UTF-8: the plain reader checks
// every byte it takes, as goldmark's reading of invalid bytes is its own.
func runeAt(b []byte, i, e int) int {
	if r, n := utf8.DecodeRune(b[i:e]); r != utf8.RuneError || n > 1 {
		return n
	}
	return 0
}

// linkifies reports whether b starts what linkify may read as a URL.
func linkifies(b []byte) bool {
	return bytes.HasPrefix(b, []byte("http:")) || bytes.HasPrefix(b, []byte("https:")) ||
		bytes.HasPrefix(b, []byte("ftp:")) || bytes.HasPrefix(b, []byte("www."))
}

// link reads an inline link [label](dest) at b[i] within the line ending
// at e: a label of plain text, a destination without spaces, parentheses,
// quotes, escapes or references, and no title.
func link(b []byte, i, e int) (tok, int, bool) {
	j := i + 1
	escape := false
	for j < e && b[j] != ']' {
		c := b[j]
		if c >= 0x80 {
			n := runeAt(b, j, e)
			if n == 0 {
				return tok{}, 0, false
			}
			j += n
			continue
		}
		if notPlain[c] && c != '@' || c == '[' || c == '*' || c == '!' {
			return tok{}, 0, false
		}
		escape = escape || c == '"' || c == '>'
		j++
	}
	if j == i+1 || j+1 >= e || b[i+1] == '^' || b[j+1] != '(' {
		return tok{}, 0, false
	}
	k := j + 2
	for k < e && b[k] != ')' {
		c := b[k]
		if c >= 0x80 {
			n := runeAt(b, k, e)
			if n == 0 {
				return tok{}, 0, false
			}
			k += n
			continue
		}
		if c <= ' ' || c == 0x7f || c == '(' || c == '<' || c == '>' || c == '\\' || c == '&' ||
			c == '"' || c == '\'' || c == '`' || c == '|' {
			return tok{}, 0, false
		}
		k++
	}
	if k == j+2 || k >= e {
		return tok{}, 0, false
	}
	return tok{kind: tokLink, escape: escape, start: int32(i + 1), stop: int32(j), dest: int32(j + 2), destStop: int32(k)}, k + 1, true
}

// matchStrong pairs the ** runs of the unit from toks[from:] as
// CommonMark's delimiter algorithm does for runs of two (which the rule
// of three never stops); the runs left over are text.
func (p *plainParser) matchStrong(from int) {
	toks := p.doc.toks
	stack := p.stack[:0]
	for i := from; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokRun {
			continue
		}
		if t.canClose && len(stack) > 0 {
			toks[stack[len(stack)-1]].kind = tokOpen
			stack = stack[:len(stack)-1]
			t.kind = tokClose
			continue
		}
		if t.canOpen {
			stack = append(stack, i)
			continue
		}
		t.kind = tokText
	}
	for _, i := range stack {
		toks[i].kind = tokText
	}
	p.stack = stack
}

// render writes the body's HTML and outline, resolving each link's
// destination in document order.
func (d *plainDoc) render(resolve Resolver, unsafe bool) Result {
	var dests [][]byte
	// the HTML is about as long as the body, with tags for each token,
	// content and block, and destinations that URL escaping may triple
	size := len(d.body) + 8*len(d.toks) + 24*len(d.units) + 32*len(d.blocks)
	for _, t := range d.toks {
		if t.kind == tokLink {
			dest := destination(d.body[t.dest:t.destStop], resolve, unsafe)
			dests = append(dests, dest)
			size += 3 * len(dest)
		}
	}
	w := plainWriter{doc: d, dests: dests, unsafe: unsafe}
	w.html = make([]byte, 0, size)
	if cap(d.out) < len(d.body) {
		d.out = make([]byte, 0, len(d.body))
	}
	o := outline{text: d.out[:0]}
	defer func() { d.out = o.text }()
	for _, blk := range d.blocks {
		switch blk.kind {
		case plainParagraph:
			if line := d.line(&o, d.units[blk.from:blk.to]); o.summary == "" {
				o.summary = string(line)
			}
			w.html = append(w.html, "<p>"...)
			w.unit(d.units[blk.from])
			w.html = append(w.html, "</p>\n"...)
		case plainHeading:
			text := string(d.line(&o, d.units[blk.from:blk.to]))
			id := o.ids.next(text)
			o.headings = append(o.headings, Heading{Level: blk.level, Text: text, ID: id})
			level := "0123456"[blk.level]
			w.html = append(w.html, "<h"...)
			w.html = append(w.html, level)
			w.html = append(w.html, ` id="`...)
			w.html = appendEscaped(w.html, []byte(id))
			w.html = append(w.html, `">`...)
			w.unit(d.units[blk.from])
			w.html = append(w.html, "</h"...)
			w.html = append(w.html, level, '>', '\n')
		case plainOrdered, plainBullet:
			tag := "ul"
			if blk.kind == plainOrdered {
				tag = "ol"
			}
			w.html = append(w.html, '<')
			w.html = append(w.html, tag...)
			if blk.kind == plainOrdered && blk.level != 1 {
				w.html = append(w.html, ` start="`...)
				w.html = strconv.AppendInt(w.html, int64(blk.level), 10)
				w.html = append(w.html, '"')
			}
			w.html = append(w.html, ">\n"...)
			for i := blk.from; i < blk.to; i++ {
				if line := d.line(&o, d.units[i:i+1]); o.summary == "" {
					o.summary = string(line)
				}
				w.html = append(w.html, "<li>"...)
				w.unit(d.units[i])
				w.html = append(w.html, "</li>\n"...)
			}
			w.html = append(w.html, "</"...)
			w.html = append(w.html, tag...)
			w.html = append(w.html, ">\n"...)
		case plainTable:
			w.table(&o, blk)
		}
	}
	return Result{HTML: w.html, Text: string(o.text), Summary: o.summary, Headings: o.headings}
}

// plainWriter writes a plainDoc's HTML; dests are its links' resolved
// destinations, in order, next the one of the next link.
type plainWriter struct {
	doc    *plainDoc
	dests  [][]byte
	next   int
	unsafe bool
	html   []byte
}

// table writes a table, wrapped as renderTable wraps goldmark's, and adds
// its rows to the outline.
func (w *plainWriter) table(o *outline, blk plainBlock) {
	d := w.doc
	cells := d.units[blk.from:blk.to]
	w.html = append(w.html, "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n"...)
	for r := 0; r*blk.cols < len(cells); r++ {
		row := cells[r*blk.cols : (r+1)*blk.cols]
		tag := "td"
		if r == 0 {
			tag = "th"
		} else {
			w.html = append(w.html, "<tr>\n"...)
		}
		d.line(o, row)
		for col, c := range row {
			w.html = append(w.html, '<')
			w.html = append(w.html, tag...)
			w.html = append(w.html, d.aligns[blk.align+col]...)
			w.html = append(w.html, '>')
			w.unit(c)
			w.html = append(w.html, "</"...)
			w.html = append(w.html, tag...)
			w.html = append(w.html, ">\n"...)
		}
		w.html = append(w.html, "</tr>\n"...)
		switch {
		case r == 0:
			w.html = append(w.html, "</thead>\n"...)
			if len(cells) > blk.cols {
				w.html = append(w.html, "<tbody>\n"...)
			}
		case (r+1)*blk.cols == len(cells):
			w.html = append(w.html, "</tbody>\n"...)
		}
	}
	w.html = append(w.html, "</table>\n</div>\n"...)
}

// unit writes the HTML of an inline content.
func (w *plainWriter) unit(u unit) {
	d := w.doc
	for i := u.from; i < u.to; i++ {
		t := d.toks[i]
		switch t.kind {
		case tokText:
			w.html = appendText(w.html, d.body[t.start:t.stop], t.escape)
		case tokOpen:
			w.html = append(w.html, "<strong>"...)
		case tokClose:
			w.html = append(w.html, "</strong>"...)
		case tokLink:
			dest := util.URLEscape(w.dests[w.next], true)
			w.next++
			w.html = append(w.html, `<a href="`...)
			if w.unsafe || !dangerous(dest) {
				w.html = appendEscaped(w.html, dest)
			}
			w.html = append(w.html, `">`...)
			w.html = appendText(w.html, d.body[t.start:t.stop], t.escape)
			w.html = append(w.html, "</a>"...)
		case tokBreak:
			if !d.breakJoins(u, i) {
				w.html = append(w.html, '\n')
			}
		case tokHard:
			w.html = append(w.html, "<br>\n"...)
		}
	}
}

// line adds to the outline's text, as a line of its own unless empty, the
// plain text of units (a table row's cells joined by spaces, as rowText
// joins them) and returns it.
func (d *plainDoc) line(o *outline, units []unit) []byte {
	start := len(o.text)
	if start > 0 {
		o.text = append(o.text, '\n')
	}
	from := len(o.text)
	for _, u := range units {
		sep := len(o.text) > from
		if sep {
			o.text = append(o.text, ' ')
		}
		cell := len(o.text)
		if o.text = d.text(o.text, u); sep && len(o.text) == cell {
			o.text = o.text[:cell-1]
		}
	}
	if len(o.text) == from {
		o.text = o.text[:start]
		return nil
	}
	return o.text[from:]
}

// text appends to dst the plain text of an inline content, as inlineText
// reads goldmark's nodes, trimmed.
func (d *plainDoc) text(dst []byte, u unit) []byte {
	from := len(dst)
	for i := u.from; i < u.to; i++ {
		switch t := d.toks[i]; t.kind {
		case tokText, tokLink:
			dst = append(dst, d.body[t.start:t.stop]...)
		case tokBreak, tokHard:
			if !d.breakJoins(u, i) {
				dst = append(dst, ' ')
			}
		}
	}
	t := bytes.TrimSpace(dst[from:])
	if len(t) > 0 && &t[0] != &dst[from] {
		copy(dst[from:], t)
	}
	return dst[:from+len(t)]
}

// breakJoins reports whether the soft line break toks[i] disappears, by
// the characters shown on either side of it in the same content (as
// softBreakJoins judges goldmark's).
func (d *plainDoc) breakJoins(u unit, i int) bool {
	before, after := rune(-1), rune(-1)
	for j := i - 1; j >= u.from && before < 0; j-- {
		if t := d.toks[j]; t.kind == tokText || t.kind == tokLink {
			before, _ = utf8.DecodeLastRune(d.body[t.start:t.stop])
		}
	}
	for j := i + 1; j < u.to && after < 0; j++ {
		if t := d.toks[j]; t.kind == tokText || t.kind == tokLink {
			after, _ = utf8.DecodeRune(d.body[t.start:t.stop])
		}
	}
	return before >= 0 && after >= 0 && joinsAtBreak(before, after)
}

// appendText appends text, escaped if escape.
func appendText(dst, text []byte, escape bool) []byte {
	if escape {
		return appendEscaped(dst, text)
	}
	return append(dst, text...)
}

// appendEscaped appends b to dst with &, <, > and " escaped, as goldmark
// writes text (which has no NUL here).
func appendEscaped(dst, b []byte) []byte {
	n := 0
	for i, c := range b {
		if e := util.EscapeHTMLByte(c); e != nil {
			dst = append(dst, b[n:i]...)
			dst = append(dst, e...)
			n = i + 1
		}
	}
	return append(dst, b[n:]...)
}

// visible returns the visible text of a plain body as VisibleText reads
// goldmark's nodes: each content a text of its own, soft line breaks as
// the page shows them, hard ones joined.
func (d *plainDoc) visible() Visible {
	v := &visibleBuilder{body: d.body}
	for _, u := range d.units {
		v.sep()
		for i := u.from; i < u.to; i++ {
			switch t := d.toks[i]; t.kind {
			case tokText, tokLink:
				v.raw(int(t.start), int(t.stop))
			case tokBreak:
				if !d.breakJoins(u, i) {
					v.text = append(v.text, ' ')
					v.src = append(v.src, -1)
				}
			}
		}
		v.sep()
	}
	return Visible{Text: string(v.text), Src: v.src}
}

// links returns the link destinations of a plain body as Links reads
// goldmark's nodes.
func (d *plainDoc) links() []Link {
	var links []Link
	var lines lineIndex
	for _, t := range d.toks {
		if t.kind != tokLink {
			continue
		}
		if lines.body == nil {
			lines = newLineIndex(d.body)
		}
		l := Link{Dest: string(d.body[t.dest:t.destStop])}
		l.Line, l.Col = lines.position(int(t.dest))
		links = append(links, l)
	}
	return links
}
