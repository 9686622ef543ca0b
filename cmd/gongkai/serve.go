package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"

	"gongkai/internal/msg"
	"gongkai/internal/project"
	"gongkai/internal/serve"
)

var serveCmd = &command{
	name:  "serve",
	usage: msg.New("cmd.serve.usage", "[--addr 127.0.0.1:1313] [--allow-host 名称] [--pending] [--open]", "[--addr 127.0.0.1:1313] [--allow-host NAME] [--pending] [--open]"),
	short: msg.New("cmd.serve.short", "本地预览网站，保存后自动刷新", "preview the site with live reload"),
	long: msg.New("cmd.serve.long", `serve 在内存中生成网站，在 http://127.0.0.1:1313/ 提供预览，并监视 content/、
templates/ 和 gongkai.yaml。每次保存后只重新生成改动的部分，打开的页面自动刷新；
检查出错误或模板有错误时，页面上会显示出错的文件、行、列和说明，
同时继续提供上一次正确的版本。不会写入 site/。按 Ctrl-C 停止。
端口被占用时，自动改用下一个空闲端口，并说明改用了哪个。

  --addr 主机:端口    监听地址（默认 127.0.0.1:1313，只有本机能访问；
                      127.0.0.1:0 自动选一个空闲端口）。0.0.0.0:1313 等其他地址
                      会让局域网里的其他人看到未发布的稿件。
  --allow-host 名称   在本机以外监听时，也响应这个名称（本机的域名或地址）；可重复。
                      预览只响应本机的名称和地址，别处的网页无法读取它（DNS 重绑定）。
  --pending           同时预览仍在审核中的稿件，页面上带有“未审核预览”标识
                      （这些页面永远不会生成到 site/）
  --open              用默认浏览器打开预览`, `Serve builds the site in memory and serves it at http://127.0.0.1:1313/,
watching content/, templates/ and gongkai.yaml. After each save it rebuilds
what changed and the open pages reload; a check error or a template error
shows on the page (file:line:col and the message) while the last good
version stays served. Nothing is written to site/. Ctrl-C stops it.
When the port is busy it takes the next free one and says so.

  --addr HOST:PORT  where to listen (default 127.0.0.1:1313, this machine only;
                    127.0.0.1:0 picks a free port). Another address such as
                    0.0.0.0:1313 shows unpublished articles to the network.
  --allow-host NAME also answer to NAME (a DNS name or address of this
                    machine) when listening beyond it; repeatable. The preview
                    answers only to this machine's names and addresses, so a
                    web page elsewhere cannot read it (DNS rebinding).
  --pending         also preview articles still in review, with a 未审核预览
                    banner (such pages are never built into site/)
  --open            open the preview in the default browser`),
}

func init() { serveCmd.run = runServe }

var msgServeBeyond = msg.New("cmd.serve_beyond_loopback",
	"警告：--addr %s 在本机以外也可访问，网络上的其他人能看到此预览，包括未发布的文章；预览只响应本机的名称和地址，其他名称请用 --allow-host 添加",
	"warning: --addr %s listens beyond this machine: others on the network can see this preview, unpublished articles included; the preview answers only to this machine's names and addresses, add others with --allow-host")

// hostList collects repeated --allow-host values.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	*h = append(*h, v)
	return nil
}

func runServe(ctx context.Context, env *env, args []string) error {
	fs := newFlags(serveCmd, env)
	addr := fs.String("addr", serve.DefaultAddr, "address to listen on")
	pending := fs.Bool("pending", false, "preview articles still in review")
	open := fs.Bool("open", false, "open the preview in a browser")
	var allow hostList
	fs.Var(&allow, "allow-host", "another name the preview answers to (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return unexpectedArg("serve", fs.Arg(0))
	}
	opts := serve.Options{Dir: env.dir, Addr: *addr, Pending: *pending, Log: env.stderr, AllowHosts: allow}
	boundMemory(serveMemory)
	err := serve.Run(ctx, opts, func(s *serve.Server) {
		if !s.Loopback() {
			fmt.Fprintln(env.stderr, msgServeBeyond.F(*addr))
			if *pending {
				fmt.Fprintln(env.stderr, msgServeNoPanel.F())
			}
		}
		fmt.Fprintln(env.stdout, msgServing.F(s.URL()))
		if *open {
			if err := openBrowser(s.URL()); err != nil {
				fmt.Fprintln(env.stderr, prefix()+msgNoBrowser.F(err))
			}
		}
	})
	var ce *project.ConfigError
	if errors.As(err, &ce) {
		ce.Findings.WriteText(env.stderr)
		return usageError("%v", err)
	}
	if err != nil {
		return usageError(msgServeFailed.T(), err)
	}
	return nil
}

var (
	msgServing     = msg.New("cmd.serving", "预览地址：%s（按 Ctrl-C 停止）", "serving %s (Ctrl-C to stop)")
	msgNoBrowser   = msg.New("cmd.no_browser", "无法打开浏览器：%v", "cannot open a browser: %v")
	msgServeFailed = msg.New("cmd.serve_failed", "serve：%v", "serve: %v")
)

// openBrowser asks the desktop to open url; it does not wait for the browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap the launcher
	return nil
}
