//go:build unix

package source

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/limits"
)

// returnsWithin returns what f returns, or fails the test when f has not returned
// after a generous while; unblock then releases it so that the test binary
// does not keep a stuck goroutine.
func returnsWithin[T any](t *testing.T, what string, unblock func(), f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		unblock()
		t.Fatalf("%s: still blocked after 10s", what)
	}
	var zero T
	return zero
}

// releaseFIFO opens a FIFO for writing without blocking, which lets a
// reader blocked in open go on.
func releaseFIFO(path string) func() {
	return func() {
		if fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			syscall.Close(fd)
		}
	}
}

// TestDirFSReadsOnlyRegularFiles: a FIFO, a socket or a directory under
// the tree is refused at once (a FIFO without a writer used to block the
// open forever), directly or through a symbolic link; a regular file is
// read, through a link too, and the size limit holds.
func TestDirFSReadsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"doc.yaml": "asyncapi: 3.0.0\n", "sub/x": ""})
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	sock, err := net.Listen("unix", filepath.Join(dir, "sock.yaml"))
	if err != nil {
		t.Skipf("no unix sockets here: %v", err)
	}
	defer sock.Close()
	for link, target := range map[string]string{"to-fifo.yaml": "fifo.yaml", "to-doc.yaml": "doc.yaml"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	d, err := NewDirFS(dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	type read struct {
		data []byte
		err  error
	}
	for _, tt := range []struct{ name, want string }{
		{"fifo.yaml", "is a named pipe (FIFO), not a regular file"},
		{"to-fifo.yaml", "is a named pipe (FIFO), not a regular file"},
		{"sock.yaml", "is a socket, not a regular file"},
		{"sub", "is a directory"},
		{"doc.yaml", "file is 16 bytes, more than the limit of 10"},
	} {
		got := returnsWithin(t, tt.name, releaseFIFO(fifo), func() read {
			data, err := d.ReadFile(tt.name)
			return read{data, err}
		})
		if got.err == nil || got.err.Error() != tt.want {
			t.Errorf("%s: %q, %v; want the error %q", tt.name, got.data, got.err, tt.want)
		}
	}
	var nr *NotRegularError
	if _, err := d.ReadFile("fifo.yaml"); !errors.As(err, &nr) {
		t.Errorf("a FIFO's error is %T, want a *NotRegularError", err)
	}
	var le *limits.Error
	if _, err := d.ReadFile("doc.yaml"); !errors.As(err, &le) || le.Limit != limits.FileSize {
		t.Errorf("an oversized file: %v, want the file-size limit", err)
	}
	big, _ := NewDirFS(dir, 0)
	if data, err := big.ReadFile("to-doc.yaml"); err != nil || !strings.HasPrefix(string(data), "asyncapi") {
		t.Errorf("a regular file through a link: %q, %v", data, err)
	}
}

// ReadRegular refuses what is not a regular file whatever its path.
func TestReadRegular(t *testing.T) {
	for path, want := range map[string]string{
		"/dev/null":  "is a character device, not a regular file",
		"/dev/zero":  "is a character device, not a regular file",
		os.TempDir(): "is a directory",
	} {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		if _, err := ReadRegular(path, 0); err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
}
