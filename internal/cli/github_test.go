package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/github"
	"github.com/eventdiff/eventdiff/github/githubtest"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
)

const testToken = "ghs_cliT0kenN3verPrinted"

// actionsEnv is what GitHub Actions gives a step, pointed at a fake API.
func actionsEnv(t *testing.T, srv *githubtest.Server, event string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	ev := filepath.Join(dir, "event.json")
	if err := os.WriteFile(ev, []byte(event), 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"GITHUB_TOKEN": testToken, "GITHUB_REPOSITORY": "octo/orders", "GITHUB_EVENT_PATH": ev,
		"GITHUB_API_URL": srv.URL, "GITHUB_WORKFLOW": "CI", "GITHUB_JOB": "contract",
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"), "GITHUB_OUTPUT": filepath.Join(dir, "output"),
	}
}

const prEvent = `{"number":12,"pull_request":{"number":12,"base":{"sha":"1111111111111111111111111111111111111111"},"head":{"sha":"2222222222222222222222222222222222222222"}}}`

// retries records the waits between retries of the GitHub API instead of
// sleeping.
type retries struct{ waits []time.Duration }

func (rt *retries) sleep(_ context.Context, d time.Duration) error {
	rt.waits = append(rt.waits, d)
	return nil
}

// run runs a command in env with these retries.
func (rt *retries) run(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	return runWith(t, Env{Stdin: strings.NewReader(""), Getenv: func(k string) string { return env[k] }, Sleep: rt.sleep}, args...)
}

func requestList(srv *githubtest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		out = append(out, r.String())
	}
	return out
}

// noToken checks that the token shows nowhere a person could read it.
func noToken(t *testing.T, r result, env map[string]string) {
	t.Helper()
	summary, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
	for what, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr, "summary": string(summary)} {
		if strings.Contains(s, testToken) {
			t.Errorf("the token appears in %s", what)
		}
	}
}

const (
	list    = "GET /repos/octo/orders/issues/12/comments?per_page=100"
	create  = "POST /repos/octo/orders/issues/12/comments"
	ordersM = "<!-- eventdiff:CI:contract:api/asyncapi.yaml -->"
)

func TestGitHubCommentLifecycle(t *testing.T) {
	dir := ordersRepo(t)
	srv := githubtest.New(testToken)
	defer srv.Close()
	rt := &retries{}
	env := actionsEnv(t, srv, prEvent)
	args := []string{"diff", "--format", "github", "--github-comment", "--fail-on", "breaking", "--base-ref", "HEAD", "api/asyncapi.yaml"}

	// A breaking change: the comment is created, and the check fails.
	r := rt.run(t, env, args...)
	if r.code != ExitFailOn {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	sameList(t, "requests", requestList(srv), []string{list, create})
	post := srv.Requests()[1]
	if cs := srv.Comments(12); len(cs) != 1 || !strings.HasPrefix(cs[0].Body, ordersM+"\n### ❌ eventdiff: ") || len([]rune(cs[0].Body)) >= 65536 {
		t.Errorf("the comment must start with the marker and the verdict: %+v", cs)
	}
	for _, want := range []string{"message-content-type-changed", "Updated for 222222222222 (the pull request's base is 111111111111)"} {
		if !strings.Contains(post.Body, want) {
			t.Errorf("the comment lacks %q: %.400s", want, post.Body)
		}
	}
	if !strings.Contains(r.stderr, "pull request comment for api/asyncapi.yaml created") {
		t.Errorf("stderr %q", r.stderr)
	}
	noToken(t, r, env)

	// The same result again changes nothing.
	r = rt.run(t, env, args...)
	sameList(t, "requests of the second run", requestList(srv)[2:], []string{list})

	// The change is undone: the comment says so instead of going stale.
	gitIn(t, dir, "checkout", "--", "api/messages.yaml")
	r = rt.run(t, env, args...)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	cs := srv.Comments(12)
	sameList(t, "requests of the third run", requestList(srv)[3:], []string{list, "PATCH /repos/octo/orders/issues/comments/1001"})
	if len(cs) != 1 || !strings.HasPrefix(cs[0].Body, ordersM+"\n### ✅ eventdiff: no breaking changes any more") {
		t.Errorf("comments %+v", cs)
	}

	// Another document without findings and without a comment: none is made.
	r = rt.run(t, env, "diff", "--github-comment", "--base-ref", "HEAD", "api/asyncapi.yaml")
	if len(srv.Comments(12)) != 1 {
		t.Errorf("a comment was created with nothing to say: %+v", srv.Comments(12))
	}
}

func TestGitHubCommentForbiddenFallsBackToTheSummary(t *testing.T) {
	ordersRepo(t)
	srv := githubtest.New(testToken)
	defer srv.Close()
	rt := &retries{}

	for _, format := range []string{"text", "github"} {
		t.Run(format, func(t *testing.T) {
			env := actionsEnv(t, srv, prEvent)
			srv.FailNext(githubtest.Failure{Method: "POST", Status: 403,
				Body: `{"message":"Resource not accessible by integration, token ` + testToken + `"}`})
			r := rt.run(t, env, "diff", "--format", format, "--github-comment", "--fail-on", "breaking", "--base-ref", "HEAD", "api/asyncapi.yaml")
			if r.code != ExitFailOn {
				t.Fatalf("exit %d, want 1 (the diff's code, whatever the comment did): %s", r.code, r.stderr)
			}
			summary, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
			if n := strings.Count(string(summary), "message-content-type-changed"); n != 1 {
				t.Errorf("the report should be in the job summary once, found %d times:\n%s", n, summary)
			}
			if strings.Contains(string(summary), "<!-- eventdiff") {
				t.Error("the summary does not need the marker")
			}
			stream := r.stderr
			if format == "github" {
				stream = r.stdout
			}
			if !strings.Contains(stream, "::notice::eventdiff did not comment on the pull request: the token may not write to it (a pull request from a fork") {
				t.Errorf("want a notice saying why, got stdout %q stderr %q", r.stdout, r.stderr)
			}
			noToken(t, r, env)
		})
	}
	if len(srv.Comments(12)) != 0 {
		t.Errorf("comments %+v", srv.Comments(12))
	}
}

func TestGitHubCommentRetriesAndRedacts(t *testing.T) {
	ordersRepo(t)
	srv := githubtest.New(testToken)
	defer srv.Close()
	rt := &retries{}
	env := actionsEnv(t, srv, prEvent)

	srv.FailNext(githubtest.Failure{Method: "GET", Status: 502, Body: `{"message":"Bad Gateway"}`})
	r := rt.run(t, env, "diff", "--github-comment", "--base-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	sameList(t, "requests", requestList(srv), []string{list, list, create})
	if len(rt.waits) != 1 || rt.waits[0] != time.Second {
		t.Errorf("waits %v, want one of 1s", rt.waits)
	}

	// An outage that outlasts the retries: a warning with the reason, the
	// token blanked out, the exit code untouched.
	for range 4 {
		srv.FailNext(githubtest.Failure{Status: 500, Body: `{"message":"boom for ` + testToken + `"}`})
	}
	r = rt.run(t, env, "diff", "--github-comment", "--fail-on", "breaking", "--base-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitFailOn {
		t.Errorf("exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "::notice::eventdiff did not comment on the pull request: the GitHub API failed: listing the comments: GET ") ||
		!strings.Contains(r.stderr, "boom for ***") {
		t.Errorf("stderr %q", r.stderr)
	}
	noToken(t, r, env)
}

// TestGitHubCommentRedirectedToAnotherHost: an API that sends the comment
// elsewhere gets neither the token nor the comment there; the run says so
// in a notice and keeps the diff's exit code.
func TestGitHubCommentRedirectedToAnotherHost(t *testing.T) {
	ordersRepo(t)
	srv := githubtest.New(testToken)
	defer srv.Close()
	other := githubtest.New("")
	defer other.Close()
	rt := &retries{}
	env := actionsEnv(t, srv, prEvent)
	srv.FailNext(githubtest.Failure{Method: "GET", Status: 302,
		Header: map[string]string{"Location": other.URL + "/repos/octo/orders/issues/12/comments"}})
	r := rt.run(t, env, "diff", "--format", "github", "--github-comment", "--fail-on", "breaking", "--base-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitFailOn {
		t.Errorf("exit %d, want 1 (the diff's own)", r.code)
	}
	if len(other.Requests()) != 0 || len(other.Comments(12)) != 0 || len(srv.Comments(12)) != 0 {
		t.Errorf("the other host got %d requests; comments there %+v, at the API %+v", len(other.Requests()), other.Comments(12), srv.Comments(12))
	}
	if !strings.Contains(r.stdout, "::notice::eventdiff did not comment on the pull request: the GitHub API failed: listing the comments: ") ||
		!strings.Contains(r.stdout, "redirected to another host ("+other.URL+"); not followed") {
		t.Errorf("want a notice that names the redirect, got stdout %q", r.stdout)
	}
	noToken(t, r, env)
}

func TestGitHubCommentOutsideAPullRequest(t *testing.T) {
	ordersRepo(t)
	srv := githubtest.New(testToken)
	defer srv.Close()
	env := actionsEnv(t, srv, `{"before":"1111111111111111111111111111111111111111","after":"2222222222222222222222222222222222222222"}`)
	r := run(t, "", env, "diff", "--github-comment", "--fail-on", "breaking", "--base-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitFailOn || len(srv.Requests()) != 0 || !strings.Contains(r.stderr, "not a pull request; no comment posted") {
		t.Errorf("push event: exit %d, %d requests, stderr %q", r.code, len(srv.Requests()), r.stderr)
	}
	delete(env, "GITHUB_TOKEN")
	env["GITHUB_EVENT_PATH"] = actionsEnv(t, srv, prEvent)["GITHUB_EVENT_PATH"]
	r = run(t, "", env, "diff", "--github-comment", "--base-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitOK || len(srv.Requests()) != 0 || !strings.Contains(r.stderr, "GITHUB_TOKEN is not set") {
		t.Errorf("no token: exit %d, %d requests, stderr %q", r.code, len(srv.Requests()), r.stderr)
	}
}

// However many findings, the comment stays under GitHub's limit with the
// marker in front.
func TestCommentBodyFitsGitHubsLimit(t *testing.T) {
	t.Parallel()
	res := &rules.Result{Summary: rules.Summary{Breaking: 3000}}
	for i := range 3000 {
		res.Findings = append(res.Findings, rules.Finding{
			Change: diff.Change{Kind: "channel-removed", Text: fmt.Sprintf("channel %d «%s» was removed", i, strings.Repeat("é", 80)), Channel: fmt.Sprintf("c/%d", i)},
			Rule:   &rules.Rule{ID: "channel-removed"}, Level: rules.Breaking,
		})
	}
	marker := github.Marker("CI", "contract", "api/asyncapi.yaml")
	body := commentBody(marker, "api/asyncapi.yaml", compared{res: res}, report.Options{Version: "test"},
		github.Event{PullRequest: 1, HeadSHA: strings.Repeat("a", 40)})
	if n := len([]rune(body)); n >= github.MaxBody || n < github.MaxBody/2 {
		t.Errorf("the body is %d characters; want it full but under %d", n, github.MaxBody)
	}
	if !strings.HasPrefix(body, marker+"\n") || !strings.Contains(body, "more changes not shown") || !strings.HasSuffix(body, "Updated for aaaaaaaaaaaa.</sub>\n") {
		t.Errorf("body starts %.100q and ends %q", body, body[len(body)-200:])
	}
}
