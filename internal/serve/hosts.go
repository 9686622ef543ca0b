package serve

import (
	"net"
	"os"
	"strings"
)

// The Host allow-list. A page on another site can rebind its own name to
// this machine's address (DNS rebinding) and read the preview, drafts
// included, through the visitor's browser. Its requests then carry that
// other name as Host, so the preview answers only to names it knows: the
// loopback names always, and when it listens beyond loopback also this
// machine's host name and addresses and every --allow-host.

// allowedHosts returns the names and addresses, lower case, a preview
// listening on ln answers to besides the loopback ones.
func allowedHosts(loopback bool, extra []string) map[string]bool {
	hosts := map[string]bool{}
	for _, h := range extra {
		if h = normalHost(h); h != "" {
			hosts[h] = true
		}
	}
	if loopback {
		return hosts
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		hosts[normalHost(name)] = true
		hosts[normalHost(name)+".local"] = true
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				hosts[n.IP.String()] = true
			}
		}
	}
	return hosts
}

// normalHost returns the host of a Host header or an --allow-host value,
// without port and brackets, in lower case.
func normalHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// hostAllowed reports whether the preview answers a request for host.
func (s *Server) hostAllowed(host string) bool {
	return loopbackHost(host) || s.hosts[normalHost(host)]
}
