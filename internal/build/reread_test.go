package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/project"
)

// A build drops each article's Markdown once it is checked and reads the
// file again for its page: the body read again is the body loaded, CRLF
// and byte-order mark included, and a file changed after its check is
// refused rather than published unchecked.
func TestBuildRereadsTheSourceItChecked(t *testing.T) {
	dir := newRepo(t)
	notice := filepath.Join(dir, "content", "2025", "notice.md")
	raw, err := os.ReadFile(notice)
	if err != nil {
		t.Fatal(err)
	}
	// A file saved on Windows: BOM and CRLF line ends.
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))...)
	if err := os.WriteFile(notice, crlf, 0o644); err != nil {
		t.Fatal(err)
	}
	kept, err := project.OpenDir(dir, buildTime)
	if err != nil {
		t.Fatal(err)
	}
	p, err := project.OpenDirWith(dir, buildTime, project.Options{Reread: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range p.Articles {
		if a.Broken {
			continue
		}
		if a.Body != nil || a.Src != nil {
			t.Errorf("%s: source kept after the check", a.Path)
		}
		body, err := p.Body(a)
		if err != nil {
			t.Fatalf("%s: %v", a.Path, err)
		}
		if want := kept.Articles[i].Body; !bytes.Equal(body, want) {
			t.Errorf("%s: body read again differs from the body loaded:\n%q\n%q", a.Path, body, want)
		}
	}

	var a = p.Articles[0]
	for _, x := range p.Articles {
		if x.Path == "content/2025/notice.md" {
			a = x
		}
	}
	if err := os.WriteFile(notice, bytes.Replace(crlf, []byte(noticeText), []byte("未经审核的文字"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Body(a); err == nil || !strings.Contains(err.Error(), "在检查之后被修改") || !strings.Contains(err.Error(), a.Path) {
		t.Fatalf("a file changed after its check: got %v, want the refusal naming %s", err, a.Path)
	}
}
