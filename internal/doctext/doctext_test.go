package doctext

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestPlainTextIsReadAsUTF8GB18030OrUTF16(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("内部资料")
	for name, data := range map[string][]byte{
		"utf8":    []byte("内部资料"),
		"bom":     append([]byte{0xEF, 0xBB, 0xBF}, "内部资料"...),
		"gbk":     []byte(gbk),
		"utf16le": {0xFF, 0xFE, 0x85, 0x51, 0xE8, 0x90, 0x44, 0x8D, 0x99, 0x65},
	} {
		got, err := Text("a.csv", data)
		if err != nil || got != "内部资料" {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

func TestWordRunsJoinAndParagraphsDoNot(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>内</w:t></w:r><w:r><w:t>部</w:t></w:r></w:p><w:p><w:r><w:t>资料</w:t></w:r></w:p></w:body></w:document>`))
	w, _ = zw.Create("word/styles.xml")
	w.Write([]byte(`<w:styles xmlns:w="w"><w:t>内部资料</w:t></w:styles>`))
	zw.Close()
	got, err := Text("纪要.DOCX", buf.Bytes())
	if err != nil || got != "内部\n资料\n" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestUnreadableTypesAndDamagedPackages(t *testing.T) {
	for _, name := range []string{"a.pdf", "a.doc", "a.png", "a.zip", "a.ofd", "a.wps"} {
		if Readable(name) {
			t.Errorf("%s: Readable", name)
		}
	}
	// The zip library's reason in the reader's words, its error still inside.
	const want = "不是完好的 Office 文件（zip 包无法打开）：文件不是 zip 格式，可能已损坏或只是改了扩展名"
	if _, err := Text("a.xlsx", []byte("not a zip")); err == nil || err.Error() != want || !errors.Is(err, zip.ErrFormat) {
		t.Errorf("damaged xlsx: %v", err)
	}
}
