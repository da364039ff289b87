package github_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/github"
	"github.com/eventdiff/eventdiff/github/githubtest"
)

const token = "ghs_s3cr3tT0kenValue"

// client returns a client of srv whose waits are recorded, not slept.
func client(t *testing.T, srv *githubtest.Server, waits *[]time.Duration) *github.Client {
	t.Helper()
	c, err := github.New(github.Options{Token: token, APIURL: srv.URL, Repository: "octo/api",
		Sleep: func(_ context.Context, d time.Duration) error {
			*waits = append(*waits, d)
			return nil
		},
		Now: func() time.Time { return time.Unix(1_700_000_000, 0) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func requests(srv *githubtest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		out = append(out, r.String())
	}
	return out
}

func same(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

const marker = "<!-- eventdiff:ci:breaking:api/asyncapi.yaml -->"

func TestUpsertFindsItsCommentOnTheSecondPage(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(token)
	defer srv.Close()
	srv.PageSize = 2
	srv.AddComment(7, "LGTM")
	srv.AddComment(7, "> quoting "+marker+" is not the comment")
	id := srv.AddComment(7, marker+"\nold report")
	var waits []time.Duration
	c := client(t, srv, &waits)

	outcome, _, err := c.Upsert(context.Background(), 7, marker, marker+"\nnew report", true)
	if err != nil || outcome != github.Updated {
		t.Fatalf("Upsert = %v, %v; want updated", outcome, err)
	}
	same(t, requests(srv), []string{
		"GET /repos/octo/api/issues/7/comments?per_page=100",
		"GET /repos/octo/api/issues/7/comments?page=2&per_page=100",
		"PATCH /repos/octo/api/issues/comments/" + strconv.FormatInt(id, 10),
	})
	last := srv.Requests()[2]
	if !strings.Contains(last.Body, "new report") || !strings.Contains(last.Body, "eventdiff:ci:breaking:api/asyncapi.yaml") {
		t.Errorf("PATCH body %q", last.Body)
	}
	if last.Authorization != "Bearer "+token {
		t.Errorf("Authorization %q", last.Authorization)
	}
	if cs := srv.Comments(7); len(cs) != 3 || cs[2].Body != marker+"\nnew report" || cs[1].Body == marker+"\nnew report" {
		t.Errorf("comments after the update: %+v", cs)
	}
	if len(waits) != 0 {
		t.Errorf("no retries expected, waited %v", waits)
	}
}

func TestUpsertCreatesOnlyWithSomethingToSay(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(token)
	defer srv.Close()
	var waits []time.Duration
	c := client(t, srv, &waits)

	outcome, _, err := c.Upsert(context.Background(), 3, marker, marker+"\nnothing to report", false)
	if err != nil || outcome != github.Skipped {
		t.Fatalf("without findings and without a comment: %v, %v; want skipped", outcome, err)
	}
	outcome, url, err := c.Upsert(context.Background(), 3, marker, marker+"\n1 breaking change", true)
	if err != nil || outcome != github.Created || url == "" {
		t.Fatalf("with findings: %v %q, %v; want created", outcome, url, err)
	}
	outcome, _, err = c.Upsert(context.Background(), 3, marker, marker+"\n1 breaking change", true)
	if err != nil || outcome != github.Unchanged {
		t.Fatalf("the same body again: %v, %v; want unchanged (no request that notifies anyone)", outcome, err)
	}
	outcome, _, err = c.Upsert(context.Background(), 3, marker, marker+"\nno breaking changes any more", false)
	if err != nil || outcome != github.Updated {
		t.Fatalf("findings gone: %v, %v; want the comment updated", outcome, err)
	}
	same(t, requests(srv), []string{
		"GET /repos/octo/api/issues/3/comments?per_page=100",
		"GET /repos/octo/api/issues/3/comments?per_page=100",
		"POST /repos/octo/api/issues/3/comments",
		"GET /repos/octo/api/issues/3/comments?per_page=100",
		"GET /repos/octo/api/issues/3/comments?per_page=100",
		"PATCH /repos/octo/api/issues/comments/1001",
	})
	if cs := srv.Comments(3); len(cs) != 1 || cs[0].Body != marker+"\nno breaking changes any more" {
		t.Errorf("comments: %+v", cs)
	}
}

func TestUpsertRetriesServerErrorsAndRateLimits(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(token)
	defer srv.Close()
	var waits []time.Duration
	c := client(t, srv, &waits)
	srv.FailNext(
		githubtest.Failure{Method: "GET", Status: 502, Body: `{"message":"Server Error"}`},
		githubtest.Failure{Method: "POST", Status: 403, Header: map[string]string{"Retry-After": "7"},
			Body: `{"message":"You have exceeded a secondary rate limit","documentation_url":"https://docs.github.com/rest#secondary-rate-limits"}`},
		githubtest.Failure{Method: "POST", Status: 429, Header: map[string]string{"X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "1700000030"}},
	)
	outcome, _, err := c.Upsert(context.Background(), 9, marker, marker+"\nreport", true)
	if err != nil || outcome != github.Created {
		t.Fatalf("Upsert = %v, %v; want created after retries", outcome, err)
	}
	same(t, requests(srv), []string{
		"GET /repos/octo/api/issues/9/comments?per_page=100",
		"GET /repos/octo/api/issues/9/comments?per_page=100",
		"POST /repos/octo/api/issues/9/comments",
		"POST /repos/octo/api/issues/9/comments",
		"POST /repos/octo/api/issues/9/comments",
	})
	for _, r := range srv.Requests()[2:] {
		if !strings.Contains(r.Body, marker) {
			t.Errorf("a repeated POST lost its body: %q", r.Body)
		}
	}
	want := []time.Duration{time.Second, 7 * time.Second, 31 * time.Second}
	if len(waits) != len(want) || waits[0] != want[0] || waits[1] != want[1] || waits[2] != want[2] {
		t.Errorf("waits %v, want %v (backoff, Retry-After, until the reset)", waits, want)
	}
	if len(srv.Comments(9)) != 1 {
		t.Errorf("exactly one comment, got %+v", srv.Comments(9))
	}
}

func TestRetriesAreBounded(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(token)
	defer srv.Close()
	var waits []time.Duration
	c := client(t, srv, &waits)
	for range 10 {
		srv.FailNext(githubtest.Failure{Status: 503, Body: `{"message":"unavailable"}`})
	}
	if _, _, err := c.Upsert(context.Background(), 1, marker, marker+"\nx", true); err == nil {
		t.Fatal("want an error after the retries")
	}
	if len(srv.Requests()) != 4 || len(waits) != 3 {
		t.Errorf("%d requests and waits %v; want 4 requests (3 retries)", len(srv.Requests()), waits)
	}

	// A rate limit that resets in an hour is not waited for.
	srv2 := githubtest.New(token)
	defer srv2.Close()
	waits = nil
	c2 := client(t, srv2, &waits)
	srv2.FailNext(githubtest.Failure{Status: 403, Header: map[string]string{"X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "1700003600"},
		Body: `{"message":"API rate limit exceeded"}`})
	if _, _, err := c2.Upsert(context.Background(), 1, marker, marker+"\nx", true); err == nil || github.Forbidden(err) {
		t.Errorf("an hour-long rate limit: %v; want a rate-limit error, not a permission refusal", err)
	}
	if len(waits) != 0 || len(srv2.Requests()) != 1 {
		t.Errorf("waited %v with %d requests; want no wait", waits, len(srv2.Requests()))
	}
}

func TestForbiddenAndTheTokenNeverShows(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(token)
	defer srv.Close()
	var waits []time.Duration
	c := client(t, srv, &waits)
	// A server that echoes the credentials back in its message.
	srv.FailNext(githubtest.Failure{Method: "POST", Status: 403,
		Body: `{"message":"Resource not accessible by integration (token ` + token + `)"}`})
	_, _, err := c.Upsert(context.Background(), 5, marker, marker+"\nreport", true)
	if err == nil || !github.Forbidden(err) {
		t.Fatalf("err = %v; want a permission refusal", err)
	}
	if strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "***") {
		t.Errorf("the token leaks into %q", err.Error())
	}
	if len(waits) != 0 {
		t.Errorf("a plain 403 is not retried, waited %v", waits)
	}
	var target interface{ Unwrap() error }
	if !errors.As(err, &target) {
		t.Error("the error keeps its cause")
	}
}

func TestEnterpriseBaseURL(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(token)
	defer srv.Close()
	c, err := github.New(github.Options{Token: token, APIURL: srv.URL + "/api/v3", Repository: "octo/api"})
	if err != nil {
		t.Fatal(err)
	}
	c.Upsert(context.Background(), 2, marker, marker+"\nx", true)
	if rs := srv.Requests(); len(rs) == 0 || rs[0].Path != "/api/v3/repos/octo/api/issues/2/comments" {
		t.Errorf("requests %v; want them under GITHUB_API_URL's path", requests(srv))
	}
	if _, err := github.New(github.Options{Token: token, Repository: "octo"}); err == nil {
		t.Error("GITHUB_REPOSITORY without a slash must be refused")
	}
	if _, err := github.New(github.Options{Repository: "octo/api"}); err == nil {
		t.Error("a missing token must be refused")
	}
}

func TestMarker(t *testing.T) {
	t.Parallel()
	tests := map[[3]string]string{
		{"CI", "breaking", "api/asyncapi.yaml"}: "<!-- eventdiff:CI:breaking:api/asyncapi.yaml -->",
		{"a:b", "j", "x--y-->.yaml"}:            "<!-- eventdiff:a%3Ab:j:x-%2Dy-%2D>.yaml -->",
	}
	for in, want := range tests {
		if got := github.Marker(in[0], in[1], in[2]); got != want {
			t.Errorf("Marker%v = %q, want %q", in, got, want)
		}
	}
}

func TestReadEvent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pr := filepath.Join(dir, "pr.json")
	os.WriteFile(pr, []byte(`{"action":"synchronize","number":42,"pull_request":{"number":42,"base":{"sha":"aaa"},"head":{"sha":"bbb"}}}`), 0o644)
	ev, err := github.ReadEvent(pr)
	if err != nil || ev != (github.Event{PullRequest: 42, BaseSHA: "aaa", HeadSHA: "bbb"}) {
		t.Errorf("pull_request event: %+v, %v", ev, err)
	}
	push := filepath.Join(dir, "push.json")
	os.WriteFile(push, []byte(`{"before":"ccc","after":"ddd"}`), 0o644)
	if ev, err := github.ReadEvent(push); err != nil || ev.PullRequest != 0 {
		t.Errorf("push event: %+v, %v", ev, err)
	}
	if _, err := github.ReadEvent(filepath.Join(dir, "none.json")); err == nil {
		t.Error("a missing event file is an error")
	}
}

// TestTokenStaysWithTheAPIHost: an API that redirects to another host (or
// scheme) never gets the token there, whatever the redirect's status and
// the request's method; nothing is posted there either.
func TestTokenStaysWithTheAPIHost(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, method := range []string{"GET", "POST"} {
			t.Run(fmt.Sprintf("%d %s", status, method), func(t *testing.T) {
				api := githubtest.New(token)
				defer api.Close()
				other := githubtest.New("") // accepts anything, records everything
				defer other.Close()
				if method == "POST" {
					api.AddComment(4, "LGTM") // the listing succeeds; the creation is redirected
				}
				api.FailNext(githubtest.Failure{Method: method, Status: status,
					Header: map[string]string{"Location": other.URL + "/repos/octo/api/issues/4/comments"}})
				var waits []time.Duration
				_, _, err := client(t, api, &waits).Upsert(context.Background(), 4, marker, marker+"\nreport", true)
				var fh *github.ForeignHostError
				if !errors.As(err, &fh) || fh.Host != other.URL {
					t.Fatalf("err = %v; want a refused redirect to %s", err, other.URL)
				}
				if rs := other.Requests(); len(rs) != 0 {
					t.Errorf("the other host received %d requests (first with Authorization %q)", len(rs), rs[0].Authorization)
				}
				if len(other.Comments(4)) != 0 || len(api.Comments(4)) > 1 {
					t.Errorf("a comment was posted: api %+v, other %+v", api.Comments(4), other.Comments(4))
				}
				if strings.Contains(err.Error(), token) {
					t.Errorf("the token leaks into %q", err)
				}
			})
		}
	}

	t.Run("another scheme on the same host", func(t *testing.T) {
		api := githubtest.New(token)
		defer api.Close()
		https := strings.Replace(api.URL, "http://", "https://", 1)
		api.FailNext(githubtest.Failure{Status: 307, Header: map[string]string{"Location": https + "/repos/octo/api/issues/4/comments"}})
		var waits []time.Duration
		_, _, err := client(t, api, &waits).Upsert(context.Background(), 4, marker, marker+"\nreport", true)
		var fh *github.ForeignHostError
		if !errors.As(err, &fh) || len(api.Requests()) != 1 {
			t.Errorf("err = %v after %d requests; want the redirect refused before any other request", err, len(api.Requests()))
		}
	})

	t.Run("the same host", func(t *testing.T) {
		api := githubtest.New(token)
		defer api.Close()
		api.FailNext(githubtest.Failure{Method: "GET", Status: 301, Header: map[string]string{"Location": api.URL + "/repos/octo/api/issues/4/comments?per_page=100"}})
		var waits []time.Duration
		outcome, _, err := client(t, api, &waits).Upsert(context.Background(), 4, marker, marker+"\nreport", true)
		if err != nil || outcome != github.Created {
			t.Fatalf("Upsert = %v, %v; a redirect within the API host is followed", outcome, err)
		}
		for _, r := range api.Requests() {
			if r.Authorization != "Bearer "+token {
				t.Errorf("%s without the token (%q)", r, r.Authorization)
			}
		}
	})
}

// endless streams a JSON array that never ends, up to a bound far above
// MaxResponse (so that a client without a cap fails the test instead of
// exhausting the machine).
func endless(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	chunk := []byte(strings.Repeat(`{"id":1,"body":"x"},`, 1600))
	io.WriteString(w, "[")
	for sent := 0; sent < 8*github.MaxResponse; sent += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// TestResponseBodyIsCapped: an API answering with an endless body is cut
// off at MaxResponse; what the client holds stays near that.
func TestResponseBodyIsCapped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(endless))
	defer srv.Close()
	c, err := github.New(github.Options{Token: token, APIURL: srv.URL, Repository: "octo/api"})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err = c.Upsert(context.Background(), 1, marker, marker+"\nx", true)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, github.ErrResponseTooLarge) {
		t.Errorf("err = %v; want the response refused as too large", err)
	}
	// go-github's JSON decoder doubles its buffer on the way to the cap:
	// about four times the cap in all (128 MB), against more than 16 times
	// for a client that reads all it is sent.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 5*github.MaxResponse {
		t.Errorf("reading the endless body allocated %d MB", alloc>>20)
	}
}
