package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/internal/printable"
)

// Exit codes, like diff(1).
const (
	ExitOK      = 0 // ran, and nothing reached --fail-on
	ExitFailOn  = 1 // a finding reached --fail-on
	ExitTrouble = 2 // input or usage that cannot be understood
)

// Env is what a run may touch of the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	IsTerminal     bool // stdout is a terminal (colour allowed)
	// Sleep waits between retries of the GitHub API; nil waits for real
	// (tests record the waits instead).
	Sleep func(context.Context, time.Duration) error
}

// Version is stamped at build time by a release (goreleaser sets it from
// the tag) or the Action's build from source, with -ldflags
// "-X github.com/eventdiff/eventdiff/internal/cli.Version=…".
var Version = ""

func version() string {
	bi, ok := debug.ReadBuildInfo()
	return versionOf(Version, bi, ok)
}

// versionOf is the version eventdiff reports: the stamp when the build set
// one; else the main module's version from the build information, which
// `go install github.com/eventdiff/eventdiff@v1.2.3` sets to v1.2.3 (and
// go build in a git checkout to a pseudo-version); else "dev".
func versionOf(stamp string, bi *debug.BuildInfo, ok bool) string {
	if stamp != "" {
		return stamp
	}
	if ok && bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// --version prints what the version command prints.
func init() {
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintf(c.App.Writer, "eventdiff %s\n", c.App.Version) }
}

// exitError carries an exit code through urfave/cli.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func trouble(format string, args ...any) error {
	return &exitError{code: ExitTrouble, msg: fmt.Sprintf(format, args...)}
}

// Run runs eventdiff with the arguments (args[0] is the program name) and
// returns the exit code. It never panics: an internal error becomes exit 2.
func Run(args []string, env Env) (code int) {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	// Messages on stderr name files, keys and $refs of the input: each is
	// one line, escaped so that no name can move the cursor, retitle the
	// terminal or start a line (a forged message, a workflow command) of
	// its own.
	env.Stderr = printable.Lines{W: env.Stderr}
	defer func() {
		if r := recover(); r != nil {
			inputs := strings.Join(positional(args), ", ")
			fmt.Fprintf(env.Stderr, "eventdiff: internal error, please report (inputs: %s): %v\n", inputs, r)
			code = ExitTrouble
		}
	}()
	app := newApp(env)
	err := app.Run(hoistFlags(args, app.Commands))
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(env.Stderr, "eventdiff: %s\n", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(env.Stderr, "eventdiff: %s\n", oneLine(err.Error()))
	return ExitTrouble
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// positional is a best guess at the inputs of a command line, for the
// internal-error message: the arguments that are not flags, after the
// command's name.
func positional(args []string) []string {
	var out []string
	for _, a := range args[min(1, len(args)):] {
		if !strings.HasPrefix(a, "-") || a == "-" {
			out = append(out, a)
		}
	}
	if len(out) > 0 {
		out = out[1:]
	}
	return out
}

func newApp(env Env) *cli.App {
	app := &cli.App{
		Name:      "eventdiff",
		Usage:     "what changed between two versions of an AsyncAPI document, and whether it breaks anyone",
		Version:   version(),
		Reader:    env.Stdin,
		Writer:    env.Stdout,
		ErrWriter: env.Stderr,
		Description: `eventdiff compares two versions of an AsyncAPI document (2.0–2.6, 3.0, 3.1; YAML or JSON;
one file or several joined by $ref) and classifies every change as breaking, warning or
info. Whether a change breaks depends on direction: a change to a message the application
sends can break its consumers, one to a message it receives can break its producers.

Exit codes: 0 nothing reached --fail-on, 1 a change reached --fail-on, 2 trouble
(unreadable input, bad flags).`,
		HideVersion:          false,
		EnableBashCompletion: false,
		ExitErrHandler:       func(*cli.Context, error) {}, // Run maps errors to exit codes
		OnUsageError:         usageError,
		Commands: []*cli.Command{
			diffCommand(env),
			checkCommand(env),
			rulesCommand(env),
			changelogCommand(env), bumpCommand(env),
			{
				Name:  "version",
				Usage: "print the version",
				Action: func(c *cli.Context) error {
					fmt.Fprintf(env.Stdout, "eventdiff %s\n", version())
					return nil
				},
			},
		},
	}
	return app
}

// usageError turns a flag error into exit 2 with one line, instead of
// urfave/cli's habit of printing the whole help to stdout.
func usageError(c *cli.Context, err error, _ bool) error {
	name := "eventdiff"
	if c.Command != nil && c.Command.Name != "" {
		name += " " + c.Command.Name
	}
	return trouble("%v (see %s --help)", err, name)
}
