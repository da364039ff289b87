package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/limits"
)

// gitEnv isolates git from the machine's configuration, so the tests run
// the same on a clean CI machine.
func gitEnv(t testing.TB) {
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
	t.Setenv("GIT_AUTHOR_NAME", "eventdiff test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "eventdiff test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
}

func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
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

// newRepo makes a repository with one commit of files and returns it.
func newRepo(t testing.TB, files map[string]string) (string, *GitRepo) {
	t.Helper()
	gitEnv(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	writeFiles(t, dir, files)
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "first")
	repo, err := OpenGitRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, repo
}

// revisionFS reads the directory root of a commit through a new GitObjects.
func revisionFS(t testing.TB, repo *GitRepo, commit, root string, maxSize int64) FileSystem {
	t.Helper()
	objs := repo.Objects(maxSize)
	t.Cleanup(func() { objs.Close() })
	tree, err := objs.Tree(commit, root)
	if err != nil {
		t.Fatal(err)
	}
	return objs.TreeFS(tree)
}

func TestGitFSReadsOneRevision(t *testing.T) {
	dir, repo := newRepo(t, map[string]string{"api/a.yaml": "one\n", "top.yaml": "top\n"})
	writeFiles(t, dir, map[string]string{"api/a.yaml": "two\n"})
	git(t, dir, "commit", "-q", "-am", "second")
	if err := os.Symlink("../top.yaml", filepath.Join(dir, "api", "up.yaml")); err != nil {
		t.Skip("no symbolic links here")
	}
	os.Symlink("a.yaml", filepath.Join(dir, "api", "same.yaml"))
	os.Symlink("/etc/passwd", filepath.Join(dir, "api", "passwd.yaml"))
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "links")

	first, err := repo.Commit("HEAD~2")
	if err != nil {
		t.Fatal(err)
	}
	whole := revisionFS(t, repo, first, "", 0)
	if got, err := whole.ReadFile("api/a.yaml"); err != nil || string(got) != "one\n" {
		t.Errorf("HEAD~2:api/a.yaml = %q, %v; want the first version", got, err)
	}
	if _, err := whole.ReadFile("api/missing.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := whole.ReadFile("api"); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("a directory: %v", err)
	}
	// The process is reused after a miss.
	if got, err := whole.ReadFile("top.yaml"); err != nil || string(got) != "top\n" {
		t.Errorf("top.yaml after a miss = %q, %v", got, err)
	}

	head, _ := repo.Commit("HEAD")
	api := revisionFS(t, repo, head, "api", 0)
	if got, err := api.ReadFile("same.yaml"); err != nil || string(got) != "two\n" {
		t.Errorf("a link inside the root is followed: %q, %v", got, err)
	}
	for _, name := range []string{"up.yaml", "passwd.yaml", "../top.yaml"} {
		if _, err := api.ReadFile(name); !errors.Is(err, ErrOutsideTree) {
			t.Errorf("%s: %v, want it refused as outside the root", name, err)
		}
	}

	small := revisionFS(t, repo, head, "", 2)
	var le *limits.Error
	if _, err := small.ReadFile("api/a.yaml"); !errors.As(err, &le) || le.Limit != limits.FileSize {
		t.Errorf("size limit: %v", err)
	}
	if got, err := small.ReadFile("api/a.yaml"); err == nil || got != nil {
		t.Errorf("a refused file leaves the stream in step: %q %v", got, err)
	}
}

func TestGitRevisionErrors(t *testing.T) {
	_, repo := newRepo(t, map[string]string{"a.yaml": "a\n"})
	_, err := repo.Commit("no-such-branch")
	var re *RevisionError
	if !errors.As(err, &re) || re.Shallow || !strings.Contains(err.Error(), "unknown revision no-such-branch") {
		t.Errorf("unknown revision: %v", err)
	}
	if _, err := repo.Commit("--output=/tmp/x"); err == nil || !strings.Contains(err.Error(), "not a revision") {
		t.Errorf("an option as revision: %v", err)
	}
	// A tree or blob id (or a tag of one) exists, but is no commit.
	dir := repo.Top
	tree := git(t, dir, "rev-parse", "HEAD^{tree}")
	blob := git(t, dir, "rev-parse", "HEAD:a.yaml")
	git(t, dir, "tag", "-a", "-m", "a tree", "tree-tag", tree)
	for rev, want := range map[string]string{
		tree:       tree + " names a tree, not a commit: give a branch, a tag or a commit",
		blob:       blob + " names a blob, not a commit",
		"tree-tag": "tree-tag names a tree, not a commit",
	} {
		_, err := repo.Commit(rev)
		if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Commit(%s): %v; want %q", rev, err, want)
		}
	}
	for in, want := range map[string]string{"api/a.yaml": "api/a.yaml", "./a.yaml": "a.yaml", "api/../b.yaml": "b.yaml"} {
		if got, err := repo.TopRelative(in); err != nil || got != want {
			t.Errorf("TopRelative(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"../x.yaml", "/etc/passwd", "a/../../x"} {
		if _, err := repo.TopRelative(in); err == nil {
			t.Errorf("TopRelative(%q) should refuse a path outside the repository", in)
		}
	}
}

// BenchmarkGitFS compares the batch process with one git process per file
// on a document of 200 files.
func BenchmarkGitFS(b *testing.B) {
	files := map[string]string{}
	for i := range 200 {
		files[fmt.Sprintf("schemas/s%03d.yaml", i)] = fmt.Sprintf("type: object\ntitle: s%d\n", i)
	}
	dir, repo := newRepo(b, files)
	head, _ := repo.Commit("HEAD")
	b.Run("batch", func(b *testing.B) {
		for b.Loop() {
			objs := repo.Objects(0)
			tree, _ := objs.Tree(head, "")
			f := objs.TreeFS(tree)
			for name := range files {
				if _, err := f.ReadFile(name); err != nil {
					b.Fatal(err)
				}
			}
			objs.Close()
		}
	})
	b.Run("process-per-file", func(b *testing.B) {
		for b.Loop() {
			for name := range files {
				cmd := exec.Command("git", "cat-file", "blob", head+":"+name)
				cmd.Dir = dir
				if _, err := cmd.Output(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
