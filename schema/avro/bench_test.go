package avro

import (
	"fmt"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/schema"
)

// wideRecord writes a record of n fields cycling through the kinds of
// field real schemas have; changed fields get a different type, doc and
// default in the revision.
func wideRecord(n int, revision bool) string {
	fields := make([]string, n)
	for i := range fields {
		name := fmt.Sprintf("field%03d", i)
		switch i % 6 {
		case 0:
			fields[i] = fld(name, `"string"`)
		case 1:
			fields[i] = fld(name, `["null", "long"]`, `"default": null`)
		case 2:
			fields[i] = fld(name, fmt.Sprintf(`{"type": "enum", "name": "E%d", "symbols": ["A", "B", "C"]}`, i))
		case 3:
			fields[i] = fld(name, `{"type": "long", "logicalType": "timestamp-millis"}`)
		case 4:
			fields[i] = fld(name, fmt.Sprintf(`{"type": "array", "items": {"type": "record", "name": "R%d", "fields": [{"name": "x", "type": "int"}]}}`, i))
		case 5:
			fields[i] = fld(name, `{"type": "map", "values": "double"}`, `"doc": "values"`)
		}
		if revision && i%20 == 0 {
			fields[i] = fld(name, `"bytes"`)
		}
	}
	return recNamed("Wide", fields...)
}

func BenchmarkCompareWideRecord(b *testing.B) {
	base := parseNode(b, "base.json", wideRecord(200, false))
	rev := parseNode(b, "revision.json", wideRecord(200, true))
	b.ReportAllocs()
	for b.Loop() {
		res := Compare(base, rev, schema.Options{})
		if len(res.Deltas) != 10 {
			b.Fatalf("%d deltas", len(res.Deltas))
		}
	}
}

func BenchmarkCompareWideRecordUnchanged(b *testing.B) {
	base := parseNode(b, "base.json", wideRecord(200, false))
	rev := parseNode(b, "revision.json", wideRecord(200, false))
	b.ReportAllocs()
	for b.Loop() {
		if res := Compare(base, rev, schema.Options{}); len(res.Deltas) != 0 {
			b.Fatalf("%d deltas", len(res.Deltas))
		}
	}
}

// recursiveSchema is a tree node that refers to itself through a union
// and an array, next to a linked list of 50 distinct nested records.
func recursiveSchema(leaf string) string {
	var chain strings.Builder
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&chain, `{"type": "record", "name": "Level%d", "fields": [{"name": "v", "type": %q}, {"name": "next", "type": ["null", `, i, leaf)
	}
	chain.WriteString(`"Node"`)
	for i := 0; i < 50; i++ {
		chain.WriteString(`], "default": null}]}`)
	}
	return `{"type": "record", "name": "Node", "namespace": "com.example.tree", "fields": [
	  {"name": "value", "type": "` + leaf + `"},
	  {"name": "left", "type": ["null", "Node"], "default": null},
	  {"name": "right", "type": ["null", "Node"], "default": null},
	  {"name": "children", "type": {"type": "array", "items": "Node"}},
	  {"name": "chain", "type": ["null", ` + chain.String() + `], "default": null}]}`
}

func BenchmarkCompareRecursive(b *testing.B) {
	base := parseNode(b, "base.json", recursiveSchema("int"))
	rev := parseNode(b, "revision.json", recursiveSchema("long"))
	b.ReportAllocs()
	for b.Loop() {
		res := Compare(base, rev, schema.Options{})
		if len(res.Deltas) != 51 || res.Effect != schema.Wider {
			b.Fatalf("%d deltas, %s", len(res.Deltas), res.Effect)
		}
	}
}
