package source

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWritablePath(t *testing.T) {
	root, _ := filepath.EvalSymlinks(t.TempDir())
	outside, _ := filepath.EvalSymlinks(t.TempDir())
	writeFiles(t, root, map[string]string{"CHANGELOG.md": "x", "docs/CHANGES.md": "y"})
	for link, target := range map[string]string{
		"linked.md": "docs/CHANGES.md", "future.md": "docs/NEXT.md", "chain.md": "linked.md",
		"out.md": filepath.Join(outside, "victim"), "outdir": outside, "up.md": "docs/../../x.md",
		"loop.md": "loop.md",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	for _, tt := range []struct {
		path, want string
		err        error
	}{
		{"CHANGELOG.md", "CHANGELOG.md", nil},
		{"NEW.md", "NEW.md", nil},
		{"linked.md", "docs/CHANGES.md", nil},
		{"chain.md", "docs/CHANGES.md", nil},
		{"future.md", "docs/NEXT.md", nil},
		{"out.md", "", ErrOutsideTree},
		{"outdir/CHANGELOG.md", "", ErrOutsideTree},
		{"up.md", "", ErrOutsideTree},
		{"../x.md", "", ErrOutsideTree},
	} {
		got, err := WritablePath(root, filepath.Join(root, tt.path))
		want := ""
		if tt.want != "" {
			want = filepath.Join(root, tt.want)
		}
		if got != want || !errors.Is(err, tt.err) {
			t.Errorf("%s: %q, %v; want %q, %v", tt.path, got, err, want, tt.err)
		}
	}
	var nr *NotRegularError
	if _, err := WritablePath(root, filepath.Join(root, "docs")); !errors.As(err, &nr) {
		t.Errorf("a directory: %v", err)
	}
	if _, err := WritablePath(root, filepath.Join(root, "loop.md")); err == nil {
		t.Error("a link to itself must be an error")
	}
}
