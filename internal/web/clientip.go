package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP finds the address of the client behind any trusted reverse
// proxies. X-Forwarded-For is believed only when the direct peer is one of
// the trusted proxies; then the right-most address that is not itself a
// trusted proxy is the client. A spoofed header from anyone else is
// ignored (SECURITY.md: forwarded identity only from configured proxy IPs).
type ClientIP struct {
	trusted []netip.Prefix
}

// NewClientIP returns a ClientIP that trusts the given proxy addresses or
// CIDR prefixes. Entries that do not parse are returned as an error list.
func NewClientIP(trusted []string) (*ClientIP, []string) {
	c := &ClientIP{}
	var bad []string
	for _, t := range trusted {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if p, err := netip.ParsePrefix(t); err == nil {
			c.trusted = append(c.trusted, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(t); err == nil {
			c.trusted = append(c.trusted, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		bad = append(bad, t)
	}
	return c, bad
}

func (c *ClientIP) isTrusted(a netip.Addr) bool {
	for _, p := range c.trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// Of returns the client address of r as a string.
func (c *ClientIP) Of(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if c == nil || !c.isTrusted(peer) {
		return peer.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer.String()
		}
		if !c.isTrusted(a) {
			return a.Unmap().String()
		}
	}
	return peer.String()
}

// FromTrustedProxy reports whether the direct peer of r is one of the
// trusted proxies, whose X-Forwarded-* headers may be believed.
func (c *ClientIP) FromTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	return err == nil && c != nil && c.isTrusted(peer.Unmap())
}
