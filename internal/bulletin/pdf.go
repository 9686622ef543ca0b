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
	"strings"
	"time"
)

// Chrome is a headless Chromium (or Google Chrome) that prints issues to
// PDF through its command line.
type Chrome struct {
	Path string
}

// chromeNames are the executables FindChrome looks for on PATH, in order.
var chromeNames = []string{"chromium", "chromium-browser", "google-chrome"}

// ErrNoChrome says that no browser was found, and what to do.
var ErrNoChrome = errors.New("no headless Chromium found to print the PDF: install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk) or set GONGKAI_CHROME to the browser's path")

// FindChrome returns the browser named by GONGKAI_CHROME, else the first of
// chromium, chromium-browser and google-chrome on PATH, else ErrNoChrome.
func FindChrome() (*Chrome, error) {
	if bin := os.Getenv("GONGKAI_CHROME"); bin != "" {
		p, err := exec.LookPath(bin)
		if err != nil {
			return nil, fmt.Errorf("GONGKAI_CHROME=%s: %v", bin, err)
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
		return nil, fmt.Errorf("%s could not print the PDF (%v): %s", c.Path, firstErr(err, readErr), lastLines(stderr.String(), 5))
	}
	return fixDates(pdf, date), nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return errors.New("no PDF written")
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
