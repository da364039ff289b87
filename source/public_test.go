package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"reflect"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

func TestNotPublic(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"8.8.8.8", ""},
		{"140.82.112.3", ""},
		{"2606:4700::1111", ""},
		{"127.0.0.1", "a loopback address"},
		{"127.1.2.3", "a loopback address"},
		{"::1", "a loopback address"},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"10.1.2.3", "a private address"},
		{"172.16.0.1", "a private address"},
		{"192.168.1.1", "a private address"},
		{"100.64.0.1", "a private address"},
		{"fd00::1", "a private address"},
		{"::ffff:10.0.0.1", "a private address"},
		{"169.254.169.254", "a link-local address"},
		{"fe80::1", "a link-local address"},
		{"0.0.0.0", "an unspecified address"},
		{"0.1.2.3", "an unspecified address"},
		{"::", "an unspecified address"},
		{"239.1.2.3", "a multicast address"},
		{"ff02::1", "a link-local address"},
		{"ff05::1", "a multicast address"},
	}
	for _, tt := range tests {
		if got := notPublic(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.addr, got, tt.want)
		}
	}
}

// The default client refuses a loopback server before connecting: the
// server sees no request, whether it is named by address or by name.
func TestPublicClientRefusesLoopback(t *testing.T) {
	asked := false
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { asked = true }))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	for _, target := range []string{srv.URL, "http://localhost:" + u.Port()} {
		_, err := NewRemote(nil, limits.DefaultRemote).Fetch(context.Background(), target+"/s.json")
		var np *NotPublicError
		if !errors.As(err, &np) || np.What != "a loopback address" {
			t.Errorf("%s: error %v, want a NotPublicError", target, err)
		}
	}
	if asked {
		t.Error("the loopback server was asked")
	}
	// A client of the caller's decides for itself.
	if _, err := NewRemote(srv.Client(), limits.DefaultRemote).Fetch(context.Background(), srv.URL+"/s.json"); err != nil || !asked {
		t.Errorf("with the server's own client: %v, asked %v", err, asked)
	}
}

// Through a proxy, a request whose host is (or resolves here to) an address
// that is not public is refused before the proxy is asked; others go to
// the proxy, which is connected to though it is on loopback.
func TestPublicClientThroughAProxy(t *testing.T) {
	var asked []string
	proxySrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.String())
		w.Write([]byte("type: string\n"))
	}))
	defer proxySrv.Close()
	proxyURL, _ := url.Parse(proxySrv.URL)
	client := publicClient(func(*http.Request) (*url.URL, error) { return proxyURL, nil })
	for _, target := range []string{"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/s.json", "http://localhost/s.json", "http://[::1]/s.json"} {
		_, err := NewRemote(client, limits.DefaultRemote).Fetch(context.Background(), target)
		var np *NotPublicError
		if !errors.As(err, &np) {
			t.Errorf("%s through a proxy: error %v, want a NotPublicError", target, err)
		}
	}
	if len(asked) != 0 {
		t.Fatalf("the proxy was asked for %q", asked)
	}
	const public = "http://93.184.216.34/s.json"
	data, err := NewRemote(client, limits.DefaultRemote).Fetch(context.Background(), public)
	if err != nil || string(data) != "type: string\n" || len(asked) != 1 || asked[0] != public {
		t.Errorf("a public address through the proxy: %q, %v; the proxy was asked for %q", data, err, asked)
	}
}

// A proxy the environment names is connected to wherever it is.
func TestProxyAddrs(t *testing.T) {
	proxy := func(r *http.Request) (*url.URL, error) {
		if r.URL.Scheme == "https" {
			return url.Parse("http://10.0.0.8:3128")
		}
		return url.Parse("http://proxy.internal")
	}
	want := map[string]bool{"10.0.0.8:3128": true, "proxy.internal:80": true}
	if got := proxyAddrs(proxy); !reflect.DeepEqual(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
	none := func(*http.Request) (*url.URL, error) { return nil, nil }
	if got := proxyAddrs(none); len(got) != 0 {
		t.Errorf("no proxy: %v", got)
	}
}
