package check_test

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// zipTypes are the attachment types a case writes as their XML parts: the
// file's text in the archive holds each part after a line "=== name ===",
// and the case runs with the zip package built from them (a file not
// starting so is left as it is: a damaged package).
var zipTypes = map[string]bool{".docx": true, ".xlsx": true, ".pptx": true, ".odt": true, ".ods": true, ".odp": true}

// inputFile returns a case's file as the check reads it: zip packages
// built from their parts, and files the comment names in a line
// "gb18030: path" encoded in GB18030, as Chinese office software saves them.
func inputFile(t *testing.T, name string, data, comment []byte) []byte {
	t.Helper()
	for _, line := range strings.Split(string(comment), "\n") {
		if v, ok := strings.CutPrefix(line, "gb18030:"); ok && strings.TrimSpace(v) == name {
			out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	if !zipTypes[path.Ext(name)] || !bytes.HasPrefix(data, []byte("=== ")) {
		return data
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range strings.Split(string(data), "=== ")[1:] {
		partName, body, _ := strings.Cut(part, " ===\n")
		w, err := zw.Create(partName)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
