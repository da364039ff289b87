package live

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"

	"github.com/eventdiff/eventdiff/check"
	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/spec"
)

const kafkaDoc = `asyncapi: 3.0.0
info: {title: orders, version: 1.0.0}
servers:
  local: {host: 'HOST', protocol: kafka SECURITY}
channels:
  placed:
    address: 'orders.{region}.placed'
    messages:
      M: {payload: {type: object, required: [id]}}
components:
  securitySchemes:
    sasl: {type: plain}
`

// docFor is kafkaDoc pointing at the fake cluster, with SASL when asked.
func docFor(addr string, sasl bool) string {
	d := strings.ReplaceAll(kafkaDoc, "HOST", addr)
	if sasl {
		return strings.ReplaceAll(d, " SECURITY}", ", security: [{$ref: '#/components/securitySchemes/sasl'}]}")
	}
	return strings.ReplaceAll(d, " SECURITY", "")
}

// produce writes records with franz-go as an application would.
func produce(t *testing.T, addr string, recs []*kgo.Record, opts ...kgo.Opt) {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(addr)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

func TestKafkaReadsTopicsFromTheStart(t *testing.T) {
	c := kfake.MustCluster(kfake.NumBrokers(1), kfake.SeedTopics(2, "orders.eu.placed", "orders.us.placed", "other"))
	defer c.Close()
	addr := c.ListenAddrs()[0]
	var recs []*kgo.Record
	for i := range 6 {
		recs = append(recs, &kgo.Record{Topic: "orders.eu.placed", Value: []byte(fmt.Sprintf(`{"id":%d}`, i)),
			Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("t")}}})
	}
	recs = append(recs, &kgo.Record{Topic: "orders.us.placed", Value: []byte(`{"id":9}`)}, &kgo.Record{Topic: "other", Value: []byte(`x`)})
	produce(t, addr, recs)
	doc := loadDoc(t, docFor(addr, false))

	t.Run("named topic", func(t *testing.T) {
		src, err := Open(Config{URL: "kafka://" + addr + "/orders.eu.placed", Offset: "oldest", MaxMessages: 4}, doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err, _ := readAll(t, src, 20*time.Second)
		if err != nil || len(got) != 4 {
			t.Fatalf("%d messages, %v", len(got), err)
		}
		if got[0].Topic != "orders.eu.placed" || !got[0].HasHeaders || got[0].Headers["trace"] != "t" || got[3].Seq != 4 {
			t.Fatalf("first %+v, last seq %d", got[0], got[3].Seq)
		}
	})
	// No topic named: the document's server and its channel addresses,
	// parameters as patterns; a topic no channel has is not read. A diff
	// of several documents reads one session for all: the server is the
	// first's, the topics every document's channels.
	other := loadDoc(t, "asyncapi: 3.0.0\ninfo: {title: misc, version: 1.0.0}\nchannels:\n  o: {address: other}\n")
	for _, tc := range []struct {
		name   string
		others []*spec.Document
		want   string
	}{
		{"channel addresses", nil, "map[orders.eu.placed:6 orders.us.placed:1]"},
		{"channel addresses of several documents", []*spec.Document{other}, "map[orders.eu.placed:6 orders.us.placed:1 other:1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := Open(Config{URL: "kafka://", Offset: "oldest", MaxMessages: 7 + len(tc.others)}, doc, tc.others...)
			if err != nil {
				t.Fatal(err)
			}
			got, err, _ := readAll(t, src, 20*time.Second)
			topics := map[string]int{}
			for _, m := range got {
				topics[m.Topic]++
			}
			if err != nil || fmt.Sprint(topics) != tc.want {
				t.Fatalf("%v, %v; want %s", topics, err, tc.want)
			}
		})
	}
	t.Run("newest waits for new messages until the duration", func(t *testing.T) {
		src, err := Open(Config{URL: "kafka://" + addr + "/orders.eu.placed", MaxMessages: 100}, doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err, took := readAll(t, src, 2*time.Second)
		if err != nil || len(got) != 0 {
			t.Fatalf("%d messages, %v", len(got), err)
		}
		if took > 5*time.Second {
			t.Fatalf("took %v past a 2s duration", took)
		}
	})
}

func TestKafkaTrouble(t *testing.T) {
	c := kfake.MustCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "orders.eu.placed"))
	defer c.Close()
	addr := c.ListenAddrs()[0]
	doc := loadDoc(t, docFor(addr, false))

	src, err := Open(Config{URL: "kafka://" + addr + "/orders.eu.placed,nope"}, doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err, _ := readAll(t, src, 10*time.Second); err == nil || !strings.Contains(err.Error(), `no such topic: "nope"`) {
		t.Fatalf("unknown topic: %v", err)
	}

	// A port nobody listens on: refused at once, said in one line.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	down := l.Addr().String()
	l.Close()
	src, _ = Open(Config{URL: "kafka://" + down + "/orders.eu.placed"}, doc)
	_, err, took := readAll(t, src, 30*time.Second)
	if err == nil || !strings.Contains(err.Error(), "cannot reach the broker") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("broker down: %v", err)
	}
	if took > 15*time.Second {
		t.Fatalf("took %v to give up on a refused connection", took)
	}

	for _, bad := range []Config{
		{URL: "kafka://user:secret@" + addr + "/t"},
		{URL: "amqp://" + addr},
		{URL: "kafka://" + addr + "/t", Offset: "yesterday"},
		{Server: "nosuch"},
	} {
		if _, err := Open(bad, doc); err == nil || strings.Contains(err.Error(), "secret") {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func TestKafkaSASL(t *testing.T) {
	c := kfake.MustCluster(kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser("PLAIN", "admin", "s3cret-pw"),
		kfake.SeedTopics(1, "orders.eu.placed"))
	defer c.Close()
	addr := c.ListenAddrs()[0]
	produce(t, addr, []*kgo.Record{{Topic: "orders.eu.placed", Value: []byte(`{"id":1}`)}},
		kgo.SASL(plain.Auth{User: "admin", Pass: "s3cret-pw"}.AsMechanism()))
	doc := loadDoc(t, docFor(addr, true))

	if _, err := Open(Config{Server: "local"}, doc); err == nil || !strings.Contains(err.Error(), "EVENTDIFF_BROKER_USERNAME") {
		t.Fatalf("a SASL server without credentials: %v", err)
	}
	src, err := Open(Config{Server: "local", Offset: "oldest", MaxMessages: 1, Username: "admin", Password: "s3cret-pw"}, doc)
	if err != nil {
		t.Fatal(err)
	}
	if got, err, _ := readAll(t, src, 20*time.Second); err != nil || len(got) != 1 {
		t.Fatalf("%d messages, %v", len(got), err)
	}
	src, _ = Open(Config{Server: "local", Offset: "oldest", MaxMessages: 1, Username: "admin", Password: "wrong-pw"}, doc)
	_, err, _ = readAll(t, src, 20*time.Second)
	if err == nil || strings.Contains(err.Error(), "wrong-pw") || strings.Contains(src.Name(), "admin") {
		t.Fatalf("wrong password: %v (name %s)", err, src.Name())
	}
}

// A broker that goes away while being read: the run ends at its duration
// with the messages read so far and one line that says so.
func TestKafkaBrokerGoesAway(t *testing.T) {
	c := kfake.MustCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "orders.eu.placed"))
	addr := c.ListenAddrs()[0]
	produce(t, addr, []*kgo.Record{{Topic: "orders.eu.placed", Value: []byte(`{"id":1}`)}})
	doc := loadDoc(t, docFor(addr, false))
	src, err := Open(Config{URL: "kafka://" + addr + "/orders.eu.placed", Offset: "oldest"}, doc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	var got int
	err = src.Read(ctx, func(*check.Message) {
		got++
		go c.Close() // after the first message, the broker goes away
	})
	if got != 1 || err == nil || !strings.Contains(err.Error(), "cannot be reached again") {
		t.Fatalf("%d messages, %v", got, err)
	}
}
