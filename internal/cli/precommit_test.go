package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

type hook struct {
	ID            string   `yaml:"id"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	PassFilenames bool     `yaml:"pass_filenames"`
	Stages        []string `yaml:"stages"`
}

func hooks(t *testing.T) map[string]hook {
	t.Helper()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var list []hook
	if err := yaml.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]hook{}
	for _, h := range list {
		out[h.ID] = h
	}
	return out
}

// runHook runs a hook's entry the way pre-commit does: the entry's words,
// then the matching file names.
func runHook(t *testing.T, h hook, changed ...string) result {
	t.Helper()
	files := regexp.MustCompile(h.Files)
	args := strings.Fields(h.Entry)[1:]
	for _, f := range changed {
		if files.MatchString(f) {
			args = append(args, f)
		}
	}
	return run(t, "", nil, args...)
}

func TestPreCommitHooksFile(t *testing.T) {
	t.Parallel()
	hs := hooks(t)
	if len(hs) != 2 {
		t.Fatalf("hooks %v", hs)
	}
	for id, stage := range map[string]string{"eventdiff-breaking": "pre-commit", "eventdiff-breaking-push": "pre-push"} {
		h, ok := hs[id]
		if !ok {
			t.Fatalf("no hook %s", id)
		}
		if h.Language != "golang" || !h.PassFilenames || len(h.Stages) != 1 || h.Stages[0] != stage || !strings.HasPrefix(h.Entry, "eventdiff diff ") {
			t.Errorf("%s: %+v", id, h)
		}
	}
	files := regexp.MustCompile(hs["eventdiff-breaking"].Files)
	for _, name := range []string{"asyncapi.yaml", "asyncapi.yml", "asyncapi.json", "api/asyncapi.yaml", "orders.asyncapi.yaml",
		"api/orders-asyncapi.yml", "asyncapi-v3.yaml", "asyncapi.orders.json", "docs/user_asyncapi.yaml"} {
		if !files.MatchString(name) {
			t.Errorf("files does not match %s", name)
		}
	}
	for _, name := range []string{"openapi.yaml", "asyncapi.md", "asyncapi/schemas/user.yaml", "api/asyncapi.yaml.bak", "notasyncapi.yaml", "asyncapis.yaml"} {
		if files.MatchString(name) {
			t.Errorf("files matches %s", name)
		}
	}
}

func TestPreCommitHookOnStagedChanges(t *testing.T) {
	h := hooks(t)["eventdiff-breaking"]
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	doc := strings.NewReplacer("$ref: './channels.yaml#/orderCreated'", "address: orders/created",
		"$ref: './channels.yaml#/orderCancelled'", "address: orders/cancelled").Replace(orders["api/asyncapi.yaml"])
	write(t, dir, map[string]string{"asyncapi.yaml": doc, "payments.asyncapi.yaml": doc})
	gitIn(t, dir, "add", "-A")
	t.Chdir(dir)
	// The repository's first commit has no HEAD to compare with.
	if r := runHook(t, h, "asyncapi.yaml"); r.code != ExitOK || !strings.Contains(r.stderr, "asyncapi.yaml is new (the repository has no commit yet)") {
		t.Errorf("first commit: exit %d, stderr %q", r.code, r.stderr)
	}
	gitIn(t, dir, "commit", "-q", "-m", "documents")

	// One document changes without breaking anyone, the other breaks its
	// producers, a third is new; pre-commit passes all three.
	edit(t, dir, "payments.asyncapi.yaml", "title: Orders", "title: Payments")
	edit(t, dir, "asyncapi.yaml", "address: orders/cancelled", "address: orders/canceled")
	write(t, dir, map[string]string{"refunds.asyncapi.yaml": doc})
	gitIn(t, dir, "add", "-A")
	r := runHook(t, h, "asyncapi.yaml", "payments.asyncapi.yaml", "refunds.asyncapi.yaml", "README.md")
	if r.code != ExitFailOn {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "channel-address-changed") || !strings.Contains(r.stdout, "HEAD:payments.asyncapi.yaml → payments.asyncapi.yaml") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if r.stderr != "eventdiff: refunds.asyncapi.yaml is new since HEAD: nothing to compare\n" {
		t.Errorf("stderr %q", r.stderr)
	}
	// Without the breaking change the commit goes through.
	gitIn(t, dir, "checkout", "HEAD", "--", "asyncapi.yaml")
	if r := runHook(t, h, "payments.asyncapi.yaml", "refunds.asyncapi.yaml"); r.code != ExitOK {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

func TestPrePushHookAgainstTheUpstream(t *testing.T) {
	h := hooks(t)["eventdiff-breaking-push"]
	origin := ordersRepo(t)
	gitIn(t, origin, "stash", "-q")
	// A later change on the origin's main must not count as the branch's.
	edit(t, origin, "api/asyncapi.yaml", "title: Orders", "title: Orders service")
	gitIn(t, origin, "commit", "-q", "-am", "main moves on")
	clone := filepath.Join(t.TempDir(), "clone")
	gitIn(t, origin, "clone", "-q", origin, clone)
	gitIn(t, clone, "checkout", "-q", "-b", "feature", "v1.1.0")
	edit(t, clone, "api/asyncapi.yaml", "action: receive", "action: send")
	gitIn(t, clone, "commit", "-q", "-am", "feature: flip the action")
	t.Chdir(clone)

	// The first push: no upstream yet, so origin/HEAD's merge base.
	r := runHook(t, h, "api/asyncapi.yaml")
	if r.code != ExitFailOn {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "no upstream yet; comparing with its merge base with origin/HEAD") {
		t.Errorf("stderr %q", r.stderr)
	}
	if !strings.Contains(r.stdout, "operation-action-changed") || strings.Contains(r.stdout, "documentation-changed") {
		t.Errorf("want the branch's change only:\n%s", r.stdout)
	}
	// Uncommitted edits are not what is pushed.
	edit(t, clone, "api/asyncapi.yaml", "action: send", "action: receive")
	gitIn(t, clone, "branch", "-q", "--set-upstream-to", "origin/main")
	r = runHook(t, h, "api/asyncapi.yaml")
	if r.code != ExitFailOn || r.stderr != "" {
		t.Errorf("with an upstream: exit %d, stderr %q", r.code, r.stderr)
	}
}
