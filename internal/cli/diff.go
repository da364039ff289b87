package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

func diffCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two versions of an AsyncAPI document",
		ArgsUsage: "BASE REVISION | --base-ref REF PATH...",
		Description: `BASE is the old version, REVISION the new one: a file path (YAML or JSON), - for
standard input, or REV:path for a file of a git revision (path relative to the repository's
top level, or to the working directory when it starts with ./ or ../; a file that exists
wins). Relative $refs may read the git repository the document lies in (outside one: the
current directory when the document is under it, else the document's own directory), or
the same revision's repository. Options may come before or after the documents.

With --base-ref REF, each PATH in the working tree is compared with REF:PATH; several
paths give one report each, and the exit code is the worst of them.

With --messages FILE (JSON lines, - for standard input) or --from URL (Kafka, MQTT; see
eventdiff check --help), real messages are read too, once for every document, and each
breaking and warning finding says how many of them it rejects. The verdict and the exit
code stay the diff's.

Examples:
  eventdiff diff old/asyncapi.yaml new/asyncapi.yaml
  eventdiff diff v1.yaml v2.yaml --format json --fail-on breaking
  cat new.yaml | eventdiff diff old.yaml -
  eventdiff diff HEAD~1:api/asyncapi.yaml api/asyncapi.yaml
  eventdiff diff v1.2.0:asyncapi.yaml v1.3.0:asyncapi.yaml
  eventdiff diff --base-ref main --fail-on breaking api/orders.yaml api/users.yaml
  eventdiff diff --base-ref merge-base:@{upstream} --revision-ref HEAD asyncapi.yaml
  eventdiff diff --messages capture.jsonl main:asyncapi.yaml asyncapi.yaml`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + formatUsage()},
			&cli.StringFlag{Name: "fail-on", Value: "none", Usage: "exit 1 when a change reaches this level: breaking, warning, info or none"},
			&cli.BoolFlag{Name: "check-version", Usage: "exit 1 when the revision's info.version is not bumped enough for its changes"},
			&cli.StringFlag{Name: "link-base", Usage: "URL that file paths are appended to for links in markdown, e.g. https://github.com/o/r/blob/<sha>/"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto, always or never (NO_COLOR is honoured)"},
			&cli.StringFlag{Name: "min-level", Value: "info", Usage: "leave findings below this level out of the text and markdown reports: breaking, warning or info (the counts and JSON keep everything)"},
			&cli.BoolFlag{Name: "verbose", Usage: "print the evidence of info findings too (text and markdown); otherwise an info finding is one line"},
			&cli.StringFlag{Name: "base-ref", Usage: "compare each PATH argument with its version in git revision `REF` (then BASE REVISION become PATH...); merge-base:REV means the merge base of REV and HEAD, e.g. merge-base:origin/main or merge-base:@{upstream}"},
			&cli.StringFlag{Name: "revision-ref", Usage: "with --base-ref: read the revision side of each PATH from git revision `REF` instead of the working tree"},
			&cli.BoolFlag{Name: "allow-new", Usage: "with --base-ref: skip a path the base revision does not have (a new document) instead of failing"},
			&cli.BoolFlag{Name: "github-comment", Usage: "keep one pull-request comment per workflow job and document up to date with the markdown report (needs GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH; never changes the exit code)"},
		}, append(append(policyFlags(), loadFlags()...), messageFlags()...)...),
		OnUsageError: usageError,
		Action:       func(c *cli.Context) error { return runDiff(c, env) },
	}
}

func formatUsage() string {
	var parts []string
	for _, f := range report.FormatsOf(report.DiffOutput) {
		parts = append(parts, f.Name+" ("+f.Usage+")")
	}
	return strings.Join(parts, ", ")
}

// lookupFormat finds --format among the formats of a command's output.
func lookupFormat(o report.Output, name string) (*report.Format, error) {
	f, err := report.Lookup(o, name)
	if err != nil {
		return nil, trouble("unknown --format %q (use %s)", name, report.NamesOf(o))
	}
	return f, nil
}

// failLevel maps --fail-on to the lowest level that fails the run.
func failLevel(s string) (rules.Level, bool) {
	switch s {
	case "none":
		return rules.Off, true
	case "breaking", "warning", "info":
		return rules.Level(s), true
	}
	return "", false
}

// diffRun is what the flags and the config decided for one diff command.
type diffRun struct {
	format       *report.Format
	failOn       rules.Level
	checkVersion bool
	quiet        bool
	render       report.Options
	load         eventdiff.Options
	remote       remoteTally // the remote refs compared by URL, said once at the end
	// messages: real messages are read (--messages, --from) and each
	// breaking and warning finding says how many it rejects.
	messages    bool
	interrupted string // why the source of messages stopped early, said at the end
}

func newDiffRun(c *cli.Context, env Env) (*diffRun, error) {
	baseRef := c.String("base-ref")
	switch {
	case baseRef == "" && (c.IsSet("revision-ref") || c.IsSet("allow-new")):
		return nil, trouble("--revision-ref and --allow-new go with --base-ref (see eventdiff diff --help)")
	case baseRef == "" && c.NArg() != 2:
		return nil, trouble("diff needs two documents, BASE and REVISION (got %d); see eventdiff diff --help", c.NArg())
	case baseRef != "" && c.NArg() < 1:
		return nil, trouble("--base-ref needs the path of at least one document in the working tree; see eventdiff diff --help")
	}
	load, cfg, err := loadOptions(c, env)
	if err != nil {
		return nil, err
	}
	format, err := lookupFormat(report.DiffOutput, c.String("format"))
	if err != nil {
		return nil, err
	}
	if !format.Several && c.NArg() > 1 && baseRef != "" {
		return nil, trouble("--format %s writes one document's report; give one path at a time", format.Name)
	}
	failOn, ok := failLevel(setting(c, cfg, "fail-on", cfg.FailOn))
	if !ok {
		return nil, trouble("unknown --fail-on %q (use breaking, warning, info or none)", c.String("fail-on"))
	}
	render, err := renderOptions(c, cfg, env)
	if err != nil {
		return nil, err
	}
	render.FailOn = failOn
	messages, err := readsMessages(c)
	if err == nil {
		err = stdinOnce(c)
	}
	if err != nil {
		return nil, err
	}
	return &diffRun{
		format: format, failOn: failOn, quiet: c.Bool("quiet"),
		checkVersion: c.Bool("check-version") || (!c.IsSet("check-version") && cfg.CheckVersion),
		render:       render,
		load:         load,
		messages:     messages,
	}, nil
}

// renderOptions reads the flags (and their config settings) that shape
// the reports for people.
func renderOptions(c *cli.Context, cfg *rules.Config, env Env) (report.Options, error) {
	color, err := useColor(setting(c, cfg, "color", cfg.Color), env)
	if err != nil {
		return report.Options{}, err
	}
	minLevel := rules.Level(setting(c, cfg, "min-level", cfg.MinLevel))
	if lv, ok := rules.ParseLevel(string(minLevel)); !ok || lv == rules.Off {
		return report.Options{}, trouble("unknown --min-level %q (use breaking, warning or info)", minLevel)
	}
	return report.Options{Color: color, LinkBase: c.String("link-base"), Version: version(), GitHub: githubFiles(env),
		MinLevel: minLevel, Verbose: c.Bool("verbose") || (!c.IsSet("verbose") && cfg.Verbose),
		Several: c.NArg() > 1 && c.String("base-ref") != ""}, nil
}

func runDiff(c *cli.Context, env Env) error {
	run, err := newDiffRun(c, env)
	if err != nil {
		return err
	}
	sess := eventdiff.NewSession(run.load)
	defer sess.Close()
	pairs, err := plan(c, sess, env)
	if err != nil {
		return trouble("%s", oneLine(err.Error()))
	}
	outs := compareAll(sess, pairs)
	if err := run.addTraffic(c, env, outs); err != nil {
		return err
	}
	done, troubled, failed, err := run.writeReports(c, sess, outs, env)
	if err != nil {
		return trouble("writing the report: %v", err)
	}
	warnInterrupted(env.Stderr, run.interrupted)
	run.remote.note(env.Stderr)
	warnExpiredIgnores(env.Stderr, run.load.Config)
	if c.Bool("github-comment") {
		run.comment(env, done)
	}
	switch {
	case troubled:
		return &exitError{code: ExitTrouble}
	case failed:
		return &exitError{code: ExitFailOn}
	}
	return nil
}

// outcome is one pair compared, or why it could not be, and what real
// messages say about it (with --messages or --from).
type outcome struct {
	pair
	res     *eventdiff.Result
	err     error
	traffic *check.Traffic
}

// compareAll compares the pairs one after the other. Nothing is written
// yet: the messages, read once for all of them, come first.
func compareAll(sess *eventdiff.Session, pairs []pair) []outcome {
	outs := make([]outcome, len(pairs))
	for i, p := range pairs {
		res, err := sess.Compare(context.Background(), p.base, p.revision)
		outs[i] = outcome{pair: p, res: res, err: err}
	}
	return outs
}

// addTraffic reads the messages once for every document compared and
// gives each its evidence: each document judges them on its own channels.
// A source that cannot be opened, or fails before anything is read, is
// trouble; one that fails later leaves the counts of what it read. The
// verdicts are not touched.
func (run *diffRun) addTraffic(c *cli.Context, env Env, outs []outcome) error {
	if !run.messages {
		return nil
	}
	var results []*eventdiff.Result
	var bases []*spec.Document
	var at []int
	for i, o := range outs {
		if o.err == nil {
			results, bases, at = append(results, o.res), append(bases, o.res.BaseDocument), append(at, i)
		}
	}
	if len(results) == 0 {
		return nil
	}
	msgs, err := openMessages(c, env, bases)
	if err != nil {
		return err
	}
	defer msgs.close()
	traffic, err := check.Evidence(msgs.ctx, msgs.src, check.Options{AssertFormat: run.load.Config.Policy.AssertFormat}, results...)
	if traffic == nil {
		return trouble("%s", oneLine(err.Error()))
	}
	if err != nil {
		run.interrupted = err.Error()
	}
	for k, i := range at {
		outs[i].traffic = traffic[k]
	}
	return nil
}

// writeReports writes the reports of the outcomes to standard output,
// then what the format writes once for all of them.
func (run *diffRun) writeReports(c *cli.Context, sess *eventdiff.Session, outs []outcome, env Env) (done []compared, troubled, failed bool, err error) {
	out := bufio.NewWriter(env.Stdout)
	done, troubled, failed, err = run.writeAll(c, sess, outs, out, env)
	if err == nil && run.format.Finish != nil {
		err = run.format.Finish(results(done), run.render)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return done, troubled, failed, err
}

// warnExpiredIgnores says which ignore entries no longer apply.
func warnExpiredIgnores(w io.Writer, cfg *rules.Config) {
	for _, ig := range cfg.ExpiredIgnores() {
		fmt.Fprintf(w, "warning: %s: the ignore of %s at %s expired on %s and no longer applies\n",
			ig.Where, ig.Rule, ig.Location, ig.Until.Format("2006-01-02"))
	}
}

// comment keeps the pull-request comments up to date (--github-comment).
// Best effort: whatever happens here, the exit code stays the diff's.
func (run *diffRun) comment(env Env, done []compared) {
	commandsTo := env.Stderr // keeps stdout a clean report in every other format
	if run.format.Name == "github" {
		commandsTo = env.Stdout
	}
	postComments(env, done, run.render, run.format.Name == "github" && run.render.GitHub.Summary != "", commandsTo)
}

// writeAll writes the report of each outcome in order. A document that
// could not be compared is reported on stderr in its place and the others
// still are: troubled says so, failed that a finding (or the declared
// version) reached --fail-on.
func (run *diffRun) writeAll(c *cli.Context, sess *eventdiff.Session, outs []outcome, out *bufio.Writer, env Env) (done []compared, troubled, failed bool, err error) {
	for _, o := range outs {
		p, res, err := o.pair, o.res, o.err
		if err != nil {
			var nr *eventdiff.NotInRevisionError
			if errors.As(err, &nr) && nr.Base && p.viaBaseRef && c.Bool("allow-new") {
				fmt.Fprintf(env.Stderr, "eventdiff: %s is new since %s: nothing to compare\n", nr.Path, nr.Rev)
				continue
			}
			if err := out.Flush(); err != nil {
				return done, troubled, failed, err
			}
			fmt.Fprintf(env.Stderr, "eventdiff: %s\n", describe(err, p.viaBaseRef))
			troubled = true
			continue
		}
		if !run.quiet {
			printWarnings(env.Stderr, res.Warnings())
			if hint := swappedHint(&res.Result); hint != "" {
				fmt.Fprintf(env.Stderr, "hint: %s\n", hint)
			}
		}
		run.remote.add(res.BaseDocument, res.RevisionDocument)
		if len(done) > 0 {
			out.WriteString(run.format.Separator)
		}
		render := run.render
		render.RevisionLinks = revisionLinks(sess, render.LinkBase, res)
		render.Traffic = o.traffic
		if err := run.format.Write(out, &res.Result, render); err != nil {
			return done, troubled, failed, err
		}
		done = append(done, compared{pair: p, res: &res.Result, traffic: o.traffic})
		if res.Fails(run.failOn) {
			failed = true
		}
		if run.checkVersion && res.Bump.DeclaredOK != nil && !*res.Bump.DeclaredOK {
			if err := out.Flush(); err != nil {
				return done, troubled, failed, err
			}
			fmt.Fprintf(env.Stderr, "eventdiff: %s\n", report.BumpSentence(&res.Bump))
			failed = true
		}
	}
	return done, troubled, failed, nil
}

// swappedHint says when the arguments look the wrong way round: the
// revision declares a lower info.version than the base. Everything would
// be reported reversed (an addition as a removal, breaking as safe).
func swappedHint(r *rules.Result) string {
	base, err1 := rules.ParseVersion(r.Base.Version)
	rev, err2 := rules.ParseVersion(r.Revision.Version)
	if err1 != nil || err2 != nil || !rev.LessThan(base) {
		return ""
	}
	return fmt.Sprintf("the revision %s declares version %s, lower than the base's %s: are the documents swapped? The old version comes first: eventdiff diff BASE REVISION",
		r.Revision.Source, r.Revision.Version, r.Base.Version)
}

// revisionLinks gives each side read from a git revision a link base of
// its own commit, made from --link-base by replacing the revision in its
// ".../blob/REV/" with the side's commit, so "was at" links show the
// base's line in the base's commit. A --link-base of another shape gives
// none: the report then leaves base-side locations unlinked rather than
// link them to the wrong commit.
func revisionLinks(sess *eventdiff.Session, linkBase string, res *eventdiff.Result) map[string]string {
	before, after, ok := strings.Cut(linkBase, "/blob/")
	if linkBase == "" || !ok {
		return nil
	}
	_, rest, _ := strings.Cut(after, "/")
	links := map[string]string{}
	for _, doc := range []*spec.Document{res.BaseDocument, res.RevisionDocument} {
		if doc.Root == nil || doc.Root.File == nil || doc.Root.File.Rev == "" {
			continue
		}
		rev := doc.Root.File.Rev
		if sha, err := sess.Commit(rev); err == nil {
			links[rev] = before + "/blob/" + sha + "/" + rest
		}
	}
	return links
}

func results(done []compared) []*rules.Result {
	out := make([]*rules.Result, len(done))
	for i, d := range done {
		out[i] = d.res
	}
	return out
}

// describe is the one line that says why a document could not be read,
// with what the user can do about it in this command's words.
func describe(err error, viaBaseRef bool) string {
	msg := oneLine(err.Error())
	var nr *eventdiff.NotInRevisionError
	var le *limits.Error
	switch {
	case errors.As(err, &nr) && viaBaseRef:
		return fmt.Sprintf("%s (if the document is new there is nothing to compare: pass --allow-new to skip it; if it moved, compare %s:OLD/PATH with it)", msg, nr.Rev)
	case errors.As(err, &nr):
		return fmt.Sprintf("%s (if it moved or was renamed, name its old path as %s:OLD/PATH)", msg, nr.Rev)
	case errors.As(err, &le):
		return fmt.Sprintf("%s (raise it with --max-%s)", msg, le.Limit)
	case errors.Is(err, spec.ErrRefOutsideTree):
		return msg + " (allow a wider tree with --ref-root DIR)"
	case errors.Is(err, spec.ErrRemoteRefNotFollowed):
		return msg + " (allow them with --allow-remote-refs)"
	case errors.As(err, new(*source.NotPublicError)):
		return msg + " (allow them with --allow-private-hosts)"
	case errors.Is(err, spec.ErrRemoteRefFailed):
		return msg + " (without --allow-remote-refs, remote references are compared by URL)"
	case errors.Is(err, eventdiff.ErrBothFromStdin):
		return "only one of BASE and REVISION can be read from standard input"
	}
	return msg
}

// maxWarnings is how many input warnings are printed before summarising.
const maxWarnings = 10

// printWarnings prints the warnings about the input documents, each once:
// a file compared with itself, or shared by both sides, has the same
// problems on both.
func printWarnings(w io.Writer, warns []tree.Warning) {
	seen := make(map[tree.Warning]bool, len(warns))
	unique := warns[:0:0]
	for _, wn := range warns {
		if !seen[wn] {
			seen[wn] = true
			unique = append(unique, wn)
		}
	}
	warns = unique
	for i, wn := range warns {
		if i == maxWarnings {
			fmt.Fprintf(w, "warning: %d more warnings not shown\n", len(warns)-maxWarnings)
			return
		}
		fmt.Fprintf(w, "warning: %s\n", wn)
	}
}

func useColor(mode string, env Env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return env.IsTerminal && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb", nil
	}
	return false, trouble("unknown --color %q (use auto, always or never)", mode)
}
