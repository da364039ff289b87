package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/eventdiff/eventdiff/internal/corpus"
	"github.com/eventdiff/eventdiff/tree"
)

// fuzzSeedFiles returns the YAML and JSON files of the project's test data
// that make good starting points: rule fixtures, examples, invalid inputs
// and Avro fixtures, in a stable order.
func fuzzSeedFiles(t testing.TB, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "fuzz" || d.Name() == "golden" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(p) {
		case ".yaml", ".yml", ".json", ".avsc":
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// maxSeedSize keeps large corpus documents out of the seeds: the fuzzer
// mutates small inputs far faster, and size is tested by the limit tests.
const maxSeedSize = 64 << 10

// handSeeds cover what the project's fixtures rarely show: references
// across files, cycles, aliases, merge keys, traits and odd shapes.
var handSeeds = [][2]string{
	{"asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c: {$ref: 'other.yaml#/c'}\noperations:\n  o: {action: send, channel: {$ref: '#/channels/c'}}\n",
		"c: {address: a/{id}, messages: {m: {payload: {$ref: '#/s'}}}, parameters: {id: {}}}\ns: {type: object, properties: {n: {$ref: '#/s'}}}\n"},
	{"asyncapi: 2.6.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  a:\n    subscribe:\n      traits: [{$ref: 'other.yaml#/t'}]\n      message: {$ref: 'other.yaml#/m'}\n",
		"t: {operationId: x}\nm: {payload: {allOf: [{$ref: '#/m/payload'}, {type: string}]}}\n"},
	{`{"asyncapi": "3.1.0", "info": {"title": "t", "version": "1"}, "channels": {"a": {"$ref": "#/channels/b"}, "b": {"$ref": "#/channels/a"}}}`, `{}`},
	{"asyncapi: 3.0.0\ninfo: &i {title: t, version: 1.0.0}\nchannels:\n  a: &c {address: x, messages: {m: &m {name: n}}}\n  b: *c\ncomponents:\n  messages: {m: *m, k: {<<: *m, name: k}}\n", "x: 1"},
	{"asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\noperations:\n  o: {action: receive, channel: {$ref: 'other.yaml'}, reply: {channel: {$ref: 'missing.yaml'}}}\n", "address: z\nmessages: {a: {$ref: '#/messages/b'}, b: {$ref: '#/messages/a'}}\n"},
	{"asyncapi: 2.0.0\ninfo: {title: t, version: 1.0.0}\nservers: {s: {url: 'mqtt://h:1/p', protocol: mqtt, security: [{k: []}]}}\ncomponents: {securitySchemes: {k: {type: userPassword}}}\nchannels: {'a/{b}': {parameters: {b: {$ref: 'other.yaml#/p'}}, publish: {message: {oneOf: [{$ref: '#/components/messages/x'}]}}}}\n",
		"p: {schema: {type: string, enum: [a, b]}}\n"},
	{"asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\ncomponents:\n  schemas:\n    a: {$ref: 'other.yaml#/b'}\n", "b: {$ref: 'asyncapi.yaml#/components/schemas/a'}\n"},
}

// FuzzLoad loads arbitrary bytes as a document whose relative references
// reach a second arbitrary file. Whatever the input, Load must return (no
// panic, no hang) either a *Error with a one-line message or a Document
// whose parts point at each other consistently; the same bytes read as
// strict JSON, and the YAML tree written out as JSON, must agree.
func FuzzLoad(f *testing.F) {
	seen := map[string]bool{}
	add := func(main, other []byte) {
		if len(main) > maxSeedSize || len(other) > maxSeedSize {
			return
		}
		k := string(main) + "\x00" + string(other)
		if !seen[k] {
			seen[k] = true
			f.Add(main, other)
		}
	}
	for _, s := range handSeeds {
		add([]byte(s[0]), []byte(s[1]))
	}
	files := fuzzSeedFiles(f, filepath.Join("..", "testdata"))
	for i, p := range files {
		main, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// The second file is a neighbour: a fixture's other side, or a schema it uses.
		other := []byte("{}")
		if i+1 < len(files) {
			if other, err = os.ReadFile(files[i+1]); err != nil {
				f.Fatal(err)
			}
		}
		add(main, other)
	}
	if dir := corpus.Dir(); dir != "" {
		pairs, err := corpus.Read(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range pairs {
			oldData, err1 := os.ReadFile(p.Old)
			newData, err2 := os.ReadFile(p.New)
			if err1 == nil && err2 == nil {
				add(oldData, newData)
			}
		}
	}
	f.Fuzz(func(t *testing.T, main, other []byte) {
		if os.Getenv("FUZZ_DEBUG") != "" {
			t.Logf("main %d bytes: %.200q", len(main), main)
		}
		defer watchdog(t, 10*time.Second)()
		d, err := loadFuzzed("asyncapi.yaml", main, other)
		checkLoad(t, d, err)
		dj, errj := loadFuzzed("asyncapi.json", main, other)
		checkLoad(t, dj, errj)
		if err == nil && dj == nil && json.Valid(main) {
			t.Fatalf("valid JSON loads as .yaml but not as .json: %v", errj)
		}
		if d != nil {
			checkReencoded(t, d, main, other)
		}
	})
}

// watchdog crashes the process, so that the fuzzer records the input,
// when one input runs far longer than any input of fuzzing size should.
func watchdog(t *testing.T, limit time.Duration) (stop func()) {
	timer := time.AfterFunc(limit, func() {
		panic("hang: one input ran for more than " + limit.String())
	})
	return func() { timer.Stop() }
}

// checkLoad asserts the contract of Load on one result.
func checkLoad(t *testing.T, d *Document, err error) {
	t.Helper()
	if err != nil {
		if d != nil {
			t.Fatalf("both a document and an error: %v", err)
		}
		var e *tree.Error
		if !errors.As(err, &e) || err != error(e) {
			t.Fatalf("error is %T, not *tree.Error: %v", err, err)
		}
		if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || (e.Msg == "" && e.Err == nil) {
			t.Fatalf("error is not one line: %q", msg)
		}
		return
	}
	checkDocument(t, d)
}

// checkDocument asserts that a loaded document is internally consistent.
func checkDocument(t *testing.T, d *Document) {
	t.Helper()
	if d == nil || d.Root == nil || d.Info == nil {
		t.Fatal("a document without root or info")
	}
	if d.Major != 2 && d.Major != 3 {
		t.Fatalf("major version %d", d.Major)
	}
	if len(d.Files) == 0 || d.Root.File == nil {
		t.Fatal("a document without files")
	}
	chans := map[*Channel]bool{}
	for _, c := range d.Channels {
		if c == nil || c.Node == nil {
			t.Fatal("nil channel or channel node")
		}
		if chans[c] {
			t.Fatalf("channel %q is listed twice", c.Label())
		}
		chans[c] = true
		if len(c.Messages) != len(c.MessageKeys) {
			t.Fatalf("channel %q: %d messages, %d keys", c.Label(), len(c.Messages), len(c.MessageKeys))
		}
	}
	msgs := map[*Message]bool{}
	for _, m := range d.Messages {
		if m == nil || m.Def == nil || m.Node == nil {
			t.Fatal("nil message or message node")
		}
		if msgs[m] {
			t.Fatalf("message %q is listed twice", m.Label())
		}
		msgs[m] = true
	}
	for _, m := range d.UnusedMessages {
		if msgs[m] {
			t.Fatalf("message %q is both used and unused", m.Label())
		}
	}
	for _, c := range d.Channels {
		for _, m := range c.Messages {
			if !msgs[m] {
				t.Fatalf("a message of channel %q is not in Messages", c.Label())
			}
		}
	}
	ops := map[string]bool{}
	for _, o := range d.Operations {
		if o == nil || o.Node == nil {
			t.Fatal("nil operation")
		}
		if o.Channel == nil || !chans[o.Channel] {
			t.Fatalf("operation %q: its channel is not in Channels", o.Key)
		}
		if o.Action != Send && o.Action != Receive {
			t.Fatalf("operation %q: action %q", o.Key, o.Action)
		}
		if d.Major == 3 && ops[o.Key] {
			t.Fatalf("operation key %q twice", o.Key)
		}
		ops[o.Key] = true
		for _, m := range o.Messages {
			if !msgs[m] {
				t.Fatalf("a message of operation %q is not in Messages", o.Key)
			}
		}
		if r := o.Reply; r != nil {
			if r.Channel != nil && !chans[r.Channel] {
				t.Fatalf("operation %q: its reply channel is not in Channels", o.Key)
			}
			for _, m := range r.Messages {
				if !msgs[m] {
					t.Fatalf("a reply message of operation %q is not in Messages", o.Key)
				}
			}
		}
	}
	// Every element can say where it is, and that place leads back to it.
	for _, c := range d.Channels {
		checkLocation(t, c.Node)
	}
	for _, o := range d.Operations {
		checkLocation(t, o.Node)
	}
	for _, m := range d.Messages {
		checkLocation(t, m.Def)
		checkLocation(t, m.Node)
	}
	for _, s := range d.Servers {
		checkLocation(t, s.Node)
	}
}

// checkLocation asserts that a node's JSON pointer, walked from the root
// of its file without following references, reaches the node again.
// Nodes made by applying traits have no place of their own and are skipped.
func checkLocation(t *testing.T, n *tree.Node) {
	t.Helper()
	loc := n.Loc()
	if loc == nil || !strings.HasPrefix(loc.Pointer, "#") {
		t.Fatalf("bad location %+v", loc)
	}
	if n.File == nil || n.File.Root == nil {
		return
	}
	for c := n; c.Parent != nil; c = c.Parent {
		p := c.Parent
		if p.Kind == tree.Map && p.Fields[c.Index].Value != c || p.Kind == tree.Seq && p.Items[c.Index] != c {
			return // a node made by applying traits: it borrows a place
		}
	}
	cur := n.File.Root
	if loc.Pointer != "#" {
		for _, seg := range strings.Split(loc.Pointer[2:], "/") {
			seg = tree.UnescapePointer(seg)
			switch cur.Kind {
			case tree.Map:
				cur = cur.Get(seg)
			case tree.Seq:
				i := 0
				for _, c := range seg {
					i = i*10 + int(c-'0')
				}
				if i < len(cur.Items) {
					cur = cur.Items[i]
				} else {
					cur = nil
				}
			default:
				cur = nil
			}
			if cur == nil {
				t.Fatalf("pointer %s of a node leads nowhere", loc.Pointer)
			}
		}
	}
	if cur != n {
		t.Fatalf("pointer %s leads to another node", loc.Pointer)
	}
}

// checkReencoded writes a loaded YAML tree out as JSON and loads that
// again: the JSON parser must build the same model. Trees that share
// nodes (aliases, merge keys) are skipped, since JSON copies what YAML
// shares, and so are texts that are not UTF-8, which JSON cannot carry.
func checkReencoded(t *testing.T, d *Document, main, other []byte) {
	t.Helper()
	if !utf8.Valid(main) || len(d.Files) == 0 || d.Root.File.JSON {
		return
	}
	budget := 20000
	if !plainTree(d.Root, &budget) {
		return
	}
	text, err := json.Marshal(d.Root.Interface())
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	dj, err := loadFuzzed("asyncapi.yaml", text, other)
	if err != nil {
		t.Fatalf("the document written as JSON does not load: %v\n%s", err, text)
	}
	if a, b := modelShape(d), modelShape(dj); a != b {
		t.Fatalf("YAML and JSON give different models:\n%s\n%s", a, b)
	}
}

// plainTree reports whether every node under n has n as its parent (no
// node is shared) and there are fewer than budget of them.
func plainTree(n *tree.Node, budget *int) bool {
	*budget--
	if *budget < 0 {
		return false
	}
	switch n.Kind {
	case tree.String:
		if !utf8.ValidString(n.Value) {
			return false
		}
	case tree.Number:
		// Numbers must keep their spelling through float64 and back.
		if x, err := json.Marshal(n.Interface()); err != nil || string(x) != n.Value {
			return false
		}
	}
	for i, f := range n.Fields {
		if f.Value.Parent != n || int(f.Value.Index) != i || !utf8.ValidString(f.Key) || !plainTree(f.Value, budget) {
			return false
		}
	}
	for i, it := range n.Items {
		if it.Parent != n || int(it.Index) != i || !plainTree(it, budget) {
			return false
		}
	}
	return true
}

// modelShape summarises what a document's model holds, without positions.
func modelShape(d *Document) string {
	var b bytes.Buffer
	b.WriteString(d.Version)
	for _, s := range d.Servers {
		b.WriteString("\nserver " + s.Name + " " + s.Host + s.Pathname + " " + s.Protocol)
	}
	for _, c := range d.Channels {
		b.WriteString("\nchannel " + c.Key + " " + c.Address)
		for _, k := range c.MessageKeys {
			b.WriteString(" " + k)
		}
	}
	for _, o := range d.Operations {
		b.WriteString("\noperation " + o.Key + " " + string(o.Action) + " " + o.Channel.Key)
	}
	for _, m := range d.Messages {
		b.WriteString("\nmessage " + m.Label() + " " + m.ContentType)
	}
	for _, m := range d.UnusedMessages {
		b.WriteString("\nunused message " + m.Label())
	}
	for _, s := range d.UnusedSchemas {
		b.WriteString("\nunused schema " + s.Name)
	}
	return b.String()
}

// Found by FuzzLoad: two 3.x channel ids that refer to one definition
// listed the same channel twice in the model.
func TestChannelWithTwoIDsIsListedOnce(t *testing.T) {
	t.Parallel()
	doc := []byte(header3 + "channels:\n  a: {$ref: '#/components/channels/x'}\n  b: {$ref: '#/components/channels/x'}\n" +
		"  c: &c {address: c}\n  d: *c\noperations:\n  o: {action: send, channel: {$ref: '#/channels/b'}}\n" +
		"components:\n  channels:\n    x: {address: x, messages: {m: {payload: {type: string}}}}\n")
	d, err := loadFuzzed("asyncapi.yaml", doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Channels) != 2 {
		t.Fatalf("%d channels, want x and c once each", len(d.Channels))
	}
}

// Found by FuzzLoad: an error naming a pointer or file written with a
// line break ran over two lines.
func TestErrorsStayOneLine(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{
		header3 + "components: {schemas: {a: {$ref: \"#/nothing\\nhere\"}}}\n",
		header3 + "components: {schemas: {a: {$ref: \"#/\\r\\r\"}}}\n",
		header3 + "components: {schemas: {a: {$ref: \"missing\\n.yaml\"}}}\n",
	} {
		_, err := loadFuzzed("asyncapi.yaml", []byte(doc), nil)
		if err == nil || strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("%q", err)
		}
	}
}
