package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eventdiff/eventdiff/limits"
)

// Remote fetches the http(s) documents that `$ref`s name, for a whole run
// (every document it loads): the URLs come from input that may be hostile,
// so what the fetches may cost is bounded together, not per fetch.
//
//   - One deadline for all fetches, counted from the first: three slow
//     servers cost the run at most limits.Remote.MaxTime, not three times it.
//   - A byte cap per response and one for all responses together.
//   - Redirects only to the same scheme and host: a reference to one host
//     is never answered from another.
//   - Without a client of the caller's, connections only to public
//     addresses (PublicClient).
//
// Each URL is fetched once; the base and the revision usually name the
// same ones. A Remote may be used from several goroutines.
type Remote struct {
	client *http.Client
	lim    limits.Remote

	mu       sync.Mutex
	deadline time.Time // set by the first fetch
	total    int64     // bytes read so far, all responses together
	fetched  map[string]*fetchResult
}

type fetchResult struct {
	done chan struct{}
	data []byte
	err  error
}

// maxRedirects bounds a chain of same-host redirects.
const maxRedirects = 5

// NewRemote returns a fetcher that uses client (PublicClient() when nil)
// under the limits lim. The client's redirect policy is wrapped, not
// replaced: the same-host rule applies first.
func NewRemote(client *http.Client, lim limits.Remote) *Remote {
	if client == nil {
		client = PublicClient()
	}
	c := *client
	c.CheckRedirect = sameHostRedirects(client.CheckRedirect)
	return &Remote{client: &c, lim: lim, fetched: map[string]*fetchResult{}}
}

// sameHostRedirects refuses a redirect that leaves the scheme and host of
// the first request, then defers to the client's own policy.
func sameHostRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if req.URL.Scheme != first.Scheme || !strings.EqualFold(req.URL.Host, first.Host) {
			return fmt.Errorf("redirected to %q, another host or scheme: remote references follow redirects only within the same host", req.URL.Scheme+"://"+req.URL.Host)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("more than %d redirects", maxRedirects)
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}

// Fetch returns the body of a 200 answer to GET u.
func (r *Remote) Fetch(ctx context.Context, u string) ([]byte, error) {
	r.mu.Lock()
	if f, ok := r.fetched[u]; ok {
		r.mu.Unlock()
		select {
		case <-f.done:
			return f.data, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &fetchResult{done: make(chan struct{})}
	r.fetched[u] = f
	if r.deadline.IsZero() && r.lim.MaxTime > 0 {
		r.deadline = time.Now().Add(r.lim.MaxTime)
	}
	deadline := r.deadline
	r.mu.Unlock()

	f.data, f.err = r.get(ctx, u, deadline)
	close(f.done)
	return f.data, f.err
}

func (r *Remote) get(ctx context.Context, u string, deadline time.Time) ([]byte, error) {
	if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, r.explain(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP status %d", resp.StatusCode)
	}
	if r.lim.MaxSize > 0 && resp.ContentLength > r.lim.MaxSize {
		return nil, r.tooLarge()
	}
	data, err := io.ReadAll(&budgetReader{r: r, body: resp.Body})
	if err != nil {
		return nil, r.explain(ctx, err)
	}
	return data, nil
}

// explain turns what net/http says into one short cause: a limit the
// caller can raise, or the transport's own reason without the request's
// method and URL (the caller names the reference).
func (r *Remote) explain(ctx context.Context, err error) error {
	var le *limits.Error
	if errors.As(err, &le) {
		return le
	}
	var np *NotPublicError
	if errors.As(err, &np) {
		return np
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && r.lim.MaxTime > 0 {
		return limits.Exceeded(limits.RemoteTime, "remote references took more than %s together", r.lim.MaxTime)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (r *Remote) tooLarge() error {
	return limits.Exceeded(limits.RemoteSize, "the response is more than the limit of %d bytes", r.lim.MaxSize)
}

// budgetReader reads a response body, counting its bytes against the
// response's cap and the run's total.
type budgetReader struct {
	r    *Remote
	body io.Reader
	n    int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	k, err := b.body.Read(p)
	b.n += int64(k)
	if lim := b.r.lim.MaxSize; lim > 0 && b.n > lim {
		return k, b.r.tooLarge()
	}
	b.r.mu.Lock()
	b.r.total += int64(k)
	over := b.r.lim.MaxTotal > 0 && b.r.total > b.r.lim.MaxTotal
	b.r.mu.Unlock()
	if over {
		return k, limits.Exceeded(limits.RemoteTotal, "remote references are more than the limit of %d bytes together", b.r.lim.MaxTotal)
	}
	return k, err
}
