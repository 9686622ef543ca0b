package bulletin

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// writeDocxBody writes the document's paragraphs: the 红头, 目录, 编者按,
// the articles and the 版记.
func writeDocxBody(w *strings.Builder, pg issuePage) {
	if pg.Internal {
		para(w, `<w:jc w:val="left"/>`, run(rFonts(fontHT), "内部资料　注意保存"))
	}
	para(w, `<w:pStyle w:val="Masthead"/>`, run("", pg.Name))
	para(w, `<w:jc w:val="center"/>`, run("", pg.NumberText))
	// issuer and date over the red rule: a right tab at the type area's edge
	para(w, fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, areaWidth-charTwips)+
		fmt.Sprintf(`<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="%s"/></w:pBdr><w:ind w:left="%d"/><w:spacing w:after="290"/>`, redInk, charTwips),
		run("", pg.Issuer)+`<w:r><w:tab/></w:r>`+run("", pg.Date))
	para(w, `<w:pStyle w:val="TOCHeading"/>`, run("", "目录"))
	for i, it := range pg.Items {
		para(w, fmt.Sprintf(`<w:ind w:left="%d" w:hanging="%d"/>`, 2*charTwips+charTwips, charTwips),
			run("", fmt.Sprintf("%d．%s（%s）", i+1, it.Title, it.Department)))
	}
	for i, p := range pg.Note {
		label := ""
		if i == 0 {
			label = run(rFonts(fontHT), "编者按：")
		}
		spacing := ""
		if i == 0 {
			spacing = `<w:spacing w:before="579"/>`
		}
		para(w, `<w:pStyle w:val="Body"/>`+spacing, label+run(rFonts(fontKT), p))
	}
	for _, it := range pg.Items {
		var lines []string
		for i, l := range titleLines(it.Title, titleWidth) {
			if i > 0 {
				lines = append(lines, `<w:r><w:br/></w:r>`)
			}
			lines = append(lines, run("", l))
		}
		ppr := `<w:pStyle w:val="Title"/>`
		if pg.PagePerArticle {
			ppr += `<w:pageBreakBefore/>`
		}
		para(w, ppr, strings.Join(lines, ""))
		para(w, `<w:pStyle w:val="Meta"/>`, run("", it.Department+"　"+it.Date))
		writeHTML(w, string(it.Body))
	}
	writeBanji(w, pg)
}

// writeBanji writes the 版记 as a table floating at the foot of the type
// area on the last page (Word and WPS place it there; LibreOffice leaves it
// where it stands): a thick rule above and below, thin ones between.
func writeBanji(w *strings.Builder, pg issuePage) {
	w.WriteString(`<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom"/>`)
	fmt.Fprintf(w, `<w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>`, areaWidth)
	w.WriteString(`<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>`)
	w.WriteString(`<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders>`)
	w.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	fmt.Fprintf(w, `<w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, areaWidth)
	row := func(content, ppr string) {
		fmt.Fprintf(w, `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, areaWidth)
		para(w, `<w:pStyle w:val="Banji"/>`+ppr, content)
		w.WriteString(`</w:tc></w:tr>`)
	}
	for _, d := range pg.Distribution {
		row(run("", d.Label+"："+d.Names), "")
	}
	row(run("", pg.Issuer)+`<w:r><w:tab/></w:r>`+run("", pg.Date+"印发"),
		fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, areaWidth-2*charTwips))
	if pg.Copies > 0 {
		row(run("", fmt.Sprintf("（共印%d份）", pg.Copies)), `<w:jc w:val="right"/>`)
	}
	w.WriteString(`</w:tbl>`)
	// a table must not end the document
	para(w, `<w:spacing w:line="20" w:lineRule="exact"/>`, "")
}

func para(w *strings.Builder, pPr, runs string) {
	w.WriteString(`<w:p>`)
	if pPr != "" {
		w.WriteString(`<w:pPr>` + pPr + `</w:pPr>`)
	}
	w.WriteString(runs + `</w:p>`)
}

// run is one run of text; rPr may be "".
func run(rPr, text string) string {
	if text == "" {
		return ""
	}
	s := `<w:r>`
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `<w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// docxWriter turns an article's HTML (as RenderIssue has it) into
// paragraphs and tables. It reads the HTML with encoding/xml in its
// lenient mode, which knows HTML's entities and empty elements.
type docxWriter struct {
	w      *strings.Builder
	runs   strings.Builder // the paragraph being gathered
	pStyle string
	fonts  []string // the run fonts open (strong → 黑体, em → 楷体)
	lists  []int    // the item counters of the open lists; -1 for <ul>
	cells  int      // >0 inside a table cell
}

func writeHTML(w *strings.Builder, html string) {
	d := xml.NewDecoder(strings.NewReader("<div>" + html + "</div>"))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	dw := &docxWriter{w: w, pStyle: "Body"}
	for {
		tok, err := d.Token()
		if err == io.EOF || err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			dw.start(t)
		case xml.EndElement:
			dw.end(t.Name.Local)
		case xml.CharData:
			dw.text(string(t))
		}
	}
	dw.flush()
}

// blockStyles maps the body's block elements to paragraph styles.
var blockStyles = map[string]string{"p": "Body", "h3": "Heading1", "h4": "Heading2", "h5": "Heading3", "h6": "Heading3", "li": "Body", "pre": "Body"}

func (dw *docxWriter) start(t xml.StartElement) {
	name := strings.ToLower(t.Name.Local)
	switch name {
	case "p", "h3", "h4", "h5", "h6", "pre":
		dw.flush()
		if dw.cells == 0 {
			dw.pStyle = blockStyles[name]
		}
	case "blockquote":
		dw.flush()
		dw.pStyle = "Quote"
	case "ul", "ol":
		dw.flush()
		dw.lists = append(dw.lists, map[bool]int{true: 0, false: -1}[name == "ol"])
	case "li":
		dw.flush()
		dw.pStyle = "Body"
		if n := len(dw.lists); n > 0 && dw.lists[n-1] >= 0 {
			dw.lists[n-1]++
			dw.text(fmt.Sprintf("%d．", dw.lists[n-1]))
		} else {
			dw.text("· ")
		}
	case "strong", "b", "th":
		dw.fonts = append(dw.fonts, fontHT)
	case "em", "i":
		dw.fonts = append(dw.fonts, fontKT)
	case "br":
		dw.runs.WriteString(`<w:r><w:br/></w:r>`)
	case "img":
		for _, a := range t.Attr {
			if a.Name.Local == "alt" {
				dw.text(a.Value)
			}
		}
	case "table":
		dw.flush()
		dw.w.WriteString(`<w:tbl><w:tblPr><w:jc w:val="center"/><w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			dw.w.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		dw.w.WriteString(`</w:tblBorders></w:tblPr>`)
	case "tr":
		dw.w.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	case "td":
		dw.w.WriteString(`<w:tc>`)
		dw.cells++
		dw.pStyle = "Cell"
	}
	if name == "th" {
		dw.w.WriteString(`<w:tc>`)
		dw.cells++
		dw.pStyle = "Cell"
	}
}

func (dw *docxWriter) end(name string) {
	switch strings.ToLower(name) {
	case "p", "h3", "h4", "h5", "h6", "pre", "li":
		dw.flush()
	case "blockquote":
		dw.flush()
		dw.pStyle = "Body"
	case "ul", "ol":
		dw.flush()
		if n := len(dw.lists); n > 0 {
			dw.lists = dw.lists[:n-1]
		}
	case "strong", "b", "em", "i":
		if n := len(dw.fonts); n > 0 {
			dw.fonts = dw.fonts[:n-1]
		}
	case "td", "th":
		dw.flush(true)
		dw.w.WriteString(`</w:tc>`)
		dw.cells--
		if name == "th" && len(dw.fonts) > 0 {
			dw.fonts = dw.fonts[:len(dw.fonts)-1]
		}
		if dw.cells == 0 {
			dw.pStyle = "Body"
		}
	case "tr":
		dw.w.WriteString(`</w:tr>`)
	case "table":
		dw.w.WriteString(`</w:tbl>`)
		// Word wants a paragraph between two tables and after the last
		para(dw.w, `<w:spacing w:line="20" w:lineRule="exact"/>`, "")
	}
}

func (dw *docxWriter) text(s string) {
	if strings.TrimSpace(s) == "" && dw.runs.Len() == 0 {
		return
	}
	rPr := ""
	if n := len(dw.fonts); n > 0 {
		rPr = rFonts(dw.fonts[n-1])
	}
	dw.runs.WriteString(run(rPr, strings.ReplaceAll(s, "\n", "")))
}

// flush writes the gathered runs as a paragraph; in a table cell, force
// writes one even when empty (a cell must hold a paragraph).
func (dw *docxWriter) flush(force ...bool) {
	if dw.runs.Len() == 0 && len(force) == 0 {
		return
	}
	para(dw.w, `<w:pStyle w:val="`+dw.pStyle+`"/>`, dw.runs.String())
	dw.runs.Reset()
}
