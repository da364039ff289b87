package cli

import (
	"bufio"
	"context"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/check"
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
		Flags: append(append(messageFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + report.NamesOf(report.CheckOutput)},
			&cli.StringFlag{Name: "fail-on", Value: "none", Usage: "exit 1 when: rejected (the revision rejects a message the base accepts; with one document, the document rejects one), invalid (any document rejects a message on a documented channel), or none"},
			&cli.BoolFlag{Name: "show-values", Usage: "show the payloads of example messages (truncated); off by default since payloads may hold personal data"},
		), append(checkPolicyFlags(), loadFlags()...)...),
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
	if given, err := readsMessages(c); err != nil || !given {
		if err == nil {
			err = trouble("check reads messages from --messages FILE or from a broker (--from URL, --server NAME); give one")
		}
		return err
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
	msgs, err := openMessages(c, env, []*spec.Document{base})
	if err != nil {
		return err
	}
	defer msgs.close()
	checker := check.NewChecker(base, rev, check.Options{AssertFormat: cfg.Policy.AssertFormat, ShowValues: c.Bool("show-values")})
	rep, err := checker.Run(msgs.ctx, msgs.src)
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
	warnInterrupted(env.Stderr, rep.Interrupted)
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
	if err := stdinOnce(c); err != nil {
		return nil, nil, err
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
