package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// A document split over three files: the channels and the messages are
// $ref'd, and the changes between revisions are made in those files.
var orders = map[string]string{
	"api/asyncapi.yaml": `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    $ref: './channels.yaml#/orderCreated'
  orderCancelled:
    $ref: './channels.yaml#/orderCancelled'
operations:
  sendOrderCreated:
    action: send
    channel:
      $ref: '#/channels/orderCreated'
  onOrderCancelled:
    action: receive
    channel:
      $ref: '#/channels/orderCancelled'
`,
	"api/channels.yaml": `orderCreated:
  address: orders/created
  messages:
    OrderCreated:
      $ref: './messages.yaml#/OrderCreated'
orderCancelled:
  address: orders/cancelled
  messages:
    OrderCancelled:
      $ref: './messages.yaml#/OrderCancelled'
`,
	"api/messages.yaml": `OrderCreated:
  name: OrderCreated
  contentType: application/json
  payload:
    type: object
    properties:
      id: {type: string}
OrderCancelled:
  name: OrderCancelled
  payload:
    type: object
    properties:
      id: {type: string}
`,
}

func gitTestEnv(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=eventdiff test", "-c", "user.email=test@example.com"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ordersRepo builds the history the tests read:
//
//	v1.0.0  the document as above
//	v1.1.0  channels.yaml: orders/cancelled is renamed orders/canceled (breaking)
//	working tree: messages.yaml changes OrderCreated's content type (breaking for consumers)
func ordersRepo(t *testing.T) string {
	t.Helper()
	gitTestEnv(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	write(t, dir, orders)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "orders 1.0.0")
	gitIn(t, dir, "tag", "v1.0.0")
	edit(t, dir, "api/channels.yaml", "orders/cancelled", "orders/canceled")
	edit(t, dir, "api/asyncapi.yaml", "version: 1.0.0", "version: 1.1.0")
	gitIn(t, dir, "commit", "-q", "-am", "orders 1.1.0")
	gitIn(t, dir, "tag", "v1.1.0")
	edit(t, dir, "api/messages.yaml", "contentType: application/json", "contentType: application/avro")
	t.Chdir(dir)
	return dir
}

type jsonChange struct {
	ID    string
	Level string
	Base  *struct {
		File string
		Line int
	}
	Revision *struct {
		File string
		Line int
	}
}

type jsonReport struct {
	Base, Revision struct{ Source string }
	Changes        []jsonChange
}

// findings lists a JSON report's changes as "id level revision-file:line
// (was base-file:line)", sorted.
func findings(t *testing.T, stdout string) []string {
	t.Helper()
	var out []string
	dec := json.NewDecoder(strings.NewReader(stdout))
	for dec.More() {
		var rep jsonReport
		if err := dec.Decode(&rep); err != nil {
			t.Fatalf("not a JSON report: %v\n%s", err, stdout)
		}
		for _, c := range rep.Changes {
			s := c.ID + " " + c.Level
			if c.Revision != nil {
				s += fmt.Sprintf(" %s:%d", c.Revision.File, c.Revision.Line)
			}
			if c.Base != nil {
				s += fmt.Sprintf(" (was %s:%d)", c.Base.File, c.Base.Line)
			}
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

const (
	contentTypeChanged = "message-content-type-changed breaking api/messages.yaml:3"
	addressChanged     = "channel-address-changed breaking v1.1.0:api/channels.yaml:7 (was v1.0.0:api/channels.yaml:7)"
)

func TestGitRevisions(t *testing.T) {
	dir := ordersRepo(t)

	t.Run("previous commit against the working tree", func(t *testing.T) {
		r := run(t, "", nil, "diff", "-f", "json", "HEAD~1:api/asyncapi.yaml", "api/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		sameList(t, "findings", findings(t, r.stdout), []string{
			"channel-address-changed breaking api/channels.yaml:7 (was HEAD~1:api/channels.yaml:7)",
			contentTypeChanged + " (was HEAD~1:api/messages.yaml:3)",
		})
	})

	t.Run("two tags", func(t *testing.T) {
		r := run(t, "", nil, "diff", "-f", "json", "v1.0.0:api/asyncapi.yaml", "v1.1.0:api/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		sameList(t, "findings", findings(t, r.stdout), []string{addressChanged})
		var rep jsonReport
		json.Unmarshal([]byte(r.stdout), &rep)
		if rep.Base.Source != "v1.0.0:api/asyncapi.yaml" || rep.Revision.Source != "v1.1.0:api/asyncapi.yaml" {
			t.Errorf("sources %q → %q", rep.Base.Source, rep.Revision.Source)
		}
	})

	t.Run("--base-ref", func(t *testing.T) {
		r := run(t, "", nil, "diff", "-f", "json", "--base-ref", "HEAD", "--fail-on", "breaking", "api/asyncapi.yaml")
		if r.code != ExitFailOn {
			t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
		}
		sameList(t, "findings", findings(t, r.stdout), []string{contentTypeChanged + " (was HEAD:api/messages.yaml:3)"})
	})

	t.Run("--base-ref with --revision-ref", func(t *testing.T) {
		r := run(t, "", nil, "diff", "-f", "json", "--base-ref", "v1.0.0", "--revision-ref", "v1.1.0", "api/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		sameList(t, "findings", findings(t, r.stdout), []string{addressChanged})
	})

	t.Run("paths relative to a subdirectory", func(t *testing.T) {
		t.Chdir(filepath.Join(dir, "api"))
		want := []string{"message-content-type-changed breaking messages.yaml:3 (was HEAD:api/messages.yaml:3)"}
		for _, args := range [][]string{
			{"diff", "-f", "json", "HEAD:./asyncapi.yaml", "asyncapi.yaml"},
			{"diff", "-f", "json", "HEAD:api/asyncapi.yaml", "asyncapi.yaml"},
			{"diff", "-f", "json", "--base-ref", "HEAD", "asyncapi.yaml"},
		} {
			r := run(t, "", nil, args...)
			if r.code != ExitOK {
				t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
			}
			sameList(t, fmt.Sprint(args), findings(t, r.stdout), want)
		}
	})

	t.Run("a file with a colon in its name wins", func(t *testing.T) {
		data, _ := os.ReadFile(filepath.Join(dir, "api/asyncapi.yaml"))
		write(t, dir, map[string]string{"api/HEAD:copy.yaml": string(data)})
		defer os.Remove(filepath.Join(dir, "api/HEAD:copy.yaml"))
		r := run(t, "", nil, "diff", "-f", "json", "api/HEAD:copy.yaml", "api/asyncapi.yaml")
		if r.code != ExitOK || len(findings(t, r.stdout)) != 0 {
			t.Errorf("exit %d, findings %v: the file on disk should have been read: %s", r.code, findings(t, r.stdout), r.stderr)
		}
	})
}

func TestGitTrouble(t *testing.T) {
	dir := ordersRepo(t)
	write(t, dir, map[string]string{
		"outside.yaml": "type: string\n",
		"escape/asyncapi.yaml": `asyncapi: 3.0.0
info: {title: Escape, version: 1.0.0}
components:
  schemas:
    Secret:
      $ref: '../../outside.yaml'
`,
		"narrow/asyncapi.yaml": `asyncapi: 3.0.0
info: {title: Narrow, version: 1.0.0}
components:
  schemas:
    Shared:
      $ref: '../outside.yaml'
`,
	})
	gitIn(t, dir, "add", "escape", "narrow", "outside.yaml")
	gitIn(t, dir, "commit", "-q", "-m", "documents that reach out")

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown revision", []string{"diff", "nope:api/asyncapi.yaml", "api/asyncapi.yaml"},
			"eventdiff: nope:api/asyncapi.yaml: unknown revision nope (is it fetched? try git fetch origin, or fetch-depth: 0 in actions/checkout)"},
		{"path not in the revision", []string{"diff", "v1.0.0:api/renamed.yaml", "api/asyncapi.yaml"},
			"eventdiff: v1.0.0:api/renamed.yaml: api/renamed.yaml does not exist in v1.0.0 (if it moved or was renamed, name its old path as v1.0.0:OLD/PATH)"},
		{"new path with --base-ref", []string{"diff", "--base-ref", "v1.0.0", "escape/asyncapi.yaml"},
			"eventdiff: v1.0.0:escape/asyncapi.yaml: escape/asyncapi.yaml does not exist in v1.0.0 (if the document is new there is nothing to compare: pass --allow-new to skip it; if it moved, compare v1.0.0:OLD/PATH with it)"},
		{"a $ref leaving the repository", []string{"diff", "HEAD:escape/asyncapi.yaml", "api/asyncapi.yaml"},
			`eventdiff: HEAD:escape/asyncapi.yaml:5:5: $ref "../../outside.yaml": leaves the tree references may read`},
		{"a $ref leaving --ref-root", []string{"diff", "--ref-root", "narrow", "HEAD:narrow/asyncapi.yaml", "narrow/asyncapi.yaml"},
			`eventdiff: HEAD:narrow/asyncapi.yaml:5:5: $ref "../outside.yaml": leaves the tree references may read`},
		{"a path leaving the repository", []string{"diff", "HEAD:../x.yaml", "api/asyncapi.yaml"},
			"eventdiff: HEAD:../x.yaml: ../x.yaml leaves the repository"},
		{"an option as a revision", []string{"diff", "--base-ref", "--upload-pack=x", "api/asyncapi.yaml"},
			`eventdiff: --base-ref: "--upload-pack=x" is not a revision`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", nil, tt.args...)
			if r.code != ExitTrouble {
				t.Fatalf("exit %d, want 2; stdout %q stderr %q", r.code, r.stdout, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr %q\nwant one line starting %q", r.stderr, tt.want)
			}
			if r.stdout != "" || strings.Contains(r.stderr, "type: string") {
				t.Errorf("nothing of the outside file may be printed: %q", r.stdout)
			}
		})
	}
	// The same document is fine when the root allows its reference.
	if r := run(t, "", nil, "diff", "HEAD:narrow/asyncapi.yaml", "narrow/asyncapi.yaml"); r.code != ExitOK {
		t.Errorf("narrow within the repository: exit %d: %s", r.code, r.stderr)
	}
}

// A tree or blob id given as a revision says what it names instead of
// "unknown revision (is it fetched?)", which sent people fetching.
func TestRevisionThatIsNoCommit(t *testing.T) {
	dir := ordersRepo(t)
	for what, id := range map[string]string{
		"tree": gitIn(t, dir, "rev-parse", "HEAD^{tree}"),
		"blob": gitIn(t, dir, "rev-parse", "HEAD:api/asyncapi.yaml"),
	} {
		r := run(t, "", nil, "diff", id+":api/asyncapi.yaml", "api/asyncapi.yaml")
		want := fmt.Sprintf("eventdiff: %s:api/asyncapi.yaml: %s names a %s, not a commit: give a branch, a tag or a commit\n", id, id, what)
		if r.code != ExitTrouble || r.stderr != want {
			t.Errorf("%s: exit %d, stderr %q\nwant %q", what, r.code, r.stderr, want)
		}
		r = run(t, "", nil, "diff", "--base-ref", id, "api/asyncapi.yaml")
		if r.code != ExitTrouble || !strings.Contains(r.stderr, "names a "+what+", not a commit") {
			t.Errorf("--base-ref %s: exit %d, stderr %q", what, r.code, r.stderr)
		}
	}
}

func TestGitShallowCloneHint(t *testing.T) {
	dir := ordersRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	gitIn(t, dir, "clone", "-q", "--depth", "1", "file://"+dir, clone)
	t.Chdir(clone)
	r := run(t, "", nil, "diff", "HEAD~1:api/asyncapi.yaml", "api/asyncapi.yaml")
	want := "eventdiff: HEAD~1:api/asyncapi.yaml: unknown revision HEAD~1 in this shallow clone: fetch the history first (fetch-depth: 0 in actions/checkout, or git fetch --unshallow)\n"
	if r.code != ExitTrouble || r.stderr != want {
		t.Errorf("exit %d, stderr %q\nwant %q", r.code, r.stderr, want)
	}
}

// usersRepo is ordersRepo with a second document, users/asyncapi.yaml,
// committed and then changed in the working tree (a channel address).
func usersRepo(t *testing.T) string {
	t.Helper()
	dir := ordersRepo(t)
	users := strings.NewReplacer("Orders", "Users", "orders/", "users/").Replace(orders["api/asyncapi.yaml"])
	write(t, dir, map[string]string{"users/asyncapi.yaml": users, "users/channels.yaml": orders["api/channels.yaml"], "users/messages.yaml": orders["api/messages.yaml"]})
	gitIn(t, dir, "add", "users")
	gitIn(t, dir, "commit", "-q", "-m", "users")
	edit(t, dir, "users/channels.yaml", "orders/created", "orders/made")
	return dir
}

func TestBaseRefSeveralPaths(t *testing.T) {
	dir := usersRepo(t)
	write(t, dir, map[string]string{"fresh/asyncapi.yaml": orders["api/asyncapi.yaml"]})

	t.Run("one report per path, in order", func(t *testing.T) {
		r := run(t, "", nil, "diff", "-f", "json", "--base-ref", "HEAD", "api/asyncapi.yaml", "users/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		var sources []string
		for dec.More() {
			var rep jsonReport
			if err := dec.Decode(&rep); err != nil {
				t.Fatal(err)
			}
			sources = append(sources, rep.Base.Source+" → "+rep.Revision.Source)
		}
		sameList(t, "reports", sources, []string{"HEAD:api/asyncapi.yaml → api/asyncapi.yaml", "HEAD:users/asyncapi.yaml → users/asyncapi.yaml"})
		sameList(t, "findings", findings(t, r.stdout), []string{
			"channel-address-changed breaking users/channels.yaml:2 (was HEAD:users/channels.yaml:2)",
			contentTypeChanged + " (was HEAD:api/messages.yaml:3)",
		})
	})

	t.Run("the worst exit code wins", func(t *testing.T) {
		r := run(t, "", nil, "diff", "--fail-on", "breaking", "--base-ref", "HEAD", "api/asyncapi.yaml", "fresh/asyncapi.yaml", "users/asyncapi.yaml")
		if r.code != ExitTrouble {
			t.Fatalf("exit %d, want 2 for the path HEAD lacks: %s", r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "api/asyncapi.yaml") || !strings.Contains(r.stdout, "users/asyncapi.yaml") {
			t.Errorf("the other documents are still reported:\n%s", r.stdout)
		}
		r = run(t, "", nil, "diff", "--fail-on", "breaking", "--allow-new", "--base-ref", "HEAD", "api/asyncapi.yaml", "fresh/asyncapi.yaml", "users/asyncapi.yaml")
		if r.code != ExitFailOn {
			t.Fatalf("exit %d, want 1 with --allow-new: %s", r.code, r.stderr)
		}
		if r.stderr != "eventdiff: fresh/asyncapi.yaml is new since HEAD: nothing to compare\n" {
			t.Errorf("stderr %q", r.stderr)
		}
		if r := run(t, "", nil, "diff", "--fail-on", "breaking", "--allow-new", "--base-ref", "HEAD", "fresh/asyncapi.yaml"); r.code != ExitOK {
			t.Errorf("only a new document: exit %d, want 0", r.code)
		}
		// Missing from the revision side is not new, it is gone.
		r = run(t, "", nil, "diff", "--allow-new", "--base-ref", "HEAD", "--revision-ref", "v1.0.0", "users/asyncapi.yaml")
		if r.code != ExitTrouble || !strings.HasPrefix(r.stderr, "eventdiff: v1.0.0:users/asyncapi.yaml: users/asyncapi.yaml does not exist in v1.0.0") {
			t.Errorf("a document missing from the revision: exit %d, stderr %q", r.code, r.stderr)
		}
	})

	t.Run("GitHub outputs add up", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "output")
		r := run(t, "", map[string]string{"GITHUB_OUTPUT": out}, "diff", "-f", "github", "--base-ref", "HEAD", "api/asyncapi.yaml", "users/asyncapi.yaml")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		data, _ := os.ReadFile(out)
		if string(data) != "breaking=2\nwarning=0\ninfo=0\nbump=major\nnext-version=2.0.0\n" {
			t.Errorf("outputs:\n%s", data)
		}
		if n := strings.Count(r.stdout, "::error "); n != 2 {
			t.Errorf("%d error annotations, want 2:\n%s", n, r.stdout)
		}
	})

	t.Run("junit takes one path", func(t *testing.T) {
		if r := run(t, "", nil, "diff", "-f", "junit", "--base-ref", "HEAD", "api/asyncapi.yaml", "users/asyncapi.yaml"); r.code != ExitTrouble {
			t.Errorf("exit %d", r.code)
		}
	})
}

// A branch compared with the tip of main would see what main gained since
// as changes of its own, reversed; merge-base: compares with where the
// branch started.
func TestMergeBase(t *testing.T) {
	dir := ordersRepo(t)
	gitIn(t, dir, "stash", "-q")
	gitIn(t, dir, "checkout", "-q", "-b", "feature", "v1.0.0")
	edit(t, dir, "api/messages.yaml", "contentType: application/json", "contentType: application/avro")
	gitIn(t, dir, "commit", "-q", "-am", "feature: avro")

	r := run(t, "", nil, "diff", "-f", "json", "--base-ref", "merge-base:main", "api/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	mb := gitIn(t, dir, "merge-base", "main", "HEAD")[:12]
	sameList(t, "against the merge base", findings(t, r.stdout), []string{contentTypeChanged + " (was " + mb + ":api/messages.yaml:3)"})

	r = run(t, "", nil, "diff", "-f", "json", "--base-ref", "main", "api/asyncapi.yaml")
	sameList(t, "against the tip of main", findings(t, r.stdout), []string{
		"channel-address-changed breaking api/channels.yaml:7 (was main:api/channels.yaml:7)",
		contentTypeChanged + " (was main:api/messages.yaml:3)",
	})

	// No upstream: the pre-push hook's merge-base:@{upstream} says so.
	r = run(t, "", nil, "diff", "--base-ref", "merge-base:@{upstream}", "--revision-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitTrouble || !strings.Contains(r.stderr, "no upstream") {
		t.Errorf("without an upstream: exit %d %q", r.code, r.stderr)
	}
	// With one, it compares with where the branch left it.
	gitIn(t, dir, "branch", "--set-upstream-to", "main")
	r = run(t, "", nil, "diff", "-f", "json", "--base-ref", "merge-base:@{upstream}", "--revision-ref", "HEAD", "api/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	sameList(t, "against the upstream's merge base", findings(t, r.stdout), []string{
		"message-content-type-changed breaking HEAD:api/messages.yaml:3 (was " + mb + ":api/messages.yaml:3)"})
}

// Annotations and links point at the working-tree path of a file read from
// a revision, which is where GitHub can place them.
func TestAnnotationsOfRevisionFiles(t *testing.T) {
	ordersRepo(t)
	r := run(t, "", nil, "diff", "-f", "github", "v1.0.0:api/asyncapi.yaml", "v1.1.0:api/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "::error file=api/channels.yaml,line=7,") {
		t.Errorf("annotation:\n%s", r.stdout)
	}
	// Each side links to its own commit: the base's line in the base's
	// commit, never the base's line number in the revision's commit.
	dir := "."
	v100, v110 := gitIn(t, dir, "rev-parse", "v1.0.0^{commit}"), gitIn(t, dir, "rev-parse", "v1.1.0^{commit}")
	r = run(t, "", nil, "diff", "-f", "markdown", "--link-base", "https://example.com/o/r/blob/abc/", "v1.0.0:api/asyncapi.yaml", "v1.1.0:api/asyncapi.yaml")
	for _, want := range []string{
		"[`v1.1.0:api/channels.yaml:7`](https://example.com/o/r/blob/" + v110 + "/api/channels.yaml#L7)",
		"was at [`v1.0.0:api/channels.yaml:7`](https://example.com/o/r/blob/" + v100 + "/api/channels.yaml#L7)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("link %s missing:\n%s", want, r.stdout)
		}
	}
	// A working-tree revision against a git base: the revision side takes
	// --link-base as given; a link base of an unknown shape leaves the
	// base side unlinked rather than pointing at the wrong commit.
	r = run(t, "", nil, "diff", "-f", "markdown", "--link-base", "https://example.com/src/", "v1.0.0:api/asyncapi.yaml", "api/asyncapi.yaml")
	for _, want := range []string{"(https://example.com/src/api/channels.yaml#L7)", "was at `v1.0.0:api/channels.yaml:7`\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("%s missing:\n%s", want, r.stdout)
		}
	}
}
