package serve

import (
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gongkai/internal/msg"
)

// TestPreviewSpeaksChinese reads everything the preview shows a person in
// zh-CN: the overlay's words and problems (a broken article, then a broken
// gongkai.yaml), the page while there is no site, the refusals of the HTTP
// server and the log; and fails on any English sentence in them.
func TestPreviewSpeaksChinese(t *testing.T) {
	checkLeaks(t)
	dir := repo(t)
	var log logBuffer
	s, err := Start(Options{Dir: dir, Addr: "127.0.0.1:0", Log: &log, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	english := func(where, text string) {
		t.Helper()
		for _, line := range strings.Split(text, "\n") {
			if prose := msg.EnglishProse(line); len(prose) > 0 {
				t.Errorf("%s: English in %q: %q", where, line, prose)
			}
		}
	}
	file := filepath.Join(dir, meeting)
	orig := readFile(t, file)
	writeFile(t, file, strings.Replace(orig, "title: 县招商局召开一季度工作会议", "title: 通知: 关于\ndisclosure: 公开\ntitel: 标题", 1))
	st := waitState(t, s, "broken article", func(st state) bool { return len(st.Problems) > 0 })
	if st.Text.Title == "" || st.Text.Label == "" || st.Text.Close == "" {
		t.Errorf("the overlay has no words: %+v", st.Text)
	}
	english("overlay", strings.Join(append(st.Problems, st.Text.Title, st.Text.Label, st.Text.Close), "\n"))

	cfg := filepath.Join(dir, "gongkai.yaml")
	writeFile(t, cfg, "site: [\n")
	st = waitState(t, s, "broken gongkai.yaml", func(st state) bool {
		return len(st.Problems) > 0 && strings.HasPrefix(st.Problems[0], "gongkai.yaml:")
	})
	english("overlay", strings.Join(st.Problems, "\n"))
	_, page := get(t, s, "/no-such-page/")
	english("page", page)

	req, _ := http.NewRequest(http.MethodPost, s.URL(), nil)
	if resp, err := client.Do(req); err == nil {
		b := make([]byte, 4096)
		n, _ := resp.Body.Read(b)
		resp.Body.Close()
		english("POST", string(b[:n]))
	}
	req, _ = http.NewRequest(http.MethodGet, s.URL(), nil)
	req.Host = "example.com"
	if resp, err := client.Do(req); err == nil {
		b := make([]byte, 4096)
		n, _ := resp.Body.Read(b)
		resp.Body.Close()
		english("Host", string(b[:n]))
	}
	os.Remove(cfg)
	waitState(t, s, "no gongkai.yaml", func(st state) bool {
		return len(st.Problems) > 0 && strings.Contains(st.Problems[0], "gongkai.yaml 不存在")
	})
	english("log", log.String())
	if !strings.Contains(log.String(), "有改动") {
		t.Errorf("log:\n%s", log.String())
	}
}

// TestAnAddressThatCannotBeListenedOnIsOneSentence: a mistyped --addr, or
// one that is not this machine's, says so and what to write instead.
func TestAnAddressThatCannotBeListenedOnIsOneSentence(t *testing.T) {
	for addr, want := range map[string]string{
		":99999":         "--addr :99999 无效：请写成 主机:端口，如 127.0.0.1:1313 或 :1313（端口 1 至 65535）",
		"1313":           "--addr 1313 无效：请写成 主机:端口，如 127.0.0.1:1313 或 :1313（端口 1 至 65535）",
		":abc":           "--addr :abc 无效：请写成 主机:端口，如 127.0.0.1:1313 或 :1313（端口 1 至 65535）",
		"192.0.2.1:1313": "本机没有地址 192.0.2.1:1313：请用 127.0.0.1、0.0.0.0 或本机网卡的地址",
	} {
		ln, err := listen(addr, nil)
		if err == nil {
			ln.Close()
			t.Errorf("%s: listening", addr)
			continue
		}
		if err.Error() != want {
			t.Errorf("%s: %v\nwant %s", addr, err, want)
		}
	}
}

// TestWatchLimitsSayTheFix: inotify's limits, reached on a big repository,
// come with the command that raises them.
func TestWatchLimitsSayTheFix(t *testing.T) {
	for err, want := range map[error]string{
		fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC): "sudo sysctl fs.inotify.max_user_watches=524288",
		syscall.EMFILE: "ulimit -n 4096",
		&fs.PathError{Op: "open", Path: "content", Err: fs.ErrPermission}: "没有权限打开 content",
	} {
		if got := watchCause(err).Error(); !strings.Contains(got, want) || len(msg.EnglishProse(got)) > 0 {
			t.Errorf("watchCause(%v) = %s", err, got)
		}
	}
}
