package github

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"
)

// retryTransport repeats a request that failed for a reason that passes:
// a server error (5xx), or a rate limit that says when to come back (403
// or 429 with Retry-After, or with x-ratelimit-remaining: 0). It sits below
// go-github, so go-github only ever sees the last answer.
//
// Waits are bounded: at most retries repeats, none longer than maxWait; a
// rate limit that resets later than that is given up on at once, because a
// CI job should not sleep for an hour to post a comment.
type retryTransport struct {
	base    http.RoundTripper
	sleep   func(context.Context, time.Duration) error
	now     func() time.Time
	retries int
	maxWait time.Duration
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 && req.Body != nil && req.Body != http.NoBody {
			if req.GetBody == nil {
				return nil, errNoReplay
			}
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r = req.Clone(req.Context())
			r.Body = body
		}
		resp, err := t.base.RoundTrip(r)
		var wait time.Duration
		var again bool
		if err != nil {
			// A request that may have reached the server is repeated only
			// when repeating it cannot do anything twice.
			wait, again = t.backoff(attempt), idempotent(req.Method) && req.Context().Err() == nil
		} else {
			wait, again = t.retryAfter(resp, attempt)
		}
		if !again || attempt >= t.retries {
			return resp, err
		}
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

type replayError struct{}

func (replayError) Error() string { return "cannot repeat a request whose body cannot be read again" }

var errNoReplay error = replayError{}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions:
		return true
	}
	return false
}

// backoff is 1s, 2s, 4s, … up to maxWait.
func (t *retryTransport) backoff(attempt int) time.Duration {
	d := time.Second << min(attempt, 10)
	return min(d, t.maxWait)
}

// retryAfter decides whether an answer is worth waiting for, and how long.
func (t *retryTransport) retryAfter(resp *http.Response, attempt int) (time.Duration, bool) {
	code := resp.StatusCode
	switch {
	case code >= 500 && code != http.StatusNotImplemented:
		return t.backoff(attempt), true
	case code == http.StatusForbidden || code == http.StatusTooManyRequests:
		if v := resp.Header.Get("Retry-After"); v != "" {
			d, ok := parseRetryAfter(v, t.now())
			if !ok {
				d = t.backoff(attempt)
			}
			return d, d <= t.maxWait
		}
		if resp.Header.Get("X-Ratelimit-Remaining") == "0" {
			if v := resp.Header.Get("X-Ratelimit-Reset"); v != "" {
				if sec, err := strconv.ParseInt(v, 10, 64); err == nil {
					d := time.Unix(sec, 0).Sub(t.now()) + time.Second
					d = max(d, time.Second)
					return d, d <= t.maxWait
				}
			}
			return t.backoff(attempt), true
		}
		if code == http.StatusTooManyRequests {
			return t.backoff(attempt), true
		}
	}
	// A plain 403 is a refusal (a read-only token), not a rate limit.
	return 0, false
}

// parseRetryAfter reads seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if sec, err := strconv.ParseInt(v, 10, 64); err == nil && sec >= 0 {
		return time.Duration(sec) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}
