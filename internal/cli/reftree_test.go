package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refDoc is a document whose one schema is a $ref to ref.
func refDoc(ref string) string {
	return "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\ncomponents:\n  schemas:\n    X:\n      $ref: '" + ref + "'\n"
}

// The default tree $refs may read (issue 12 item 2) is the git repository
// around the document; outside one, the current directory when the
// document is under it, else the document's own directory. Whichever it
// is, an absolute path, a traversal out of it and a symbolic link out of it
// are refused, and nothing of the file outside is printed. Each case is
// run as a user would: from a working directory, with relative paths.
func TestDefaultRefTreeRefusesWhatLeavesIt(t *testing.T) {
	gitTestEnv(t)
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.yaml")
	write(t, outside, map[string]string{"secret.yaml": "type: string\ndescription: hunter2\n"})
	up := strings.Repeat("../", 12) + "etc/passwd"

	type layout struct {
		name   string
		setup  func(t *testing.T) (cwd, docDir string) // docDir holds api/ and common/
		shared bool                                    // api/ may read ../common/
	}
	layouts := []layout{
		{"inside a git repository", func(t *testing.T) (string, string) {
			dir := t.TempDir()
			gitIn(t, dir, "init", "-q")
			return filepath.Join(dir, "api"), dir // run from a subdirectory: the tree is still the top level
		}, true},
		{"outside one, the current directory above the document", func(t *testing.T) (string, string) {
			dir := t.TempDir()
			return dir, dir
		}, true},
		{"outside one, the document elsewhere", func(t *testing.T) (string, string) {
			return t.TempDir(), t.TempDir()
		}, false},
	}
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			cwd, root := l.setup(t)
			write(t, root, map[string]string{
				"common/schemas.yaml": "Order: {type: object}\n",
				"api/shared.yaml":     refDoc("../common/schemas.yaml#/Order"),
				"api/passwd.yaml":     refDoc("/etc/passwd"),
				"api/traversal.yaml":  refDoc(up),
				"api/symlink.yaml":    refDoc("./link.yaml"),
				"api/abs-secret.yaml": refDoc(secret),
			})
			if err := os.Symlink(secret, filepath.Join(root, "api", "link.yaml")); err != nil {
				t.Skip(err)
			}
			if err := os.MkdirAll(cwd, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(cwd)
			rel := func(name string) string {
				p, err := filepath.Rel(cwd, filepath.Join(root, "api", name))
				if err != nil {
					t.Fatal(err)
				}
				return p
			}
			r := run(t, "", nil, "diff", rel("shared.yaml"), rel("shared.yaml"))
			if l.shared && r.code != ExitOK || !l.shared && !strings.Contains(r.stderr, "leaves the tree references may read") {
				t.Errorf("a shared sibling folder: exit %d, %s", r.code, r.stderr)
			}
			for _, name := range []string{"passwd.yaml", "traversal.yaml", "symlink.yaml", "abs-secret.yaml"} {
				r := run(t, "", nil, "diff", rel(name), rel(name))
				if r.code != ExitTrouble || !strings.Contains(r.stderr, "leaves the tree references may read") ||
					strings.Contains(r.stderr+r.stdout, "hunter2") || strings.Contains(r.stderr+r.stdout, "root:") {
					t.Errorf("%s: exit %d, %q", name, r.code, r.stderr)
				}
			}
		})
	}
}

// The file system's root and the home directory are never the default
// tree, even as the current directory or a git repository's top level:
// any document below them could read every file there.
func TestDefaultRefTreeIsNeverRootOrHome(t *testing.T) {
	gitTestEnv(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	write(t, home, map[string]string{
		".ssh/id_test":          "type: string\ndescription: hunter2\n",
		"projects/a.yaml":       refDoc("../.ssh/id_test"),
		"projects/ok.yaml":      refDoc("./schemas.yaml#/Order"),
		"projects/schemas.yaml": "Order: {type: object}\n",
	})
	for _, repo := range []bool{false, true} {
		if repo {
			gitIn(t, home, "init", "-q")
		}
		t.Chdir(home)
		r := run(t, "", nil, "diff", "projects/a.yaml", "projects/a.yaml")
		if r.code != ExitTrouble || !strings.Contains(r.stderr, "leaves the tree references may read") || strings.Contains(r.stderr, "hunter2") {
			t.Errorf("git repository at home %v: exit %d, %q", repo, r.code, r.stderr)
		}
		if r := run(t, "", nil, "diff", "projects/ok.yaml", "projects/ok.yaml"); r.code != ExitOK {
			t.Errorf("git repository at home %v: the document's own directory: exit %d, %q", repo, r.code, r.stderr)
		}
	}
	t.Chdir("/")
	doc := filepath.Join(home, "projects", "passwd.yaml")
	write(t, home, map[string]string{"projects/passwd.yaml": refDoc("/etc/passwd")})
	r := run(t, "", nil, "diff", strings.TrimPrefix(doc, "/"), strings.TrimPrefix(doc, "/"))
	if r.code != ExitTrouble || !strings.Contains(r.stderr, "leaves the tree references may read") {
		t.Errorf("from /: exit %d, %q", r.code, r.stderr)
	}
}
