package spec

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	t.Parallel()
	for v, ok := range map[string]bool{
		"2.0.0": true, "2.0.0-rc1": true, "2.6.0": true, "2.6.9": true, "3.0.0": true, "3.1.0": true,
		"1.2.0": false, "2.7.0": false, "3.2.0": false, "4.0.0": false, "3.0": false, "latest": false, "": false,
	} {
		_, _, err := parseVersion(v)
		if (err == nil) != ok {
			t.Errorf("%q: err=%v, want ok=%v", v, err, ok)
		}
	}
}

func TestSplitURL(t *testing.T) {
	t.Parallel()
	for url, want := range map[string][2]string{
		"mqtt://broker.example.com:1883":   {"broker.example.com:1883", ""},
		"wss://ws.example.com/v1/stream":   {"ws.example.com", "/v1/stream"},
		"api.example.com:{port}/":          {"api.example.com:{port}", ""},
		"{scheme}://{host}/base/{version}": {"{host}", "/base/{version}"},
		"localhost":                        {"localhost", ""},
		"/relative/path":                   {"", "/relative/path"},
	} {
		h, p := splitURL(url)
		if h != want[0] || p != want[1] {
			t.Errorf("%s: got %q %q, want %q %q", url, h, p, want[0], want[1])
		}
	}
}

func loadText(t *testing.T, text string, opts Options) *Document {
	t.Helper()
	dir := writeTree(t, map[string]string{"a.yaml": text})
	d, err := load(t, filepath.Join(dir, "a.yaml"), "", opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const v2doc = `asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
defaultContentType: application/json
servers:
  prod: {url: 'mqtt://broker:1883/base', protocol: mqtt}
channels:
  user/signedup:
    subscribe:
      operationId: onSignup
      traits:
        - description: from the trait
      description: own
      message:
        oneOf:
          - $ref: '#/components/messages/A'
          - messageId: B
            contentType: text/plain
            payload: {type: string}
    publish:
      message:
        $ref: '#/components/messages/A'
components:
  messages:
    A:
      traits:
        - name: fromTrait
      name: own
      payload: {type: object}
`

func TestV2MapsToTheModel(t *testing.T) {
	t.Parallel()
	d := loadText(t, v2doc, Options{})
	if d.Perspective != Application || len(d.Operations) != 2 {
		t.Fatalf("perspective %s, %d operations", d.Perspective, len(d.Operations))
	}
	sub, pub := d.Operations[0], d.Operations[1]
	if sub.Verb != "subscribe" || sub.Action != Send || pub.Action != Receive {
		t.Errorf("subscribe=%s publish=%s", sub.Action, pub.Action)
	}
	if sub.Key != "onSignup" || pub.Key != "publish user/signedup" || pub.ID != "" {
		t.Errorf("keys %q %q id %q", sub.Key, pub.Key, pub.ID)
	}
	if len(sub.Messages) != 2 || sub.Messages[0] != pub.Messages[0] {
		t.Errorf("oneOf should give 2 messages and the shared one should be one model")
	}
	if got := sub.Node.Str("description"); got != "from the trait" {
		t.Errorf("2.x: the trait wins, got %q", got)
	}
	a, b := sub.Messages[0], sub.Messages[1]
	if a.Name != "fromTrait" || a.ComponentKey != "A" || a.ContentType != "application/json" {
		t.Errorf("message A: name %q key %q content type %q", a.Name, a.ComponentKey, a.ContentType)
	}
	if b.ID != "B" || b.ContentType != "text/plain" {
		t.Errorf("message B: id %q content type %q", b.ID, b.ContentType)
	}
	s := d.Servers[0]
	if s.Host != "broker:1883" || s.Pathname != "/base" || s.Protocol != "mqtt" {
		t.Errorf("server %+v", s)
	}
	if ch := d.Channels[0]; ch.Address != "user/signedup" || len(ch.Messages) != 2 {
		t.Errorf("channel %q with %d messages", ch.Address, len(ch.Messages))
	}

	client := loadText(t, v2doc, Options{Perspective: Client})
	if client.Operations[0].Action != Receive || client.Operations[1].Action != Send {
		t.Error("--v2-perspective client should flip the actions")
	}
}

const v3doc = `asyncapi: 3.1.0
info: {title: t, version: 1.0.0}
channels:
  signup:
    address: user/signedup
    messages:
      A: {$ref: '#/components/messages/A'}
      B: {payload: {type: string}}
operations:
  all:
    action: send
    channel: {$ref: '#/channels/signup'}
    traits:
      - description: from the trait
    description: own
  none:
    action: receive
    channel: {$ref: '#/channels/signup'}
    messages: []
  one:
    action: receive
    channel: {$ref: '#/channels/signup'}
    messages:
      - $ref: '#/channels/signup/messages/B'
    reply:
      address: {location: '$message.header#/replyTo'}
      messages:
        - $ref: '#/channels/signup/messages/A'
components:
  messages:
    A:
      payload: {type: object}
    Unused:
      payload: {type: object}
  schemas:
    Lonely: {type: string}
`

func TestV3MapsToTheModel(t *testing.T) {
	t.Parallel()
	d := loadText(t, v3doc, Options{})
	ops := map[string]*Operation{}
	for _, o := range d.Operations {
		ops[o.Key] = o
	}
	if n := len(ops["all"].Messages); n != 2 {
		t.Errorf("no messages list means every channel message, got %d", n)
	}
	if n := len(ops["none"].Messages); n != 0 {
		t.Errorf("messages: [] means none, got %d", n)
	}
	if m := ops["one"].Messages; len(m) != 1 || m[0].ChannelKey != "B" {
		t.Errorf("explicit list: %v", m)
	}
	if got := ops["all"].Node.Str("description"); got != "own" {
		t.Errorf("3.x: the object wins over its trait, got %q", got)
	}
	r := ops["one"].Reply
	if r == nil || r.AddressLocation != "$message.header#/replyTo" || len(r.Messages) != 1 || r.Messages[0].ComponentKey != "A" {
		t.Errorf("reply %+v", r)
	}
	if len(d.UnusedMessages) != 1 || d.UnusedMessages[0].ComponentKey != "Unused" {
		t.Errorf("unused messages %v", d.UnusedMessages)
	}
	if len(d.UnusedSchemas) != 1 || d.UnusedSchemas[0].Name != "Lonely" {
		t.Errorf("unused schemas %v", d.UnusedSchemas)
	}
	if len(d.Messages) != 2 {
		t.Errorf("used messages: %d", len(d.Messages))
	}
}

func TestInvalidButRecognisableDocumentsWarn(t *testing.T) {
	t.Parallel()
	d := loadText(t, `asyncapi: 3.0.0
info: {title: t}
channels:
  c: {address: x}
operations:
  bad: {action: publish, channel: {$ref: '#/channels/c'}}
  lost: {action: send}
extra: 1
`, Options{})
	if len(d.Operations) != 0 {
		t.Errorf("operations that cannot be understood are skipped, got %d", len(d.Operations))
	}
	if len(d.Warnings) < 4 {
		t.Errorf("want warnings for info.version, the bad action, the missing channel and the unknown field, got %v", d.Warnings)
	}
}

func TestNotAsyncAPI(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"openapi: 3.0.0\n":    "this is an OpenAPI document",
		"title: x\n":          "no `asyncapi` field",
		"- a\n- b\n":          "the top level is not a mapping",
		"asyncapi: 1.2.0\n":   "unsupported AsyncAPI version",
		"asyncapi: '4.0.0'\n": "unsupported AsyncAPI version",
	} {
		dir := writeTree(t, map[string]string{"a.yaml": text})
		_, err := load(t, filepath.Join(dir, "a.yaml"), "", Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
	}
}

// A payload or headers value that is no schema is read as accepting
// anything, which used to pass silently; it is a warning at its line. A
// boolean is a schema, null is none, and other formats (an Avro schema
// may be a string) are not JSON Schema's business.
func TestPayloadThatIsNoSchemaWarns(t *testing.T) {
	v3 := func(payload string) string {
		return "asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c:\n    address: c\n    messages:\n      m:\n" + payload
	}
	for _, tt := range []struct{ name, text, want string }{
		{"a string", v3("        payload: just a string\n"), `a.yaml:8: the payload of message "m" is a string, not a schema; it is compared as accepting anything`},
		{"a number", v3("        payload: 42\n"), `a.yaml:8: the payload of message "m" is a number, not a schema`},
		{"a list", v3("        headers: [a, b]\n"), `a.yaml:8: the headers of message "m" are an array, not a schema`},
		{"through a $ref", v3("        payload: {$ref: '#/components/schemas/S'}\ncomponents:\n  schemas:\n    S: oops\n"), `a.yaml:11: the payload of message "m" is a string, not a schema`},
		{"multi-format", v3("        payload: {schemaFormat: application/schema+json;version=draft-07, schema: 7}\n"), `a.yaml:8: the payload of message "m" is a number`},
		{"2.x inline", "asyncapi: 2.6.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c:\n    subscribe:\n      message:\n        payload: text\n", `a.yaml:7: the payload of a message is a string`},
		{"a boolean", v3("        payload: true\n"), ""},
		{"null", v3("        payload:\n"), ""},
		{"a schema", v3("        payload: {type: string}\n"), ""},
		{"Avro", v3("        payload: {schemaFormat: application/vnd.apache.avro;version=1.9.0, schema: string}\n"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := loadText(t, tt.text, Options{})
			var got []string
			for _, w := range d.Warnings {
				if strings.Contains(w.String(), "not a schema") {
					got = append(got, w.String())
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("unexpected warnings %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("warnings %q, want one with %q", got, tt.want)
			}
		})
	}
}
