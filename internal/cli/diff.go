package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"eventdiff/diff"
	"eventdiff/report"
	"eventdiff/rules"
	"eventdiff/schema"
	"eventdiff/spec"
)

var formats = []string{"text", "markdown", "json", "github", "junit", "ignore"}

func diffCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two versions of an AsyncAPI document",
		ArgsUsage: "BASE REVISION",
		Description: `BASE is the old version, REVISION the new one: a file path (YAML or JSON), or - for
standard input. Relative $refs are read from the document's directory tree.

Examples:
  eventdiff diff old/asyncapi.yaml new/asyncapi.yaml
  eventdiff diff --format json --fail-on breaking v1.yaml v2.yaml
  cat new.yaml | eventdiff diff old.yaml -`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text, markdown, json, github (annotations, job summary and outputs), junit, or ignore (a config file accepting every current finding)"},
			&cli.StringFlag{Name: "config", Usage: "config file (default: .eventdiff.yaml in the current directory or the git top level)"},
			&cli.BoolFlag{Name: "check-version", Usage: "exit 1 when the revision's info.version is not bumped enough for its changes"},
			&cli.StringFlag{Name: "link-base", Usage: "URL that file paths are appended to for links in markdown, e.g. https://github.com/o/r/blob/<sha>/"},
			&cli.StringFlag{Name: "fail-on", Value: "none", Usage: "exit 1 when a change reaches this level: breaking, warning, info or none"},
			&cli.StringFlag{Name: "v2-perspective", Value: "application", Usage: "how AsyncAPI 2.x publish/subscribe are read: application (the spec's reading: subscribe = the application sends) or client"},
			&cli.BoolFlag{Name: "strict", Usage: "validation-exact schema semantics: adding or removing an optional property of an open object changes the accepted set"},
			&cli.BoolFlag{Name: "assert-format", Usage: "treat JSON Schema format as a constraint instead of an annotation"},
			&cli.StringFlag{Name: "ref-root", Usage: "directory $refs may read from (default: each document's own directory)"},
			&cli.BoolFlag{Name: "allow-remote-refs", Usage: "follow http(s):// $refs"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto, always or never (NO_COLOR is honoured)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print warnings about the input documents"},
			&cli.Int64Flag{Name: "max-file-size", Value: spec.DefaultLimits.MaxFileSize, Usage: "largest file read, in bytes"},
			&cli.Int64Flag{Name: "max-total-size", Value: spec.DefaultLimits.MaxTotalSize, Usage: "largest total of all files of one document, in bytes"},
			&cli.IntFlag{Name: "max-depth", Value: spec.DefaultLimits.MaxDepth, Usage: "deepest nesting of maps and lists"},
			&cli.IntFlag{Name: "max-alias-nodes", Value: spec.DefaultLimits.MaxAliasNodes, Usage: "most nodes YAML aliases may expand to"},
			&cli.IntFlag{Name: "max-ref-hops", Value: spec.DefaultLimits.MaxRefHops, Usage: "longest chain of $refs to one target"},
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
	if c.NArg() != 2 {
		return trouble("diff needs two documents, BASE and REVISION (got %d); see eventdiff diff --help", c.NArg())
	}
	cfg, err := loadConfig(c, env)
	if err != nil {
		return err
	}
	format := c.String("format")
	if !contains(formats, format) {
		return trouble("unknown --format %q (use one of %s)", format, strings.Join(formats, ", "))
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
	req := Request{
		Base: c.Args().Get(0), Revision: c.Args().Get(1), RefRoot: c.String("ref-root"),
		Load:   spec.Options{Limits: lim, AllowRemoteRefs: c.Bool("allow-remote-refs"), Perspective: persp},
		Config: cfg,
	}
	res, warns, err := Compare(req, env.Stdin)
	if err != nil {
		return trouble("%s", oneLine(err.Error()))
	}
	if !c.Bool("quiet") {
		printWarnings(env.Stderr, warns)
	}
	for _, ig := range cfg.ExpiredIgnores() {
		fmt.Fprintf(env.Stderr, "warning: %s: the ignore of %s at %s expired on %s and no longer applies\n",
			ig.Where, ig.Rule, ig.Location, ig.Until.Format("2006-01-02"))
	}
	out := bufio.NewWriter(env.Stdout)
	ropts := report.Options{Color: useColor(c.String("color"), env), LinkBase: c.String("link-base"), Version: version()}
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
		err = report.GitHub(out, res, ropts, githubFiles(env))
	default:
		err = report.Text(out, res, ropts)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return trouble("writing the report: %v", err)
	}
	if failOn != rules.Off {
		for _, f := range res.Findings {
			if f.Counts() && f.Level.Rank() >= failOn.Rank() {
				return &exitError{code: ExitFailOn}
			}
		}
	}
	if checkVersion && res.Bump.DeclaredOK != nil && !*res.Bump.DeclaredOK {
		fmt.Fprintf(env.Stderr, "eventdiff: %s\n", report.BumpSentence(&res.Bump))
		return &exitError{code: ExitFailOn}
	}
	return nil
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
	Base, Revision string // paths, or - for standard input
	RefRoot        string
	Load           spec.Options
	Config         *rules.Config // nil for the defaults
}

// Compare loads both documents concurrently, diffs and classifies them.
func Compare(req Request, stdin io.Reader) (*rules.Result, []spec.Warning, error) {
	if req.Base == "-" && req.Revision == "-" {
		return nil, nil, fmt.Errorf("only one of BASE and REVISION can be read from standard input")
	}
	var docs [2]*spec.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, arg := range []string{req.Base, req.Revision} {
		in, err := input(arg, req.RefRoot, req.Load.Limits, stdin)
		if err != nil {
			return nil, nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("%s: internal error, please report: %v", arg, r)
				}
			}()
			docs[i], errs[i] = spec.Load(in, req.Load)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	cfg := req.Config
	if cfg == nil {
		cfg = &rules.Config{}
	}
	changes := diff.Compare(docs[0], docs[1], diff.Options{Schema: schema.Options{
		Strict: cfg.Policy.Strict, AssertFormat: cfg.Policy.AssertFormat}})
	res := rules.Classify(changes, docs[0], docs[1], cfg)
	warns := append(append([]spec.Warning(nil), docs[0].Warnings...), docs[1].Warnings...)
	return &res, warns, nil
}

func input(arg, refRoot string, lim spec.Limits, stdin io.Reader) (spec.Input, error) {
	if arg == "-" {
		data, err := io.ReadAll(io.LimitReader(stdin, lim.MaxFileSize+1))
		if err != nil {
			return spec.Input{}, fmt.Errorf("-: reading standard input: %v", err)
		}
		if lim.MaxFileSize > 0 && int64(len(data)) > lim.MaxFileSize {
			return spec.Input{}, fmt.Errorf("-: more than the limit of %d bytes (raise it with --max-file-size)", lim.MaxFileSize)
		}
		return spec.StdinInput(data, refRoot, lim.MaxFileSize)
	}
	return spec.FileInput(arg, refRoot, lim.MaxFileSize)
}
