package serve

import (
	"net"
	"os"
	"strings"

	"gongkai/internal/msg"
)

var msgForbiddenHost = msg.New("serve.forbidden_host",
	"预览不接受主机名 %s 的访问：本机预览只响应 localhost、127.0.0.1、本机名称和地址；如需用其他名称访问，请用 --allow-host 指定",
	"the preview does not answer to the host name %s: it answers to localhost, 127.0.0.1 and this machine's names and addresses; name others with --allow-host")

// hostAllowed reports whether a request's Host header names this preview.
// On a loopback address only localhost, 127.0.0.1 and [::1] do. On any
// other address the Host must be one of the machine's own names or
// addresses, or a name given with --allow-host: a web page elsewhere that
// rebinds its own name to this machine (DNS rebinding) must not read the
// drafts, wherever the preview listens.
func (s *Server) hostAllowed(host string) bool {
	if loopbackHost(host) {
		return true
	}
	if s.Loopback() {
		return false
	}
	return s.hosts[hostOnly(host)]
}

// hostOnly returns the host of a Host header, lower case, without port and
// brackets.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
}

// machineHosts returns the names a non-loopback preview answers to: the
// machine's host name (and its first label), the address it listens on,
// every address of its interfaces, and the extra names.
func machineHosts(ln net.Addr, extra []string) map[string]bool {
	hosts := map[string]bool{}
	add := func(h string) {
		if h = hostOnly(strings.TrimSpace(h)); h != "" {
			hosts[h] = true
		}
	}
	if name, err := os.Hostname(); err == nil {
		add(name)
		add(strings.SplitN(name, ".", 2)[0])
	}
	if host, _, err := net.SplitHostPort(ln.String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			add(host)
		}
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				add(ipn.IP.String())
			}
		}
	}
	for _, h := range extra {
		add(h)
	}
	return hosts
}
