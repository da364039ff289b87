package cli

import (
	"encoding/json"
	"net"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/github/githubtest"
)

const exMsgs = "../../testdata/examples/messages.jsonl"

// withoutTraffic removes what --messages adds to a report: the traffic
// fields of the JSON report, the evidence lines and the summary line of
// the others. What remains must be the report without messages.
func withoutTraffic(t *testing.T, format, out string) string {
	t.Helper()
	if format == "json" {
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		delete(v, "traffic")
		for _, c := range v["changes"].([]any) {
			delete(c.(map[string]any), "traffic")
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	return trafficLines.ReplaceAllString(out, "")
}

var trafficLines = regexp.MustCompile(`(?m)^ *traffic: .*\n|^[0-9,]+ messages? read from .*\n`)

// Traffic is evidence, never a verdict: with and without messages, the
// exit code is the same and the report is the same but for the evidence.
func TestDiffMessagesNeverChangeTheVerdict(t *testing.T) {
	for _, pair := range [][3]string{{exBase, exRev, exMsgs}, {chkBase, chkRev, chkMsgs}, {chkBase, chkBase, chkMsgs}} {
		for _, failOn := range []string{"none", "info", "warning", "breaking"} {
			for _, format := range []string{"text", "json"} {
				args := []string{"diff", "-f", format, "--fail-on", failOn, "--check-version", pair[0], pair[1]}
				without := run(t, "", nil, args...)
				with := run(t, "", nil, append(args, "--messages", pair[2])...)
				if with.code != without.code || with.code == ExitTrouble {
					t.Fatalf("%v: exit %d with messages, %d without\n%s", args, with.code, without.code, with.stderr)
				}
				if withoutTraffic(t, format, with.stdout) != withoutTraffic(t, format, without.stdout) {
					t.Errorf("%v: the report changed beyond its evidence:\n%s\nwithout messages:\n%s", args, with.stdout, without.stdout)
				}
				if with.stdout == without.stdout && pair[0] != pair[1] {
					t.Errorf("%v: no evidence at all:\n%s", args, with.stdout)
				}
			}
		}
	}
}

func TestDiffMessagesTrouble(t *testing.T) {
	tests := []struct {
		name, want, stdin string
		args              []string
	}{
		{"missing capture", "nope.jsonl: no such file or directory", "", []string{"diff", "--messages", "nope.jsonl", exBase, exRev}},
		{"two sources", "give one, not both", "", []string{"diff", exBase, exRev, "--messages", exMsgs, "--from", "kafka://127.0.0.1:1/x"}},
		{"stdin twice", "standard input", "", []string{"diff", "--messages", "-", exBase, "-"}},
		{"bad scheme", "use kafka://", "", []string{"diff", "--from", "amqp://x", exBase, exRev}},
		// The server comes from BASE only, and this one has none.
		{"no server to read from", "no Kafka or MQTT server", "", []string{"diff", "--from", "kafka:///t", "../../testdata/reports/none/base.yaml", chkRev}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.stdin, nil, tc.args...)
			if r.code != ExitTrouble || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2, no report and one line with %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
}

// Lines that cannot be read, binary payloads and unknown addresses are
// counted, never fatal; options go before or after the documents.
func TestDiffMessagesBadLinesAreCounted(t *testing.T) {
	capture := strings.Join([]string{
		`not json`,
		`{"topic":"user/signup","payload":{"email":"a@example.com"}}`,
		`{"topic":"user/signup","payload":"\u0000\u00ff binary"}`,
		`{"topic":"nowhere\u001b[2J","payload":{}}`,
		`[1,2]`,
	}, "\n")
	first := run(t, capture, nil, "diff", "--messages", "-", "--fail-on", "breaking", exBase, exRev)
	last := run(t, capture, nil, "diff", exBase, exRev, "--messages", "-", "--fail-on", "breaking")
	if first.code != ExitFailOn || first != last {
		t.Fatalf("exit %d / %d\n%s%s", first.code, last.code, first.stdout, first.stderr)
	}
	for _, want := range []string{
		"3 messages read from standard input: 1 on no channel of the documents, 2 lines malformed",
		"traffic: rejects 1 of 2 messages seen on user/signup",
		"traffic: no message seen was affected: none was seen on user/signedup, which does not make the change safe",
	} {
		if !strings.Contains(first.stdout, want) {
			t.Errorf("missing %q in:\n%s", want, first.stdout)
		}
	}
}

// Several documents, one capture read once from standard input: each
// document judges the messages on its own channels.
func TestDiffMessagesSeveralDocuments(t *testing.T) {
	usersRepo(t)
	capture := `{"topic":"orders/created","payload":{"id":"1"}}
{"topic":"orders/created","payload":{"id":"2"}}
{"topic":"orders/made","payload":{"id":"3"}}
{"topic":"orders/canceled","payload":{"id":"4"}}
`
	r := run(t, capture, nil, "diff", "-f", "json", "--messages", "-", "--base-ref", "HEAD", "api/asyncapi.yaml", "users/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	type traffic struct {
		Seen, Unmatched, Malformed int64
	}
	type change struct {
		ID      string
		Traffic *struct {
			Seen, Rejected, Undecided *int64
			Channel                   string
		}
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	var got []string
	for dec.More() {
		var rep struct {
			Revision struct{ Source string }
			Traffic  traffic
			Changes  []change
		}
		if err := dec.Decode(&rep); err != nil {
			t.Fatal(err)
		}
		got = append(got, rep.Revision.Source+": "+jsonInts(rep.Traffic.Seen, rep.Traffic.Unmatched, rep.Traffic.Malformed))
		for _, c := range rep.Changes {
			if c.Traffic != nil && c.Traffic.Seen != nil {
				got = append(got, "  "+c.ID+" on "+c.Traffic.Channel+": "+jsonInts(*c.Traffic.Rejected, *c.Traffic.Seen, *c.Traffic.Undecided))
			}
		}
	}
	sameList(t, "evidence", got, []string{
		// api: orders/made is no channel of its; the content type became
		// Avro, which is not validated: undecided, never "unaffected".
		"api/asyncapi.yaml: 4 1 0",
		"  message-content-type-changed on orders/created: 0 2 2",
		// users: orders/created moved to orders/made; canceled is no channel of its.
		"users/asyncapi.yaml: 4 1 0",
		"  channel-address-changed on orders/created: 2 2 0",
	})
}

func jsonInts(ns ...int64) string {
	b, _ := json.Marshal(ns)
	return strings.Trim(strings.ReplaceAll(string(b), ",", " "), "[]")
}

// Live from Kafka: records produced to franz-go's in-process cluster are
// the evidence; a broker that is not there is exit 2 and one line.
func TestDiffMessagesFromKafka(t *testing.T) {
	addr := kafkaWith(t, "user/signup", `{"email":"a@example.com","displayName":"A"}`, `{"email":"b@example.com"}`, "\x00\x01binary")
	r := run(t, "", nil, "diff", "--from", "kafka://"+addr+"/user/signup", "--offset", "oldest", "--max-messages", "3",
		"--duration", "20s", "--fail-on", "breaking", exBase, exRev)
	if r.code != ExitFailOn {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"3 messages read from kafka://" + addr + "/user/signup: 0 on no channel of the documents, 0 messages malformed",
		"traffic: rejects 1 of 3 messages seen on user/signup",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s", want, r.stdout)
		}
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	down := l.Addr().String()
	l.Close()
	r = run(t, "", map[string]string{"EVENTDIFF_BROKER_USERNAME": "u", "EVENTDIFF_BROKER_PASSWORD": "pa55word"},
		"diff", "--from", "kafka://"+down+"/user/signup", "--duration", "1m", exBase, exRev)
	if r.code != ExitTrouble || !strings.Contains(r.stderr, "cannot reach the broker") || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "pa55word") {
		t.Fatal("the password was printed")
	}
}

// The pull-request comment, the job summary and the annotations carry the
// evidence too.
func TestDiffMessagesInTheGitHubComment(t *testing.T) {
	ordersRepo(t)
	srv := githubtest.New(testToken)
	defer srv.Close()
	env := actionsEnv(t, srv, prEvent)
	capture := `{"topic":"orders/created","payload":{"id":"1"}}` + "\n"
	r := (&retries{}).run(t, env, "diff", "--format", "github", "--github-comment", "--base-ref", "HEAD", "--messages", "capture.jsonl", "api/asyncapi.yaml")
	if r.code != ExitTrouble || !strings.Contains(r.stderr, "capture.jsonl: no such file or directory") || len(srv.Comments(12)) != 0 {
		t.Fatalf("a missing capture: exit %d, %q, %d comments", r.code, r.stderr, len(srv.Comments(12)))
	}
	write(t, ".", map[string]string{"capture.jsonl": capture})
	r = (&retries{}).run(t, env, "diff", "--format", "github", "--github-comment", "--base-ref", "HEAD", "--messages", "capture.jsonl", "api/asyncapi.yaml")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	summary, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
	cs := srv.Comments(12)
	if len(cs) != 1 {
		t.Fatalf("%d comments", len(cs))
	}
	const want = "rejects 0 of 1 message seen on orders/created; 1 of them could not be judged"
	for what, s := range map[string]string{"comment": cs[0].Body, "summary": string(summary), "annotations": r.stdout} {
		if !strings.Contains(s, want) || !strings.Contains(s, "1 message read from capture.jsonl: 0 on no channel of the documents, 0 lines malformed") {
			t.Errorf("the %s lacks the evidence:\n%s", what, s)
		}
	}
}
