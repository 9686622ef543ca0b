package bulletin

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
	"time"

	"gongkai/internal/msg"
)

// Chrome is a headless Chromium (or Google Chrome) that prints issues to
// PDF through its command line.
type Chrome struct {
	Path string
}

// chromeNames are the executables FindChrome looks for on PATH, in order.
var chromeNames = []string{"chromium", "chromium-browser", "google-chrome"}

var (
	msgNoChrome = msg.New("bulletin.no_chrome",
		"未找到用于打印 PDF 的无头 Chromium：请安装（Debian/Ubuntu：sudo apt-get install chromium fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei），或将 GONGKAI_CHROME 设为浏览器的路径",
		"no headless Chromium found to print the PDF: install it (Debian/Ubuntu: sudo apt-get install chromium fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei) or set GONGKAI_CHROME to the browser's path")
	msgBadChromeEnv = msg.New("bulletin.bad_chrome_env",
		"GONGKAI_CHROME=%s：%v",
		"GONGKAI_CHROME=%s: %v")
	msgPrintFailed = msg.New("bulletin.print_failed",
		"%s 未能打印 PDF（%v）：%s",
		"%s could not print the PDF (%v): %s")
	msgNoPDFWritten = msg.New("bulletin.no_pdf_written",
		"没有写出 PDF",
		"no PDF written")
	msgNoBanjiMark = msg.New("bulletin.no_banji_mark",
		"%s 打印的 PDF 中找不到版记的位置标记，无法把版记排到末页底部；请换用较新的 Chromium",
		"the PDF %s printed lacks the 版记's position mark, so the 版记 cannot be set at the foot of the last page; use a newer Chromium")
)

// ErrNoChrome says that no browser was found, and what to do.
var ErrNoChrome error = noChrome{}

type noChrome struct{}

func (noChrome) Error() string { return msgNoChrome.F() }

// FindChrome returns the browser named by GONGKAI_CHROME, else the first of
// chromium, chromium-browser and google-chrome on PATH, else ErrNoChrome.
func FindChrome() (*Chrome, error) {
	if bin := os.Getenv("GONGKAI_CHROME"); bin != "" {
		p, err := exec.LookPath(bin)
		if err != nil {
			return nil, msgBadChromeEnv.Error(bin, err)
		}
		return &Chrome{p}, nil
	}
	for _, name := range chromeNames {
		if p, err := exec.LookPath(name); err == nil {
			return &Chrome{p}, nil
		}
	}
	return nil, ErrNoChrome
}

// printTimeout bounds one print, so a broken browser cannot hang a build.
const printTimeout = 2 * time.Minute

// PrintPDF prints an issue page to PDF (A4, the page's own @page margins
// and page numbers, fonts embedded) and returns the PDF. The PDF's dates
// are set to date, so that the same issue prints to the same bytes.
func (c *Chrome) PrintPDF(ctx context.Context, html []byte, date time.Time) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "gongkai-bulletin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	page, out := filepath.Join(tmp, "index.html"), filepath.Join(tmp, "issue.pdf")
	if err := os.WriteFile(page, html, 0o644); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, printTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Path,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--no-pdf-header-footer",
		"--print-to-pdf="+out, "file://"+filepath.ToSlash(page))
	ownProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	err = cmd.Run()
	killGroup(cmd) // helpers that outlive the browser
	pdf, readErr := os.ReadFile(out)
	if err != nil || readErr != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, msgPrintFailed.Error(c.Path, firstErr(err, readErr), lastLines(stderr.String(), 5))
	}
	return fixDates(pdf, date), nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return errors.New(msgNoPDFWritten.F())
}

// lastLines returns the last n lines of s, for error messages.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}`)

// fixDates replaces the print time in the PDF's /CreationDate and
// /ModDate with date. The replacement has the same length, so the PDF's
// cross-reference offsets stay right.
func fixDates(pdf []byte, date time.Time) []byte {
	stamp := date.UTC().Format("20060102150405")
	return pdfDate.ReplaceAllFunc(pdf, func(m []byte) []byte {
		return append(m[:len(m)-14:len(m)-14], stamp...)
	})
}

// The links the measuring print carries at the top and the bottom of the
// 版记; they never reach the issue's PDF.
const (
	banjiTopMark = "https://gongkai.invalid/banji-top"
	banjiEndMark = "https://gongkai.invalid/banji-end"
)

// The type area in PDF points: its bottom edge from the foot of the page
// (the 35 mm bottom margin) and its height (225 mm); and the 版记's rules.
const (
	typeAreaBottom = 35 / 25.4 * 72
	typeAreaHeight = 225 / 25.4 * 72
	banjiRule      = .35 / 25.4 * 72
)

// PrintIssue prints the issue to PDF with its 版记 on the last page, its
// last rule on the bottom edge of the type area (GB/T 9704): it prints
// once with links at the 版记's top and bottom, reads where they landed,
// and prints again with the space above the 版记 grown by the distance to
// the foot. With bulletin.double_sided, an issue that would end on an odd
// page puts the 版记 on a page of its own, the even back page, which like
// the standard's 版记页 carries no page number.
func (s *Source) PrintIssue(ctx context.Context, c *Chrome, is *Issue, links Links) ([]byte, error) {
	page, err := s.renderIssue(is, links, printLayout{measureTop: banjiTopMark, measureEnd: banjiEndMark})
	if err != nil {
		return nil, err
	}
	draft, err := c.PrintPDF(ctx, page, is.Date.Time)
	if err != nil {
		return nil, err
	}
	top, okTop := linkRect(draft, banjiTopMark, 4)
	bottom, okEnd := linkRect(draft, banjiEndMark, 2)
	if !okTop || !okEnd {
		return nil, msgNoBanjiMark.Error(c.Path)
	}
	// half a point spare keeps rounding from pushing the 版记 on a page
	pl := printLayout{}
	gap := lineHeight + (bottom - banjiRule - typeAreaBottom) - 0.5
	if s.Config.Bulletin.DoubleSided && pageCount(draft)%2 == 1 {
		pl.ownPage = true
		gap = typeAreaHeight - (top - bottom + 2*banjiRule) - 0.5
	}
	pl.banjiGap = fmt.Sprintf("%.2fpt", max(gap, 0))
	if page, err = s.renderIssue(is, links, pl); err != nil {
		return nil, err
	}
	return c.PrintPDF(ctx, page, is.Date.Time)
}

// lineHeight is the body's line in points (--line in issue.css): the
// space above the 版记 before it is measured.
const lineHeight = 28.98

var (
	rectPattern = regexp.MustCompile(`/Rect \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]`)
	pagePattern = regexp.MustCompile(`/Type /Page[^s]`)
)

// pageCount counts the page objects of a PDF Chromium printed.
func pageCount(pdf []byte) int { return len(pagePattern.FindAll(pdf, -1)) }

// linkRect finds the link annotation to uri in a PDF Chromium printed and
// returns one coordinate of its rectangle (2: the bottom, 4: the top, in
// PDF points from the page foot). Chromium writes annotations
// uncompressed: the /Rect, then the /URI.
func linkRect(pdf []byte, uri string, coord int) (float64, bool) {
	at := bytes.Index(pdf, []byte("/URI ("+uri+")"))
	if at < 0 {
		return 0, false
	}
	obj := pdf[:at]
	if start := bytes.LastIndex(obj, []byte(" obj")); start >= 0 {
		obj = obj[start:]
	}
	m := rectPattern.FindAllSubmatch(obj, -1)
	if len(m) == 0 {
		return 0, false
	}
	y, err := strconv.ParseFloat(string(m[len(m)-1][coord]), 64)
	return y, err == nil
}
