package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestTags(t *testing.T) {
	dir, repo := newRepo(t, map[string]string{"a.yaml": "one\n"})
	t.Setenv("GIT_COMMITTER_DATE", "2024-05-01T23:30:00-05:00")
	writeFiles(t, dir, map[string]string{"a.yaml": "two\n"})
	git(t, dir, "commit", "-q", "-am", "second")
	git(t, dir, "tag", "light")
	git(t, dir, "tag", "-a", "-m", "annotated", "annotated")
	tree := git(t, dir, "rev-parse", "HEAD^{tree}")
	git(t, dir, "tag", "a-tree", tree)
	git(t, dir, "tag", "first", "HEAD~1")
	git(t, dir, "switch", "-q", "-c", "side", "HEAD~1")
	writeFiles(t, dir, map[string]string{"b.yaml": "side\n"})
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "side")
	git(t, dir, "tag", "on-side")
	git(t, dir, "switch", "-q", "main")

	names := func(tags []Tag) string {
		var out []string
		for _, tg := range tags {
			out = append(out, tg.Name)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	head, _ := repo.Commit("HEAD")
	tags, err := repo.Tags(head, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(tags); got != "annotated first light" {
		t.Errorf("tags reachable from main: %s (tags of trees and of other branches are not)", got)
	}
	for _, tg := range tags {
		if tg.Name == "annotated" || tg.Name == "light" {
			if tg.Commit != head {
				t.Errorf("%s names %s, want the commit %s", tg.Name, tg.Commit, head)
			}
			if got := tg.Date.Format(time.RFC3339); got != "2024-05-01T23:30:00-05:00" {
				t.Errorf("%s: date %s, want the commit's, in its own zone", tg.Name, got)
			}
		}
	}
	first, _ := repo.Commit("first")
	after, err := repo.Tags(head, first)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(after); got != "annotated light" {
		t.Errorf("tags after first: %s", got)
	}
	if _, err := repo.Tags("--all", ""); err == nil {
		t.Errorf("an option as a revision was accepted")
	}
}

func TestRenamedFrom(t *testing.T) {
	doc := strings.Repeat("line of the document\n", 20)
	dir, repo := newRepo(t, map[string]string{"api/asyncapi.yaml": doc, "other.yaml": "x\n"})
	first, _ := repo.Commit("HEAD")
	git(t, dir, "mv", "api", "spec")
	writeFiles(t, dir, map[string]string{"spec/asyncapi.yaml": doc + "one more line\n"})
	git(t, dir, "commit", "-q", "-am", "move")
	second, _ := repo.Commit("HEAD")

	if got, err := repo.RenamedFrom(first, second, "spec/asyncapi.yaml"); err != nil || got != "api/asyncapi.yaml" {
		t.Errorf("between commits: %q, %v", got, err)
	}
	if got, err := repo.RenamedFrom(first, second, "other.yaml"); err != nil || got != "" {
		t.Errorf("a file that did not move: %q, %v", got, err)
	}
	// Against the working tree.
	git(t, dir, "mv", "spec/asyncapi.yaml", "asyncapi.yaml")
	if got, err := repo.RenamedFrom(second, "", "asyncapi.yaml"); err != nil || got != "spec/asyncapi.yaml" {
		t.Errorf("against the working tree: %q, %v", got, err)
	}
}

func TestGitObjects(t *testing.T) {
	dir, repo := newRepo(t, map[string]string{"api/a.yaml": "one\n", "top.yaml": "top\n"})
	first, _ := repo.Commit("HEAD")
	writeFiles(t, dir, map[string]string{"api/a.yaml": "two\n"})
	if err := os.Symlink("../top.yaml", filepath.Join(dir, "api", "up.yaml")); err != nil {
		t.Skip("no symbolic links here")
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "second")
	second, _ := repo.Commit("HEAD")

	objs := repo.Objects(0)
	defer objs.Close()
	t1, err := objs.Tree(first, "")
	if err != nil {
		t.Fatal(err)
	}
	t2, _ := objs.Tree(second, "")
	id1, kind, err := objs.ID(t1 + ":api/a.yaml")
	if err != nil || kind != "blob" {
		t.Fatalf("%s %s %v", id1, kind, err)
	}
	id2, _, _ := objs.ID(t2 + ":api/a.yaml")
	top1, _, _ := objs.ID(t1 + ":top.yaml")
	top2, _, _ := objs.ID(t2 + ":top.yaml")
	if id1 == id2 || top1 != top2 {
		t.Errorf("blob ids: a.yaml %s %s (changed), top.yaml %s %s (unchanged)", id1, id2, top1, top2)
	}
	if _, _, err := objs.ID(t1 + ":nope.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	// One process serves every tree, and a miss does not end it.
	for _, c := range []struct{ tree, want string }{{t1, "one\n"}, {t2, "two\n"}, {t1, "one\n"}} {
		got, err := objs.TreeFS(c.tree).ReadFile("api/a.yaml")
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %q, %v", c.tree, got, err)
		}
	}
	if _, err := objs.TreeFS(t2).ReadFile("missing.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	// Confined to the tree it was given: a subtree's link out is refused.
	apiTree, err := objs.Tree(second, "api")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := objs.TreeFS(apiTree).ReadFile("up.yaml"); !errors.Is(err, ErrOutsideTree) {
		t.Errorf("a link out of the tree: %v", err)
	}
	if _, err := objs.TreeFS(apiTree).ReadFile("../top.yaml"); !errors.Is(err, ErrOutsideTree) {
		t.Errorf("../: %v", err)
	}
	if _, _, err := objs.ID(apiTree + ":up.yaml"); !errors.Is(err, ErrOutsideTree) {
		t.Errorf("the id of a link out of the tree: %v", err)
	}
	if _, err := objs.Tree(second, "top.yaml"); err == nil {
		t.Errorf("a file as a tree was accepted")
	}
}
