package serve

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestPendingPreviewsNoRejectedArticle(t *testing.T) {
	plan := readFile(t, filepath.Join(repo(t), "content/2025/plan.md"))
	for name, edit := range map[string][2]string{
		"secrecy 涉密":                     {"opinion: 公开}", "opinion: 公开}\n  secrecy: {by: 王五, at: 2025-03-11, result: 涉密}"},
		"content 不公开":                    {"opinion: 公开}", "opinion: 不公开}"},
		"disclosure that does not parse": {"disclosure: 主动公开", "disclosure: 主动"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := repo(t)
			writeFile(t, filepath.Join(dir, "content/2025/plan.md"), strings.Replace(plan, edit[0], edit[1], 1))
			url := ""
			for _, a := range mustOpen(t, dir).Articles {
				if a.Path == "content/2025/plan.md" {
					url = a.URL
				}
			}
			if url == "" {
				t.Fatal("no URL for content/2025/plan.md")
			}
			if code, body := get(t, start(t, dir, true), url); code != http.StatusNotFound {
				t.Errorf("serve --pending previews a rejected article (%d):\n%s", code, body)
			}
		})
	}
}
