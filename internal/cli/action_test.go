package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/eventdiff/eventdiff/github/githubtest"
)

// TestActionSmoke runs scripts/action-smoke, which runs the steps of
// action.yml on a temporary repository, against a fake GitHub API.
func TestActionSmoke(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not on PATH")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const token = "ghs_smokeT0kenNeverShown"
	srv := githubtest.New(token)
	defer srv.Close()
	cmd := exec.Command("bash", filepath.Join("..", "..", "scripts", "action-smoke"))
	cmd.Env = append(os.Environ(), "EVENTDIFF_FAKE_API="+srv.URL, "EVENTDIFF_FAKE_TOKEN="+token)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.HasSuffix(string(out), "action-smoke: ok\n") {
		t.Fatalf("action-smoke: %v\n%s", err, out)
	}
	sameList(t, "requests", requestList(srv), []string{
		"GET /repos/octo/orders/issues/5/comments?per_page=100",
		"POST /repos/octo/orders/issues/5/comments",
	})
	cs := srv.Comments(5)
	if len(cs) != 1 || !strings.HasPrefix(cs[0].Body, "<!-- eventdiff:smoke:contract:api/asyncapi.yaml -->\n### ❌ eventdiff: 1 breaking change") {
		t.Errorf("comments %+v", cs)
	}
	if strings.Contains(string(out), token) {
		t.Error("the token was printed")
	}
}

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID   string            `yaml:"id"`
			If   string            `yaml:"if"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// action.yml must not drift from the scripts and the binary: every input is
// handed to a step, every output is one eventdiff writes, and the steps are
// the scripts that action-smoke runs.
func TestActionMetadata(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q", a.Runs.Using)
	}
	var inputs []string
	for name := range a.Inputs {
		inputs = append(inputs, name)
	}
	sort.Strings(inputs)
	sameList(t, "inputs", inputs, []string{"base", "comment", "config", "fail-on", "github-token", "revision", "spec", "version"})
	if d := a.Inputs["base"].Default; d != "${{ github.event.pull_request.base.sha || github.event.before }}" {
		t.Errorf("base defaults to %q; it must be the pull request's base commit, never the branch tip", d)
	}
	if a.Inputs["fail-on"].Default != "breaking" || a.Inputs["comment"].Default != "true" {
		t.Error("fail-on defaults to breaking and comment to true")
	}

	used := map[string]bool{}
	var runs []string
	var eventdiffStep bool
	for _, s := range a.Runs.Steps {
		for _, v := range s.Env {
			for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(v, -1) {
				used[m[1]] = true
			}
		}
		if s.Run != "" {
			runs = append(runs, s.Run)
		}
		if s.ID == "eventdiff" {
			eventdiffStep = true
		}
	}
	for _, in := range inputs {
		if !used[in] {
			t.Errorf("input %s is not handed to any step", in)
		}
	}
	sameList(t, "run steps", runs, []string{`bash "$GITHUB_ACTION_PATH/scripts/action-install"`,
		`bash "$GITHUB_ACTION_PATH/scripts/action-build"`, `bash "$GITHUB_ACTION_PATH/scripts/action-run"`})
	if !eventdiffStep {
		t.Error("no step with id eventdiff for the outputs")
	}
	// Go is set up, and eventdiff compiled, only when there is no release
	// to download.
	for _, s := range a.Runs.Steps {
		fallback := strings.HasPrefix(s.Uses, "actions/setup-go@") || strings.Contains(s.Run, "action-build")
		if fallback != (s.If == "steps.install.outputs.build == 'true'") {
			t.Errorf("step %q%q runs if %q", s.Uses, s.Run, s.If)
		}
		if strings.Contains(s.Run, "action-install") && s.ID != "install" {
			t.Errorf("the install step's id is %q; the fallback steps read steps.install", s.ID)
		}
	}
	script, _ := os.ReadFile("../../scripts/action-run")
	for _, s := range a.Runs.Steps {
		if s.ID != "eventdiff" {
			continue
		}
		for k := range s.Env {
			if strings.HasPrefix(k, "INPUT_") && !strings.Contains(string(script), k) {
				t.Errorf("action-run does not read %s", k)
			}
		}
	}

	// The outputs are the ones eventdiff writes to GITHUB_OUTPUT.
	dir := t.TempDir()
	out := filepath.Join(dir, "output")
	if r := run(t, "", map[string]string{"GITHUB_OUTPUT": out}, "diff", "-f", "github", exBase, exRev); r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	written, _ := os.ReadFile(out)
	var keys []string
	for _, line := range strings.Split(strings.TrimSpace(string(written)), "\n") {
		k, _, _ := strings.Cut(line, "=")
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var outputs []string
	for name, o := range a.Outputs {
		outputs = append(outputs, name)
		if o.Value != "${{ steps.eventdiff.outputs."+name+" }}" {
			t.Errorf("output %s = %q", name, o.Value)
		}
	}
	sort.Strings(outputs)
	sameList(t, "outputs", outputs, keys)
}

// releaseStandIn serves a release the way GitHub's download URLs do
// (/TAG/NAME): an archive holding a stand-in eventdiff, which notes in a
// file that it ran, and checksums.txt. Its archive can be swapped for
// another after the checksums were made.
type releaseStandIn struct {
	*httptest.Server
	assets   map[string][]byte // by "TAG/NAME"
	requests []string
}

func newReleaseStandIn(t *testing.T, tag, archive string, marker string) *releaseStandIn {
	t.Helper()
	script := "#!/bin/sh\necho ran >> '" + marker + "'\necho 'eventdiff " + tag + "'\n"
	data := tarGz(t, map[string]string{"eventdiff": script, "README.md": "# eventdiff\n"})
	sum := sha256.Sum256(data)
	r := &releaseStandIn{assets: map[string][]byte{
		tag + "/" + archive:         data,
		tag + "/checksums.txt":      []byte(hex.EncodeToString(sum[:]) + "  " + archive + "\n"),
		tag + "/eventdiff_other.gz": []byte("x"),
	}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		name := strings.TrimPrefix(req.URL.Path, "/")
		r.requests = append(r.requests, name)
		if data, ok := r.assets[name]; ok {
			w.Write(data)
			return
		}
		http.NotFound(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, name := range []string{"eventdiff", "README.md"} {
		body := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	return buf.Bytes()
}

// TestActionInstallFromRelease runs scripts/action-install against a
// loopback stand-in of the release server: at a release tag it installs
// the runner's archive after checking its sha256 against checksums.txt; a
// mismatch is exit 2 and nothing is run; a ref that is not a release asks
// for the build from source (build=true), which is when setup-go runs.
func TestActionInstallFromRelease(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " is not on PATH")
		}
	}
	const tag, archive = "v1.2.3", "eventdiff_1.2.3_linux_amd64.tar.gz"
	tests := []struct {
		name     string
		env      map[string]string
		tamper   bool
		code     int
		build    bool   // asks for the build from source
		ran      bool   // the downloaded binary ran
		say      string // on stdout
		requests string
	}{
		{"release", map[string]string{"ACTION_REF": tag}, false, 0, false, true, "eventdiff v1.2.3\n",
			"v1.2.3/checksums.txt v1.2.3/" + archive},
		{"version input names the release", map[string]string{"ACTION_REF": "main", "EVENTDIFF_VERSION": tag}, false, 0, false, true, "eventdiff v1.2.3\n",
			"v1.2.3/checksums.txt v1.2.3/" + archive},
		{"checksum mismatch", map[string]string{"ACTION_REF": tag}, true, 2, false, false, "does not match checksums.txt of release v1.2.3",
			"v1.2.3/checksums.txt v1.2.3/" + archive},
		{"no archive for the runner", map[string]string{"ACTION_REF": tag, "RUNNER_ARCH": "ARM64"}, false, 2, false, false, "cannot download eventdiff_1.2.3_linux_arm64.tar.gz",
			"v1.2.3/checksums.txt v1.2.3/eventdiff_1.2.3_linux_arm64.tar.gz"},
		{"a branch", map[string]string{"ACTION_REF": "main"}, false, 0, true, false, "main is not a release tag", ""},
		{"a commit", map[string]string{"ACTION_REF": "0123456789abcdef0123456789abcdef01234567"}, false, 0, true, false, "is not a release tag", ""},
		{"a tag with no release", map[string]string{"ACTION_REF": "v9.9.9"}, false, 0, true, false, "v9.9.9 has no release", "v9.9.9/checksums.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			marker := filepath.Join(dir, "ran")
			srv := newReleaseStandIn(t, tag, archive, marker)
			if tt.tamper {
				srv.assets[tag+"/"+archive] = tarGz(t, map[string]string{"eventdiff": "#!/bin/sh\necho ran >> '" + marker + "'\n"})
			}
			cmd := exec.Command("bash", "../../scripts/action-install")
			cmd.Env = append(os.Environ(), "EVENTDIFF_RELEASES_URL="+srv.URL, "ACTION_REPOSITORY=acme/eventdiff",
				"RUNNER_OS=Linux", "RUNNER_ARCH=X64", "EVENTDIFF_BIN="+filepath.Join(dir, "bin"),
				"GITHUB_PATH="+filepath.Join(dir, "path"), "GITHUB_OUTPUT="+filepath.Join(dir, "output"), "EVENTDIFF_VERSION=")
			for k, v := range tt.env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			out, err := cmd.Output()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			output, _ := os.ReadFile(filepath.Join(dir, "output"))
			_, ranErr := os.Stat(marker)
			_, binErr := os.Stat(filepath.Join(dir, "bin", "eventdiff"))
			switch {
			case code != tt.code || !strings.Contains(string(out), tt.say):
				t.Errorf("exit %d, stdout %q", code, out)
			case (string(output) == "build=true\n") != tt.build:
				t.Errorf("step outputs %q", output)
			case (ranErr == nil) != tt.ran || (binErr == nil) != tt.ran:
				t.Errorf("ran: %v, installed: %v", ranErr == nil, binErr == nil)
			case strings.Join(srv.requests, " ") != tt.requests:
				t.Errorf("requests %q", srv.requests)
			}
		})
	}
}
