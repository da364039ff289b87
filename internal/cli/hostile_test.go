package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/internal/printable"
)

// The tests in this file play a pull request from a fork: every byte of
// the input, of the repository's tree and of the API's answers may be an
// attacker's.

// runWithin runs eventdiff like run, failing the test when it has not
// finished after a generous while (a hang); unblock then releases it.
func runWithin(t *testing.T, unblock func(), args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- run(t, "", nil, args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(10 * time.Second):
		unblock()
		t.Fatalf("eventdiff %s: still running after 10s", strings.Join(args, " "))
	}
	return result{}
}

// mkfifo makes a FIFO, or skips the test where there are none; the
// function it returns opens it for writing without blocking, which
// releases a reader stuck in open.
func mkfifo(t *testing.T, path string) func() {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	return func() {
		if fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			syscall.Close(fd)
		}
	}
}

func oneTroubleLine(t *testing.T, r result, want string) {
	t.Helper()
	if r.code != ExitTrouble || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", r.code, r.stdout, r.stderr, want)
	}
}

// TestRefToAFIFOIsRefusedAtOnce: a `$ref` to a FIFO in the tree used to
// block forever on open; only regular files are read.
func TestRefToAFIFOIsRefusedAtOnce(t *testing.T) {
	doc := writeDoc(t, [2]string{"api.yaml", limitHeader + "components:\n  schemas:\n    A: {$ref: 'schemas/a.yaml'}\n"})
	os.Mkdir(filepath.Join(filepath.Dir(doc), "schemas"), 0o755)
	release := mkfifo(t, filepath.Join(filepath.Dir(doc), "schemas", "a.yaml"))
	for _, args := range [][]string{{"diff", doc, exRev}, {"diff", exBase, doc}} {
		r := runWithin(t, release, args...)
		oneTroubleLine(t, r, `api.yaml:5:5: $ref "schemas/a.yaml": cannot read `+filepath.Join(filepath.Dir(doc), "schemas", "a.yaml")+`: is a named pipe (FIFO), not a regular file`)
	}
}

// TestMainDocumentThatIsAPipe: the document named on the command line may
// be a pipe, as `<(git show v1:api.yaml)` gives (/dev/fd/N): it is read
// like standard input. A named pipe nobody writes to is empty, not a
// hang; inside a git repository, where only a symbolic link from the
// repository's content can lead to one, a pipe is refused; devices are
// refused everywhere.
func TestMainDocumentThatIsAPipe(t *testing.T) {
	t.Run("process substitution", func(t *testing.T) {
		rev, err := os.ReadFile(exRev)
		if err != nil {
			t.Fatal(err)
		}
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer pr.Close()
		go func() {
			pw.Write(rev)
			pw.Close()
		}()
		fd := fmt.Sprintf("/dev/fd/%d", pr.Fd())
		if _, err := os.Stat(fd); err != nil {
			t.Skipf("no /dev/fd here: %v", err)
		}
		r := runWithin(t, func() { pr.Close() }, "diff", "--format", "json", exBase, fd)
		if r.code != ExitOK || !strings.Contains(r.stdout, `"source": "`+fd+`"`) {
			t.Errorf("exit %d, stderr %q; want the pipe compared, named %s", r.code, r.stderr, fd)
		}
	})
	t.Run("a named pipe nobody writes to", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "api.yaml")
		release := mkfifo(t, fifo)
		oneTroubleLine(t, runWithin(t, release, "diff", exBase, fifo), "api.yaml: is a pipe with nothing in it")
	})
	t.Run("inside a git repository", func(t *testing.T) {
		gitTestEnv(t)
		dir := t.TempDir()
		gitIn(t, dir, "init", "-q")
		release := mkfifo(t, filepath.Join(dir, "fifo.yaml"))
		outside := filepath.Join(t.TempDir(), "elsewhere.yaml")
		mkfifo(t, outside)
		if err := os.Symlink(outside, filepath.Join(dir, "api.yaml")); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"fifo.yaml", "api.yaml"} {
			r := runWithin(t, release, "diff", exBase, filepath.Join(dir, name))
			oneTroubleLine(t, r, name+": is a named pipe (FIFO), not a regular file")
		}
	})
	t.Run("a device", func(t *testing.T) {
		oneTroubleLine(t, runWithin(t, func() {}, "diff", exBase, "/dev/zero"), "/dev/zero: is a character device, not a regular file")
	})
}

// TestFoundConfigIsReadLikeInput: the .eventdiff.yaml eventdiff finds by
// itself is the repository's content, so a pull request chooses it: a
// link out of the repository (to a secret, or to /dev/zero, which used to
// grow memory until the process died) or a FIFO is refused at once; a
// link inside the repository still works.
func TestFoundConfigIsReadLikeInput(t *testing.T) {
	gitTestEnv(t)
	base, _ := filepath.Abs(exBase)
	rev, _ := filepath.Abs(exRev)
	secret := filepath.Join(t.TempDir(), "secret.yaml")
	os.WriteFile(secret, []byte("fail-on: info\n"), 0o644)
	for _, tt := range []struct{ name, target, want string }{
		{"a link to a file outside", secret, ".eventdiff.yaml: cannot read the config: it leads outside the repository"},
		{"a link to /dev/zero", "/dev/zero", ".eventdiff.yaml: cannot read the config: it leads outside the repository"},
		{"a FIFO", "", ".eventdiff.yaml: cannot read the config: is a named pipe (FIFO), not a regular file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			gitIn(t, dir, "init", "-q")
			release := func() {}
			if tt.target == "" {
				release = mkfifo(t, filepath.Join(dir, ".eventdiff.yaml"))
			} else if err := os.Symlink(tt.target, filepath.Join(dir, ".eventdiff.yaml")); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			oneTroubleLine(t, runWithin(t, release, "diff", base, rev), tt.want)
		})
	}
	t.Run("a link inside the repository", func(t *testing.T) {
		dir := t.TempDir()
		gitIn(t, dir, "init", "-q")
		write(t, dir, map[string]string{"ci/eventdiff.yaml": "fail-on: info\n"})
		if err := os.Symlink("ci/eventdiff.yaml", filepath.Join(dir, ".eventdiff.yaml")); err != nil {
			t.Fatal(err)
		}
		os.Mkdir(filepath.Join(dir, "api"), 0o755)
		t.Chdir(filepath.Join(dir, "api")) // found at the top level, from below
		if r := run(t, "", nil, "diff", base, rev); r.code != ExitFailOn {
			t.Errorf("exit %d, want 1 (fail-on: info from the linked config): %s", r.code, r.stderr)
		}
	})
}

// TestChangelogOutputStaysInTheRepository: a pull request controls the
// tree, so the file named by --output may be a symbolic link to anywhere,
// or sit below a linked directory. Whatever leads outside the repository
// is refused with one line and nothing is read or written there; links
// inside still work (TestChangelogOutput).
func TestChangelogOutputStaysInTheRepository(t *testing.T) {
	dir := releaseRepo(t)
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim.txt")
	if err := os.WriteFile(victim, []byte("precious\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	link(victim, "CHANGELOG.md")                     // to a file outside
	link(outside, "docs")                            // a directory in the path
	link(filepath.Join(outside, "new.md"), "NEW.md") // dangling, to outside
	link("../"+filepath.Base(outside), "UP.md")      // relative, climbing out
	link("spec/../../victim.txt", "SNEAKY.md")       // through a real directory
	os.Mkdir(filepath.Join(dir, "inside"), 0o755)
	link("inside/FUTURE.md", "FUTURE.md") // dangling, inside
	for _, out := range []string{"CHANGELOG.md", "docs/CHANGELOG.md", "NEW.md", "UP.md", "SNEAKY.md", "../elsewhere.md", filepath.Join(outside, "abs.md")} {
		t.Run(out, func(t *testing.T) {
			r := run(t, "", nil, "changelog", "--output", out, "spec/asyncapi.yaml")
			oneTroubleLine(t, r, "--output "+out+": leads outside the repository")
		})
	}
	if data, _ := os.ReadFile(victim); string(data) != "precious\n" {
		t.Errorf("the file outside was changed: %q", data)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("files were created outside: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "elsewhere.md")); err == nil {
		t.Error("../elsewhere.md was written")
	}

	r := run(t, "", nil, "changelog", "--output", "FUTURE.md", "spec/asyncapi.yaml")
	if fi, err := os.Lstat(filepath.Join(dir, "FUTURE.md")); r.code != ExitOK || err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("a dangling link inside the repository: exit %d, %v: %s", r.code, err, r.stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "inside", "FUTURE.md")); !strings.Contains(string(data), "## [2.1.0]") {
		t.Errorf("its target was not written: %.200q", data)
	}

	release := mkfifo(t, filepath.Join(dir, "PIPE.md"))
	oneTroubleLine(t, runWithin(t, release, "changelog", "--output", "PIPE.md", "spec/asyncapi.yaml"), "--output PIPE.md: is a named pipe (FIFO), not a regular file")
}

// TestStderrEscapesNames: an error or a warning that names a `$ref`, a
// file or a key from the input prints it escaped: ESC and BEL used to
// reach the terminal raw (`%1b]0;…%07` retitles it), and %00 a NUL.
func TestStderrEscapesNames(t *testing.T) {
	for _, tt := range []struct{ ref, want string }{
		{"sub/x%1b]0;pwned%07%1b[31mRED", `/sub/x\x1b]0;pwned\x07\x1b[31mRED does not exist`},
		{"sub/x%00y", `/sub/x\x00y does not exist`},
		{"sub/x%0a::error::forged%e2%80%ae", `/sub/x\n::error::forged\u202e does not exist`},
	} {
		doc := writeDoc(t, [2]string{"api.yaml", limitHeader + "components:\n  schemas:\n    A: {$ref: '" + tt.ref + "'}\n"})
		r := run(t, "", nil, "diff", doc, doc)
		oneTroubleLine(t, r, tt.want)
		noControl(t, r.stderr)
	}

	// A warning: an unknown key at the document's root, named as written.
	doc := writeDoc(t, [2]string{"api.yaml", limitHeader + "\"\\e]0;pwned\\a\": 1\n\"two\\nlines\": 2\n"})
	r := run(t, "", nil, "diff", doc, doc)
	if r.code != ExitOK || !strings.Contains(r.stderr, `unknown field "\x1b]0;pwned\a"`) || !strings.Contains(r.stderr, `two\nlines`) {
		t.Errorf("exit %d, stderr %q; want the warnings with the keys escaped", r.code, r.stderr)
	}
	noControl(t, r.stderr)
}

// noControl fails when text has a control character other than the line
// breaks between messages.
func noControl(t *testing.T, text string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if printable.String(line) != line {
			t.Errorf("a raw control character in %q", line)
		}
	}
}

// TestMaxFileSizeIsTheSameEverywhere: --max-file-size means the same for
// a file, standard input, a file of a git revision and a `$ref`'d file:
// a limit refuses each alike, and 0 means no limit for each (standard
// input was once read through a reader of limit+1 bytes, so 0 truncated
// it to one byte).
func TestMaxFileSizeIsTheSameEverywhere(t *testing.T) {
	dir := ordersRepo(t)
	t.Chdir(filepath.Join(dir, "api")) // where standard input's $refs resolve
	doc, err := os.ReadFile("asyncapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for side, name := range map[string]string{"asyncapi.yaml": "asyncapi.yaml", "-": "-", "HEAD:./asyncapi.yaml": "HEAD:api/asyncapi.yaml"} {
		args := []string{"diff", "--format", "json", side, "HEAD:./asyncapi.yaml"}
		if r := run(t, string(doc), nil, append(args, "--max-file-size", "0")...); r.code != ExitOK {
			t.Errorf("%s with --max-file-size 0: exit %d: %s", side, r.code, r.stderr)
		}
		r := run(t, string(doc), nil, append(args, "--max-file-size", "100")...)
		oneTroubleLine(t, r, "more than the limit of 100")
		if !strings.HasPrefix(r.stderr, "eventdiff: "+name+": ") || !strings.HasSuffix(r.stderr, "(raise it with --max-file-size)\n") {
			t.Errorf("%s: the message should name the side and the flag: %q", side, r.stderr)
		}
	}
	// A $ref'd file: the main document fits, the file it references does not.
	write(t, dir, map[string]string{"api/channels.yaml": "# " + strings.Repeat("x", 2*len(doc)) + "\n" + readFile(t, "channels.yaml")})
	size := fmt.Sprint(len(doc))
	for _, side := range []string{"asyncapi.yaml", "-"} {
		r := run(t, string(doc), nil, "diff", "--max-file-size", size, side, "HEAD:./asyncapi.yaml")
		oneTroubleLine(t, r, "more than the limit of "+size)
		if r := run(t, string(doc), nil, "diff", "--max-file-size", "0", side, "HEAD:./asyncapi.yaml"); r.code != ExitOK {
			t.Errorf("%s, its $ref with --max-file-size 0: exit %d: %s", side, r.code, r.stderr)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestEveryLimitLiftedAtOnce: 0 lifts a limit, also when every limit is
// lifted at once (six zeros once made the zero Limits, which the entry
// point reads as the defaults).
func TestEveryLimitLiftedAtOnce(t *testing.T) {
	deep := writeDoc(t, [2]string{"deep.yaml", limitHeader + "x-deep: " + strings.Repeat("[", 1500) + strings.Repeat("]", 1500) + "\n"})
	if r := run(t, "", nil, "diff", deep, deep); r.code != ExitTrouble || !strings.Contains(r.stderr, "--max-depth") {
		t.Fatalf("1,500 levels with the defaults: exit %d, %s", r.code, r.stderr)
	}
	args := []string{"diff", "--max-depth", "0", deep, deep}
	if r := run(t, "", nil, args...); r.code != ExitOK {
		t.Errorf("--max-depth 0: exit %d, %s", r.code, r.stderr)
	}
	for _, flag := range []string{"--max-file-size", "--max-total-size", "--max-alias-nodes", "--max-ref-hops", "--max-files"} {
		args = append(args, flag, "0")
	}
	if r := run(t, "", nil, args...); r.code != ExitOK {
		t.Errorf("every limit 0: exit %d, %s", r.code, r.stderr)
	}
}
