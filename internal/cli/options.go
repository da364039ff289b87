package cli

import (
	"math"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/spec"
)

// policyFlags are the flags of commands that classify changes the way
// diff does.
func policyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "config file (default: .eventdiff.yaml in the current directory or the git top level)"},
		&cli.StringFlag{Name: "v2-perspective", Value: "application", Usage: "how AsyncAPI 2.x publish/subscribe are read: application (the spec's reading: subscribe = the application sends) or client"},
		&cli.BoolFlag{Name: "strict", Usage: "validation-exact schema semantics: adding or removing an optional property of an open object changes the accepted set"},
		&cli.BoolFlag{Name: "assert-format", Usage: "treat JSON Schema format as a constraint instead of an annotation"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print warnings about the input documents"},
	}
}

// loadFlags are the flags that say how documents are read.
func loadFlags() []cli.Flag {
	d, r := limits.Default, limits.DefaultRemote
	return []cli.Flag{
		&cli.StringFlag{Name: "ref-root", Usage: "directory $refs may read from (default: the git repository around each document; outside one, the current directory when the document is under it, else its own directory)"},
		&cli.BoolFlag{Name: "allow-remote-refs", Usage: "follow http(s):// $refs (to public addresses only)"},
		&cli.BoolFlag{Name: "allow-private-hosts", Usage: "with --allow-remote-refs: also follow $refs to loopback, private and link-local addresses (an internal schema registry)"},
		&cli.Int64Flag{Name: "max-file-size", Value: d.MaxFileSize, Usage: "largest file read, in bytes"},
		&cli.Int64Flag{Name: "max-total-size", Value: d.MaxTotalSize, Usage: "largest total of all files of one document, in bytes"},
		&cli.IntFlag{Name: "max-depth", Value: d.MaxDepth, Usage: "deepest nesting of maps and lists"},
		&cli.IntFlag{Name: "max-nodes", Value: d.MaxNodes, Usage: "most values (scalars, maps, lists) in all files of one document"},
		&cli.IntFlag{Name: "max-scalar-size", Value: d.MaxScalarSize, Usage: "longest scalar (string, number) or key, in bytes"},
		&cli.IntFlag{Name: "max-alias-nodes", Value: d.MaxAliasNodes, Usage: "most nodes YAML aliases may expand to"},
		&cli.Int64Flag{Name: "max-alias-bytes", Value: d.MaxAliasBytes, Usage: "most bytes of keys and scalars YAML aliases may expand to"},
		&cli.IntFlag{Name: "max-ref-hops", Value: d.MaxRefHops, Usage: "longest chain of $refs to one target"},
		&cli.IntFlag{Name: "max-files", Value: d.MaxFiles, Usage: "most files one document may reference"},
		&cli.IntFlag{Name: "max-changes", Value: d.MaxChanges, Usage: "most changes one comparison may find"},
		&cli.DurationFlag{Name: "max-remote-time", Value: r.MaxTime, Usage: "with --allow-remote-refs: longest time all remote fetches of the run may take together"},
		&cli.Int64Flag{Name: "max-remote-size", Value: r.MaxSize, Usage: "with --allow-remote-refs: largest response read, in bytes"},
		&cli.Int64Flag{Name: "max-remote-total", Value: r.MaxTotal, Usage: "with --allow-remote-refs: largest total of all responses of the run, in bytes"},
	}
}

// loadOptions reads the config and the flags of policyFlags and loadFlags
// into the options of the pipeline. A flag given on the command line wins
// over the config, which wins over the flag's default.
func loadOptions(c *cli.Context, env Env) (eventdiff.Options, *rules.Config, error) {
	cfg, err := loadConfig(c, env)
	if err != nil {
		return eventdiff.Options{}, nil, err
	}
	persp := spec.Perspective(setting(c, cfg, "v2-perspective", cfg.Perspective))
	if persp != spec.Application && persp != spec.Client {
		return eventdiff.Options{}, nil, trouble("unknown --v2-perspective %q (use application or client)", persp)
	}
	if c.IsSet("strict") || !cfg.Set("strict") {
		cfg.Policy.Strict = c.Bool("strict")
	}
	if c.IsSet("assert-format") || !cfg.Set("assert-format") {
		cfg.Policy.AssertFormat = c.Bool("assert-format")
	}
	lim := limits.Limits{
		MaxFileSize: c.Int64("max-file-size"), MaxTotalSize: c.Int64("max-total-size"), MaxDepth: c.Int("max-depth"),
		MaxNodes: c.Int("max-nodes"), MaxScalarSize: c.Int("max-scalar-size"),
		MaxAliasNodes: c.Int("max-alias-nodes"), MaxAliasBytes: c.Int64("max-alias-bytes"),
		MaxRefHops: c.Int("max-ref-hops"), MaxFiles: c.Int("max-files"), MaxChanges: c.Int("max-changes"),
	}
	if lim == (limits.Limits{}) {
		// Every limit lifted with 0. The entry point reads the zero Limits
		// as "the defaults", so one is lifted with the largest value instead.
		lim.MaxFileSize = math.MaxInt64
	}
	remote := limits.Remote{MaxTime: c.Duration("max-remote-time"), MaxSize: c.Int64("max-remote-size"),
		MaxTotal: c.Int64("max-remote-total")}
	if remote == (limits.Remote{}) {
		remote.MaxTotal = math.MaxInt64 // every remote limit lifted with 0, as above
	}
	return eventdiff.Options{
		RefRoot:           c.String("ref-root"),
		AllowRemoteRefs:   c.Bool("allow-remote-refs"),
		AllowPrivateHosts: c.Bool("allow-private-hosts"),
		RemoteLimits:      remote,
		Limits:            lim,
		Perspective:       persp,
		Config:            cfg,
		Stdin:             env.Stdin,
	}, cfg, nil
}

// setting returns a flag's value when it was given, else the config's
// value when the config sets it, else the flag's default.
func setting(c *cli.Context, cfg *rules.Config, name, fromConfig string) string {
	if c.IsSet(name) || !cfg.Set(name) {
		return c.String(name)
	}
	return fromConfig
}
