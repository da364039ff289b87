package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/changelog"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/source"
)

// pathAt collects --path-at TAG=PATH, one per use of the flag (paths may
// contain commas, so urfave/cli's slice flags, which split on them, are
// not used).
type pathAt struct{ values []string }

func (p *pathAt) Set(v string) error {
	tag, path, ok := strings.Cut(v, "=")
	if !ok || tag == "" || path == "" {
		return fmt.Errorf("--path-at wants TAG=PATH, got %q", v)
	}
	p.values = append(p.values, v)
	return nil
}

func (p *pathAt) String() string { return strings.Join(p.values, " ") }

func changelogCommand(env Env) *cli.Command {
	paths := &pathAt{}
	return &cli.Command{
		Name:      "changelog",
		Usage:     "write the release changelog of a document from the repository's semver tags",
		ArgsUsage: "SPEC",
		Description: `Walks the semver tags reachable from HEAD (or --to), in version order, and
diffs SPEC between each pair of consecutive tags, plus Unreleased: the last tag against the
working tree (or --to). SPEC is the document's path now; where it moved, the rename is
followed (--path-at TAG=PATH names it where git cannot tell). Tags that leave every file
of the document as it was get no section.

The markdown follows Keep a Changelog: one section per release with its date, changes
under Breaking, Added, Changed, Deprecated and Removed, and whether the version's bump
matched what the changes required. --output updates a CHANGELOG.md in place: sections
it already has and hand-written text are kept byte for byte.

Release tags are semantic versions with an optional v (v1.2.0, 1.2.0); with --tag-prefix,
tags that start with the prefix (web-v1.2.0, ASYNCAPI_1.3). When no tag is a release, every
change is listed as Unreleased, and stderr says so.

Examples:
  eventdiff changelog api/asyncapi.yaml
  eventdiff changelog --tag-prefix web- web/asyncapi.yaml
  eventdiff changelog --output CHANGELOG.md --repo-url https://github.com/acme/orders api/asyncapi.yaml
  eventdiff changelog --from v1.2.0 --to v2.0.0 --format json asyncapi.yaml
  eventdiff changelog --path-at v1.0.0=spec/asyncapi.yaml api/asyncapi.yaml`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "start at this tag or revision: the first section is the next tag, compared with it"},
			&cli.StringFlag{Name: "to", Usage: "end at this tag (no Unreleased section) or revision (default: the working tree)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "markdown", Usage: report.NamesOf(report.ChangelogOutput)},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "update this markdown file in place instead of printing (new sections are inserted, existing ones kept)"},
			&cli.StringFlag{Name: "repo-url", Usage: "the repository's web address, e.g. https://github.com/acme/orders, for compare links"},
			&cli.StringFlag{Name: "tag-prefix", Usage: "release tags start with `PREFIX` before their version, e.g. web- for web-v1.2.0 or ASYNCAPI_ for ASYNCAPI_1.3 (default: tags that are versions, with an optional v)"},
			&cli.GenericFlag{Name: "path-at", Value: paths, Usage: "`TAG=PATH` names the document's path at a tag, relative to the repository's top level, where git's rename detection cannot tell (repeatable)"},
		}, append(policyFlags(), loadFlags()...)...),
		OnUsageError: usageError,
		Action:       func(c *cli.Context) error { return runChangelog(c, env, paths.values) },
	}
}

// runChangelog checks the arguments, walks the history and prints the
// changelog or updates the --output file.
func runChangelog(c *cli.Context, env Env, pathAts []string) error {
	if c.NArg() != 1 {
		return trouble("changelog needs one document, the path of the spec (got %d); see eventdiff changelog --help", c.NArg())
	}
	format, err := lookupFormat(report.ChangelogOutput, c.String("format"))
	if err != nil {
		return err
	}
	output := c.String("output")
	if output != "" && format.Name != "markdown" {
		return trouble("--output updates a markdown changelog; leave out --format json, or redirect the JSON")
	}
	load, _, err := loadOptions(c, env)
	if err != nil {
		return err
	}
	sess := eventdiff.NewSession(load)
	defer sess.Close()
	repo, err := sess.Repo()
	if err != nil {
		return trouble("changelog reads the tags of a git repository: %v", err)
	}
	// Where --output leads is checked before any work is done.
	target := ""
	if output != "" {
		if target, err = outputPath(output, repo.Top); err != nil {
			return err
		}
	}
	opts, err := walkOptions(c, repo, pathAts)
	if err != nil {
		return err
	}
	opts.Session, opts.MaxFileSize = sess, load.Limits.MaxFileSize
	h, err := changelog.Walk(opts)
	if err != nil {
		return trouble("%s", describeWalk(err))
	}
	quiet := c.Bool("quiet")
	if !quiet {
		printWalkNotes(env.Stderr, h)
	}
	var remote remoteTally
	remote.addRefs(h.RemoteRefs)
	remote.note(env.Stderr)
	ropts := report.ChangelogOptions{RepoURL: c.String("repo-url")}
	if output != "" {
		return updateChangelogFile(output, target, h, ropts, env, quiet, load.Limits.MaxFileSize)
	}
	out := bufio.NewWriter(env.Stdout)
	if err = format.Changelog(out, h, ropts); err == nil {
		err = out.Flush()
	}
	if err != nil {
		return trouble("writing the changelog: %v", err)
	}
	return nil
}

// walkOptions names the history to walk from the command line: the
// document's path in repo, the range, the tag prefix and --path-at. How
// documents are read is left to the caller.
func walkOptions(c *cli.Context, repo *source.GitRepo, pathAts []string) (changelog.Options, error) {
	arg := c.Args().First()
	main, err := repo.DiskRelative(arg)
	if err != nil {
		return changelog.Options{}, trouble("%v", err)
	}
	if main == "" {
		return changelog.Options{}, trouble("%s: is the repository's top directory, not a document", arg)
	}
	opts := changelog.Options{Repo: repo, Path: main, From: c.String("from"), To: c.String("to"),
		PathAt: map[string]string{}, TagPrefix: c.String("tag-prefix")}
	for _, v := range pathAts {
		tag, p, _ := strings.Cut(v, "=")
		rel, err := repo.TopRelative(p)
		if err != nil || rel == "" {
			return changelog.Options{}, trouble("--path-at %s: %s is not a path in the repository", v, p)
		}
		opts.PathAt[tag] = rel
	}
	if opts.To == "" {
		opts.Working = eventdiff.File(arg)
	}
	return opts, nil
}

// printWalkNotes tells on stderr what the walk found that a person may
// want to know: unreadable tags, problems of the newest document, and
// the decisions it made.
func printWalkNotes(stderr io.Writer, h *changelog.History) {
	for _, w := range h.TagWarnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	printWarnings(stderr, h.Warnings)
	for _, n := range h.Notes {
		if n.MovedAt != "" {
			fmt.Fprintf(stderr, "note: %s (if it moved, pass --path-at %s=OLD/PATH)\n", n.Text, n.MovedAt)
			continue
		}
		fmt.Fprintf(stderr, "note: %s\n", n.Text)
	}
}

// outputPath is where writing output lands. It must be inside the
// repository (top): a pull request can commit the changelog as a symbolic
// link to anywhere, or put it below a linked directory, and nothing
// outside the tree is read or written. A link inside the tree stays a
// link: its target is written, even when it does not exist yet.
func outputPath(output, top string) (string, error) {
	path, err := source.WritablePath(top, output)
	if errors.Is(err, source.ErrOutsideTree) {
		return "", trouble("--output %s: leads outside the repository %s (through a symbolic link?); not written", output, top)
	}
	if err != nil {
		return "", trouble("--output %s: %v", output, err)
	}
	return path, nil
}

// updateChangelogFile merges the history into the file at path (output as
// resolved by outputPath), and writes it only when something changed,
// through a temporary file renamed over it so that an interrupted run
// never leaves half a changelog.
func updateChangelogFile(output, path string, h *changelog.History, opts report.ChangelogOptions, env Env, quiet bool, maxSize int64) error {
	old, err := source.ReadRegular(path, maxSize)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return trouble("--output %s: %v", output, err)
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	updated, notes := report.UpdateChangelog(old, h, opts)
	if !quiet {
		for _, n := range notes {
			fmt.Fprintf(env.Stderr, "note: %s: %s\n", output, n)
		}
	}
	if bytes.Equal(old, updated) {
		if !quiet {
			fmt.Fprintf(env.Stderr, "%s is up to date\n", output)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".changelog-*")
	if err != nil {
		return trouble("--output %s: %v", output, err)
	}
	_, werr := tmp.Write(updated)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), mode)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return trouble("--output %s: %v", output, werr)
	}
	if !quiet {
		fmt.Fprintf(env.Stderr, "updated %s\n", output)
	}
	return nil
}

func bumpCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "bump",
		Usage:     "print the next version: the base's version with the bump the changes need",
		ArgsUsage: "BASE REVISION",
		Description: `Compares BASE with REVISION like eventdiff diff and prints only the next version,
e.g. 2.0.0, for release scripts: the current version (BASE's info.version, or --current)
with the bump the changes require. Below 1.0.0 every bump shifts down (a breaking change
needs a minor release). With no change that needs one, it prints the current version.

Examples:
  eventdiff bump v1.4.0:asyncapi.yaml asyncapi.yaml
  eventdiff bump --current "$(git describe --tags --abbrev=0)" HEAD~1:asyncapi.yaml asyncapi.yaml`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "current", Usage: "the current `VERSION` (default: BASE's info.version)"},
		}, append(policyFlags(), loadFlags()...)...),
		OnUsageError: usageError,
		Action:       func(c *cli.Context) error { return runBump(c, env) },
	}
}

func runBump(c *cli.Context, env Env) error {
	if c.NArg() != 2 {
		return trouble("bump needs two documents, BASE and REVISION (got %d); see eventdiff bump --help", c.NArg())
	}
	load, _, err := loadOptions(c, env)
	if err != nil {
		return err
	}
	base := c.Args().Get(0)
	res, err := eventdiff.Compare(context.Background(), eventdiff.Arg(base), eventdiff.Arg(c.Args().Get(1)), load)
	if err != nil {
		return trouble("%s", describe(err, false))
	}
	if !c.Bool("quiet") {
		printWarnings(env.Stderr, res.Warnings())
	}
	var remote remoteTally
	remote.add(res.BaseDocument, res.RevisionDocument)
	remote.note(env.Stderr)
	current := res.Base.Version
	from := fmt.Sprintf("the info.version of %s", base)
	if c.IsSet("current") {
		current, from = c.String("current"), "--current"
	}
	next, _, err := changelog.NextVersion(current, &res.Result)
	switch {
	case errors.Is(err, changelog.ErrNoVersion) && c.IsSet("current"):
		return trouble("--current is empty: give the current version, e.g. --current 1.4.0")
	case errors.Is(err, changelog.ErrNoVersion):
		return trouble("%s has no info.version, so there is no current version to bump: pass it with --current VERSION", base)
	case err != nil:
		return trouble("%s: %v", from, err)
	}
	fmt.Fprintln(env.Stdout, next)
	return nil
}

// describeWalk phrases the errors of the changelog's walk with the flags
// that set what went wrong.
func describeWalk(err error) string {
	var option *changelog.OptionError
	var empty *changelog.EmptyRangeError
	var missing *changelog.MissingAtEndError
	switch {
	case errors.As(err, &option):
		flag := map[string]string{"From": "--from", "To": "--to", "PathAt": "--path-at"}[option.Option]
		if option.Key != "" {
			flag += " " + option.Key
		}
		return flag + ": " + describe(option.Err, false)
	case errors.As(err, &empty):
		return fmt.Sprintf("no release tags after --from %s up to --to %s", empty.From, empty.To)
	case errors.As(err, &missing):
		return fmt.Sprintf("%s (if it had another path there, pass --path-at %s=PATH)", oneLine(missing.Error()), missing.Rev)
	}
	return describe(err, false)
}
