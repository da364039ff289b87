package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/limits"
)

// limitOf returns the name of the limit an error reports, or "".
func limitOf(err error) limits.Name {
	var le *limits.Error
	if errors.As(err, &le) {
		return le.Limit
	}
	return ""
}

// A reference to one host is never answered from another: a redirect that
// leaves the host (or the scheme) is refused, one within it is followed.
func TestRemoteRedirects(t *testing.T) {
	var otherHit atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHit.Add(1)
		w.Write([]byte("type: string\n"))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/elsewhere":
			http.Redirect(w, r, other.URL+"/x.yaml", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "/x.yaml", http.StatusMovedPermanently)
		case "/x.yaml":
			w.Write([]byte("type: integer\n"))
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusTemporaryRedirect)
		}
	}))
	defer srv.Close()
	rem := NewRemote(http.DefaultClient, limits.DefaultRemote)

	data, err := rem.Fetch(context.Background(), srv.URL+"/moved")
	if err != nil || string(data) != "type: integer\n" {
		t.Errorf("same-host redirect: %q, %v", data, err)
	}
	_, err = rem.Fetch(context.Background(), srv.URL+"/elsewhere")
	if err == nil || !strings.Contains(err.Error(), "another host") || otherHit.Load() != 0 {
		t.Errorf("cross-host redirect: %v; the other host was asked %d times", err, otherHit.Load())
	}
	if _, err = rem.Fetch(context.Background(), srv.URL+"/loop"); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("endless redirects: %v", err)
	}
}

// Three slow references cost one deadline together, not one each: each
// answers within the deadline, but not all three do.
func TestRemoteOneDeadlineForAllFetches(t *testing.T) {
	const delay = 400 * time.Millisecond
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		select {
		case <-time.After(delay):
			w.Write([]byte("type: string\n"))
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	fetchAll := func(lim limits.Remote) error {
		rem := NewRemote(http.DefaultClient, lim)
		for _, p := range []string{"/a", "/b", "/c"} {
			if _, err := rem.Fetch(context.Background(), srv.URL+p); err != nil {
				return err
			}
		}
		return nil
	}
	// One fetch is well within a second; the three of them are not.
	err := fetchAll(limits.Remote{MaxTime: time.Second})
	if limitOf(err) != limits.RemoteTime || !strings.Contains(err.Error(), "took more than 1s together") {
		t.Errorf("three slow references under a 1s deadline: %v", err)
	}
	if n := asked.Load(); n > 3 {
		t.Errorf("%d requests for three references", n)
	}
	if err := fetchAll(limits.Remote{MaxTime: 20 * time.Second}); err != nil {
		t.Errorf("under a generous deadline: %v", err)
	}
}

// A response may not be larger than the per-response cap, whether it says
// so in Content-Length or streams without one, and all responses together
// may not pass the total cap.
func TestRemoteByteCaps(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := strings.Repeat("x", 1000)
		if r.URL.Path == "/endless" {
			w.Header().Set("Content-Type", "application/yaml") // no Content-Length: streamed
			for i := 0; i < 10000; i++ {
				if _, err := w.Write([]byte(body)); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()

	rem := NewRemote(http.DefaultClient, limits.Remote{MaxSize: 500})
	if _, err := rem.Fetch(context.Background(), srv.URL+"/a"); limitOf(err) != limits.RemoteSize {
		t.Errorf("a 1000-byte response under a 500-byte cap: %v", err)
	}
	if _, err := rem.Fetch(context.Background(), srv.URL+"/endless"); limitOf(err) != limits.RemoteSize {
		t.Errorf("an endless response: %v", err)
	}

	rem = NewRemote(http.DefaultClient, limits.Remote{MaxSize: 2000, MaxTotal: 2500})
	for i, p := range []string{"/a", "/b", "/c"} {
		_, err := rem.Fetch(context.Background(), srv.URL+p)
		switch {
		case i < 2 && err != nil:
			t.Errorf("response %d within the total: %v", i+1, err)
		case i == 2 && limitOf(err) != limits.RemoteTotal:
			t.Errorf("the third 1000-byte response under a 2500-byte total: %v", err)
		}
	}
}

// The same URL is fetched once for the whole run.
func TestRemoteFetchesEachURLOnce(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Write([]byte("type: string\n"))
	}))
	defer srv.Close()
	rem := NewRemote(http.DefaultClient, limits.DefaultRemote)
	for range 3 {
		if _, err := rem.Fetch(context.Background(), srv.URL+"/s.yaml"); err != nil {
			t.Fatal(err)
		}
	}
	if asked.Load() != 1 {
		t.Errorf("asked %d times", asked.Load())
	}
}
