package bulletin

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"
)

// The .docx is the issue as a WordprocessingML document for the office to
// finish in WPS or Word: the same A4 page, margins and character grid as
// the PDF (issue.css), the same fonts by their Windows names, the 红头,
// 目录, 编者按, articles and the 版记 as a table anchored to the foot of
// the type area. It is written with archive/zip and hand-made XML parts,
// the fewest Word needs to open it without repair.

// Lengths in twentieths of a point (twips) and half points.
const (
	twipsPerMM   = 1440 / 25.4
	pageWidth    = 11906 // A4, 210 mm
	pageHeight   = 16838 // 297 mm
	marginTop    = 2098  // 37 mm
	marginBottom = 1984  // 35 mm
	marginLeft   = 1587  // 28 mm, the binding margin
	marginRight  = 1474  // 26 mm
	areaWidth    = pageWidth - marginLeft - marginRight
	linePitch    = 579 // 225 mm / 22 lines; 28 characters a line come from
	// each 16pt character narrowed by a quarter point (w:spacing -5)
	footerDist = 1304 // 23 mm: the page number's rule 7 mm under the type area
	// one character of the body, for indents
	charTwips = areaWidth / 28
)

// Fonts by the names Windows and WPS know them by.
const (
	fontXBS  = "方正小标宋简体"
	fontFS   = "仿宋_GB2312"
	fontHT   = "黑体"
	fontKT   = "楷体_GB2312"
	fontSong = "宋体"
	redInk   = "E60012"
)

// RenderDocx renders the issue as a .docx.
func (s *Source) RenderDocx(is *Issue) ([]byte, error) {
	pg, err := s.page(is, Links{}, printLayout{})
	if err != nil {
		return nil, err
	}
	var body strings.Builder
	writeDocxBody(&body, pg)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(pg.Name+" "+pg.Label, is.Date.Time)},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", xmlHeader + `<w:document ` + wNS + `><w:body>` + body.String() + sectPr + `</w:body></w:document>`},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/footer1.xml", footer("right", 0, charTwips)},
		{"word/footer2.xml", footer("left", charTwips, 0)},
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, p := range parts {
		// a fixed time, so that the same issue gives the same bytes
		w, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: is.Date.Time})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DocxName is the .docx's file name inside the issue's folder.
func (is *Issue) DocxName() string { return is.ID() + ".docx" }

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wNS       = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	pkgRelNS  = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
	officeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

var contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

var packageRels = xmlHeader + `<Relationships ` + pkgRelNS + `>` +
	`<Relationship Id="rId1" Type="` + officeRel + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

var documentRels = xmlHeader + `<Relationships ` + pkgRelNS + `>` +
	`<Relationship Id="rId1" Type="` + officeRel + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="` + officeRel + `settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="` + officeRel + `footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId4" Type="` + officeRel + `footer" Target="footer2.xml"/>` +
	`</Relationships>`

func coreProps(title string, date time.Time) string {
	stamp := date.UTC().Format("2006-01-02T15:04:05Z")
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(title) + `</dc:title>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

// sectPr is the page: A4, the margins of GB/T 9704, a grid of 22 lines, odd footers on the right and even ones on the left.
var sectPr = fmt.Sprintf(`<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="even" r:id="rId4"/>`+
	`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`+
	`<w:docGrid w:type="lines" w:linePitch="%d"/></w:sectPr>`,
	pageWidth, pageHeight, marginTop, marginRight, marginBottom, marginLeft, footerDist, linePitch)

var settings = xmlHeader + `<w:settings ` + wNS + `><w:evenAndOddHeaders/>` +
	`<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// rFonts names one font for every script of a run.
func rFonts(font string) string {
	return `<w:rFonts w:ascii="` + font + `" w:eastAsia="` + font + `" w:hAnsi="` + font + `" w:cs="` + font + `"/>`
}

// styles: the body in 3号 仿宋 on the grid; the others the page's.
var styles = xmlHeader + `<w:styles ` + wNS + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(fontFS) + `<w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style("Normal", "正文", `<w:pPr><w:snapToGrid/></w:pPr>`, "") +
	style("Body", "简报正文", `<w:pPr><w:ind w:firstLineChars="200" w:firstLine="`+fmt.Sprint(2*charTwips)+`"/></w:pPr>`, "") +
	style("Masthead", "报头", `<w:pPr><w:jc w:val="center"/><w:spacing w:before="340" w:after="120" w:line="240" w:lineRule="auto"/></w:pPr>`,
		rFonts(fontXBS)+`<w:color w:val="`+redInk+`"/><w:spacing w:val="100"/><w:sz w:val="88"/><w:szCs w:val="88"/>`) +
	style("Title", "标题", `<w:pPr><w:keepNext/><w:keepLines/><w:jc w:val="center"/><w:spacing w:before="579" w:line="240" w:lineRule="auto"/></w:pPr>`,
		rFonts(fontXBS)+`<w:sz w:val="44"/><w:szCs w:val="44"/>`) +
	style("Meta", "署名", `<w:pPr><w:keepNext/><w:jc w:val="center"/><w:spacing w:after="290"/></w:pPr>`, rFonts(fontKT)) +
	style("Heading1", "一级标题", `<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="`+fmt.Sprint(2*charTwips)+`"/></w:pPr>`, rFonts(fontHT)) +
	style("Heading2", "二级标题", `<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="`+fmt.Sprint(2*charTwips)+`"/></w:pPr>`, rFonts(fontKT)) +
	style("Heading3", "三级标题", `<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="`+fmt.Sprint(2*charTwips)+`"/></w:pPr>`, "") +
	style("Quote", "引文", `<w:pPr><w:ind w:left="`+fmt.Sprint(2*charTwips)+`" w:right="`+fmt.Sprint(2*charTwips)+`"/></w:pPr>`, rFonts(fontKT)) +
	style("TOCHeading", "目录标题", `<w:pPr><w:jc w:val="center"/></w:pPr>`, rFonts(fontHT)+`<w:spacing w:val="320"/>`) +
	style("Banji", "版记", `<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="480" w:lineRule="exact"/><w:ind w:left="`+fmt.Sprint(charTwips)+`" w:right="`+fmt.Sprint(charTwips)+`"/><w:jc w:val="left"/></w:pPr>`,
		`<w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	style("Cell", "表格", `<w:pPr><w:snapToGrid w:val="0"/><w:jc w:val="center"/></w:pPr>`, `<w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	style("Footer", "页脚", `<w:pPr><w:snapToGrid w:val="0"/></w:pPr>`, rFonts(fontSong)+`<w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	`</w:styles>`

func style(id, name, pPr, rPr string) string {
	s := `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/>`
	if id != "Normal" {
		s += `<w:basedOn w:val="Normal"/><w:qFormat/>`
	}
	s += pPr
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `</w:style>`
}

// footer is a page-number footer "— 1 —" in 4号 宋体, one character in
// from the outer side.
func footer(align string, left, right int) string {
	return xmlHeader + `<w:ftr ` + wNS + `><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="` + align + `"/>` +
		fmt.Sprintf(`<w:ind w:left="%d" w:right="%d"/>`, left, right) + `</w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}
