package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/check/live"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
)

// messageFlags say where real messages come from and how long to read
// them: check's source, and the evidence diff adds with them.
func messageFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "messages", Aliases: []string{"m"}, Usage: "read messages from a JSON-lines `FILE` (- for standard input)"},
		&cli.StringFlag{Name: "from", Usage: "read messages live from a broker: kafka://HOST:PORT/TOPIC,... or mqtt://HOST:PORT/FILTER (kafka-secure://, mqtts:// for TLS)"},
		&cli.StringFlag{Name: "server", Usage: "the document's server `NAME` to read from (default: its only server of the protocol)"},
		&cli.StringFlag{Name: "broker", Usage: "read from this `HOST:PORT` instead of the document's server"},
		&cli.IntFlag{Name: "max-messages", Value: 10000, Usage: "live: stop after this many messages"},
		&cli.DurationFlag{Name: "duration", Value: 30 * time.Second, Usage: "live: stop after this long (also bounds a capture being read)"},
		&cli.StringFlag{Name: "offset", Value: "newest", Usage: "Kafka: where to start: newest (only messages from now on), oldest, an offset number, or an RFC 3339 time"},
		&cli.IntFlag{Name: "max-line-size", Value: check.DefaultMaxLine, Usage: "longest line of a capture, in bytes; longer lines are counted as malformed"},
	}
}

// readsMessages reports whether the command was given a source of
// messages, and refuses two.
func readsMessages(c *cli.Context) (bool, error) {
	live := c.IsSet("from") || c.IsSet("server") || c.IsSet("broker")
	if live && c.IsSet("messages") {
		return false, trouble("messages come from --messages FILE or from a broker (--from URL, --server NAME): give one, not both")
	}
	return live || c.IsSet("messages"), nil
}

// stdinOnce refuses --messages - when a document is read from standard
// input too.
func stdinOnce(c *cli.Context) error {
	if c.String("messages") == "-" && slices.Contains(c.Args().Slice(), "-") {
		return trouble("--messages - reads standard input, so a document cannot come from it too")
	}
	return nil
}

// messageSource is an open source of messages and the context that bounds
// reading it.
type messageSource struct {
	src   check.Source
	ctx   context.Context
	close func()
}

// openMessages opens where the messages come from: the capture of
// --messages, or a broker. A live source is bounded by --duration, a
// capture only when it is given. Where to read comes from the bases only
// (the first one's server; every base's channels): a revision from a pull
// request must not be able to send eventdiff, and the credentials,
// elsewhere.
func openMessages(c *cli.Context, env Env, bases []*spec.Document) (*messageSource, error) {
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	if !c.IsSet("messages") || c.IsSet("duration") {
		ctx, cancel = context.WithTimeout(ctx, c.Duration("duration"))
	}
	if name := c.String("messages"); name != "" {
		r, closeFile, label, err := openCapture(name, env.Stdin)
		if err != nil {
			cancel()
			return nil, err
		}
		src := &check.JSONLines{R: r, Label: label, MaxLine: c.Int("max-line-size")}
		return &messageSource{src: src, ctx: ctx, close: func() { closeFile(); cancel() }}, nil
	}
	src, err := live.Open(live.Config{
		URL: c.String("from"), Server: c.String("server"), Broker: c.String("broker"),
		MaxMessages: c.Int("max-messages"), Offset: c.String("offset"),
		Username: env.Getenv("EVENTDIFF_BROKER_USERNAME"), Password: env.Getenv("EVENTDIFF_BROKER_PASSWORD"),
	}, bases[0], bases[1:]...)
	if err != nil {
		cancel()
		return nil, trouble("%s", oneLine(err.Error()))
	}
	return &messageSource{src: src, ctx: ctx, close: cancel}, nil
}

// openCapture opens a capture file, or standard input for -. A pipe
// (`<(kcat …)`, a named pipe) is read as it is written, but opened without
// waiting for a writer: a named pipe nobody writes to is empty, not a hang
// that --duration cannot end. Directories, devices and sockets are refused.
func openCapture(name string, stdin io.Reader) (io.Reader, func(), string, error) {
	if name == "-" {
		return stdin, func() {}, "standard input", nil
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, "", trouble("%s: %v", name, err)
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() && st.Mode()&fs.ModeNamedPipe == 0 {
		err = &source.NotRegularError{Mode: st.Mode()}
	}
	if err != nil {
		f.Close()
		return nil, nil, "", trouble("%s: %v", name, err)
	}
	return f, func() { f.Close() }, name, nil
}

// warnInterrupted says on stderr that a source stopped before its bounds;
// the reports cover what it read until then.
func warnInterrupted(w io.Writer, why string) {
	if why != "" {
		fmt.Fprintf(w, "warning: the source stopped early: %s\n", oneLine(why))
	}
}
