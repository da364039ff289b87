package github

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// MaxResponse is the most bytes read of one API response. A page of 100
// comments of GitHub's longest (65,536 characters, some of them several
// bytes in UTF-8 or escaped in JSON) with their metadata stays well under
// it; an API that answers with an endless body is cut off here instead of
// growing memory until the client's timeout.
const MaxResponse = 32 << 20

// authTransport adds the token to requests for the API's own scheme and
// host, and refuses to send any other request. go-github's WithAuthToken
// adds the header below net/http's redirect handling, so net/http's
// stripping of credentials on a redirect to another host never sees it;
// here the header is tied to the host it was given for.
type authTransport struct {
	base  http.RoundTripper
	token string
	api   *url.URL
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, t.api) {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, &ForeignHostError{Host: req.URL.Scheme + "://" + req.URL.Host}
	}
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(req)
}

// ForeignHostError says that a request would have left the API's host: a
// redirect to another host or scheme, which is not followed.
type ForeignHostError struct {
	Host string // scheme://host[:port] the API pointed to
}

func (e *ForeignHostError) Error() string {
	return fmt.Sprintf("the API redirected to another host (%s); not followed, so the token stays with GITHUB_API_URL", e.Host)
}

// sameHostRedirects is an http.Client's CheckRedirect that follows a
// redirect only to the scheme and host of the original request.
func sameHostRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if !sameOrigin(req.URL, via[0].URL) {
		return &ForeignHostError{Host: req.URL.Scheme + "://" + req.URL.Host}
	}
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && a.Host == b.Host
}

// cappedTransport cuts every response body off after max bytes, with an
// error rather than silently, so that a truncated page is never taken for
// a whole one.
type cappedTransport struct {
	base http.RoundTripper
	max  int64
}

func (t *cappedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if resp != nil && resp.Body != nil {
		resp.Body = &cappedBody{body: resp.Body, left: t.max, max: t.max}
	}
	return resp, err
}

type cappedBody struct {
	body      io.ReadCloser
	left, max int64
}

// ErrResponseTooLarge is returned (wrapped) when an API response is longer
// than MaxResponse.
var ErrResponseTooLarge = errors.New("the API's response is too large")

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells an exact fit from an overflow.
		var one [1]byte
		n, err := b.body.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w (more than %d bytes)", ErrResponseTooLarge, b.max)
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.body.Close() }
