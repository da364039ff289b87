package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/check/live"
	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/spec"
)

func checkCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "validate real messages (a capture, or live from Kafka or MQTT) against one or two versions of a document",
		ArgsUsage: "BASE [REVISION]",
		Description: `Reads messages and validates each against BASE and, when given, REVISION: its channel by
address (parameters bound and checked), its message among the channel's operations'
messages, its payload and headers. Reports per channel how many were seen, valid under each
version, and accepted by the base but rejected by the revision, with the keyword and schema
path that rejects them; messages on no documented channel; items that could not be read.
With one document it is a contract test of the traffic against it.

Messages come from --messages FILE (JSON lines; - for standard input) or live from a broker
with --from kafka://HOST:PORT/TOPIC,... or mqtt://HOST:PORT/FILTER (the host may be left out,
kafka:///TOPIC, to use the document's server; without topics, the channels' addresses are
read), or --server NAME alone. Live reading is read-only (no consumer group is joined) and
stops after --max-messages or --duration, whichever comes first. Credentials come from
EVENTDIFF_BROKER_USERNAME and EVENTDIFF_BROKER_PASSWORD and are never printed.

Examples:
  eventdiff check --messages capture.jsonl asyncapi.yaml
  eventdiff check --messages capture.jsonl main:asyncapi.yaml asyncapi.yaml --fail-on rejected
  kcat -C -b localhost:9092 -t orders -J -e | eventdiff check --messages - asyncapi.yaml
  eventdiff check --from kafka://localhost:9092/orders --offset oldest --max-messages 500 asyncapi.yaml
  eventdiff check --server production --duration 1m old.yaml new.yaml
  eventdiff check --from mqtt://localhost:1883/ --duration 30s asyncapi.yaml`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "messages", Aliases: []string{"m"}, Usage: "read messages from a JSON-lines `FILE` (- for standard input)"},
			&cli.StringFlag{Name: "from", Usage: "read messages live from a broker: kafka://HOST:PORT/TOPIC,... or mqtt://HOST:PORT/FILTER (kafka-secure://, mqtts:// for TLS)"},
			&cli.StringFlag{Name: "server", Usage: "the document's server `NAME` to read from (default: its only server of the protocol)"},
			&cli.StringFlag{Name: "broker", Usage: "read from this `HOST:PORT` instead of the document's server"},
			&cli.IntFlag{Name: "max-messages", Value: 10000, Usage: "live: stop after this many messages"},
			&cli.DurationFlag{Name: "duration", Value: 30 * time.Second, Usage: "live: stop after this long (also bounds a capture being read)"},
			&cli.StringFlag{Name: "offset", Value: "newest", Usage: "Kafka: where to start: newest (only messages from now on), oldest, an offset number, or an RFC 3339 time"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + report.NamesOf(report.CheckOutput)},
			&cli.StringFlag{Name: "fail-on", Value: "none", Usage: "exit 1 when: rejected (the revision rejects a message the base accepts; with one document, the document rejects one), invalid (any document rejects a message on a documented channel), or none"},
			&cli.BoolFlag{Name: "show-values", Usage: "show the payloads of example messages (truncated); off by default since payloads may hold personal data"},
			&cli.IntFlag{Name: "max-line-size", Value: check.DefaultMaxLine, Usage: "longest line of a capture, in bytes; longer lines are counted as malformed"},
		}, append(checkPolicyFlags(), loadFlags()...)...),
		OnUsageError: usageError,
		Action:       func(c *cli.Context) error { return runCheck(c, env) },
	}
}

// checkPolicyFlags are diff's policy flags that mean something for real
// messages: --strict does not (validation is always exact).
func checkPolicyFlags() []cli.Flag {
	var out []cli.Flag
	for _, f := range policyFlags() {
		if f.Names()[0] != "strict" {
			out = append(out, f)
		}
	}
	return out
}

func runCheck(c *cli.Context, env Env) error {
	if c.NArg() < 1 || c.NArg() > 2 {
		return trouble("check needs BASE and optionally REVISION (got %d documents); see eventdiff check --help", c.NArg())
	}
	failOn := check.FailOn(c.String("fail-on"))
	if failOn != check.FailNone && failOn != check.FailRejected && failOn != check.FailInvalid {
		return trouble("unknown --fail-on %q (use rejected, invalid or none)", c.String("fail-on"))
	}
	format, err := lookupFormat(report.CheckOutput, c.String("format"))
	if err != nil {
		return err
	}
	live := c.IsSet("from") || c.IsSet("server") || c.IsSet("broker")
	if c.IsSet("messages") == live {
		return trouble("check reads messages from --messages FILE or from a broker (--from URL, --server NAME); give one")
	}
	load, cfg, err := loadOptions(c, env)
	if err != nil {
		return err
	}
	base, rev, err := loadCheckDocuments(c, load)
	if err != nil {
		return err
	}
	if !c.Bool("quiet") {
		printWarnings(env.Stderr, base.Warnings)
		if rev != nil {
			printWarnings(env.Stderr, rev.Warnings)
		}
	}
	ctx := context.Background()
	if live || c.IsSet("duration") {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Duration("duration"))
		defer cancel()
	}
	src, closeSrc, err := checkSource(c, env, base)
	if err != nil {
		return err
	}
	defer closeSrc()
	checker := check.NewChecker(base, rev, check.Options{AssertFormat: cfg.Policy.AssertFormat, ShowValues: c.Bool("show-values")})
	rep, err := checker.Run(ctx, src)
	if rep == nil {
		return trouble("%s", oneLine(err.Error()))
	}
	out := bufio.NewWriter(env.Stdout)
	err = format.Check(out, rep, report.Options{Version: version()})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return trouble("writing the report: %v", err)
	}
	if rep.Interrupted != "" {
		fmt.Fprintf(env.Stderr, "warning: the source stopped early: %s\n", oneLine(rep.Interrupted))
	}
	if rep.Fails(failOn) {
		return &exitError{code: ExitFailOn}
	}
	return nil
}

// loadCheckDocuments loads BASE and, when given, REVISION, concurrently.
func loadCheckDocuments(c *cli.Context, load eventdiff.Options) (base, rev *spec.Document, err error) {
	args := c.Args().Slice()
	if len(args) == 2 && args[0] == "-" && args[1] == "-" {
		return nil, nil, trouble("only one of BASE and REVISION can be read from standard input")
	}
	if c.String("messages") == "-" && (args[0] == "-" || len(args) == 2 && args[1] == "-") {
		return nil, nil, trouble("--messages - reads standard input, so a document cannot come from it too")
	}
	sess := eventdiff.NewSession(load)
	defer sess.Close()
	docs := make([]*spec.Document, len(args))
	errs := make([]error, len(args))
	var wg sync.WaitGroup
	for i, a := range args {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = sess.Load(context.Background(), eventdiff.Arg(a))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, trouble("%s", describe(err, false))
		}
	}
	if len(docs) == 2 {
		rev = docs[1]
	}
	return docs[0], rev, nil
}

// checkSource opens where the messages come from.
func checkSource(c *cli.Context, env Env, base *spec.Document) (check.Source, func(), error) {
	if name := c.String("messages"); name != "" {
		if name == "-" {
			return &check.JSONLines{R: env.Stdin, Label: "standard input", MaxLine: c.Int("max-line-size")}, func() {}, nil
		}
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, nil, trouble("%s: %v", name, err)
		}
		return &check.JSONLines{R: f, Label: name, MaxLine: c.Int("max-line-size")}, func() { f.Close() }, nil
	}
	// Where to read comes from BASE only: a revision from a pull request
	// must not be able to send eventdiff, and the credentials, elsewhere.
	src, err := live.Open(live.Config{
		URL: c.String("from"), Server: c.String("server"), Broker: c.String("broker"),
		MaxMessages: c.Int("max-messages"), Offset: c.String("offset"),
		Username: env.Getenv("EVENTDIFF_BROKER_USERNAME"), Password: env.Getenv("EVENTDIFF_BROKER_PASSWORD"),
	}, base)
	if err != nil {
		return nil, nil, trouble("%s", oneLine(err.Error()))
	}
	return src, func() {}, nil
}
