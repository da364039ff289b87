package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// MaxBody is the most characters GitHub accepts in a comment body.
const MaxBody = 65536

// Options configure a Client. Token, Repository and (for GitHub
// Enterprise) APIURL come from the workflow's environment.
type Options struct {
	Token      string
	APIURL     string // GITHUB_API_URL; https://api.github.com when empty
	Repository string // GITHUB_REPOSITORY: owner/name

	HTTPClient *http.Client                               // nil for a default with a timeout
	Sleep      func(context.Context, time.Duration) error // waits between retries; nil for a real wait
	Now        func() time.Time                           // nil for time.Now
	Retries    int                                        // repeats of a failed request; 0 for 3
	MaxWait    time.Duration                              // longest single wait; 0 for 60s
}

// Client posts and updates pull-request comments.
type Client struct {
	gh          *gh.Client
	owner, repo string
	secrets     []string
}

// New returns a client for the repository in opts.
func New(opts Options) (*Client, error) {
	owner, repo, ok := strings.Cut(opts.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("GITHUB_REPOSITORY %q is not owner/name", opts.Repository)
	}
	if opts.Token == "" {
		return nil, errors.New("GITHUB_TOKEN is not set")
	}
	c := &Client{owner: owner, repo: repo, secrets: []string{opts.Token}}
	api, err := c.apiURL(opts.APIURL)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	if opts.HTTPClient != nil {
		copied := *opts.HTTPClient
		hc = &copied
	}
	theirs := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := sameHostRedirects(req, via); err != nil || theirs == nil {
			return err
		}
		return theirs(req, via)
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	rt := &retryTransport{base: &cappedTransport{base: base, max: MaxResponse},
		sleep: opts.Sleep, now: opts.Now, retries: opts.Retries, maxWait: opts.MaxWait}
	if rt.sleep == nil {
		rt.sleep = sleep
	}
	if rt.now == nil {
		rt.now = time.Now
	}
	if rt.retries == 0 {
		rt.retries = 3
	}
	if rt.maxWait == 0 {
		rt.maxWait = 60 * time.Second
	}
	// The token is added last, on the way out, and only for the API's own
	// host: not by go-github's WithAuthToken (see authTransport).
	hc.Transport = &authTransport{base: rt, token: opts.Token, api: api}
	c.gh = gh.NewClient(hc)
	c.gh.BaseURL = api
	return c, nil
}

// apiURL is GITHUB_API_URL as a base URL (https://api.github.com/ when
// empty). GitHub Enterprise Server (https://HOST/api/v3) or a test server
// is taken as it is, without guessing a path; credentials written into it
// are kept out of messages like the token.
func (c *Client) apiURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = "https://api.github.com/"
	}
	u, err := url.Parse(strings.TrimRight(raw, "/") + "/")
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) URL", c.Redact(raw))
	}
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			c.secrets = append(c.secrets, p)
		}
		c.secrets = append(c.secrets, u.User.Username())
	}
	return u, nil
}

// Redact replaces the token (and any credentials in the API URL) in s.
// Everything this package returns has been through it; callers use it for
// anything else they print.
func (c *Client) Redact(s string) string {
	for _, sec := range c.secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return s
}

// redactedError keeps the kind of the error it wraps (errors.As still finds
// the *gh.ErrorResponse) but never prints the secrets.
type redactedError struct {
	err error
	msg string
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (c *Client) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{err: err, msg: c.Redact(what + ": " + err.Error())}
}

// Outcome says what Upsert did.
type Outcome string

// The outcomes.
const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged" // the comment already says exactly this
	Skipped   Outcome = "skipped"   // nothing to say and no comment to update
)

// Upsert makes the pull request's comment that starts with marker read
// body (which must start with marker too). It updates the comment when
// there is one, and creates one only when create is true: a run with
// nothing to say must not add a comment, but must correct one it left
// earlier. It returns the comment's address.
func (c *Client) Upsert(ctx context.Context, pr int, marker, body string, create bool) (Outcome, string, error) {
	if !strings.HasPrefix(body, marker) {
		return "", "", errors.New("the body must start with the marker")
	}
	if n := len([]rune(body)); n > MaxBody {
		return "", "", fmt.Errorf("the comment is %d characters, more than GitHub's %d", n, MaxBody)
	}
	existing, err := c.find(ctx, pr, marker)
	if err != nil {
		return "", "", err
	}
	if existing == nil {
		if !create {
			return Skipped, "", nil
		}
		made, _, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, pr, &gh.IssueComment{Body: gh.String(body)})
		if err != nil {
			return "", "", c.wrap("creating the comment", err)
		}
		return Created, made.GetHTMLURL(), nil
	}
	if existing.GetBody() == body {
		return Unchanged, existing.GetHTMLURL(), nil
	}
	edited, _, err := c.gh.Issues.EditComment(ctx, c.owner, c.repo, existing.GetID(), &gh.IssueComment{Body: gh.String(body)})
	if err != nil {
		return "", "", c.wrap("updating the comment", err)
	}
	return Updated, edited.GetHTMLURL(), nil
}

// find lists the pull request's comments, page by page, for the first one
// that starts with marker. A marker merely quoted inside someone else's
// comment does not count.
func (c *Client) find(ctx context.Context, pr int, marker string) (*gh.IssueComment, error) {
	opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100}}
	for pages := 0; pages < 1000; pages++ {
		comments, resp, err := c.gh.Issues.ListComments(ctx, c.owner, c.repo, pr, opts)
		if err != nil {
			return nil, c.wrap("listing the comments", err)
		}
		for _, cm := range comments {
			if strings.HasPrefix(cm.GetBody(), marker) {
				return cm, nil
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return nil, nil
}

// Forbidden reports whether err is GitHub refusing the request for lack of
// permission (a read-only token, as on pull requests from forks), as
// opposed to a rate limit or an outage.
func Forbidden(err error) bool {
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode == http.StatusForbidden
	}
	return false
}

// Marker is the hidden first line that finds a comment again: one comment
// per workflow, job and document, so matrix jobs and several documents
// never overwrite each other's.
func Marker(workflow, job, path string) string {
	clean := func(s string) string {
		// An HTML comment must not contain "--"; ":" separates the parts.
		s = strings.NewReplacer("\n", " ", "\r", " ", ":", "%3A").Replace(s)
		for strings.Contains(s, "--") {
			s = strings.ReplaceAll(s, "--", "-%2D")
		}
		return s
	}
	return fmt.Sprintf("<!-- eventdiff:%s:%s:%s -->", clean(workflow), clean(job), clean(path))
}

// Event is what eventdiff needs of the workflow's event payload.
type Event struct {
	PullRequest int    // 0 when the event is not about a pull request
	BaseSHA     string // the pull request's base commit
	HeadSHA     string
}

// ReadEvent reads GITHUB_EVENT_PATH.
func ReadEvent(path string) (Event, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Event{}, fmt.Errorf("reading the event (GITHUB_EVENT_PATH): %v", err)
	}
	var ev struct {
		Number      int `json:"number"`
		PullRequest *struct {
			Number int `json:"number"`
			Base   struct {
				SHA string `json:"sha"`
			} `json:"base"`
			Head struct {
				SHA string `json:"sha"`
			} `json:"head"`
		} `json:"pull_request"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return Event{}, fmt.Errorf("reading the event (GITHUB_EVENT_PATH): %v", err)
	}
	if ev.PullRequest == nil {
		return Event{}, nil
	}
	out := Event{PullRequest: ev.PullRequest.Number, BaseSHA: ev.PullRequest.Base.SHA, HeadSHA: ev.PullRequest.Head.SHA}
	if out.PullRequest == 0 {
		out.PullRequest = ev.Number
	}
	return out, nil
}
