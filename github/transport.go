package github

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

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
