package schema

import "testing"

// Keywords judged with their siblings (issue 14, item 1): equivalent
// rewrites are no change, and real changes next to them still are.
func TestSiblingKeywordRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "type string added beside an enum of strings", opts: strict,
			base: `{enum: [a, b]}`, rev: `{type: string, enum: [a, b]}`, effect: None},
		{name: "type string added beside an enum of a string and a number", opts: strict,
			base: `{enum: [a, 1]}`, rev: `{type: string, enum: [a, 1]}`,
			want: []string{"schema-type-keyword-added narrower"}, effect: Narrower},
		{name: "type removed beside a const", opts: strict,
			base: `{type: integer, const: 3}`, rev: `{const: 3}`, effect: None},
		{name: "integer became number with multipleOf 1", opts: strict,
			base: `{type: integer}`, rev: `{type: number, multipleOf: 1}`, effect: None},
		{name: "number with multipleOf 2 became integer with multipleOf 2", opts: strict,
			base: `{type: number, multipleOf: 2}`, rev: `{type: integer, multipleOf: 2}`, effect: None},
		{name: "multipleOf 1 added to a number still narrows", opts: strict,
			base: `{type: number}`, rev: `{type: number, multipleOf: 1}`,
			want: []string{"schema-multiple-of-added narrower"}, effect: Narrower},
		{name: "number became integer written with multipleOf 1 is told once", opts: strict,
			base: `{type: number}`, rev: `{type: integer, multipleOf: 1}`,
			want: []string{"schema-type-number-to-integer narrower"}, effect: Narrower},
		{name: "minimum 1 is exclusiveMinimum 0 on integers", opts: strict,
			base: `{type: integer, minimum: 1}`, rev: `{type: integer, exclusiveMinimum: 0}`,
			want: []string{"schema-bound-exclusivity-changed none"}, effect: None},
		{name: "open object rewritten as the allOf of two open objects", opts: strict,
			base: `{type: object, required: [a], properties: {a: {type: string}, b: {type: integer}}}`,
			rev:  `{allOf: [{type: object, required: [a], properties: {a: {type: string}}}, {type: object, properties: {b: {type: integer}}}]}`,
			want: []string{"schema-combinator-wrapper-changed none"}, effect: None},
		{name: "the allOf back into one object", opts: strict,
			base: `{allOf: [{type: object, required: [a], properties: {a: {type: string}}}, {type: object, properties: {b: {type: integer}}}]}`,
			rev:  `{type: object, required: [a], properties: {a: {type: string}, b: {type: integer}}}`,
			want: []string{"schema-combinator-wrapper-changed none"}, effect: None},
		{name: "allOf rewrite with a real change inside", opts: strict,
			base: `{type: object, required: [a], properties: {a: {type: string}, b: {type: integer}}}`,
			rev:  `{allOf: [{type: object, required: [a, b], properties: {a: {type: string}}}, {type: object, properties: {b: {type: integer, maximum: 9}}}]}`,
			want: []string{"schema-combinator-wrapper-changed none", "schema-required-added narrower", "schema-maximum-decreased narrower"}, effect: Narrower},
		{name: "allOf members regrouped", opts: strict,
			base: `{allOf: [{type: object, properties: {a: {type: string}}}, {properties: {b: {type: integer}, c: {type: boolean}}}]}`,
			rev:  `{allOf: [{type: object, properties: {a: {type: string}, b: {type: integer}}}, {properties: {c: {type: boolean}}}]}`,
			want: []string{"schema-combinator-wrapper-changed none"}, effect: None},
		{name: "a then without its if is not merged beside another member's if", opts: strict,
			base: `{type: object, properties: {a: {type: boolean}}, if: {required: [a]}}`,
			rev:  `{allOf: [{type: object, properties: {a: {type: boolean}}, if: {required: [a]}}, {then: {required: [b]}}]}`,
			want: []string{"schema-all-of-member-added none"}, effect: None},
		{name: "allOf with additionalProperties is not merged", opts: strict,
			base: `{type: object, properties: {a: {type: string}, b: {type: integer}}}`,
			rev:  `{allOf: [{type: object, properties: {a: {type: string}}, additionalProperties: false}, {type: object, properties: {b: {type: integer}}}]}`,
			want: []string{"schema-additional-properties-disallowed narrower", "schema-all-of-member-added narrower", "schema-property-removed-from-closed narrower"}, effect: Narrower},
	})
}

// Disjointness sees through nesting (item 2), and an overlap the engine
// claims must be shown.
func TestNestedDisjointness(t *testing.T) {
	snakValue := `{oneOf: [{type: object, required: [snaktype, datavalue], properties: {snaktype: {const: value}, datavalue: {type: string}}}, {type: object, required: [snaktype, datavalue], properties: {snaktype: {const: value}, datavalue: {type: object}}}]}`
	runRuleCases(t, []ruleCase{
		{name: "anyOf to oneOf, one branch a oneOf, the others forbid its const", opts: strict,
			base: `{anyOf: [` + snakValue + `, {type: object, required: [snaktype], properties: {snaktype: {enum: [somevalue, novalue]}}}]}`,
			rev:  `{oneOf: [` + snakValue + `, {type: object, required: [snaktype], properties: {snaktype: {enum: [somevalue, novalue]}}}]}`,
			want: []string{"schema-combinator-changed none"}, effect: None},
		{name: "forbidden by not const, and optional there", opts: strict,
			base: `{anyOf: [` + snakValue + `, {type: object, properties: {snaktype: {not: {const: value}}}}]}`,
			rev:  `{oneOf: [` + snakValue + `, {type: object, properties: {snaktype: {not: {const: value}}}}]}`,
			want: []string{"schema-combinator-changed none"}, effect: None},
		{name: "forbidden by a closed object", opts: strict,
			base: `{anyOf: [{type: object, required: [datavalue]}, {type: object, additionalProperties: false, properties: {snaktype: {type: string}}}]}`,
			rev:  `{oneOf: [{type: object, required: [datavalue]}, {type: object, additionalProperties: false, properties: {snaktype: {type: string}}}]}`,
			want: []string{"schema-combinator-changed none"}, effect: None},
		{name: "an overlap is shown", opts: strict,
			base: `{anyOf: [{type: object, properties: {a: {type: string}}}, {type: object, properties: {b: {type: string}}}]}`,
			rev:  `{oneOf: [{type: object, properties: {a: {type: string}}}, {type: object, properties: {b: {type: string}}}]}`,
			want: []string{"schema-combinator-changed narrower"}, effect: Narrower},
		{name: "an overlap that cannot be shown is unknown", opts: strict,
			base: `{anyOf: [{type: string, pattern: "^[0-9a-f]{8}$"}, {type: string, pattern: "^[0-9]+$"}]}`,
			rev:  `{oneOf: [{type: string, pattern: "^[0-9a-f]{8}$"}, {type: string, pattern: "^[0-9]+$"}]}`,
			want: []string{"schema-combinator-changed unknown"}, effect: Unknown},
		{name: "a oneOf branch covered by another is narrower", opts: strict,
			base: `{oneOf: [{type: string}, {type: integer}]}`,
			rev:  `{oneOf: [{type: string}, {type: integer}, {type: string, maxLength: 3}]}`,
			want: []string{"schema-one-of-branch-added narrower"}, effect: Narrower},
	})
}

// Renamed properties (item 5) and formats that share no value (item 4).
func TestRenamesAndDisjointFormats(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "property renamed with the same schema",
			base: `{type: object, properties: {id: {type: string}, payload: {type: object, properties: {x: {type: integer}}}}}`,
			rev:  `{type: object, properties: {id: {type: string}, message_payload: {type: object, properties: {x: {type: integer}}, description: moved}}}`,
			want: []string{"schema-property-renamed none/incomparable"}, effect: None},
		{name: "required property renamed", opts: strict,
			base: `{type: object, required: [a], properties: {a: {type: string, format: email}}}`,
			rev:  `{type: object, required: [b], properties: {b: {type: string, format: email}}}`,
			want: []string{"schema-property-renamed incomparable"}, effect: Incomparable},
		{name: "two removed and two added of one schema are not guessed",
			base: `{type: object, properties: {first: {type: string}, last: {type: string}}}`,
			rev:  `{type: object, properties: {given: {type: string}, family: {type: string}}}`,
			want: []string{"schema-property-removed none/wider", "schema-property-removed none/wider", "schema-property-added none/narrower", "schema-property-added none/narrower"}, effect: None},
		{name: "date to date-time, annotation", base: `{type: string, format: date}`, rev: `{type: string, format: date-time}`,
			want: []string{"schema-format-changed none"}, effect: None},
		{name: "date to date-time, asserted", opts: Options{Strict: true, AssertFormat: true},
			base: `{type: string, format: date}`, rev: `{type: string, format: date-time}`,
			want: []string{"schema-format-changed incomparable"}, effect: Incomparable},
		{name: "email to uuid, asserted", opts: Options{Strict: true, AssertFormat: true},
			base: `{type: string, format: email}`, rev: `{type: string, format: uuid}`,
			want: []string{"schema-format-changed incomparable"}, effect: Incomparable},
		{name: "date to hostname may share a value", opts: Options{Strict: true, AssertFormat: true},
			base: `{type: string, format: date}`, rev: `{type: string, format: hostname}`,
			want: []string{"schema-format-changed unknown"}, effect: Unknown},
	})
}

func TestDisjointFormatCautions(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		both     bool
	}{
		{"date", "date-time", true}, {"email", "uuid", true}, {"time", "date", true}, {"ipv4", "ipv6", true},
		{"uuid", "hostname", false}, {"uri", "ipv6", false}, {"x-custom", "date", false}, {"int32", "int64", false},
	} {
		res := compareT(t, `{type: string, format: `+tt.from+`}`, `{type: string, format: `+tt.to+`}`, Options{})
		if len(res.Deltas) != 1 {
			t.Fatalf("%s → %s: %s", tt.from, tt.to, describe(res))
		}
		d := res.Deltas[0]
		if got := d.CautionSend && d.CautionReceive; got != tt.both || d.Effect != None {
			t.Errorf("%s → %s: caution both ways %v, effect %v", tt.from, tt.to, got, d.Effect)
		}
	}
}

// Two allOfs whose members contradict each other both accept nothing:
// their keywords differ, their values do not.
func TestUnsatisfiableSchemasCompareEqual(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "both sides contradictory", opts: strict,
			base:   `{allOf: [{type: object, required: [kind], properties: {kind: {const: a}}}, {properties: {kind: {const: b}}, additionalProperties: false}]}`,
			rev:    `{allOf: [{type: object, required: [id], properties: {id: {type: string}}}, {properties: {kind: {const: c}}, additionalProperties: false}]}`,
			effect: None},
	})
}
