package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"gongkai/internal/msg"
)

//go:embed live.js
var liveJS []byte

// state is what every open page is told after each rebuild: the version of
// the site served, and the problems that kept the last change out of it.
type state struct {
	Version  int      `json:"version"`
	Problems []string `json:"problems"`
	// Text holds the overlay's words in the reader's language: its title,
	// its label for screen readers and the close button.
	Text overlayText `json:"text"`
}

// overlayText is what the overlay says around the problems.
type overlayText struct {
	Title string `json:"title"`
	Label string `json:"label"`
	Close string `json:"close"`
}

var (
	msgOverlayTitle = msg.New("serve.overlay_title", "预览未更新：请修正以下错误，保存后自动刷新", "The preview was not updated: fix these errors and save, the page reloads")
	msgOverlayLabel = msg.New("serve.overlay_label", "预览错误", "Preview errors")
	msgOverlayClose = msg.New("serve.overlay_close", "关闭", "Close")
)

// hub keeps the current state and wakes the event streams when it changes.
type hub struct {
	mu    sync.Mutex
	state []byte
	subs  map[chan struct{}]bool
	done  chan struct{}
}

func newHub() *hub {
	h := &hub{subs: map[chan struct{}]bool{}, done: make(chan struct{})}
	h.publish(state{})
	return h
}

// publish sets the state and wakes every stream; a slow stream skips to the
// newest state.
func (h *hub) publish(s state) {
	if s.Problems == nil {
		s.Problems = []string{}
	}
	s.Text = overlayText{msgOverlayTitle.F(), msgOverlayLabel.F(), msgOverlayClose.F()}
	data, _ := json.Marshal(s)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.state = data
	for ch := range h.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

func (h *hub) current() []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state
}

func (h *hub) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[ch] = true
	h.mu.Unlock()
	return ch
}

func (h *hub) unsubscribe(ch chan struct{}) {
	h.mu.Lock()
	delete(h.subs, ch)
	h.mu.Unlock()
}

// close ends every stream, so that the HTTP server can shut down.
func (h *hub) close() { close(h.done) }

// events streams the state as server-sent events: once on connecting, then
// after every rebuild.
func (h *hub) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	ch := h.subscribe()
	defer h.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 1000\n\n")
	for {
		fmt.Fprintf(w, "data: %s\n\n", h.current())
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-ch:
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}

// ServeHTTP serves the current site from memory, the live-reload script
// and its event stream. Nothing else is reachable: no file of the
// repository, no folder listing.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r.Host) {
		// A page elsewhere that rebinds its own name to this machine must
		// not read unpublished drafts through the preview (hosts.go).
		http.Error(w, msgForbiddenHost.F(normalHost(r.Host)), http.StatusForbidden)
		return
	}
	if r.URL.Path == "/_gongkai/review.js" || strings.HasPrefix(r.URL.Path, reviewPrefix) {
		s.serveReview(w, r) // review.go: the review panel of --pending
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, msgMethod.F(r.Method), http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/_gongkai/events":
		s.hub.events(w, r)
	case "/_gongkai/live.js":
		http.ServeContent(w, r, "live.js", time.Time{}, bytes.NewReader(liveJS))
	default:
		s.serveSite(w, r)
	}
}

var msgForbiddenHost = msg.New("serve.forbidden_host",
	"禁止访问：预览只响应本机的名称和地址（%s 不在其中）；如需用其他名称访问，请以 gongkai serve --allow-host 名称 启动",
	"forbidden: the preview answers only to this machine's names and addresses (%s is not one); to use another name, start gongkai serve --allow-host NAME")

// loopbackHost reports whether a request's Host names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveSite serves one file of the site: "/a/" is "a/index.html", "/a" with
// a page at "a/index.html" redirects to "/a/", anything else is the site's
// 404 page. The file is read from the spool (spool.go); when a rebuild
// removed it in the meantime, the current site is looked up again.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	for range 3 {
		if s.trySite(w, r, name) {
			return
		}
	}
	http.Error(w, msgSpoolGone.F(), http.StatusServiceUnavailable)
}

// trySite serves name from the current site and reports whether it did;
// false means its file left the spool, for a newer site.
func (s *Server) trySite(w http.ResponseWriter, r *http.Request, name string) bool {
	cur := s.b.current.Load()
	var site siteIndex
	if cur != nil {
		site = cur.site
	}
	if e, ok := site[name]; ok {
		if !strings.HasSuffix(name, ".html") {
			http.ServeContent(w, r, name, time.Time{}, section(cur.file, e))
			return true
		}
		data, err := read(cur.file, e)
		if err != nil {
			return false
		}
		data = s.reviewScript(withScript(data, cur.version))
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return true
	}
	if _, ok := site[name+"/index.html"]; ok && !strings.HasSuffix(r.URL.Path, "/") {
		u := *r.URL
		u.Path = "/" + name + "/"
		http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		return true
	}
	if e, ok := site["404.html"]; ok {
		data, err := read(cur.file, e)
		if err != nil {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(withScript(data, cur.version))
		return true
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, notBuiltPage, msg.Current(), msgNotBuiltTitle.F(), msgNotBuiltHeading.F(), msgNotBuiltText.F(), liveScript(versionOf(cur)))
	return true
}

// withScript returns the page with the live-reload script before its last
// </body>. It is added here, when a page is served, not by the renderer, so
// that a rebuild reuses every unchanged page as it is.
func withScript(page []byte, version int) []byte {
	script := liveScript(version)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], script...)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

func versionOf(cur *served) int {
	if cur == nil {
		return 0
	}
	return cur.version
}

// notBuiltPage stands in while there is no site (gongkai.yaml is broken):
// it carries the live-reload script, so the errors show and the page
// reloads once they are fixed.
const notBuiltPage = `<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>
<body><main><h1>%s</h1><p>%s</p></main>%s</body></html>
`

var (
	msgNotBuiltTitle   = msg.New("serve.not_built_title", "gongkai 预览", "gongkai preview")
	msgNotBuiltHeading = msg.New("serve.not_built_heading", "站点尚未生成", "The site is not built yet")
	msgNotBuiltText    = msg.New("serve.not_built_text", "修正错误并保存后，本页会自动刷新。", "Fix the errors and save: this page reloads by itself.")
	msgSpoolGone       = msg.New("serve.spool_gone", "预览正在更新，请刷新本页", "the preview is being updated: reload this page")
	msgSpool           = msg.New("serve.spool", "无法使用预览的临时文件夹：%w", "cannot use the preview's temporary folder: %w")
	msgMethod          = msg.New("serve.method", "预览只能查看，不接受 %s 请求", "the preview is read only: %s is not allowed")
)
