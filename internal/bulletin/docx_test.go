package bulletin_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/bulletin"
)

// docxIssue is testdata/render/issue.txtar's issue with a table added to
// its second article.
func docxIssue(t *testing.T) (*bulletin.Source, *bulletin.Issue) {
	t.Helper()
	c := readCase(t, "testdata/render/issue.txtar")
	meeting := c.fsys["content/2025/meeting.md"]
	table := "\n| 科室 | 报送篇数 |\n| --- | --- |\n| 招商一科 | 12 |\n| 项目服务科 | 9 |\n\n**会后**，各科室*认真*落实。\n"
	meeting.Data = append(append([]byte(nil), meeting.Data...), table...)
	src := c.source(t)
	ms, _ := bulletin.LoadManifests(c.fsys, src.Config)
	is, l := src.Issue(ms[0], "")
	if is == nil {
		t.Fatal(findingsText(l))
	}
	return src, is
}

// TestDocxIsWellFormedWordprocessingML opens the .docx as Word does: a zip
// of the parts [Content_Types].xml names, each well-formed XML, and the
// same bytes for the same issue.
func TestDocxIsWellFormedWordprocessingML(t *testing.T) {
	src, is := docxIssue(t)
	docx, err := src.RenderDocx(is)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	var document string
	for _, f := range z.File {
		names[f.Name] = true
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				break
			}
		}
		if f.Name == "word/document.xml" {
			document = string(data)
		}
	}
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if !names[want] {
			t.Errorf("the .docx lacks %s", want)
		}
	}
	for _, want := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `w:left="1587"`, `w:linePitch="579"`, `<w:color w:val="E60012"/>`, "<w:tbl>", "项目服务科", "共印30份"} {
		if !strings.Contains(document+string(mustPart(t, z, "word/styles.xml")), want) {
			t.Errorf("the .docx lacks %s", want)
		}
	}
	again, _ := src.RenderDocx(is)
	if !bytes.Equal(docx, again) {
		t.Error("rendering the same issue twice gave different .docx files")
	}
}

func mustPart(t *testing.T, z *zip.Reader, name string) []byte {
	t.Helper()
	r, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(r)
	return data
}

// TestDocxOpensInLibreOffice converts the .docx to PDF with LibreOffice
// (soffice --headless, once per test run) and finds all its text in the
// PDF, in order: the 红头, 目录, 编者按, articles with their departments and
// dates, the table and the 版记. The PDF and its first page as PNG stay in
// the test's folder for people to look at.
func TestDocxOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		missing(t, "soffice not found: apt-get install libreoffice-writer-nogui (.ci/install-browser installs it)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missing(t, "pdftotext not found: apt-get install poppler-utils")
	}
	src, is := docxIssue(t)
	docx, err := src.RenderDocx(is)
	if err != nil {
		t.Fatal(err)
	}
	dir := keepDir(t)
	file := filepath.Join(dir, is.DocxName())
	if err := os.WriteFile(file, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "file://" + filepath.ToSlash(t.TempDir())
	run(t, soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, file)
	pdf := strings.TrimSuffix(file, ".docx") + ".docx.pdf"
	if err := os.Rename(strings.TrimSuffix(file, ".docx")+".pdf", pdf); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(dir, "docx-page-1"))
	t.Logf("the .docx, LibreOffice's PDF of it and its first page: %s", dir)
	text := run(t, "pdftotext", pdf, "-")
	checkTitles(t, text)
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"某某县招商局办公室", "2025年4月3日", "一季度，各科室围绕中心工作，报送信息质量明显提升。", "项目服务科", "报送篇数", "会后，各科室认真落实。", "2025年4月3日印发"} {
		if !strings.Contains(flat, want) {
			t.Errorf("LibreOffice's PDF of the .docx lacks %q:\n%s", want, text)
		}
	}
	checkA4(t, pdf)
}
