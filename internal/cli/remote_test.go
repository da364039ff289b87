package cli

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// remoteDoc is a document whose received message has a payload property
// that is a remote $ref to url, and which requires `extra` when required
// says so.
func remoteDoc(url string, required bool) string {
	req := ""
	if required {
		req = "\n          required: [extra]"
	}
	return `asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      order:
        payload:
          type: object` + req + `
          properties:
            extra: {type: string}
            customer:
              $ref: '` + url + `'
operations:
  onOrder:
    action: receive
    channel: {$ref: '#/channels/orders'}
`
}

// Not followed (the default), a remote reference is compared by its URL: a
// changed one is a warning, the rest of the document is judged as usual,
// and stderr says once how many were compared that way.
func TestRemoteRefsComparedByURL(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"base.yaml":     remoteDoc("https://schemas.example.com/customer/v1.json", false),
		"same.yaml":     remoteDoc("https://schemas.example.com/customer/v1.json", false),
		"revision.yaml": remoteDoc("https://schemas.example.com/customer/v2.json", true),
	})
	base, same, rev := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "same.yaml"), filepath.Join(dir, "revision.yaml")

	r := run(t, "", nil, "diff", "-f", "json", base, rev)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got []string
	for _, f := range findings(t, r.stdout) {
		got = append(got, strings.Join(strings.Fields(f)[:2], " "))
	}
	sameList(t, "findings", got, []string{"schema-remote-ref-changed warning", "schema-required-added breaking"})
	const note = "eventdiff: 2 remote $refs (2 URLs) compared by URL, not followed: a changed URL is a warning; --allow-remote-refs follows them\n"
	if r.stderr != note {
		t.Errorf("stderr %q, want %q", r.stderr, note)
	}
	if r := run(t, "", nil, "diff", "--fail-on", "warning", base, rev); r.code != ExitFailOn {
		t.Errorf("--fail-on warning: exit %d", r.code)
	}
	if r := run(t, "", nil, "diff", "-f", "json", "--fail-on", "warning", base, same); r.code != ExitOK || len(findings(t, r.stdout)) != 0 {
		t.Errorf("the same URL is the same schema: exit %d, %v", r.code, findings(t, r.stdout))
	}
}

// Several documents in one run: the note comes once, adding them up.
func TestRemoteRefsNoteOnce(t *testing.T) {
	dir := ordersRepo(t)
	write(t, dir, map[string]string{
		"a.yaml": remoteDoc("https://schemas.example.com/customer/v1.json", false),
		"b.yaml": remoteDoc("https://schemas.example.com/customer/v2.json", false),
	})
	gitIn(t, dir, "add", "a.yaml", "b.yaml")
	gitIn(t, dir, "commit", "-q", "-m", "remote refs")
	r := run(t, "", nil, "diff", "--base-ref", "HEAD", "a.yaml", "b.yaml")
	if r.code != ExitOK || strings.Count(r.stderr, "compared by URL") != 1 || !strings.Contains(r.stderr, "4 remote $refs (2 URLs)") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// With --allow-remote-refs, remote references are fetched under the
// run's limits; whatever fails is exit 2 naming the reference. The test
// servers are on loopback, which --allow-private-hosts opens.
func TestAllowRemoteRefsLimits(t *testing.T) {
	var otherAsked, srvAsked bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherAsked = true
		w.Write([]byte(`{"type": "string"}`))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srvAsked = true
		switch r.URL.Path {
		case "/ok.json":
			w.Write([]byte(`{"type": "string"}`))
		case "/redirect.json":
			http.Redirect(w, r, other.URL+"/ok.json", http.StatusFound)
		case "/large.json":
			w.Write([]byte(`{"type": "string", "description": "` + strings.Repeat("x", 5000) + `"}`))
		case "/slow1.json", "/slow2.json", "/slow3.json":
			select {
			case <-time.After(400 * time.Millisecond):
				w.Write([]byte(`{"type": "string"}`))
			case <-r.Context().Done():
			}
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	doc := func(name string, paths ...string) string {
		var b bytes.Buffer
		b.WriteString("asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\ncomponents:\n  schemas:\n")
		for i, p := range paths {
			b.WriteString("    S" + string(rune('a'+i)) + ":\n      $ref: '" + srv.URL + p + "'\n")
		}
		write(t, dir, map[string]string{name: b.String()})
		return filepath.Join(dir, name)
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	offline := filepath.Join(dir, "offline.yaml")
	write(t, dir, map[string]string{"offline.yaml": "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\ncomponents:\n  schemas:\n    S:\n      $ref: '" + closed.URL + "/s.json'\n"})
	closed.Close()

	tests := []struct {
		name string
		doc  string
		args []string
		want string // "" for exit 0
	}{
		{"a loopback host", doc("ok.yaml", "/ok.json"), []string{"--allow-private-hosts=false"},
			`ok.yaml:5:5: $ref "` + srv.URL + `/ok.json": 127.0.0.1 is a loopback address: remote references are fetched only from public addresses (allow them with --allow-private-hosts)`},
		{"followed", doc("ok.yaml", "/ok.json"), nil, ""},
		{"cross-host redirect", doc("redirect.yaml", "/redirect.json"), nil,
			`redirect.yaml:5:5: $ref "` + srv.URL + `/redirect.json": redirected to "http://` + strings.TrimPrefix(other.URL, "http://") + `", another host or scheme`},
		{"oversized body", doc("large.yaml", "/large.json"), []string{"--max-remote-size", "1000"},
			`large.yaml:5:5: $ref "` + srv.URL + `/large.json": the response is more than the limit of 1000 bytes (raise it with --max-remote-size)`},
		{"three slow refs, one deadline", doc("slow.yaml", "/slow1.json", "/slow2.json", "/slow3.json"), []string{"--max-remote-time", "1s"},
			`remote references took more than 1s together (raise it with --max-remote-time)`},
		{"three slow refs, time enough", doc("slow.yaml", "/slow1.json", "/slow2.json", "/slow3.json"), []string{"--max-remote-time", "20s"}, ""},
		{"offline", offline, nil, `offline.yaml:5:5: $ref "` + closed.URL + `/s.json": `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, append(append([]string{"diff", "--allow-remote-refs", "--allow-private-hosts"}, tt.args...), tt.doc, tt.doc)...)
			if tt.name == "a loopback host" && srvAsked {
				t.Error("the loopback server was asked") // the first case: nothing asked it before
			}
			if tt.want == "" {
				if r.code != ExitOK || r.stderr != "" {
					t.Errorf("exit %d: %s", r.code, r.stderr)
				}
				return
			}
			if r.code != ExitTrouble || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q, want it to contain %q", r.code, r.stderr, tt.want)
			}
		})
	}
	if otherAsked {
		t.Error("the other host was asked")
	}
	r := run(t, "", nil, "diff", "--allow-remote-refs", "--allow-private-hosts", offline, offline)
	if !strings.HasSuffix(r.stderr, "(without --allow-remote-refs, remote references are compared by URL)\n") {
		t.Errorf("offline: %q", r.stderr)
	}
}

// changelog says it once too, counting every document it read once: a
// changed URL is in the Unreleased section as a change to review.
func TestRemoteRefsInTheChangelog(t *testing.T) {
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	write(t, dir, map[string]string{"api.yaml": remoteDoc("https://schemas.example.com/customer/v1.json", false)})
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "1.0.0")
	gitIn(t, dir, "tag", "v1.0.0")
	write(t, dir, map[string]string{"api.yaml": remoteDoc("https://schemas.example.com/customer/v2.json", false)})
	t.Chdir(dir)
	r := run(t, "", nil, "changelog", "api.yaml")
	if r.code != ExitOK || !strings.Contains(r.stdout, `the remote $ref changed from "https://schemas.example.com/customer/v1.json"`) {
		t.Fatalf("exit %d, stderr %q:\n%s", r.code, r.stderr, r.stdout)
	}
	if r.stderr != "eventdiff: 2 remote $refs (2 URLs) compared by URL, not followed: a changed URL is a warning; --allow-remote-refs follows them\n" {
		t.Errorf("stderr %q", r.stderr)
	}
}
