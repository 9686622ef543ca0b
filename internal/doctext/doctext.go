// Package doctext reads the text of the attachment files gongkai can read,
// so that GK030 scans them as it scans the page: plain text and CSV (UTF-8,
// or GBK/GB18030 as many office machines still save them), and the XML
// inside Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp)
// files, with the runs a word processor splits a phrase into joined.
//
// PDF, images, the old binary Office formats (doc, xls, ppt, wps, et, dps),
// archives and OFD are not read: Readable says so, and a person reviews
// them (GK031). No pure-Go PDF library extracts Chinese text from CID fonts
// reliably enough to stand in for that person.
package doctext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/internal/msg"
)

var (
	msgCannotRead = msg.New("doctext.cannot_read", "无法读取 %s 文件的文字", "cannot read the text of %s files")
	msgNotUTF8    = msg.New("doctext.not_utf8", "既不是 UTF-8 也不是 GB18030 编码：%w", "neither UTF-8 nor GB18030: %w")
	msgNotZip     = msg.New("doctext.not_zip", "不是完好的 Office 文件（zip 包无法打开）：%w", "not a sound Office file (the zip package cannot be opened): %w")
	msgZipFormat  = msg.New("doctext.zip_format", "文件不是 zip 格式，可能已损坏或只是改了扩展名", "the file is not in zip format: it may be damaged, or only its extension was changed")
	msgZipOther   = msg.New("doctext.zip_other", "zip 包中的数据有误", "the data of the zip package is wrong")
	msgBadPart    = msg.New("doctext.bad_part", "%s 无法读取：%w", "%s cannot be read: %w")
	msgTooLarge   = msg.New("doctext.too_large", "解压后超过 256 MB，只读取了前 256 MB", "unpacks to more than 256 MB; only the first 256 MB were read")
)

// Limits against hostile files: a zip part or a whole document whose text
// is larger is read up to the limit, with an error.
const (
	maxPart  = 64 << 20
	maxTotal = 256 << 20
)

// Readable reports whether Text can read files with the name's extension.
func Readable(name string) bool {
	_, ok := readers[strings.ToLower(path.Ext(name))]
	return ok
}

// readers reads each readable type: the plain texts, or the zip parts whose
// XML holds the text.
var readers = map[string]func([]byte) (string, error){
	".txt":  plainText,
	".csv":  plainText,
	".docx": zipText(regexp.MustCompile(`^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$`)),
	".xlsx": zipText(regexp.MustCompile(`^xl/(sharedStrings|worksheets/[^/]+|comments\d*)\.xml$`)),
	".pptx": zipText(regexp.MustCompile(`^ppt/(slides|notesSlides)/[^/]+\.xml$`)),
	".odt":  zipText(odfParts),
	".ods":  zipText(odfParts),
	".odp":  zipText(odfParts),
}

var odfParts = regexp.MustCompile(`^(content|styles)\.xml$`)

// Text returns the text of an attachment: paragraphs, cells and rows on
// lines of their own, the runs inside a paragraph joined.
func Text(name string, data []byte) (string, error) {
	read, ok := readers[strings.ToLower(path.Ext(name))]
	if !ok {
		return "", msgCannotRead.Error(path.Ext(name))
	}
	return read(data)
}

// plainText decodes UTF-8 (with or without BOM), UTF-16 with a BOM, or
// else GB18030, a superset of GBK.
func plainText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16Text(data), nil
	case utf8.Valid(data):
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", msgNotUTF8.Error(err)
	}
	return string(out), nil
}

func utf16Text(data []byte) string {
	big := data[0] == 0xFE
	var b strings.Builder
	var pending rune = -1
	for i := 2; i+1 < len(data); i += 2 {
		u := rune(data[i])<<8 | rune(data[i+1])
		if !big {
			u = rune(data[i+1])<<8 | rune(data[i])
		}
		switch {
		case u >= 0xD800 && u < 0xDC00:
			pending = u
		case u >= 0xDC00 && u < 0xE000 && pending >= 0:
			b.WriteRune((pending-0xD800)<<10 + (u - 0xDC00) + 0x10000)
			pending = -1
		default:
			b.WriteRune(u)
			pending = -1
		}
	}
	return b.String()
}

// zipCause says why the zip library cannot open a file in the reader's
// language; the library's own error stays wrapped for errors.Is.
func zipCause(err error) error {
	text := msgZipOther.F()
	if errors.Is(err, zip.ErrFormat) {
		text = msgZipFormat.F()
	}
	return msg.Restate(err, text)
}

// zipText reads the text of the zip parts whose names match, in the
// archive's order.
func zipText(parts *regexp.Regexp) func([]byte) (string, error) {
	return func(data []byte) (string, error) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return "", msgNotZip.Error(zipCause(err))
		}
		var b strings.Builder
		for _, f := range zr.File {
			if !parts.MatchString(f.Name) {
				continue
			}
			if err := partText(&b, f); err != nil {
				return b.String(), err
			}
			if b.Len() > maxTotal {
				return b.String(), msgTooLarge.Error()
			}
		}
		return b.String(), nil
	}
}

// lineElements end a line of text: paragraphs, table cells and rows and
// shared strings, in the Office and ODF vocabularies. Line breaks and tabs
// inside a paragraph join, so that they cannot split a term.
var lineElements = map[string]bool{
	"p": true, "tc": true, "tr": true, "si": true, "c": true, "row": true,
	"h": true, "table-cell": true, "table-row": true, "list-item": true,
}

// partText writes the character data of one XML part, a line per
// paragraph or cell; everything inside a paragraph (runs, spans, fields) is
// joined, as the reader sees it.
func partText(b *strings.Builder, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return msgBadPart.Error(f.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, maxPart))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return msgBadPart.Error(f.Name, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 || !bytes.ContainsRune(t, '\n') { // not indentation
				b.Write(t)
			}
		case xml.EndElement:
			if lineElements[t.Name.Local] {
				b.WriteByte('\n')
			}
		}
	}
}
