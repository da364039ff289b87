package cli

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// Flags anywhere: urfave/cli v2 stops reading flags at the first argument
// that is not one, so `eventdiff diff a.yaml b.yaml --format json` would
// take `--format` for a document. Every other tool users compare eventdiff
// with (git, oasdiff, buf, the AsyncAPI CLI) reads flags anywhere before
// `--`. Rather than move to urfave/cli v3 (a rewrite of every command for
// this one behaviour), the arguments of a command are reordered before
// urfave/cli sees them: its flags first, then `--`, then the rest in their
// order. Knowing which flags take a value is what makes this safe: the
// word after `--format` is its value, the word after `--quiet` is not.

// hoistFlags reorders a command line (args[0] is the program) so that the
// flags of the command come before its other arguments.
func hoistFlags(args []string, commands []*cli.Command) []string {
	if len(args) < 2 {
		return args
	}
	// The command is the first argument that is not a flag of the program
	// itself (--help, --version), which take no value.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := findCommand(commands, args[i])
	if cmd == nil {
		return args
	}
	out := append([]string(nil), args[:i+1]...)
	return append(out, reorder(args[i+1:], valueFlags(cmd))...)
}

func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, c := range commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// valueFlags are the names (without dashes) of a command's flags that
// take a value.
func valueFlags(cmd *cli.Command) map[string]bool {
	takes := map[string]bool{}
	for _, f := range cmd.Flags {
		_, boolean := f.(*cli.BoolFlag)
		for _, name := range f.Names() {
			takes[name] = !boolean
		}
	}
	return takes
}

// reorder puts flags (with their values) before the other arguments,
// separated by `--` so that an argument starting with a dash after the
// user's own `--` stays an argument. A flag unknown to the command stays
// among the flags, for urfave/cli to report.
func reorder(args []string, takesValue map[string]bool) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue[name] && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(rest) == 0 {
		return flags
	}
	return append(append(flags, "--"), rest...)
}
