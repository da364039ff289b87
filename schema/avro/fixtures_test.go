package avro

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/fixtures"
	"github.com/eventdiff/eventdiff/internal/testload"
	"github.com/eventdiff/eventdiff/tree"

	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// update rewrites the per-rule fixture documents in testdata/rules.
var update = golden.Update

const rulesDir = "../../testdata/rules"

// TestRulesCatalogue checks the rule list against what the tests make
// Compare emit: every emitted id is listed, every listed id is emitted by
// some case, and each has exactly one fixture case.
func TestRulesCatalogue(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{}
	for _, r := range declaredRules() {
		listed[r.ID] = true
		if !regexp.MustCompile(`^avro-[a-z]+(-[a-z]+)*$`).MatchString(r.ID) {
			t.Errorf("%s is not a kebab-case avro- id", r.ID)
		}
		if r.Row != "" && !regexp.MustCompile(`^AV-\d\d$`).MatchString(r.Row) {
			t.Errorf("%s: row %q", r.ID, r.Row)
		}
		if !r.ByEffect || r.Object != "schema" {
			t.Errorf("%s: a schema rule is judged by effect", r.ID)
		}
	}
	emitted := map[string]bool{}
	fixtures := map[string]int{}
	for _, tc := range ruleCases {
		for _, d := range compareText(t, tc.base, tc.rev).Deltas {
			emitted[d.Rule] = true
			if !listed[d.Rule] {
				t.Errorf("case %q emits %s, which the catalogue does not declare", tc.name, d.Rule)
			}
		}
		if tc.fixture != "" {
			fixtures[tc.fixture]++
			if !slices.Contains(tc.rules, tc.fixture) {
				t.Errorf("case %q is the fixture of %s but does not expect it", tc.name, tc.fixture)
			}
		}
	}
	for _, r := range declaredRules() {
		if !emitted[r.ID] {
			t.Errorf("%s is listed but no test case emits it", r.ID)
		}
		if fixtures[r.ID] != 1 {
			t.Errorf("%s has %d fixture cases, want 1", r.ID, fixtures[r.ID])
		}
	}
}

// writeFixture renders one side of a fixture case's folder and, under
// -update, writes it.
func writeFixture(t *testing.T, tc ruleCase, side string) (file string, doc []byte) {
	t.Helper()
	schema := tc.base
	if side == "revision" {
		schema = tc.rev
	}
	file, doc = filepath.Join(rulesDir, tc.fixture, side+".yaml"), fixtureDocument(t, tc, side, schema)
	fixtures.Write(t, file, doc)
	return file, doc
}

// TestRuleFixtures renders testdata/rules/<rule>/{base,revision}.yaml from
// the fixture cases (with -update), checks the files on disk are what the
// cases say, and loads them as AsyncAPI documents to check the rule is
// found on both the sent and the received message.
func TestRuleFixtures(t *testing.T) {
	t.Parallel()
	for _, tc := range ruleCases {
		if tc.fixture == "" {
			continue
		}
		t.Run(tc.fixture, func(t *testing.T) {
			dir := filepath.Join(rulesDir, tc.fixture)
			for _, side := range []string{"base", "revision"} {
				file, want := writeFixture(t, tc, side)
				if *update {
					continue
				}
				got, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (run go test ./schema/avro -run TestRuleFixtures -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from its case (run with -update)", file)
				}
			}
			base, rev := loadDoc(t, filepath.Join(dir, "base.yaml")), loadDoc(t, filepath.Join(dir, "revision.yaml"))
			for _, addr := range []string{"orders/sent", "orders/received"} {
				want := map[spec.Action]string{spec.Send: "orders/sent", spec.Receive: "orders/received"}
				for _, doc := range []*spec.Document{base, rev} {
					for _, op := range doc.Operations {
						if op.Channel == nil || want[op.Action] != op.Channel.Address {
							t.Errorf("operation %s (%s) is on %v", op.Key, op.Action, op.Channel)
						}
					}
				}
				bp, rp := payloadOn(t, base, addr), payloadOn(t, rev, addr)
				res := Compare(bp.Node, rp.Node, schema.Options{})
				got := ruleIDs(res)
				wantRules := slices.Clone(tc.rules)
				slices.Sort(wantRules)
				if !slices.Equal(got, wantRules) || res.Effect != tc.effect {
					t.Errorf("%s: rules %v (%s), want %v (%s)", addr, got, res.Effect, wantRules, tc.effect)
				}
				for _, d := range res.Deltas {
					if d.Base.File == nil || !strings.HasSuffix(d.Base.File.Name, "base.yaml") || d.Base.Line == 0 {
						t.Errorf("%s: base node %v", d.Rule, d.Base.Loc())
					}
					if d.Revision.File == nil || !strings.HasSuffix(d.Revision.File.Name, "revision.yaml") || d.Revision.Line == 0 {
						t.Errorf("%s: revision node %v", d.Rule, d.Revision.Loc())
					}
				}
			}
		})
	}
}

func loadDoc(t testing.TB, path string) *spec.Document {
	t.Helper()
	doc, err := testload.Load(t, path, "", spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// payloadOn returns the Avro payload of the only message on the channel
// with the address.
func payloadOn(t testing.TB, doc *spec.Document, address string) *spec.Schema {
	t.Helper()
	for _, ch := range doc.Channels {
		if ch.Address != address {
			continue
		}
		if len(ch.Messages) != 1 || ch.Messages[0].Payload == nil {
			t.Fatalf("%s: channel %s has %d messages", doc.Name, address, len(ch.Messages))
		}
		p := ch.Messages[0].Payload
		if !IsAvro(p.RawFormat) || p.Format != spec.FormatAvro {
			t.Fatalf("%s: payload format %q", doc.Name, p.RawFormat)
		}
		return p
	}
	t.Fatalf("%s: no channel %s", doc.Name, address)
	return nil
}

func ruleRow(id string) string {
	if r, ok := catalogue.Lookup(id); ok {
		return r.Row
	}
	return ""
}

// declaredRules are the catalogue's Avro rules, sorted by id.
func declaredRules() []*catalogue.Rule {
	var out []*catalogue.Rule
	for _, r := range catalogue.All() {
		if strings.HasPrefix(r.ID, "avro-") {
			out = append(out, r)
		}
	}
	return out
}

// fixtureDocument writes the AsyncAPI 3.0 document of one side of a rule
// fixture: the Avro schema as the payload of a sent and a received message.
func fixtureDocument(t testing.TB, tc ruleCase, side, avro string) []byte {
	n := parseNode(t, side+".json", avro)
	var schemaText strings.Builder
	writeYAML(&schemaText, n, 10)
	row := ruleRow(tc.fixture)
	if row == "" {
		row = "no table row"
	}
	var b strings.Builder
	b.WriteString("# Fixture for " + tc.fixture + " (" + row + "), " + side + " side: " + tc.name + ".\n")
	b.WriteString("# The same Avro change is made to the message the application sends\n")
	b.WriteString("# (orders/sent) and to the one it receives (orders/received).\n")
	b.WriteString("# Generated by go test ./schema/avro -run TestRuleFixtures -update.\n")
	b.WriteString(fixtures.SendReceiveHead)
	for _, name := range fixtures.Messages {
		b.WriteString("    " + name + ":\n")
		b.WriteString("      name: " + name + "\n")
		b.WriteString("      payload:\n")
		b.WriteString("        schemaFormat: 'application/vnd.apache.avro;version=1.9.0'\n")
		b.WriteString("        schema:\n")
		b.WriteString(schemaText.String())
	}
	return []byte(b.String())
}

// writeYAML writes a node as block YAML at an indent: maps as blocks,
// sequences of scalars in flow style, strings quoted unless plain.
func writeYAML(b *strings.Builder, n *tree.Node, indent int) {
	pad := strings.Repeat(" ", indent)
	switch n.Kind {
	case tree.Map:
		for _, f := range n.Fields {
			b.WriteString(pad + yamlKey(f.Key) + ":")
			writeValue(b, f.Value, indent)
		}
	case tree.Seq:
		for _, it := range n.Items {
			if it.Kind == tree.Map && len(it.Fields) > 0 {
				var inner strings.Builder
				writeYAML(&inner, it, indent+2)
				b.WriteString(pad + "- " + strings.TrimPrefix(inner.String(), pad+"  "))
				continue
			}
			b.WriteString(pad + "-")
			writeValue(b, it, indent)
		}
	default:
		b.WriteString(pad + yamlScalar(n) + "\n")
	}
}

func writeValue(b *strings.Builder, v *tree.Node, indent int) {
	switch {
	case v.Kind == tree.Map && len(v.Fields) > 0:
		b.WriteString("\n")
		writeYAML(b, v, indent+2)
	case v.Kind == tree.Seq && len(v.Items) > 0 && !allScalars(v):
		b.WriteString("\n")
		writeYAML(b, v, indent+2)
	case v.Kind == tree.Seq:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = yamlScalar(it)
		}
		b.WriteString(" [" + strings.Join(parts, ", ") + "]\n")
	case v.Kind == tree.Map:
		b.WriteString(" {}\n")
	default:
		b.WriteString(" " + yamlScalar(v) + "\n")
	}
}

func allScalars(n *tree.Node) bool {
	for _, it := range n.Items {
		if it.Kind == tree.Map || it.Kind == tree.Seq {
			return false
		}
	}
	return true
}

var plainYAML = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

func yamlKey(k string) string {
	if plainYAML.MatchString(k) && !yamlReserved(k) {
		return k
	}
	return strconv.Quote(k)
}

func yamlReserved(s string) bool {
	switch strings.ToLower(s) {
	case "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~":
		return true
	}
	return false
}

func yamlScalar(n *tree.Node) string {
	switch n.Kind {
	case tree.Null:
		return "null"
	case tree.Bool, tree.Number:
		return n.Value
	case tree.String:
		if plainYAML.MatchString(n.Value) && !yamlReserved(n.Value) {
			return n.Value
		}
		return strconv.Quote(n.Value)
	case tree.Map:
		return "{}"
	}
	return "[]"
}
