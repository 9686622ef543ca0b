package build_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/build"
)

// symlink makes link (a repository path) point at target, or skips.
func symlink(t *testing.T, dir, target, link string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(link))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Remove(p)
	if err := os.Symlink(target, p); err != nil {
		t.Skip("no symlinks here:", err)
	}
}

// wantOnlyError asserts the build stopped with one error of id whose text
// holds want, and that a --keep-going build publishes none of leaks.
func wantOnlyError(t *testing.T, dir, id, want string, leaks ...string) {
	t.Helper()
	res, err := run(dir, build.Options{})
	errs := res.Project.Findings.Errors()
	if !errors.Is(err, build.ErrFindings) || len(errs) != 1 || errs[0].ID != id || !strings.Contains(errs[0].Msg, want) {
		t.Fatalf("err = %v, findings:\n%s\nwant one %s saying %q", err, res.Project.Findings, id, want)
	}
	mustRun(t, dir, build.Options{KeepGoing: true})
	site := tree(t, filepath.Join(dir, "site"))
	for _, leak := range leaks {
		if got := filesContaining(site, leak); len(got) > 0 {
			t.Errorf("%q is published in %q", leak, got)
		}
	}
}

func TestAttachmentSymlinkInsideTheRepositoryIsAnErrorAndNeverPublished(t *testing.T) {
	cases := []struct{ name, target, link string }{
		{"to an article in review", "draft.md", "content/2025/议程.txt"},
		{"to gongkai.yaml", "../../gongkai.yaml", "content/2025/议程.txt"},
		{"to a file of another folder", "../2024/秘密.txt", "content/2025/议程.txt"},
		{"a symlinked folder", "../2024", "content/2025/sub"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := newRepo(t)
			writeFile(t, dir, "content/2024/秘密.txt", "内部秘密")
			writeFile(t, dir, "content/2024/f.txt", "内部秘密")
			name := "议程.txt"
			if strings.HasSuffix(c.link, "sub") {
				name = "sub/f.txt"
			}
			symlink(t, dir, c.target, c.link)
			edit(t, dir, "content/2025/meeting.md", "attachments: [议程.pdf]", "attachments: [议程.pdf, "+name+"]")
			wantOnlyError(t, dir, "GK050", "符号链接", "内部秘密", draftText, "某某县招商局政府信息公开\n", "org_code")
		})
	}
}

func TestTemplateSymlinkIsAnErrorAndNeverCopied(t *testing.T) {
	dir := newRepo(t)
	symlink(t, dir, "../content/2025/draft.md", "templates/leak.txt")
	_, err := run(dir, build.Options{})
	if err == nil || !strings.Contains(err.Error(), "templates/leak.txt") || !strings.Contains(err.Error(), "符号链接") {
		t.Fatalf("err = %v, want the symlinked template named", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("site/ was written")
	}
}

func TestPublicArticleMayNotListTheAttachmentOfANonPublicOne(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "content/2025/内部名单.pdf", "%PDF-1.4 内部名单正文")
	edit(t, dir, "content/2025/draft.md", "review:", "attachments: [内部名单.pdf]\nreview:")
	edit(t, dir, "content/2025/meeting.md", "attachments: [议程.pdf]", "attachments: [议程.pdf, 内部名单.pdf]")
	wantOnlyError(t, dir, "GK050", "content/2025/draft.md", "内部名单")
}

func TestAttachmentListedTwiceIsACheckError(t *testing.T) {
	dir := newRepo(t)
	edit(t, dir, "content/2025/meeting.md", "attachments: [议程.pdf]", "attachments: [议程.pdf, 议程.pdf]")
	wantOnlyError(t, dir, "GK050", "两次")
}

func TestValidityChangeDatedLaterAppliesFromItsDate(t *testing.T) {
	dir := newRepo(t)
	edit(t, dir, "content/2025/notice.md", "validity: {status: 有效}", "validity: {status: 已失效, at: 2025-07-01, by: report.md}")
	mustRun(t, dir, build.Options{})
	page := tree(t, filepath.Join(dir, "site"))["2025/notice/index.html"]
	if strings.Contains(page, "已失效") || !strings.Contains(page, "有效") {
		t.Errorf("before 2025-07-01 the page shows 已失效 or not 有效:\n%s", page)
	}
	later := build.Options{Dir: dir, Now: buildTime.AddDate(0, 2, 0)}
	if _, err := build.Run(context.Background(), later); err != nil {
		t.Fatal(err)
	}
	if page := tree(t, filepath.Join(dir, "site"))["2025/notice/index.html"]; !strings.Contains(page, "已失效") {
		t.Errorf("after 2025-07-01 the page does not show 已失效:\n%s", page)
	}
}
