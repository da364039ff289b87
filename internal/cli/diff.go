package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

var formats = []string{"text", "markdown", "json", "github", "junit", "ignore"}

func diffCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two versions of an AsyncAPI document",
		ArgsUsage: "BASE REVISION | --base-ref REF PATH...",
		Description: `BASE is the old version, REVISION the new one: a file path (YAML or JSON), - for
standard input, or REV:path for a file of a git revision (path relative to the repository's
top level, or to the working directory when it starts with ./ or ../; a file that exists
wins). Relative $refs are read from the document's directory tree, or from the same
revision's repository.

With --base-ref REF, each PATH in the working tree is compared with REF:PATH; several
paths give one report each, and the exit code is the worst of them.

Examples:
  eventdiff diff old/asyncapi.yaml new/asyncapi.yaml
  eventdiff diff --format json --fail-on breaking v1.yaml v2.yaml
  cat new.yaml | eventdiff diff old.yaml -
  eventdiff diff HEAD~1:api/asyncapi.yaml api/asyncapi.yaml
  eventdiff diff v1.2.0:asyncapi.yaml v1.3.0:asyncapi.yaml
  eventdiff diff --base-ref main --fail-on breaking api/orders.yaml api/users.yaml
  eventdiff diff --base-ref merge-base:@{upstream} --revision-ref HEAD asyncapi.yaml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text, markdown, json, github (annotations, job summary and outputs), junit, or ignore (a config file accepting every current finding)"},
			&cli.StringFlag{Name: "config", Usage: "config file (default: .eventdiff.yaml in the current directory or the git top level)"},
			&cli.BoolFlag{Name: "check-version", Usage: "exit 1 when the revision's info.version is not bumped enough for its changes"},
			&cli.StringFlag{Name: "link-base", Usage: "URL that file paths are appended to for links in markdown, e.g. https://github.com/o/r/blob/<sha>/"},
			&cli.StringFlag{Name: "fail-on", Value: "none", Usage: "exit 1 when a change reaches this level: breaking, warning, info or none"},
			&cli.StringFlag{Name: "v2-perspective", Value: "application", Usage: "how AsyncAPI 2.x publish/subscribe are read: application (the spec's reading: subscribe = the application sends) or client"},
			&cli.BoolFlag{Name: "strict", Usage: "validation-exact schema semantics: adding or removing an optional property of an open object changes the accepted set"},
			&cli.BoolFlag{Name: "assert-format", Usage: "treat JSON Schema format as a constraint instead of an annotation"},
			&cli.StringFlag{Name: "ref-root", Usage: "directory $refs may read from (default: each document's own directory; the repository's top level when a side is read from git)"},
			&cli.BoolFlag{Name: "allow-remote-refs", Usage: "follow http(s):// $refs"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto, always or never (NO_COLOR is honoured)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print warnings about the input documents"},
			&cli.Int64Flag{Name: "max-file-size", Value: spec.DefaultLimits.MaxFileSize, Usage: "largest file read, in bytes"},
			&cli.Int64Flag{Name: "max-total-size", Value: spec.DefaultLimits.MaxTotalSize, Usage: "largest total of all files of one document, in bytes"},
			&cli.IntFlag{Name: "max-depth", Value: spec.DefaultLimits.MaxDepth, Usage: "deepest nesting of maps and lists"},
			&cli.IntFlag{Name: "max-alias-nodes", Value: spec.DefaultLimits.MaxAliasNodes, Usage: "most nodes YAML aliases may expand to"},
			&cli.IntFlag{Name: "max-ref-hops", Value: spec.DefaultLimits.MaxRefHops, Usage: "longest chain of $refs to one target"},
			&cli.StringFlag{Name: "base-ref", Usage: "compare each PATH argument with its version in git revision `REF` (then BASE REVISION become PATH...); merge-base:REV means the merge base of REV and HEAD, e.g. merge-base:origin/main or merge-base:@{upstream}"},
			&cli.StringFlag{Name: "revision-ref", Usage: "with --base-ref: read the revision side of each PATH from git revision `REF` instead of the working tree"},
			&cli.BoolFlag{Name: "allow-new", Usage: "with --base-ref: skip a path the base revision does not have (a new document) instead of failing"},
			&cli.BoolFlag{Name: "github-comment", Usage: "keep one pull-request comment per workflow job and document up to date with the markdown report (needs GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH; never changes the exit code)"},
			&cli.IntFlag{Name: "max-files", Value: spec.DefaultLimits.MaxFiles, Usage: "most files one document may reference"},
		},
		OnUsageError: usageError,
		Action:       func(c *cli.Context) error { return runDiff(c, env) },
	}
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

func runDiff(c *cli.Context, env Env) error {
	baseRef := c.String("base-ref")
	if baseRef == "" {
		if c.IsSet("revision-ref") || c.IsSet("allow-new") {
			return trouble("--revision-ref and --allow-new go with --base-ref (see eventdiff diff --help)")
		}
		if c.NArg() != 2 {
			return trouble("diff needs two documents, BASE and REVISION (got %d); see eventdiff diff --help", c.NArg())
		}
	} else if c.NArg() < 1 {
		return trouble("--base-ref needs the path of at least one document in the working tree; see eventdiff diff --help")
	}
	cfg, err := loadConfig(c, env)
	if err != nil {
		return err
	}
	format := c.String("format")
	if !contains(formats, format) {
		return trouble("unknown --format %q (use one of %s)", format, strings.Join(formats, ", "))
	}
	if (format == "junit" || format == "ignore") && c.NArg() > 1 && baseRef != "" {
		return trouble("--format %s writes one document's report; give one path at a time", format)
	}
	failOn, ok := failLevel(setting(c, cfg, "fail-on", cfg.FailOn))
	if !ok {
		return trouble("unknown --fail-on %q (use breaking, warning, info or none)", c.String("fail-on"))
	}
	persp := spec.Perspective(setting(c, cfg, "v2-perspective", cfg.Perspective))
	if persp != spec.Application && persp != spec.Client {
		return trouble("unknown --v2-perspective %q (use application or client)", persp)
	}
	if c.IsSet("strict") || !cfg.Set("strict") {
		cfg.Policy.Strict = c.Bool("strict")
	}
	if c.IsSet("assert-format") || !cfg.Set("assert-format") {
		cfg.Policy.AssertFormat = c.Bool("assert-format")
	}
	checkVersion := c.Bool("check-version") || (!c.IsSet("check-version") && cfg.CheckVersion)
	lim := spec.Limits{
		MaxFileSize: c.Int64("max-file-size"), MaxTotalSize: c.Int64("max-total-size"), MaxDepth: c.Int("max-depth"),
		MaxAliasNodes: c.Int("max-alias-nodes"), MaxRefHops: c.Int("max-ref-hops"), MaxFiles: c.Int("max-files"),
	}
	load := spec.Options{Limits: lim, AllowRemoteRefs: c.Bool("allow-remote-refs"), Perspective: persp}
	ins := newInputs(c.String("ref-root"), lim, env.Stdin)
	defer ins.close()
	pairs, err := plan(c, ins, env)
	if err != nil {
		return trouble("%s", oneLine(err.Error()))
	}

	// Several documents (--base-ref with several paths) are compared one
	// after the other; each gets its own report, in the order given. The
	// exit code is the worst of them: 2 when any could not be compared,
	// else 1 when any reached --fail-on, else 0.
	out := bufio.NewWriter(env.Stdout)
	ropts := report.Options{Color: useColor(c.String("color"), env), LinkBase: c.String("link-base"), Version: version()}
	files := githubFiles(env)
	if len(pairs) > 1 {
		files.Output = "" // written once for all documents below
	}
	var troubled, failed bool
	var done []compared
	for _, p := range pairs {
		res, warns, err := compareSources(ins, p.base, p.revision, load, cfg)
		if err != nil {
			var nr *notInRevision
			if errors.As(err, &nr) && nr.base && p.viaBaseRef {
				if c.Bool("allow-new") {
					fmt.Fprintf(env.Stderr, "eventdiff: %s is new since %s: nothing to compare\n", nr.main, nr.label)
					continue
				}
				nr.baseRef = true
			}
			if err := out.Flush(); err != nil {
				return trouble("writing the report: %v", err)
			}
			fmt.Fprintf(env.Stderr, "eventdiff: %s\n", oneLine(err.Error()))
			troubled = true
			continue
		}
		if !c.Bool("quiet") {
			printWarnings(env.Stderr, warns)
		}
		if len(done) > 0 && (format == "text" || format == "markdown") {
			out.WriteString("\n")
		}
		switch format {
		case "json":
			err = report.JSON(out, res)
		case "markdown":
			err = report.Markdown(out, res, ropts)
		case "junit":
			err = report.JUnit(out, res)
		case "ignore":
			err = report.IgnoreConfig(out, res, string(failOn))
		case "github":
			err = report.GitHub(out, res, ropts, files)
		default:
			err = report.Text(out, res, ropts)
		}
		if err != nil {
			return trouble("writing the report: %v", err)
		}
		done = append(done, compared{pair: p, res: res})
		if failOn != rules.Off {
			for _, f := range res.Findings {
				if f.Counts() && f.Level.Rank() >= failOn.Rank() {
					failed = true
					break
				}
			}
		}
		if checkVersion && res.Bump.DeclaredOK != nil && !*res.Bump.DeclaredOK {
			if err := out.Flush(); err != nil {
				return trouble("writing the report: %v", err)
			}
			fmt.Fprintf(env.Stderr, "eventdiff: %s\n", report.BumpSentence(&res.Bump))
			failed = true
		}
	}
	if len(pairs) > 1 && len(done) > 0 && format == "github" && env.Getenv("GITHUB_OUTPUT") != "" {
		results := make([]*rules.Result, len(done))
		for i, d := range done {
			results[i] = d.res
		}
		if err := report.GitHubOutputs(env.Getenv("GITHUB_OUTPUT"), results); err != nil {
			return trouble("writing the report: %v", err)
		}
	}
	if err := out.Flush(); err != nil {
		return trouble("writing the report: %v", err)
	}
	for _, ig := range cfg.ExpiredIgnores() {
		fmt.Fprintf(env.Stderr, "warning: %s: the ignore of %s at %s expired on %s and no longer applies\n",
			ig.Where, ig.Rule, ig.Location, ig.Until.Format("2006-01-02"))
	}
	if c.Bool("github-comment") {
		// Best effort: whatever happens here, the exit code stays the diff's.
		commandsTo := env.Stderr // keeps stdout a clean report in every other format
		if format == "github" {
			commandsTo = env.Stdout
		}
		postComments(env, ins, done, ropts, format == "github" && files.Summary != "", commandsTo)
	}
	switch {
	case troubled:
		return &exitError{code: ExitTrouble}
	case failed:
		return &exitError{code: ExitFailOn}
	}
	return nil
}

// A pair is one comparison: the base and the revision of one document.
type pair struct {
	base, revision source
	viaBaseRef     bool // made by --base-ref from a working-tree path
}

// compared is a pair and its result.
type compared struct {
	pair
	res *rules.Result
}

// plan turns the arguments into the comparisons to run: BASE REVISION, or
// with --base-ref one pair per path given.
func plan(c *cli.Context, ins *inputs, env Env) ([]pair, error) {
	baseRef := c.String("base-ref")
	if baseRef == "" {
		base, rev := argSource(c.Args().Get(0)), argSource(c.Args().Get(1))
		if ins.isGit(base.arg) || ins.isGit(rev.arg) {
			ins.useRepoRoot()
		}
		return []pair{{base: base, revision: rev}}, nil
	}
	repo, err := ins.gitRepo()
	if err != nil {
		return nil, fmt.Errorf("--base-ref: %v", err)
	}
	ins.useRepoRoot()
	var revCommit, revLabel string
	if r := c.String("revision-ref"); r != "" {
		if revCommit, err = ins.commit(r); err != nil {
			return nil, fmt.Errorf("--revision-ref: %v", err)
		}
		revLabel = r
	}
	baseCommit, baseLabel, err := resolveBase(ins, repo, baseRef, revCommit, env)
	if err != nil {
		if c.Bool("allow-new") && revCommit == "" && !repo.HasCommits() {
			// The first commit of a repository: every document is new.
			for _, p := range c.Args().Slice() {
				fmt.Fprintf(env.Stderr, "eventdiff: %s is new (the repository has no commit yet): nothing to compare\n", p)
			}
			return nil, nil
		}
		return nil, fmt.Errorf("--base-ref: %v", err)
	}
	var pairs []pair
	for _, p := range c.Args().Slice() {
		main, err := repo.DiskRelative(p)
		if err != nil {
			return nil, err
		}
		if main == "" {
			return nil, fmt.Errorf("%s: is the repository's top directory, not a document", p)
		}
		pr := pair{base: source{commit: baseCommit, label: baseLabel, main: main}, revision: source{file: p}, viaBaseRef: true}
		if revCommit != "" {
			pr.revision = source{commit: revCommit, label: revLabel, main: main}
		}
		pairs = append(pairs, pr)
	}
	return pairs, nil
}

// resolveBase resolves --base-ref: a revision, or merge-base:REV for the
// best common ancestor of REV and the revision side (HEAD for the working
// tree), which is what a branch started from: comparing with it leaves
// out what others merged into REV since. A branch without an upstream yet
// (its first push) falls back from @{upstream} to origin/HEAD.
func resolveBase(ins *inputs, repo *spec.GitRepo, ref, revCommit string, env Env) (commit, label string, err error) {
	other, mergeBase := strings.CutPrefix(ref, "merge-base:")
	if !mergeBase {
		commit, err := ins.commit(ref)
		return commit, ref, err
	}
	if other == "" {
		return "", "", fmt.Errorf("merge-base: needs a revision, e.g. merge-base:origin/main")
	}
	head := revCommit
	if head == "" {
		head = "HEAD"
	}
	mb, err := repo.MergeBase(other, head)
	if err != nil && isUpstream(other) {
		if _, uerr := repo.Commit(other); uerr != nil {
			if fb, ferr := repo.MergeBase("refs/remotes/origin/HEAD", head); ferr == nil {
				fmt.Fprintf(env.Stderr, "warning: the current branch has no upstream yet; comparing with its merge base with origin/HEAD\n")
				mb, err = fb, nil
			} else {
				err = fmt.Errorf("%s: the current branch has no upstream (set one with git branch --set-upstream-to, or name a branch: merge-base:origin/main)", other)
			}
		}
	}
	if err != nil {
		return "", "", err
	}
	return mb, mb[:min(12, len(mb))], nil
}

func isUpstream(rev string) bool {
	r := strings.ToLower(rev)
	return r == "@{u}" || r == "@{upstream}" || strings.HasSuffix(r, "@{u}") || strings.HasSuffix(r, "@{upstream}")
}

// setting returns a flag's value when it was given, else the config's
// value when the config sets it, else the flag's default.
func setting(c *cli.Context, cfg *rules.Config, name, fromConfig string) string {
	if c.IsSet(name) || !cfg.Set(name) {
		return c.String(name)
	}
	return fromConfig
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func useColor(mode string, env Env) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return env.IsTerminal && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb"
}

// maxWarnings is how many input warnings are printed before summarising.
const maxWarnings = 10

func printWarnings(w io.Writer, warns []spec.Warning) {
	for i, wn := range warns {
		if i == maxWarnings {
			fmt.Fprintf(w, "warning: %d more warnings not shown\n", len(warns)-maxWarnings)
			return
		}
		fmt.Fprintf(w, "warning: %s\n", wn)
	}
}

// Request is one comparison to run.
type Request struct {
	Base, Revision string // paths, REV:path, or - for standard input
	RefRoot        string
	Load           spec.Options
	Config         *rules.Config // nil for the defaults
}

// Compare loads both documents concurrently, diffs and classifies them.
func Compare(req Request, stdin io.Reader) (*rules.Result, []spec.Warning, error) {
	ins := newInputs(req.RefRoot, req.Load.Limits, stdin)
	defer ins.close()
	return compareSources(ins, argSource(req.Base), argSource(req.Revision), req.Load, req.Config)
}

func compareSources(ins *inputs, base, revision source, load spec.Options, cfg *rules.Config) (*rules.Result, []spec.Warning, error) {
	if base.arg == "-" && revision.arg == "-" {
		return nil, nil, fmt.Errorf("only one of BASE and REVISION can be read from standard input")
	}
	var docs [2]*spec.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, src := range []source{base, revision} {
		in, err := ins.open(src)
		if err != nil {
			var nr *notInRevision
			if errors.As(err, &nr) {
				nr.base = i == 0
			}
			return nil, nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("%s: internal error, please report: %v", src, r)
				}
			}()
			docs[i], errs[i] = spec.Load(in, load)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	if cfg == nil {
		cfg = &rules.Config{}
	}
	changes := diff.Compare(docs[0], docs[1], diff.Options{Schema: schema.Options{
		Strict: cfg.Policy.Strict, AssertFormat: cfg.Policy.AssertFormat}})
	res := rules.Classify(changes, docs[0], docs[1], cfg)
	warns := append(append([]spec.Warning(nil), docs[0].Warnings...), docs[1].Warnings...)
	return &res, warns, nil
}
