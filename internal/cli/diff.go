package cli

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"github.com/urfave/cli/v2"

	"eventdiff/diff"
	"eventdiff/report"
	"eventdiff/rules"
	"eventdiff/schema"
	"eventdiff/spec"
)

var formats = []string{"text", "json"}

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
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"},
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
	format := c.String("format")
	if !contains(formats, format) {
		return trouble("unknown --format %q (use one of %v)", format, formats)
	}
	failOn, ok := failLevel(c.String("fail-on"))
	if !ok {
		return trouble("unknown --fail-on %q (use breaking, warning, info or none)", c.String("fail-on"))
	}
	persp := spec.Perspective(c.String("v2-perspective"))
	if persp != spec.Application && persp != spec.Client {
		return trouble("unknown --v2-perspective %q (use application or client)", persp)
	}
	lim := spec.Limits{
		MaxFileSize: c.Int64("max-file-size"), MaxTotalSize: c.Int64("max-total-size"), MaxDepth: c.Int("max-depth"),
		MaxAliasNodes: c.Int("max-alias-nodes"), MaxRefHops: c.Int("max-ref-hops"), MaxFiles: c.Int("max-files"),
	}
	req := Request{
		Base: c.Args().Get(0), Revision: c.Args().Get(1), RefRoot: c.String("ref-root"),
		Load:   spec.Options{Limits: lim, AllowRemoteRefs: c.Bool("allow-remote-refs"), Perspective: persp},
		Policy: rules.Policy{Strict: c.Bool("strict"), AssertFormat: c.Bool("assert-format")},
	}
	res, warns, err := Compare(req, env.Stdin)
	if err != nil {
		return trouble("%s", oneLine(err.Error()))
	}
	if !c.Bool("quiet") {
		printWarnings(env.Stderr, warns)
	}
	out := bufio.NewWriter(env.Stdout)
	switch format {
	case "json":
		err = report.JSON(out, res)
	default:
		err = report.Text(out, res, report.Options{Color: useColor(c.String("color"), env)})
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return trouble("writing the report: %v", err)
	}
	if failOn != rules.Off {
		for _, f := range res.Findings {
			if f.Level.Rank() >= failOn.Rank() {
				return &exitError{code: ExitFailOn}
			}
		}
	}
	return nil
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
	Policy         rules.Policy
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
	changes := diff.Compare(docs[0], docs[1], diff.Options{Schema: schema.Options{
		Strict: req.Policy.Strict, AssertFormat: req.Policy.AssertFormat}})
	res := rules.Classify(changes, docs[0], docs[1], rules.Config{Policy: req.Policy})
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
