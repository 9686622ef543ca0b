// Package serve is `gongkai serve`, the live preview: it builds the site
// into a private spool (a temporary file of this process, spool.go),
// serves it over HTTP on the loopback interface, watches content/,
// templates/ and gongkai.yaml, rebuilds after each batch of changes and
// reloads the open pages.
//
// A rebuild is the build's own code path (load → check → render, through
// build.RenderTo, as a build streams to its output folder) made
// incremental by keeping things between builds: each article file with its
// loader findings and its digest (not its Markdown, which is read again
// when needed), re-read only when an event names it or gongkai.yaml
// changed; the parsed templates; and the page store of the site served
// (render.PageStore), so that only the bodies that changed are rendered,
// only the pages whose data changed are executed, the others are taken
// from the spool, and the search index re-indexes the changed document.
// The checks run over every article.
//
// Every HTML page is served with a small script (live.js, added as the page
// is served, so never in a build's output) that listens on /_gongkai/events. After a good
// rebuild the page reloads; a check error or a template error shows as an
// overlay listing path:line:col and the message, while the last good site
// stays served: an article with errors keeps its last good page (unless
// that page must be made again, after a template change say: its Markdown
// is gone, and it is left out until fixed).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongkai/internal/build"
	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/render"
)

// DefaultAddr is where serve listens unless told otherwise: loopback only.
const DefaultAddr = "127.0.0.1:1313"

// Options configures a preview server.
type Options struct {
	Dir  string // the repository root
	Addr string // host:port to listen on; DefaultAddr when empty, port 0 picks one
	// Pending also previews articles still in review, with a 未审核预览
	// banner.
	Pending bool
	// Now is the clock for each rebuild; time.Now when nil.
	Now func() time.Time
	// Log receives a line per rebuild and the errors; nil discards.
	Log io.Writer
	// Delay is how long the watcher waits for more events before a
	// rebuild; 40 ms when zero (an editor's save, temporary file and
	// rename included, comes within a few milliseconds).
	Delay time.Duration
	// AllowHosts are more names (or addresses) the preview answers to, as
	// Host, besides this machine's (hosts.go).
	AllowHosts []string
}

// Server is a running preview: listening, built once, watching.
type Server struct {
	dir       string
	ln        net.Listener
	http      *http.Server
	fsw       *fsnotify.Watcher
	hub       *hub
	b         *builder
	review    *review // the review panel (review.go); nil without --pending
	log       io.Writer
	stop      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
	hosts     map[string]bool // allowed Host names besides the loopback ones
}

// Start listens, starts watching, builds the site and serves it. It fails
// when the address cannot be bound, the folders cannot be watched, or
// gongkai.yaml cannot be used at the start (a *project.ConfigError); later
// problems show in the pages instead. Close stops the server.
func Start(opts Options) (*Server, error) {
	opts = withDefaults(opts)
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	fsys, err := project.RepoFS(dir)
	if err != nil {
		return nil, err
	}
	ln, err := listen(opts.Addr, opts.Log)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		ln.Close()
		return nil, msgWatch.Error(watchCause(err))
	}
	s := &Server{dir: dir, ln: ln, fsw: fsw, hub: newHub(), log: opts.Log, stop: make(chan struct{})}
	s.hosts = allowedHosts(s.Loopback(), opts.AllowHosts)
	s.review = newReview(dir, s, opts.Pending, opts.Now)
	s.b = &builder{
		src:  &source{fsys: fsys},
		r:    render.NewRenderer(),
		opts: build.Options{Dir: dir, BaseURL: s.URL(), Pending: opts.Pending, SkipBrokenBulletins: true},
		now:  opts.Now, log: opts.Log, hub: s.hub,
	}
	if err := s.begin(opts.Delay); err != nil {
		s.b.close()
		fsw.Close()
		ln.Close()
		return nil, err
	}
	return s, nil
}

var (
	msgWatch    = msg.New("serve.watch", "监视文件：%w", "watch: %w")
	msgPortBusy = msg.New("serve.port_busy", "gongkai：端口 %s 已被占用，改用 %s\n", "gongkai: port %s is in use, using %s instead\n")
	msgNoPort   = msg.New("serve.no_port", "端口 %s 至 %d 都已被占用：%w；请用 --addr 指定其他端口", "ports %s to %d are all in use: %w; choose another with --addr")
)

// Why serve cannot listen, said with what to do.
var (
	msgBadAddr = msg.New("serve.bad_addr",
		"--addr %s 无效：请写成 主机:端口，如 127.0.0.1:1313 或 :1313（端口 1 至 65535）",
		"--addr %s is not valid: write host:port, such as 127.0.0.1:1313 or :1313 (ports 1 to 65535)")
	msgNotLocalAddr = msg.New("serve.not_local_addr",
		"本机没有地址 %s：请用 127.0.0.1、0.0.0.0 或本机网卡的地址",
		"this machine has no address %s: use 127.0.0.1, 0.0.0.0 or an address of its own")
	msgNoPermissionPort = msg.New("serve.no_permission_port",
		"没有权限监听 %s：1024 以下的端口需要管理员权限，请改用 1313 等端口",
		"no permission to listen on %s: ports below 1024 need administrator rights; use a port such as 1313")
	msgNoSuchHost = msg.New("serve.no_such_host",
		"--addr %s：找不到主机 %s；请用 127.0.0.1、localhost 或本机的地址",
		"--addr %s: no host %s is known; use 127.0.0.1, localhost or an address of this machine")
	msgCannotListen = msg.New("serve.cannot_listen", "无法监听 %s：%v", "cannot listen on %s: %v")
)

// listenError says why addr cannot be listened on.
func listenError(addr string, err error) error {
	host, port, serr := net.SplitHostPort(addr)
	if _, perr := strconv.Atoi(port); serr != nil || perr != nil {
		return msgBadAddr.Error(addr)
	}
	var ae *net.AddrError
	var de *net.DNSError
	switch {
	case errors.As(err, &ae):
		return msgBadAddr.Error(addr)
	case errors.As(err, &de):
		return msgNoSuchHost.Error(addr, host)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return msgNotLocalAddr.Error(addr)
	case errors.Is(err, syscall.EACCES):
		return msgNoPermissionPort.Error(addr)
	}
	return msgCannotListen.Error(addr, err)
}

// portTries is how many ports after a busy one serve tries, as hugo server
// does.
const portTries = 10

// listen binds addr; when its port is taken it tries the next ones and
// says which it uses.
func listen(addr string, log io.Writer) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil && !errors.Is(err, syscall.EADDRINUSE) {
		return nil, listenError(addr, err)
	}
	if err == nil {
		return ln, nil
	}
	host, portText, perr := net.SplitHostPort(addr)
	port, aerr := strconv.Atoi(portText)
	if perr != nil || aerr != nil || port == 0 {
		return nil, err
	}
	for p := port + 1; p <= port+portTries && p < 65536; p++ {
		next := net.JoinHostPort(host, strconv.Itoa(p))
		if l, e := net.Listen("tcp", next); e == nil {
			fmt.Fprintf(log, msgPortBusy.T(), portText, strconv.Itoa(p))
			return l, nil
		}
	}
	return nil, msgNoPort.Error(portText, port+portTries, err)
}

func withDefaults(opts Options) Options {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Delay <= 0 {
		opts.Delay = 40 * time.Millisecond
	}
	return opts
}

// begin watches before the first build, so no edit falls between the two,
// then starts the HTTP server and the watch loop.
func (s *Server) begin(delay time.Duration) error {
	if err := s.watchRepo(); err != nil {
		return err
	}
	err := s.b.rebuild(changes{config: true, rescan: true})
	var ce *project.ConfigError
	if errors.As(err, &ce) {
		return err
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.wg.Go(func() { s.http.Serve(s.ln) })
	s.wg.Go(func() {
		logf := func(format string, args ...any) { fmt.Fprintf(s.log, format, args...) }
		batch(s.fsw.Events, s.fsw.Errors, s.stop, delay, s.note, func(c changes) { s.b.rebuild(c) }, logf)
	})
	return nil
}

// Addr returns the address the server listens on (with the port chosen
// when Options.Addr asked for port 0).
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// URL returns the preview's address, "http://127.0.0.1:1313/". A server
// listening on every interface is reached on the loopback one.
func (s *Server) URL() string {
	host, port, _ := net.SplitHostPort(s.ln.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Loopback reports whether the server is reachable from this machine only.
func (s *Server) Loopback() bool {
	if s.ln == nil {
		return true
	}
	host, _, _ := net.SplitHostPort(s.ln.Addr().String())
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Close stops watching, ends the event streams and the HTTP server, and
// waits for every goroutine it started (a rebuild under way finishes first).
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.hub.close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.http.Shutdown(ctx); err != nil {
			s.closeErr = err
			s.http.Close()
		}
		if err := s.fsw.Close(); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
		s.wg.Wait()
		if err := s.b.close(); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
	})
	return s.closeErr
}

// Run starts a server, calls started with it, serves until ctx is done and
// closes it.
func Run(ctx context.Context, opts Options, started func(*Server)) error {
	s, err := Start(opts)
	if err != nil {
		return err
	}
	if started != nil {
		started(s)
	}
	<-ctx.Done()
	return s.Close()
}
