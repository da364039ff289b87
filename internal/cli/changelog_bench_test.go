package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkChangelog runs `eventdiff changelog` on a repository of 200
// tags of a document split over three files (60 channels, one operation
// and one message each): most tags change the document a little (a new
// property, a description, now and then a channel added or removed), every
// tenth touches only the README. The repository is built once, with one
// git fast-import.
//
//	go test ./internal/cli -run x -bench Changelog -benchtime 5x
func BenchmarkChangelog(b *testing.B) {
	dir := benchRepo(b, 200, 60)
	b.Chdir(dir)
	for _, format := range []string{"markdown", "json"} {
		b.Run(format, func(b *testing.B) {
			// CPU time as well as wall time: on a shared machine the wall
			// time says more about the neighbours than about eventdiff.
			cpu0 := cpuTime()
			n := 0
			defer func() { b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(max(n, 1)), "cpu-s/op") }()
			for b.Loop() {
				n++
				var stderr bytes.Buffer
				code := Run([]string{"eventdiff", "changelog", "-q", "--format", format, "api/asyncapi.yaml"},
					Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
				if code != ExitOK {
					b.Fatalf("exit %d: %s", code, stderr.String())
				}
			}
		})
	}
}

// cpuTime is the user and system time the process and the git processes
// it waited for have used so far.
func cpuTime() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if err := syscall.Getrusage(who, &ru); err == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}

// benchDoc is the document at step i of the history: three files whose
// content grows and shifts a little with i.
func benchDoc(i, channels int) map[string]string {
	var main, chans, msgs strings.Builder
	fmt.Fprintf(&main, "asyncapi: 3.0.0\ninfo:\n  title: Fleet\n  version: 1.%d.%d\n  description: Step %d of the fleet contract.\nchannels:\n", i/10, i%10, i/7)
	var ops strings.Builder
	ops.WriteString("operations:\n")
	for c := 0; c < channels+i/25; c++ {
		if c == 3 && i >= 120 { // a channel removed once: a breaking release
			continue
		}
		fmt.Fprintf(&main, "  c%03d:\n    $ref: './channels.yaml#/c%03d'\n", c, c)
		action := "send"
		if c%3 == 0 {
			action = "receive"
		}
		fmt.Fprintf(&ops, "  op%03d:\n    action: %s\n    channel:\n      $ref: '#/channels/c%03d'\n", c, action, c)
		fmt.Fprintf(&chans, "c%03d:\n  address: fleet/{vehicle}/c%03d\n  parameters:\n    vehicle:\n      description: The vehicle.\n  messages:\n    M%03d:\n      $ref: './messages.yaml#/M%03d'\n", c, c, c, c)
		fmt.Fprintf(&msgs, "M%03d:\n  name: M%03d\n  contentType: application/json\n  payload:\n    type: object\n    required: [id]\n    properties:\n      id: {type: string}\n      at: {type: string, format: date-time}\n      speed: {type: number, minimum: 0}\n", c, c)
		// Every step adds an optional property to one message.
		for k := 0; k <= i; k++ {
			if k%channels == c {
				fmt.Fprintf(&msgs, "      p%03d: {type: string, description: added at step %d}\n", k, k)
			}
		}
	}
	main.WriteString(ops.String())
	return map[string]string{"api/asyncapi.yaml": main.String(), "api/channels.yaml": chans.String(), "api/messages.yaml": msgs.String()}
}

// benchRepo writes a fast-import stream of tags commits, each tagged, and
// imports it in one process; the working tree then gets one more step.
func benchRepo(b *testing.B, tags, channels int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not on PATH")
	}
	b.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(b.TempDir(), "gitconfig"))
	b.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := b.TempDir()
	git := func(stdin io.Reader, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Stdin = dir, stdin
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git(nil, "init", "-q", "-b", "main")
	var s bytes.Buffer
	data := func(text string) { fmt.Fprintf(&s, "data %d\n%s\n", len(text), text) }
	prev := map[string]string{}
	step := 0 // the step of the document
	for i := 0; i < tags; i++ {
		fmt.Fprintf(&s, "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\n", i+1, 1700000000+i*86400)
		data(fmt.Sprintf("step %d", i))
		if i > 0 {
			fmt.Fprintf(&s, "from :%d\n", i)
		}
		if i%10 == 9 { // a release that does not touch the document
			fmt.Fprintf(&s, "M 100644 inline README.md\n")
			data(fmt.Sprintf("release %d\n", i))
		} else {
			for name, text := range benchDoc(step, channels) {
				if prev[name] != text {
					fmt.Fprintf(&s, "M 100644 inline %s\n", name)
					data(text)
					prev[name] = text
				}
			}
			step++
		}
		fmt.Fprintf(&s, "\nreset refs/tags/v1.%d.%d\nfrom :%d\n\n", i/10, i%10, i+1)
	}
	git(&s, "fast-import", "--quiet")
	git(nil, "reset", "-q", "--hard", "main")
	for name, text := range benchDoc(step, channels) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}
