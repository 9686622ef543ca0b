package bulletin_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

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
// issue, lengthened to several pages, with headless Chromium and reads the
// PDF back with poppler-utils: A4 pages, the titles in order, "— 1 —" page
// numbers on the outer side (odd right, even left), every font embedded
// as a CID TrueType subset and none as Type 3, the character grid of GB/T
// 9704 (28 characters a line, 22 lines on a full page, the binding margin
// 28 mm on every page), the 版记 alone at the foot of the last page, and
// the same bytes when printed again. Every page is kept as a PNG for
// people to look at (the folder is logged).
func TestPrintedIssueIsA4WithPageNumbers(t *testing.T) {
	chrome := needChrome(t)
	src, is := lengthenedIssue(t)
	pdf, err := src.PrintIssue(context.Background(), chrome, is, bulletin.Links{})
	if err != nil {
		t.Fatal(err)
	}
	dir := keepDir(t)
	file := filepath.Join(dir, is.PDFName())
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-png", "-r", "50", file, filepath.Join(dir, "page"))
	t.Logf("the printed issue and its pages as PNGs: %s", dir)

	pages := checkA4(t, file)
	if pages != 5 {
		t.Errorf("%d pages; the lengthened issue fills 5", pages)
	}
	checkTitles(t, run(t, "pdftotext", file, "-"))
	checkPageNumbers(t, file, pages)
	checkFontsEmbedded(t, run(t, "pdffonts", file))
	lines := readLines(t, file)
	checkGrid(t, lines)
	checkBanji(t, lines, pages)
	again, err := src.PrintIssue(context.Background(), chrome, is, bulletin.Links{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, again) {
		t.Errorf("printing the same issue twice gave different PDFs (%d and %d bytes)", len(pdf), len(again))
	}
}

// TestDoubleSidedIssueEndsOnAnEvenPage: with bulletin.double_sided, the
// lengthened issue, five pages of text, gets the 版记 alone at the foot of
// a sixth page that carries no page number.
func TestDoubleSidedIssueEndsOnAnEvenPage(t *testing.T) {
	chrome := needChrome(t)
	src, is := lengthenedIssue(t)
	src.Config.Bulletin.DoubleSided = true
	pdf, err := src.PrintIssue(context.Background(), chrome, is, bulletin.Links{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(keepDir(t), "double-sided.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := checkA4(t, file)
	if pages != 6 {
		t.Fatalf("%d pages, want 6: five of text and the 版记's", pages)
	}
	checkPageNumbers(t, file, pages-1)
	lines := readLines(t, file)
	checkBanji(t, lines, pages)
	banji := "报：市招商局。送：县委办，县政府办。发：局属各科室。某某县招商局办公室2025年4月3日印发（共印30份）"
	for _, l := range lines {
		if l.page == pages && !strings.Contains(banji, l.text) {
			t.Errorf("the 版记's page also carries %q", l.text)
		}
	}
}

// lengthenedIssue is testdata/render/issue.txtar's issue, its second
// article lengthened to fill five pages.
func lengthenedIssue(t *testing.T) (*bulletin.Source, *bulletin.Issue) {
	t.Helper()
	c := readCase(t, "testdata/render/issue.txtar")
	meeting := c.fsys["content/2025/meeting.md"]
	more := strings.Repeat("\n会议强调，各科室要把信息报送作为日常工作的重要内容，明确专人负责，按时报送，确保信息准确、及时、规范；"+
		"要围绕县委、县政府中心工作，多报有情况、有分析、有建议的综合信息和调研信息，不断提高信息的针对性和时效性。\n", 16)
	meeting.Data = append(append([]byte(nil), meeting.Data...), more...)
	src := c.source(t)
	ms, _ := bulletin.LoadManifests(c.fsys, src.Config)
	is, l := src.Issue(ms[0], "")
	if is == nil {
		t.Fatal(findingsText(l))
	}
	return src, is
}

// The type area on an A4 page in PDF points from the page's top left:
// 28 mm from the left, 37 mm from the top, 156 mm × 225 mm.
const (
	mm           = 72 / 25.4
	areaLeft     = 28 * mm
	areaRight    = (28 + 156) * mm
	areaTop      = 37 * mm
	areaBottom   = (37 + 225) * mm
	bodyCharSize = 156 * mm / 28
)

// textLine is one line of text as pdftotext -bbox-layout sees it.
type textLine struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	bboxLine = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	bboxWord = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// readLines returns the PDF's text lines, page by page.
func readLines(t *testing.T, file string) []textLine {
	t.Helper()
	var out []textLine
	for n, pg := range strings.Split(run(t, "pdftotext", "-bbox-layout", file, "-"), "<page ")[1:] {
		for _, m := range bboxLine.FindAllStringSubmatch(pg, -1) {
			l := textLine{page: n + 1}
			for i, f := range []*float64{&l.xMin, &l.yMin, &l.xMax, &l.yMax} {
				*f, _ = strconv.ParseFloat(m[i+1], 64)
			}
			for _, w := range bboxWord.FindAllStringSubmatch(m[5], -1) {
				l.text += html.UnescapeString(w[1])
			}
			out = append(out, l)
		}
	}
	return out
}

// width counts a line's characters as the grid does: a CJK character is
// one, a half-width letter or digit half.
func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += .5
		} else {
			w++
		}
	}
	return w
}

// checkGrid checks the body's character grid: every body line starts at
// the binding margin (28 mm) or one indent in, a line that runs to the
// right edge holds 28 Chinese characters (counting its indent), and a page of
// body text holds 22 lines.
func checkGrid(t *testing.T, lines []textLine) {
	t.Helper()
	perPage := map[int]int{}
	full := 0
	for _, l := range lines {
		if l.yMin < areaTop-2 || l.yMax > areaBottom+2 {
			continue // the page numbers
		}
		perPage[l.page]++
		if l.xMin < areaLeft-1 {
			t.Errorf("page %d: %q starts %.1f mm from the page's left edge, inside the 28 mm binding margin", l.page, l.text, l.xMin/mm)
		}
		if l.xMax < areaRight-2 || l.xMax > areaRight+1 || width(l.text) != float64(utf8.RuneCountInString(l.text)) {
			continue // not a full line, or half-width letters make it longer
		}
		full++
		indent := math.Round((l.xMin - areaLeft) / bodyCharSize)
		if w := width(l.text) + indent; w != 28 {
			t.Errorf("page %d: a full line holds %v characters, want 28: %q", l.page, w, l.text)
		}
	}
	if full < 20 {
		t.Errorf("only %d full lines of body text; the lengthened issue should have many", full)
	}
	most := 0
	for _, n := range perPage {
		most = max(most, n)
	}
	t.Logf("%d full lines of 28 characters; lines per page: %v", full, perPage)
	if most != 22 {
		t.Errorf("the fullest page holds %d lines, want 22 (lines per page: %v)", most, perPage)
	}
}

// checkBanji checks that the 版记 is on the last page only, after the
// body, its last line (共印30份) just above the bottom edge of the type
// area.
func checkBanji(t *testing.T, lines []textLine, pages int) {
	t.Helper()
	var last textLine
	for _, l := range lines {
		if strings.Contains(l.text, "印发") || strings.HasPrefix(l.text, "报：") {
			if l.page != pages {
				t.Errorf("版记 line %q is on page %d, want the last page (%d)", l.text, l.page, pages)
			}
		}
		if strings.Contains(l.text, "共印30份") {
			last = l
		}
	}
	if last.text == "" {
		t.Fatal("the PDF lacks （共印30份）")
	}
	// the 版记's last line is 14pt at 1.9 lines: its text ends within a
	// row of the bottom edge
	if gap := areaBottom - last.yMax; last.page != pages || gap < 0 || gap > 14 {
		t.Errorf("（共印30份） ends %.1f pt above the bottom of the type area on page %d; want it on the last page (%d), within 14 pt", gap, last.page, pages)
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

// checkPageNumbers finds "— N —" at the foot of each of the first pages:
// right of the middle on odd pages, left of it on even ones.
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
		if n >= pages {
			break
		}
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

// checkFontsEmbedded checks pdffonts' "emb" column, and that no font is
// Type 3: print shops' preflight rejects them.
func checkFontsEmbedded(t *testing.T, fonts string) {
	t.Helper()
	if strings.Contains(fonts, "Type 3") {
		t.Errorf("the PDF has Type 3 fonts:\n%s", fonts)
	}
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
