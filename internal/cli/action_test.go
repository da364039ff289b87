package cli

import (
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
	sameList(t, "run steps", runs, []string{`bash "$GITHUB_ACTION_PATH/scripts/action-install"`, `bash "$GITHUB_ACTION_PATH/scripts/action-run"`})
	if !eventdiffStep {
		t.Error("no step with id eventdiff for the outputs")
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
