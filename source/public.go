package source

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// NotPublicError says that a remote reference would have connected to an
// address that is not on the public internet: loopback, a private network,
// link-local (where cloud metadata services answer), or no address at
// all. A document's `$ref`s may come from a pull request, and on a CI
// runner such addresses reach the runner's own network.
type NotPublicError struct {
	Addr netip.Addr
	What string // "a loopback address", …
}

func (e *NotPublicError) Error() string {
	return fmt.Sprintf("%s is %s: remote references are fetched only from public addresses", e.Addr, e.What)
}

// notPublic says what kind of address ip is when it is not a public one,
// else "".
func notPublic(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate(), sharedSpace.Contains(ip):
		return "a private address"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "a link-local address"
	case ip.IsUnspecified(), thisNetwork.Contains(ip):
		return "an unspecified address"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	return ""
}

var (
	sharedSpace = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT (RFC 6598)
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")
)

// PublicClient is the client that fetches remote references unless the
// caller gives its own: like http.DefaultClient (proxies from the
// environment), but it connects only to public addresses. The check is
// made on the address being connected to, after name resolution, so a
// name that resolves to a private address (or first to a public one, then
// to a private one) is refused too. A proxy named in the environment is
// connected to wherever it is; a request sent through it is refused first
// when its host resolves here to an address that is not public (a proxy
// would otherwise fetch the metadata service for us). When the name does
// not resolve here, the proxy decides.
func PublicClient() *http.Client { return publicClient(http.ProxyFromEnvironment) }

func publicClient(proxy func(*http.Request) (*url.URL, error)) *http.Client {
	proxies := proxyAddrs(proxy)
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	checked := &net.Dialer{Timeout: d.Timeout, KeepAlive: d.KeepAlive, Control: refuseNotPublic}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = func(req *http.Request) (*url.URL, error) {
		p, err := proxy(req)
		if err != nil || p == nil {
			return p, err
		}
		if err := resolvesPublic(req.Context(), req.URL.Hostname()); err != nil {
			return nil, err
		}
		return p, nil
	}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if proxies[addr] {
			return d.DialContext(ctx, network, addr)
		}
		return checked.DialContext(ctx, network, addr)
	}
	return &http.Client{Transport: t}
}

// refuseNotPublic is a dialer's Control: it runs once the address is
// resolved, before the connection is made.
func refuseNotPublic(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	return public(ip)
}

// public returns a *NotPublicError for an address that is not public.
func public(ip netip.Addr) error {
	if what := notPublic(ip); what != "" {
		return &NotPublicError{Addr: ip.Unmap(), What: what}
	}
	return nil
}

// resolvesPublic checks the addresses host resolves to here, for a
// request that a proxy will send on.
func resolvesPublic(ctx context.Context, host string) error {
	if ip, err := netip.ParseAddr(host); err == nil {
		return public(ip)
	}
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil // not known here: the proxy resolves it
	}
	for _, ip := range ips {
		if err := public(ip); err != nil {
			return err
		}
	}
	return nil
}

// proxyAddrs are the host:port addresses of the proxies that proxy (such
// as http.ProxyFromEnvironment: HTTP_PROXY, HTTPS_PROXY) names for http
// and https.
func proxyAddrs(proxy func(*http.Request) (*url.URL, error)) map[string]bool {
	out := map[string]bool{}
	for _, scheme := range []string{"http", "https"} {
		req := &http.Request{URL: &url.URL{Scheme: scheme, Host: "example.com"}}
		p, err := proxy(req)
		if err != nil || p == nil {
			continue
		}
		port := p.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443", "socks5": "1080"}[p.Scheme]
		}
		out[net.JoinHostPort(p.Hostname(), port)] = true
	}
	return out
}
