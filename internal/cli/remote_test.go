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

// With --allow-remote-refs, remote references are fetched under the
// run's limits; whatever fails is exit 2 naming the reference.
func TestAllowRemoteRefsLimits(t *testing.T) {
	var otherAsked bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherAsked = true
		w.Write([]byte(`{"type": "string"}`))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
			r := run(t, "", nil, append(append([]string{"diff", "--allow-remote-refs"}, tt.args...), tt.doc, tt.doc)...)
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
}
