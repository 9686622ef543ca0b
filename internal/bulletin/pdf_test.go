package bulletin_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gongkai/internal/bulletin"
)

// missing skips a test that needs a browser or tool that is not installed,
// or fails it when GONGKAI_REQUIRE_BROWSER=1 (CI), as internal/browsertest
// does.
func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("GONGKAI_REQUIRE_BROWSER") == "1" {
		t.Fatal(why)
	}
	t.Skip(why)
}

func needChrome(t *testing.T) *bulletin.Chrome {
	t.Helper()
	c, err := bulletin.FindChrome()
	if errors.Is(err, bulletin.ErrNoChrome) {
		missing(t, err.Error()+" (.ci/install-browser installs it)")
	} else if err != nil {
		t.Fatal(err)
	}
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, tool+" not found: apt-get install poppler-utils (.ci/install-browser installs it)")
		}
	}
	return c
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestPrintedIssueIsA4WithPageNumbers prints testdata/render/issue.txtar's
// issue, lengthened to three pages, with headless Chromium and reads the
// PDF back with poppler-utils: A4 pages, the titles in order, "— 1 —" page
// numbers on the outer side (odd right, even left), every font embedded,
// and the same bytes when printed again. Page 1 is kept as a PNG for people
// to look at (its path is logged).
func TestPrintedIssueIsA4WithPageNumbers(t *testing.T) {
	chrome := needChrome(t)
	c := readCase(t, "testdata/render/issue.txtar")
	meeting := c.fsys["content/2025/meeting.md"]
	more := strings.Repeat("\n会议强调，各科室要把信息报送作为日常工作的重要内容，明确专人负责，按时报送，确保信息准确、及时、规范。\n", 30)
	meeting.Data = append(append([]byte(nil), meeting.Data...), more...)
	src := c.source(t)
	ms, _ := bulletin.LoadManifests(c.fsys, src.Config)
	is, l := src.Issue(ms[0], "")
	if is == nil {
		t.Fatal(findingsText(l))
	}
	page, err := src.RenderIssue(is, bulletin.Links{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chrome.PrintPDF(context.Background(), page, is.Date.Time)
	if err != nil {
		t.Fatal(err)
	}
	dir := keepDir(t)
	file := filepath.Join(dir, is.PDFName())
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", file, filepath.Join(dir, "page-1"))
	t.Logf("page 1 of the printed issue: %s", filepath.Join(dir, "page-1.png"))

	pages := checkA4(t, file)
	if pages < 3 {
		t.Errorf("%d pages; the lengthened issue should fill at least 3", pages)
	}
	checkTitles(t, run(t, "pdftotext", file, "-"))
	checkPageNumbers(t, file, pages)
	checkFontsEmbedded(t, run(t, "pdffonts", file))
	again, err := chrome.PrintPDF(context.Background(), page, is.Date.Time)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, again) {
		t.Errorf("printing the same issue twice gave different PDFs (%d and %d bytes)", len(pdf), len(again))
	}
}

// keepDir is a folder under the system's temporary folder that outlives
// the test, so that people can look at what it printed.
func keepDir(t *testing.T) string {
	dir := filepath.Join(os.TempDir(), "gongkai-bulletin-test")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var pageSize = regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)

// checkA4 checks that every page is 595 × 842 pt and returns the count.
func checkA4(t *testing.T, file string) int {
	t.Helper()
	sizes := pageSize.FindAllStringSubmatch(run(t, "pdfinfo", "-f", "1", "-l", "100", file), -1)
	for _, m := range sizes {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		if fmt.Sprintf("%.0f×%.0f", w, h) != "595×842" {
			t.Errorf("page %s is %s × %s pt, want A4 (595 × 842)", m[1], m[2], m[3])
		}
	}
	return len(sizes)
}

// checkTitles checks the order of what the reader meets: the masthead,
// the table of contents, the 编者按, the articles in the manifest's order,
// the 版记.
func checkTitles(t *testing.T, text string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), "")
	plan, meeting := "县招商局2025年招商引资工作要点", "县招商局召开一季度信息宣传工作会议"
	want := []string{"招商信息", "第1期", "目录", plan, meeting, "编者按", plan, "招商一科2025年2月13日",
		meeting, "办公室2025年3月5日", "报：市招商局。", "送：县委办，县政府办。", "发：局属各科室。", "（共印30份）"}
	at := 0
	for _, w := range want {
		i := strings.Index(flat[at:], w)
		if i < 0 {
			t.Errorf("the PDF's text lacks %q after position %d:\n%s", w, at, text)
			return
		}
		at += i + len(w)
	}
}

var word = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>`)

// checkPageNumbers finds "— N —" at the foot of each page: right of the
// middle on odd pages, left of it on even ones.
func checkPageNumbers(t *testing.T, file string, pages int) {
	t.Helper()
	text := run(t, "pdftotext", file, "-")
	for n := 1; n <= pages; n++ {
		if !strings.Contains(text, fmt.Sprintf("— %d —", n)) {
			t.Errorf("page number \"— %d —\" not in the PDF's text", n)
		}
	}
	boxes := run(t, "pdftotext", "-bbox", file, "-")
	for n, pg := range strings.Split(boxes, "<page ")[1:] {
		found := false
		for _, m := range word.FindAllStringSubmatch(pg, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			if m[3] != strconv.Itoa(n+1) || y < 742 { // below the type area (35 mm bottom margin)
				continue
			}
			found = true
			if odd := (n+1)%2 == 1; odd != (x > 297) {
				t.Errorf("page %d: its number is at x=%.0f pt; odd pages carry it on the right, even pages on the left", n+1, x)
			}
		}
		if !found {
			t.Errorf("page %d: no page number at the foot of the page", n+1)
		}
	}
}

// checkFontsEmbedded checks pdffonts' "emb" column.
func checkFontsEmbedded(t *testing.T, fonts string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
	}
	header := lines[0]
	col := strings.Index(header, "emb")
	for _, l := range lines[2:] {
		if col < 0 || len(l) < col+3 || l[col:col+3] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}
