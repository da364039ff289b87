package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/eventdiff/eventdiff/internal/brokertest"
)

const (
	chkBase = "../../testdata/check/base.yaml"
	chkRev  = "../../testdata/check/revision.yaml"
	chkMsgs = "../../testdata/check/messages.jsonl"
)

func TestCheckExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"report only", []string{"check", "--messages", chkMsgs, chkBase, chkRev}, ExitOK},
		{"rejected", []string{"check", chkBase, chkRev, "--messages", chkMsgs, "--fail-on", "rejected"}, ExitFailOn},
		{"invalid", []string{"check", "--fail-on", "invalid", "-m", chkMsgs, chkBase, chkRev}, ExitFailOn},
		{"one document", []string{"check", "--messages", chkMsgs, chkBase, "--fail-on", "rejected"}, ExitFailOn},
		{"nothing rejected", []string{"check", "--messages", chkMsgs, chkBase, chkBase, "--fail-on", "rejected"}, ExitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", nil, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "channel orders/{region}/placed") {
				t.Errorf("no report:\n%s", r.stdout)
			}
		})
	}
}

// check renders through the same format registry as diff: markdown too.
func TestCheckMarkdown(t *testing.T) {
	r := run(t, "", nil, "check", "-f", "markdown", "--messages", chkMsgs, chkBase, chkRev)
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "### ❌ eventdiff check: The revision rejects 3 of the 8 messages") ||
		!strings.Contains(r.stdout, "| `orders/{region}/placed` | receive | 9 | 7 | 2 | 4 | **3** | 0 |") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestCheckTrouble(t *testing.T) {
	tests := []struct {
		name, want string
		args       []string
	}{
		{"no source", "give one", []string{"check", chkBase}},
		{"two sources", "give one", []string{"check", "--messages", chkMsgs, "--from", "kafka://127.0.0.1:1/x", chkBase}},
		{"no document", "check needs BASE", []string{"check", "--messages", chkMsgs}},
		{"three documents", "check needs BASE", []string{"check", "--messages", chkMsgs, chkBase, chkRev, chkRev}},
		{"missing capture", "nope.jsonl: no such file or directory", []string{"check", "--messages", "nope.jsonl", chkBase}},
		{"a directory as capture", "is a directory", []string{"check", "--messages", ".", chkBase}},
		{"a device as capture", "is a character device", []string{"check", "--messages", "/dev/zero", chkBase}},
		{"missing document", "nope.yaml", []string{"check", "--messages", chkMsgs, "nope.yaml"}},
		{"fail-on", `unknown --fail-on "breaking"`, []string{"check", "--messages", chkMsgs, "--fail-on", "breaking", chkBase}},
		{"format", `unknown --format "junit"`, []string{"check", "--messages", chkMsgs, "--format", "junit", chkBase}},
		{"stdin twice", "standard input", []string{"check", "--messages", "-", "-"}},
		{"bad scheme", "use kafka://", []string{"check", "--from", "amqp://x", chkBase}},
		{"credentials in the URL", "EVENTDIFF_BROKER_PASSWORD", []string{"check", "--from", "kafka://u:hunter2@127.0.0.1:1/t", chkBase}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", nil, tc.args...)
			if r.code != ExitTrouble || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want exit 2 and one line with %q", r.code, r.stderr, tc.want)
			}
			if strings.Contains(r.stderr, "hunter2") {
				t.Fatal("a password was printed")
			}
		})
	}
}

// A capture from a named pipe is read as it is written; one that nobody
// writes to is an empty capture at once, not a wait that --duration
// cannot end (the open itself would block).
func TestCheckNamedPipe(t *testing.T) {
	capture, err := os.ReadFile(chkMsgs)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "capture.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	start := time.Now()
	r := run(t, "", nil, "check", "--format", "json", "--messages", fifo, chkBase, chkRev, "--duration", "1m")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"seen": 0`) || time.Since(start) > 30*time.Second {
		t.Fatalf("nobody writing: exit %d after %v\n%s\n%s", r.code, time.Since(start), r.stdout, r.stderr)
	}

	// A pipe as bash's <(…) gives it, written in two parts: reading waits
	// for the rest, and ends when the writer closes.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	go func() {
		half := len(capture) / 2
		pw.Write(capture[:half])
		time.Sleep(200 * time.Millisecond)
		pw.Write(capture[half:])
		pw.Close()
	}()
	r = run(t, "", nil, "check", "--format", "json", "--messages", fmt.Sprintf("/dev/fd/%d", pr.Fd()), chkBase, chkRev)
	if r.code != ExitOK || !strings.Contains(r.stdout, `"rejectedByRevision": 3`) {
		t.Fatalf("a pipe written in two parts: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// A capture from standard input, and --duration bounding it.
func TestCheckStdin(t *testing.T) {
	capture, err := os.ReadFile(chkMsgs)
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, string(capture), nil, "check", "--format", "json", "--messages", "-", chkBase, chkRev, "--duration", "1m")
	if r.code != ExitOK || !strings.Contains(r.stdout, `"rejectedByRevision": 3`) || !strings.Contains(r.stdout, `"source": "standard input"`) {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// Live from Kafka through the command: records produced to franz-go's
// in-process cluster, read from the start, checked against both versions.
func TestCheckFromKafka(t *testing.T) {
	addr := kafkaWith(t, "orders/eu/placed", `{"orderId":"1","total":1,"currency":"EUR"}`, `{"orderId":"2","total":1}`, "\x00\x01binary")
	r := run(t, "", nil, "check", "--from", "kafka://"+addr+"/orders/eu/placed", "--offset", "oldest",
		"--max-messages", "3", "--duration", "20s", chkBase, chkRev)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"3 messages from kafka://" + addr + "/orders/eu/placed",
		"seen 3 · valid under the base 2 · invalid under the base 1 · valid under the revision 1 · rejected by the revision 1",
		"lack `currency`", "message #2 on", "payload is binary (8 bytes), not JSON",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s", want, r.stdout)
		}
	}
	// A broker that is not there: exit 2 and one line, before the duration.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	down := l.Addr().String()
	l.Close()
	start := time.Now()
	r = run(t, "", map[string]string{"EVENTDIFF_BROKER_USERNAME": "u", "EVENTDIFF_BROKER_PASSWORD": "pa55word"},
		"check", "--from", "kafka://"+down+"/t", "--duration", "1m", chkBase)
	if r.code != ExitTrouble || !strings.Contains(r.stderr, "cannot reach the broker") || time.Since(start) > 30*time.Second {
		t.Fatalf("exit %d, %q after %v", r.code, r.stderr, time.Since(start))
	}
	if strings.Contains(r.stdout+r.stderr, "pa55word") {
		t.Fatal("the password was printed")
	}
}

// kafkaWith starts franz-go's in-process cluster, stopped when the test
// ends, with one topic holding the values, and returns its address.
func kafkaWith(t *testing.T, topic string, values ...string) string {
	t.Helper()
	c := kfake.MustCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	t.Cleanup(c.Close)
	addr := c.ListenAddrs()[0]
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var recs []*kgo.Record
	for _, v := range values {
		recs = append(recs, &kgo.Record{Topic: topic, Value: []byte(v)})
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// Live from MQTT through the command, against a real mosquitto; the
// server is the document's, its host replaced with --broker.
func TestCheckFromMQTT(t *testing.T) {
	b := brokertest.StartMosquitto(t)
	stop := brokertest.Publisher(t, b.Addr, map[string]string{
		"orders/eu/placed":   `{"orderId":"1","total":1}`,
		"orders/eu/refunded": `{}`,
	})
	defer stop()
	doc := filepath.Join(t.TempDir(), "asyncapi.yaml")
	src, _ := os.ReadFile(chkBase)
	if err := os.WriteFile(doc, []byte(strings.Replace(string(src), "protocol: kafka", "protocol: mqtt", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", nil, "check", "--server", "production", "--broker", b.Addr, "--max-messages", "4", "--duration", "20s", "--fail-on", "invalid", doc)
	if r.code != ExitOK || !strings.Contains(r.stdout, "4 messages from mqtt://"+b.Addr+"/orders/+/placed,orders/+/shipped") ||
		!strings.Contains(r.stdout, "seen 4 · valid 4") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	// The host comes from BASE: a revision that moves the server elsewhere
	// (here, to a port nobody listens on) does not move the reading.
	mqttDoc := strings.Replace(string(src), "protocol: kafka", "protocol: mqtt", 1)
	baseDoc, revDoc := filepath.Join(t.TempDir(), "base.yaml"), filepath.Join(t.TempDir(), "rev.yaml")
	os.WriteFile(baseDoc, []byte(strings.Replace(mqttDoc, "kafka.example.com:9092", b.Addr, 1)), 0o644)
	os.WriteFile(revDoc, []byte(strings.Replace(mqttDoc, "kafka.example.com:9092", "127.0.0.1:1", 1)), 0o644)
	r = run(t, "", nil, "check", "--server", "production", "--max-messages", "2", "--duration", "20s", baseDoc, revDoc)
	if r.code != ExitOK || !strings.Contains(r.stdout, "2 messages from mqtt://"+b.Addr+"/") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
