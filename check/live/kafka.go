package live

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/spec"
)

// kafkaSource reads records from Kafka partitions directly.
type kafkaSource struct {
	e        *endpoint
	opts     []kgo.Opt
	explicit bool // the topics were named, so each must exist
	max      int
}

func newKafka(e *endpoint, cfg Config, docs []*spec.Document) (*kafkaSource, error) {
	offset, err := parseOffset(cfg.Offset)
	if err != nil {
		return nil, err
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(e.host),
		kgo.ClientID("eventdiff-check"),
		kgo.ConsumeResetOffset(offset),
		kgo.FetchMaxBytes(16 << 20),
		kgo.FetchMaxPartitionBytes(4 << 20),
		kgo.DialTimeout(5 * time.Second),
	}
	k := &kafkaSource{e: e, explicit: len(e.topics) > 0, max: cfg.MaxMessages}
	if k.explicit {
		opts = append(opts, kgo.ConsumeTopics(e.topics...))
	} else {
		// Every channel address as a pattern: a {parameter} is any run of
		// characters, so orders.{region}.created reads orders.eu.created.
		var pats []string
		for _, a := range addresses(docs) {
			pats = append(pats, addressPattern(a))
		}
		if len(pats) == 0 {
			return nil, fmt.Errorf("%s has no channel address to read: name the topics in --from", names(docs))
		}
		opts = append(opts, kgo.ConsumeTopics(pats...), kgo.ConsumeRegex())
		e.topics = addresses(docs)
	}
	if e.tls {
		opts = append(opts, kgo.DialTLSConfig(&tls.Config{MinVersion: tls.VersionTLS12}))
	}
	mech, err := kafkaSASL(e.server, cfg)
	if err != nil {
		return nil, err
	}
	if mech != nil {
		opts = append(opts, kgo.SASL(mech))
	}
	k.opts = opts
	return k, nil
}

// addressPattern turns a channel address into an anchored regexp.
func addressPattern(a string) string {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	spec.ForEachParam(a, func(_ string, start, end int) {
		b.WriteString(regexp.QuoteMeta(a[last:start]))
		b.WriteString(".+")
		last = end
	})
	b.WriteString(regexp.QuoteMeta(a[last:]))
	b.WriteString("$")
	return b.String()
}

// kafkaSASL picks the SASL mechanism from the server's security schemes
// (plain, scramSha256, scramSha512); with credentials but no scheme,
// PLAIN. A scheme that needs credentials nobody gave is an error now,
// rather than a failed handshake later.
func kafkaSASL(srv *spec.Server, cfg Config) (sasl.Mechanism, error) {
	types := securityTypes(srv)
	has := cfg.Username != "" || cfg.Password != ""
	for _, t := range types {
		switch t {
		case "plain", "scramsha256", "scramsha512":
			if !has {
				return nil, fmt.Errorf("server %q asks for SASL (%s): set EVENTDIFF_BROKER_USERNAME and EVENTDIFF_BROKER_PASSWORD", srv.Name, t)
			}
			switch t {
			case "scramsha256":
				return scram.Auth{User: cfg.Username, Pass: cfg.Password}.AsSha256Mechanism(), nil
			case "scramsha512":
				return scram.Auth{User: cfg.Username, Pass: cfg.Password}.AsSha512Mechanism(), nil
			}
			return plain.Auth{User: cfg.Username, Pass: cfg.Password}.AsMechanism(), nil
		}
	}
	if has {
		return plain.Auth{User: cfg.Username, Pass: cfg.Password}.AsMechanism(), nil
	}
	return nil, nil
}

func parseOffset(s string) (kgo.Offset, error) {
	switch s {
	case "", "newest":
		return kgo.NewOffset().AtEnd(), nil
	case "oldest":
		return kgo.NewOffset().AtStart(), nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
		return kgo.NewOffset().At(n), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return kgo.NewOffset().AfterMilli(t.UnixMilli()), nil
	}
	return kgo.Offset{}, fmt.Errorf("--offset %q: use newest, oldest, an offset number or an RFC 3339 time", s)
}

func (k *kafkaSource) Name() string { return k.e.name() }

// Read polls until the context is done or MaxMessages records were read.
func (k *kafkaSource) Read(ctx context.Context, emit func(*check.Message)) error {
	conns := &connWatch{}
	cl, err := kgo.NewClient(append(k.opts, kgo.WithHooks(conns))...)
	if err != nil {
		return fmt.Errorf("kafka %s: %v", k.e.host, err)
	}
	defer cl.Close()
	if err := k.preflight(ctx, cl); err != nil {
		return err
	}
	var seq int64
	for k.max <= 0 || seq < int64(k.max) {
		fetches := cl.PollRecords(ctx, k.remaining(seq))
		if ctx.Err() != nil {
			// The duration is up: a bound, not a failure, unless the
			// broker went away and could not be reached again.
			if err := conns.failing(); err != nil {
				return fmt.Errorf("kafka %s: the broker closed the connection and cannot be reached again: %v", k.e.host, err)
			}
			return nil
		}
		for _, fe := range fetches.Errors() {
			if errors.Is(fe.Err, context.Canceled) || errors.Is(fe.Err, context.DeadlineExceeded) {
				return nil
			}
			return fmt.Errorf("kafka %s: reading %s partition %d: %v", k.e.host, fe.Topic, fe.Partition, fe.Err)
		}
		if fetches.IsClientClosed() {
			return fmt.Errorf("kafka %s: the client closed", k.e.host)
		}
		fetches.EachRecord(func(r *kgo.Record) {
			seq++
			emit(recordMessage(seq, r))
		})
	}
	return nil
}

func (k *kafkaSource) remaining(seq int64) int {
	if k.max <= 0 {
		return 10000
	}
	return int(int64(k.max) - seq)
}

// preflight checks the broker answers and every named topic exists, so
// that a typo or a broker that is down is one clear line, not a wait
// until --duration for messages that cannot come.
func (k *kafkaSource) preflight(ctx context.Context, cl *kgo.Client) error {
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := cl.Ping(pctx); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("kafka %s: no answer before the duration ran out", k.e.host)
		}
		return fmt.Errorf("kafka %s: cannot reach the broker: %v", k.e.host, err)
	}
	if !k.explicit {
		return nil
	}
	req := kmsg.NewPtrMetadataRequest()
	req.AllowAutoTopicCreation = false // read-only: asking must not create a topic
	for _, t := range k.e.topics {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(t)
		req.Topics = append(req.Topics, rt)
	}
	resp, err := req.RequestWith(pctx, cl)
	if err != nil {
		return fmt.Errorf("kafka %s: asking for the topics: %v", k.e.host, err)
	}
	var missing []string
	for _, t := range resp.Topics {
		if errors.Is(kerr.ErrorForCode(t.ErrorCode), kerr.UnknownTopicOrPartition) && t.Topic != nil {
			missing = append(missing, strconv.Quote(*t.Topic))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("kafka %s: no such topic: %s", k.e.host, strings.Join(missing, ", "))
	}
	return nil
}

// recordMessage turns a record into a message: its value is the payload's
// bytes, its headers strings (a header may repeat; the last one counts).
func recordMessage(seq int64, r *kgo.Record) *check.Message {
	m := &check.Message{Seq: seq, Topic: r.Topic, Raw: r.Value, HasHeaders: true, Headers: make(map[string]any, len(r.Headers))}
	for _, h := range r.Headers {
		m.Headers[h.Key] = string(h.Value)
	}
	return m
}

// connWatch remembers whether the last attempt to connect to a broker
// failed: franz-go reconnects by itself, so a broker that went away shows
// only as connection attempts that keep failing.
type connWatch struct {
	mu   sync.Mutex
	last error
}

func (w *connWatch) OnBrokerConnect(_ kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	w.mu.Lock()
	w.last = err
	w.mu.Unlock()
}

func (w *connWatch) failing() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.last
}
