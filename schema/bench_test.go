package schema

import (
	"fmt"
	"strings"
	"testing"

	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/tree"

	"github.com/eventdiff/eventdiff/spec"
)

// deepSchema writes an object schema `levels` deep with `props`
// properties per object; two of them nest the next level, so the tree
// has 2^levels objects. leafMax is the maxLength of one string on the
// deepest, first object: changing it changes one leaf.
func deepSchema(levels, props int, leafMax int) string {
	var b strings.Builder
	var obj func(level int, indent string, first bool)
	obj = func(level int, indent string, first bool) {
		fmt.Fprintf(&b, "%stype: object\n%srequired: [p0, p1]\n%sproperties:\n", indent, indent, indent)
		for i := 0; i < props; i++ {
			fmt.Fprintf(&b, "%s  p%d:\n", indent, i)
			in := indent + "    "
			switch {
			case i >= props-2 && level < levels:
				obj(level+1, in, first && i == props-2)
			case i%4 == 0:
				max := 64
				if first && level == levels && i == 0 {
					max = leafMax
				}
				fmt.Fprintf(&b, "%stype: string\n%smaxLength: %d\n%sdescription: field %d at level %d\n", in, in, max, in, i, level)
			case i%4 == 1:
				fmt.Fprintf(&b, "%stype: integer\n%sminimum: 0\n%smaximum: 1000\n", in, in, in)
			case i%4 == 2:
				fmt.Fprintf(&b, "%stype: string\n%senum: [a, b, c, d]\n", in, in)
			default:
				fmt.Fprintf(&b, "%stype: array\n%sitems: {type: number, multipleOf: 0.01}\n", in, in)
			}
		}
	}
	obj(1, "", true)
	return b.String()
}

func recursiveSchema(max int) string {
	return fmt.Sprintf(`
definitions:
  Node:
    type: object
    required: [id]
    properties:
      id: {type: string, maxLength: %d}
      weight: {type: number, minimum: 0}
      tags: {type: array, items: {type: string}}
      parent: {$ref: '#/definitions/Node'}
      children: {type: array, items: {$ref: '#/definitions/Node'}}
      edges:
        type: array
        items:
          type: object
          properties:
            to: {$ref: '#/definitions/Node'}
            kind: {enum: [a, b]}
root: {$ref: '#/definitions/Node'}
`, max)
}

func mustParse(b *testing.B, src string) *tree.Node {
	n, err := spec.ParseResolved("bench.yaml", []byte(src))
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func benchCompare(b *testing.B, base, rev *tree.Node, wantDeltas int) {
	b.Helper()
	if got := len(Compare(base, rev, Options{}).Deltas); got != wantDeltas {
		b.Fatalf("want %d deltas, got %d", wantDeltas, got)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compare(base, rev, Options{})
	}
}

func BenchmarkCompareDeepIdentical(b *testing.B) {
	src := deepSchema(8, 12, 64)
	benchCompare(b, mustParse(b, src), mustParse(b, src), 0)
}

func BenchmarkCompareDeepSameNode(b *testing.B) {
	n := mustParse(b, deepSchema(8, 12, 64))
	benchCompare(b, n, n, 0)
}

func BenchmarkCompareDeepOneLeafChanged(b *testing.B) {
	benchCompare(b, mustParse(b, deepSchema(8, 12, 64)), mustParse(b, deepSchema(8, 12, 32)), 1)
}

func BenchmarkParseDeep(b *testing.B) {
	src := []byte(deepSchema(8, 12, 64))
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := spec.ParseResolved("bench.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompareRecursiveIdentical(b *testing.B) {
	src := recursiveSchema(64)
	benchCompare(b, mustParse(b, src).Get("root"), mustParse(b, src).Get("root"), 0)
}

func BenchmarkCompareRecursiveChanged(b *testing.B) {
	benchCompare(b, mustParse(b, recursiveSchema(64)).Get("root"), mustParse(b, recursiveSchema(32)).Get("root"), 1)
}

// Many properties in one object: pairing is by map, not quadratic.
func BenchmarkCompareWideObject(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("type: object\nproperties:\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sb, "  f%d: {type: string, maxLength: %d}\n", i, 10+i%7)
	}
	src := sb.String()
	rev := strings.Replace(src, "  f1999: {type: string, maxLength: 14}", "  f1999: {type: string, maxLength: 15}", 1)
	benchCompare(b, mustParse(b, src), mustParse(b, rev), 1)
}
