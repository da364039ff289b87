package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/fixtures"
	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/internal/testload"
	"github.com/eventdiff/eventdiff/tree"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
)

// update rewrites the per-rule fixture documents in testdata/rules.
var update = golden.Update

const rulesDir = "../testdata/rules"

// fixtureCase is the change that testdata/rules/<rule>/ demonstrates: one
// payload schema before and after (flow YAML; "" is no payload), applied to
// the sent and to the received message alike.
type fixtureCase struct {
	rule, what string
	base, rev  string
	openAPI    bool // payload in the OpenAPI 3.0 schema format
}

var fixtureCases = []fixtureCase{
	{"schema-additional-items-added", "additionalItems schema added to a tuple",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}], additionalItems: {type: string}}}}`, false},
	{"schema-additional-items-allowed", "additionalItems false removed from a tuple",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}], additionalItems: false}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`, false},
	{"schema-additional-items-disallowed", "additionalItems false added to a tuple",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}], additionalItems: false}}}`, false},
	{"schema-additional-items-removed", "additionalItems schema removed from a tuple",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}], additionalItems: {type: string}}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`, false},
	{"schema-additional-properties-added", "additionalProperties schema added",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, properties: {id: {type: string}}, additionalProperties: {type: string}}`, false},
	{"schema-additional-properties-allowed", "additionalProperties false removed",
		`{type: object, properties: {id: {type: string}}, additionalProperties: false}`,
		`{type: object, properties: {id: {type: string}}}`, false},
	{"schema-additional-properties-disallowed", "additionalProperties false added",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, properties: {id: {type: string}}, additionalProperties: false}`, false},
	{"schema-additional-properties-removed", "additionalProperties schema removed",
		`{type: object, properties: {id: {type: string}}, additionalProperties: {type: string}}`,
		`{type: object, properties: {id: {type: string}}}`, false},
	{"schema-all-of-member-added", "allOf member added",
		`{allOf: [{type: object, required: [id], properties: {id: {type: string}}}, {required: [total]}]}`,
		`{allOf: [{type: object, required: [id], properties: {id: {type: string}}}, {required: [total]}, {required: [currency]}]}`, false},
	{"schema-all-of-member-removed", "allOf member removed",
		`{allOf: [{type: object, required: [id], properties: {id: {type: string}}}, {required: [total]}, {required: [currency]}]}`,
		`{allOf: [{type: object, required: [id], properties: {id: {type: string}}}, {required: [total]}]}`, false},
	{"schema-any-of-branch-added", "anyOf branch added",
		`{type: object, properties: {amount: {anyOf: [{type: integer}, {type: string, pattern: "^[0-9]+$"}]}}}`,
		`{type: object, properties: {amount: {anyOf: [{type: integer}, {type: string, pattern: "^[0-9]+$"}, {type: "null"}]}}}`, false},
	{"schema-any-of-branch-removed", "anyOf branch removed",
		`{type: object, properties: {amount: {anyOf: [{type: integer}, {type: string, pattern: "^[0-9]+$"}, {type: "null"}]}}}`,
		`{type: object, properties: {amount: {anyOf: [{type: integer}, {type: string, pattern: "^[0-9]+$"}]}}}`, false},
	{"schema-bound-exclusivity-changed", "maximum 100 became exclusiveMaximum 100; on integers, minimum 1 became the equivalent exclusiveMinimum 0",
		`{type: object, properties: {discount: {type: number, maximum: 100}, quantity: {type: integer, minimum: 1}}}`,
		`{type: object, properties: {discount: {type: number, exclusiveMaximum: 100}, quantity: {type: integer, exclusiveMinimum: 0}}}`, false},
	{"schema-changed-from-false", "a property schema false became a schema",
		`{type: object, properties: {legacy: false}}`,
		`{type: object, properties: {legacy: {type: string}}}`, false},
	{"schema-changed-to-false", "a property schema became false",
		`{type: object, properties: {legacy: {type: string}}}`,
		`{type: object, properties: {legacy: false}}`, false},
	{"schema-combinator-added", "anyOf added",
		`{type: object, properties: {email: {type: string}, phone: {type: string}}}`,
		`{type: object, properties: {email: {type: string}, phone: {type: string}}, anyOf: [{required: [email]}, {required: [phone]}]}`, false},
	{"schema-combinator-changed", "oneOf became anyOf over overlapping members; anyOf became oneOf over branches disjoint through a nested oneOf (no effect)",
		`{type: object, properties: {contact: {oneOf: [{type: object, properties: {email: {type: string}}}, {type: object, properties: {phone: {type: string}}}]}, snak: {anyOf: [{oneOf: [{type: object, required: [snaktype, datavalue], properties: {snaktype: {const: value}, datavalue: {type: string}}}, {type: object, required: [snaktype, datavalue], properties: {snaktype: {const: value}, datavalue: {type: object}}}]}, {type: object, required: [snaktype], properties: {snaktype: {enum: [somevalue, novalue]}}}]}}}`,
		`{type: object, properties: {contact: {anyOf: [{type: object, properties: {email: {type: string}}}, {type: object, properties: {phone: {type: string}}}]}, snak: {oneOf: [{oneOf: [{type: object, required: [snaktype, datavalue], properties: {snaktype: {const: value}, datavalue: {type: string}}}, {type: object, required: [snaktype, datavalue], properties: {snaktype: {const: value}, datavalue: {type: object}}}]}, {type: object, required: [snaktype], properties: {snaktype: {enum: [somevalue, novalue]}}}]}}}`, false},
	{"schema-combinator-removed", "anyOf removed",
		`{type: object, properties: {email: {type: string}, phone: {type: string}}, anyOf: [{required: [email]}, {required: [phone]}]}`,
		`{type: object, properties: {email: {type: string}, phone: {type: string}}}`, false},
	{"schema-combinator-wrapper-changed", "property schema wrapped in a single-member allOf; an open object rewritten as the allOf of two open objects with the same properties and required names",
		`{type: object, properties: {id: {type: string, format: uuid}, customer: {type: object, required: [id], properties: {id: {type: string}, name: {type: string}}}}}`,
		`{type: object, properties: {id: {allOf: [{type: string, format: uuid}], description: Order id}, customer: {allOf: [{type: object, required: [id], properties: {id: {type: string}}}, {type: object, properties: {name: {type: string}}}]}}}`, false},
	{"schema-comment-changed", "$comment added",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, $comment: kept for the v1 consumers, properties: {id: {type: string}}}`, false},
	{"schema-conditional-added", "if/then added",
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}}}`,
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, then: {required: [deadline]}}`, false},
	{"schema-conditional-branch-added", "else added under the same if",
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}, eta: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, then: {required: [deadline]}}`,
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}, eta: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, then: {required: [deadline]}, else: {required: [eta]}}`, false},
	{"schema-conditional-branch-removed", "then removed under the same if",
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}, eta: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, then: {required: [deadline]}, else: {required: [eta]}}`,
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}, eta: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, else: {required: [eta]}}`, false},
	{"schema-conditional-removed", "if/then removed",
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, then: {required: [deadline]}}`,
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}}}`, false},
	{"schema-const-added", "const added",
		`{type: object, properties: {version: {type: integer}}}`,
		`{type: object, properties: {version: {type: integer, const: 2}}}`, false},
	{"schema-const-changed", "const changed",
		`{type: object, properties: {version: {type: integer, const: 1}}}`,
		`{type: object, properties: {version: {type: integer, const: 2}}}`, false},
	{"schema-const-removed", "const removed",
		`{type: object, properties: {version: {type: integer, const: 1}}}`,
		`{type: object, properties: {version: {type: integer}}}`, false},
	{"schema-contains-added", "contains added",
		`{type: object, properties: {lines: {type: array, items: {type: object}}}}`,
		`{type: object, properties: {lines: {type: array, items: {type: object}, contains: {required: [sku]}}}}`, false},
	{"schema-contains-removed", "contains removed",
		`{type: object, properties: {lines: {type: array, items: {type: object}, contains: {required: [sku]}}}}`,
		`{type: object, properties: {lines: {type: array, items: {type: object}}}}`, false},
	{"schema-content-changed", "contentMediaType changed",
		`{type: object, properties: {document: {type: string, contentMediaType: application/pdf}}}`,
		`{type: object, properties: {document: {type: string, contentMediaType: image/png}}}`, false},
	{"schema-default-changed", "default changed",
		`{type: object, properties: {currency: {type: string, default: EUR}}}`,
		`{type: object, properties: {currency: {type: string, default: USD}}}`, false},
	{"schema-dependency-added", "dependencies entry added",
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}}}`,
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}}, dependencies: {coupon: [campaign]}}`, false},
	{"schema-dependency-changed", "dependencies list changed both ways",
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}, channel: {type: string}}, dependencies: {coupon: [campaign]}}`,
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}, channel: {type: string}}, dependencies: {coupon: [channel]}}`, false},
	{"schema-dependency-extended", "dependencies list extended",
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}, channel: {type: string}}, dependencies: {coupon: [campaign]}}`,
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}, channel: {type: string}}, dependencies: {coupon: [campaign, channel]}}`, false},
	{"schema-dependency-narrowed", "dependencies list shrunk",
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}, channel: {type: string}}, dependencies: {coupon: [campaign, channel]}}`,
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}, channel: {type: string}}, dependencies: {coupon: [campaign]}}`, false},
	{"schema-dependency-removed", "dependencies entry removed",
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}}, dependencies: {coupon: [campaign]}}`,
		`{type: object, properties: {coupon: {type: string}, campaign: {type: string}}}`, false},
	{"schema-deprecated-changed", "property marked deprecated",
		`{type: object, properties: {fax: {type: string}}}`,
		`{type: object, properties: {fax: {type: string, deprecated: true}}}`, false},
	{"schema-description-changed", "description changed",
		`{type: object, properties: {id: {type: string, description: Order id}}}`,
		`{type: object, properties: {id: {type: string, description: Order id assigned by the shop}}}`, false},
	{"schema-discriminator-changed", "discriminator property changed",
		`{type: object, discriminator: kind, required: [kind], properties: {kind: {type: string}, type: {type: string}}}`,
		`{type: object, discriminator: type, required: [kind], properties: {kind: {type: string}, type: {type: string}}}`, false},
	{"schema-enum-added", "enum added",
		`{type: object, properties: {status: {type: string}}}`,
		`{type: object, properties: {status: {type: string, enum: [new, paid, shipped]}}}`, false},
	{"schema-enum-changed", "enum value replaced",
		`{type: object, properties: {status: {type: string, enum: [new, paid, shipped]}}}`,
		`{type: object, properties: {status: {type: string, enum: [new, paid, delivered]}}}`, false},
	{"schema-enum-removed", "enum removed",
		`{type: object, properties: {status: {type: string, enum: [new, paid, shipped]}}}`,
		`{type: object, properties: {status: {type: string}}}`, false},
	{"schema-enum-value-added", "enum value added",
		`{type: object, properties: {status: {type: string, enum: [new, paid, shipped]}}}`,
		`{type: object, properties: {status: {type: string, enum: [new, paid, shipped, cancelled]}}}`, false},
	{"schema-enum-value-removed", "enum value removed",
		`{type: object, properties: {status: {type: string, enum: [new, paid, shipped]}}}`,
		`{type: object, properties: {status: {type: string, enum: [new, paid]}}}`, false},
	{"schema-examples-changed", "examples changed",
		`{type: object, properties: {id: {type: string, examples: [o-1]}}}`,
		`{type: object, properties: {id: {type: string, examples: [o-2]}}}`, false},
	{"schema-extensible-enum-changed", "x-extensible-enum value added",
		`{type: object, properties: {status: {type: string, x-extensible-enum: [new, paid]}}}`,
		`{type: object, properties: {status: {type: string, x-extensible-enum: [new, paid, shipped]}}}`, false},
	{"schema-extension-changed", "x- extension changed",
		`{type: object, x-owner: team-a, properties: {id: {type: string}}}`,
		`{type: object, x-owner: team-b, properties: {id: {type: string}}}`, false},
	{"schema-external-docs-changed", "externalDocs changed",
		`{type: object, externalDocs: {url: "https://example.com/v1"}, properties: {id: {type: string}}}`,
		`{type: object, externalDocs: {url: "https://example.com/v2"}, properties: {id: {type: string}}}`, false},
	{"schema-format-added", "format added",
		`{type: object, properties: {createdAt: {type: string}}}`,
		`{type: object, properties: {createdAt: {type: string, format: date-time}}}`, false},
	{"schema-format-changed", "format int32 became int64; format date became date-time, which no date has",
		`{type: object, properties: {quantity: {type: integer, format: int32}, shipBy: {type: string, format: date}}}`,
		`{type: object, properties: {quantity: {type: integer, format: int64}, shipBy: {type: string, format: date-time}}}`, false},
	{"schema-format-removed", "format removed",
		`{type: object, properties: {createdAt: {type: string, format: date-time}}}`,
		`{type: object, properties: {createdAt: {type: string}}}`, false},
	{"schema-id-changed", "$id changed",
		`{$id: "urn:example:order:1", type: object, properties: {id: {type: string}}}`,
		`{$id: "urn:example:order:2", type: object, properties: {id: {type: string}}}`, false},
	{"schema-if-changed", "if condition changed",
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}}, if: {properties: {express: {const: true}}, required: [express]}, then: {required: [deadline]}}`,
		`{type: object, properties: {express: {type: boolean}, deadline: {type: string}}, if: {required: [express]}, then: {required: [deadline]}}`, false},
	{"schema-items-added", "items schema added",
		`{type: object, properties: {tags: {type: array}}}`,
		`{type: object, properties: {tags: {type: array, items: {type: string}}}}`, false},
	{"schema-items-form-changed", "items became a tuple",
		`{type: object, properties: {point: {type: array, items: {type: number}}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`, false},
	{"schema-items-removed", "items schema removed",
		`{type: object, properties: {tags: {type: array, items: {type: string}}}}`,
		`{type: object, properties: {tags: {type: array}}}`, false},
	{"schema-max-items-decreased", "maxItems decreased",
		`{type: object, properties: {lines: {type: array, maxItems: 100}}}`,
		`{type: object, properties: {lines: {type: array, maxItems: 50}}}`, false},
	{"schema-max-items-increased", "maxItems increased",
		`{type: object, properties: {lines: {type: array, maxItems: 50}}}`,
		`{type: object, properties: {lines: {type: array, maxItems: 100}}}`, false},
	{"schema-max-length-decreased", "maxLength decreased",
		`{type: object, properties: {note: {type: string, maxLength: 200}}}`,
		`{type: object, properties: {note: {type: string, maxLength: 100}}}`, false},
	{"schema-max-length-increased", "maxLength increased",
		`{type: object, properties: {note: {type: string, maxLength: 100}}}`,
		`{type: object, properties: {note: {type: string, maxLength: 200}}}`, false},
	{"schema-max-properties-decreased", "maxProperties decreased",
		`{type: object, properties: {attributes: {type: object, maxProperties: 20}}}`,
		`{type: object, properties: {attributes: {type: object, maxProperties: 10}}}`, false},
	{"schema-max-properties-increased", "maxProperties increased",
		`{type: object, properties: {attributes: {type: object, maxProperties: 10}}}`,
		`{type: object, properties: {attributes: {type: object, maxProperties: 20}}}`, false},
	{"schema-maximum-decreased", "maximum decreased",
		`{type: object, properties: {quantity: {type: integer, maximum: 100}}}`,
		`{type: object, properties: {quantity: {type: integer, maximum: 50}}}`, false},
	{"schema-maximum-increased", "maximum increased",
		`{type: object, properties: {quantity: {type: integer, maximum: 50}}}`,
		`{type: object, properties: {quantity: {type: integer, maximum: 100}}}`, false},
	{"schema-min-items-decreased", "minItems decreased",
		`{type: object, properties: {lines: {type: array, minItems: 2}}}`,
		`{type: object, properties: {lines: {type: array, minItems: 1}}}`, false},
	{"schema-min-items-increased", "minItems increased",
		`{type: object, properties: {lines: {type: array, minItems: 1}}}`,
		`{type: object, properties: {lines: {type: array, minItems: 2}}}`, false},
	{"schema-min-length-decreased", "minLength decreased",
		`{type: object, properties: {id: {type: string, minLength: 8}}}`,
		`{type: object, properties: {id: {type: string, minLength: 4}}}`, false},
	{"schema-min-length-increased", "minLength increased",
		`{type: object, properties: {id: {type: string, minLength: 4}}}`,
		`{type: object, properties: {id: {type: string, minLength: 8}}}`, false},
	{"schema-min-properties-decreased", "minProperties decreased",
		`{type: object, properties: {attributes: {type: object, minProperties: 2}}}`,
		`{type: object, properties: {attributes: {type: object, minProperties: 1}}}`, false},
	{"schema-min-properties-increased", "minProperties increased",
		`{type: object, properties: {attributes: {type: object, minProperties: 1}}}`,
		`{type: object, properties: {attributes: {type: object, minProperties: 2}}}`, false},
	{"schema-minimum-decreased", "minimum decreased",
		`{type: object, properties: {quantity: {type: integer, minimum: 1}}}`,
		`{type: object, properties: {quantity: {type: integer, minimum: 0}}}`, false},
	{"schema-minimum-increased", "minimum increased",
		`{type: object, properties: {quantity: {type: integer, minimum: 0}}}`,
		`{type: object, properties: {quantity: {type: integer, minimum: 1}}}`, false},
	{"schema-multiple-of-added", "multipleOf added",
		`{type: object, properties: {price: {type: number}}}`,
		`{type: object, properties: {price: {type: number, multipleOf: 0.01}}}`, false},
	{"schema-multiple-of-changed", "multipleOf 0.01 became 0.05",
		`{type: object, properties: {price: {type: number, multipleOf: 0.01}}}`,
		`{type: object, properties: {price: {type: number, multipleOf: 0.05}}}`, false},
	{"schema-multiple-of-removed", "multipleOf removed",
		`{type: object, properties: {price: {type: number, multipleOf: 0.01}}}`,
		`{type: object, properties: {price: {type: number}}}`, false},
	{"schema-not-added", "not added",
		`{type: object, properties: {status: {type: string}}}`,
		`{type: object, properties: {status: {type: string, not: {const: unknown}}}}`, false},
	{"schema-not-removed", "not removed",
		`{type: object, properties: {status: {type: string, not: {const: unknown}}}}`,
		`{type: object, properties: {status: {type: string}}}`, false},
	{"schema-nullable-added", "nullable added (OpenAPI 3.0 schema)",
		`{type: object, properties: {note: {type: string}}}`,
		`{type: object, properties: {note: {type: string, nullable: true}}}`, true},
	{"schema-nullable-ignored", "nullable added in an AsyncAPI schema, where it is not a keyword",
		`{type: object, properties: {note: {type: string}}}`,
		`{type: object, properties: {note: {type: string, nullable: true}}}`, false},
	{"schema-nullable-removed", "nullable removed (OpenAPI 3.0 schema)",
		`{type: object, properties: {note: {type: string, nullable: true}}}`,
		`{type: object, properties: {note: {type: string}}}`, true},
	{"schema-one-of-branch-added", "oneOf branch added, disjoint by a const on a required property; another that may overlap, with a value only it accepts",
		`{type: object, properties: {payment: {oneOf: [{type: object, required: [kind], properties: {kind: {const: card}, last4: {type: string}}}, {type: object, required: [kind], properties: {kind: {const: iban}, iban: {type: string}}}]}, note: {oneOf: [{type: string}, {type: object, required: [text], properties: {text: {type: string}}}]}}}`,
		`{type: object, properties: {payment: {oneOf: [{type: object, required: [kind], properties: {kind: {const: card}, last4: {type: string}}}, {type: object, required: [kind], properties: {kind: {const: iban}, iban: {type: string}}}, {type: object, required: [kind], properties: {kind: {const: wallet}, wallet: {type: string}}}]}, note: {oneOf: [{type: string}, {type: object, required: [text], properties: {text: {type: string}}}, {type: object, required: [code], properties: {code: {type: integer}}}]}}}`, false},
	{"schema-one-of-branch-removed", "oneOf branch removed",
		`{oneOf: [{type: object, required: [kind], properties: {kind: {const: card}, last4: {type: string}}}, {type: object, required: [kind], properties: {kind: {const: iban}, iban: {type: string}}}, {type: object, required: [kind], properties: {kind: {const: wallet}, wallet: {type: string}}}]}`,
		`{oneOf: [{type: object, required: [kind], properties: {kind: {const: card}, last4: {type: string}}}, {type: object, required: [kind], properties: {kind: {const: iban}, iban: {type: string}}}]}`, false},
	{"schema-pattern-added", "pattern added",
		`{type: object, properties: {sku: {type: string}}}`,
		`{type: object, properties: {sku: {type: string, pattern: "^[A-Z]{3}-[0-9]{4}$"}}}`, false},
	{"schema-pattern-changed", "pattern changed",
		`{type: object, properties: {sku: {type: string, pattern: "^[A-Z]{3}-[0-9]{4}$"}}}`,
		`{type: object, properties: {sku: {type: string, pattern: "^[A-Z]{2}[0-9]{6}$"}}}`, false},
	{"schema-pattern-property-added", "patternProperties key added",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, properties: {id: {type: string}}, patternProperties: {"^x-": {type: string}}}`, false},
	{"schema-pattern-property-removed", "patternProperties key removed",
		`{type: object, properties: {id: {type: string}}, patternProperties: {"^x-": {type: string}}}`,
		`{type: object, properties: {id: {type: string}}}`, false},
	{"schema-pattern-removed", "pattern removed",
		`{type: object, properties: {sku: {type: string, pattern: "^[A-Z]{3}-[0-9]{4}$"}}}`,
		`{type: object, properties: {sku: {type: string}}}`, false},
	{"schema-payload-added", "payload added to a message that had none", ``,
		`{type: object, properties: {id: {type: string}}}`, false},
	{"schema-payload-removed", "payload removed", `{type: object, properties: {id: {type: string}}}`,
		``, false},
	{"schema-property-added", "optional property added to an open object",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, properties: {id: {type: string}, note: {type: string}}}`, false},
	{"schema-property-added-to-closed", "optional property added to a closed object",
		`{type: object, additionalProperties: false, properties: {id: {type: string}}}`,
		`{type: object, additionalProperties: false, properties: {id: {type: string}, note: {type: string}}}`, false},
	{"schema-property-added-to-partially-open", "property added where additionalProperties governed it",
		`{type: object, additionalProperties: {type: string}, properties: {id: {type: string}}}`,
		`{type: object, additionalProperties: {type: string}, properties: {id: {type: string}, note: {type: string, maxLength: 200}}}`, false},
	{"schema-property-names-added", "propertyNames added",
		`{type: object, properties: {attributes: {type: object}}}`,
		`{type: object, properties: {attributes: {type: object, propertyNames: {pattern: "^[a-z]+$"}}}}`, false},
	{"schema-property-names-removed", "propertyNames removed",
		`{type: object, properties: {attributes: {type: object, propertyNames: {pattern: "^[a-z]+$"}}}}`,
		`{type: object, properties: {attributes: {type: object}}}`, false},
	{"schema-property-renamed", "property payload renamed to message_payload, with the same schema",
		`{type: object, properties: {id: {type: string}, payload: {type: object, properties: {sku: {type: string}}}}}`,
		`{type: object, properties: {id: {type: string}, message_payload: {type: object, properties: {sku: {type: string}}}}}`, false},
	{"schema-property-removed", "optional property removed from an open object",
		`{type: object, properties: {id: {type: string}, note: {type: string}}}`,
		`{type: object, properties: {id: {type: string}}}`, false},
	{"schema-property-removed-from-closed", "optional property removed from a closed object",
		`{type: object, additionalProperties: false, properties: {id: {type: string}, note: {type: string}}}`,
		`{type: object, additionalProperties: false, properties: {id: {type: string}}}`, false},
	{"schema-property-removed-from-partially-open", "property removed; additionalProperties governs its name now",
		`{type: object, additionalProperties: {type: string}, properties: {id: {type: string}, note: {type: string, maxLength: 200}}}`,
		`{type: object, additionalProperties: {type: string}, properties: {id: {type: string}}}`, false},
	{"schema-read-write-only-changed", "readOnly added",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, properties: {id: {type: string, readOnly: true}}}`, false},
	{"schema-remote-ref-changed", "a property's remote $ref (not followed) points at another URL",
		`{type: object, properties: {id: {type: string}, customer: {$ref: 'https://schemas.example.com/customer/v1.json'}}}`,
		`{type: object, properties: {id: {type: string}, customer: {$ref: 'https://schemas.example.com/customer/v2.json'}}}`, false},
	{"schema-required-added", "existing property made required",
		`{type: object, required: [id], properties: {id: {type: string}, status: {type: string}}}`,
		`{type: object, required: [id, status], properties: {id: {type: string}, status: {type: string}}}`, false},
	{"schema-required-property-added", "new required property",
		`{type: object, required: [id], properties: {id: {type: string}}}`,
		`{type: object, required: [id, currency], properties: {id: {type: string}, currency: {type: string}}}`, false},
	{"schema-required-property-added-to-closed", "new required property in a closed object",
		`{type: object, additionalProperties: false, required: [id], properties: {id: {type: string}}}`,
		`{type: object, additionalProperties: false, required: [id, currency], properties: {id: {type: string}, currency: {type: string}}}`, false},
	{"schema-required-property-removed", "required property removed",
		`{type: object, required: [id, currency], properties: {id: {type: string}, currency: {type: string}}}`,
		`{type: object, required: [id], properties: {id: {type: string}}}`, false},
	{"schema-required-property-removed-from-closed", "required property removed from a closed object",
		`{type: object, additionalProperties: false, required: [id, currency], properties: {id: {type: string}, currency: {type: string}}}`,
		`{type: object, additionalProperties: false, required: [id], properties: {id: {type: string}}}`, false},
	{"schema-required-removed", "property no longer required",
		`{type: object, required: [id, status], properties: {id: {type: string}, status: {type: string}}}`,
		`{type: object, required: [id], properties: {id: {type: string}, status: {type: string}}}`, false},
	{"schema-title-changed", "title changed",
		`{type: object, title: Order, properties: {id: {type: string}}}`,
		`{type: object, title: PurchaseOrder, properties: {id: {type: string}}}`, false},
	{"schema-tuple-item-added", "tuple position added to an open array",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}, {type: number}]}}}`, false},
	{"schema-tuple-item-added-to-closed", "tuple position added to a closed array",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}], additionalItems: false}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}, {type: number}], additionalItems: false}}}`, false},
	{"schema-tuple-item-removed", "tuple position removed",
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}, {type: number}]}}}`,
		`{type: object, properties: {point: {type: array, items: [{type: number}, {type: number}]}}}`, false},
	{"schema-type-added", "null added to the type",
		`{type: object, properties: {note: {type: string}}}`,
		`{type: object, properties: {note: {type: [string, "null"]}}}`, false},
	{"schema-type-changed", "string became integer",
		`{type: object, properties: {id: {type: string}}}`,
		`{type: object, properties: {id: {type: integer}}}`, false},
	{"schema-type-integer-to-number", "integer became number; another integer became the equivalent number with multipleOf 1",
		`{type: object, properties: {quantity: {type: integer}, count: {type: integer}}}`,
		`{type: object, properties: {quantity: {type: number}, count: {type: number, multipleOf: 1}}}`, false},
	{"schema-type-keyword-added", "type added; type string added beside an enum of strings (no effect)",
		`{type: object, properties: {reference: {description: Any reference}, status: {enum: [new, paid]}}}`,
		`{type: object, properties: {reference: {description: Any reference, type: string}, status: {type: string, enum: [new, paid]}}}`, false},
	{"schema-type-keyword-removed", "type removed",
		`{type: object, properties: {reference: {description: Any reference, type: string}}}`,
		`{type: object, properties: {reference: {description: Any reference}}}`, false},
	{"schema-type-number-to-integer", "number became integer",
		`{type: object, properties: {quantity: {type: number}}}`,
		`{type: object, properties: {quantity: {type: integer}}}`, false},
	{"schema-type-removed", "null removed from the type",
		`{type: object, properties: {note: {type: [string, "null"]}}}`,
		`{type: object, properties: {note: {type: string}}}`, false},
	{"schema-unique-items-added", "uniqueItems added",
		`{type: object, properties: {tags: {type: array, items: {type: string}}}}`,
		`{type: object, properties: {tags: {type: array, items: {type: string}, uniqueItems: true}}}`, false},
	{"schema-unique-items-removed", "uniqueItems removed",
		`{type: object, properties: {tags: {type: array, items: {type: string}, uniqueItems: true}}}`,
		`{type: object, properties: {tags: {type: array, items: {type: string}}}}`, false},
}

// yamlBlock writes a node as block YAML at the given indent.
func yamlBlock(b *strings.Builder, n *tree.Node, indent string) {
	switch n.Kind {
	case tree.Map:
		if len(n.Fields) == 0 {
			b.WriteString(" {}\n")
			return
		}
		b.WriteString("\n")
		for _, f := range n.Fields {
			b.WriteString(indent + yamlScalar(f.Key, tree.String) + ":")
			yamlBlock(b, f.Value, indent+"  ")
		}
	case tree.Seq:
		flat := true
		for _, it := range n.Items {
			if it.Kind == tree.Map || it.Kind == tree.Seq {
				flat = false
			}
		}
		if flat {
			var parts []string
			for _, it := range n.Items {
				parts = append(parts, yamlScalar(it.Value, it.Kind))
			}
			b.WriteString(" [" + strings.Join(parts, ", ") + "]\n")
			return
		}
		b.WriteString("\n")
		for _, it := range n.Items {
			b.WriteString(indent + "-")
			var sub strings.Builder
			yamlBlock(&sub, it, indent+"  ")
			s := sub.String()
			// "- key: value" on the dash line.
			s = strings.TrimPrefix(s, "\n"+indent+"  ")
			b.WriteString(" " + strings.TrimPrefix(s, " "))
		}
	default:
		b.WriteString(" " + yamlScalar(n.Value, n.Kind) + "\n")
	}
}

var plainScalar = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_ ./$-]*$`)

func yamlScalar(s string, k tree.Kind) string {
	switch k {
	case tree.Null:
		return "null"
	case tree.Bool, tree.Number:
		return s
	}
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~":
		return strconv.Quote(s)
	}
	if plainScalar.MatchString(s) && !strings.HasSuffix(s, " ") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func renderFixture(t *testing.T, fc fixtureCase, side string) []byte {
	t.Helper()
	src := fc.base
	if side == "revision" {
		src = fc.rev
	}
	row := ""
	if r, ok := catalogue.Lookup(fc.rule); ok {
		row = " (" + r.Row + ")"
	}
	var b strings.Builder
	b.WriteString("# Fixture for " + fc.rule + row + ", " + side + " side: " + fc.what + ".\n")
	b.WriteString("# The same change is made to the payload of the message the application sends\n")
	b.WriteString("# (orders/sent) and of the one it receives (orders/received).\n")
	b.WriteString("# Generated by go test ./schema -run TestRuleFixtures -update.\n")
	b.WriteString(fixtures.SendReceiveHead)
	for _, name := range fixtures.Messages {
		b.WriteString("    " + name + ":\n      name: " + name + "\n      contentType: application/json\n")
		if strings.TrimSpace(src) == "" {
			continue
		}
		n := parse(t, fc.rule+".yaml", src)
		if fc.openAPI {
			b.WriteString("      payload:\n        schemaFormat: 'application/vnd.oai.openapi;version=3.0.0'\n        schema:")
			yamlBlock(&b, n, "          ")
		} else {
			b.WriteString("      payload:")
			yamlBlock(&b, n, "        ")
		}
	}
	return []byte(b.String())
}

// writeFixture renders one side of a fixture and, under -update, writes
// it to its folder.
func writeFixture(t *testing.T, fc fixtureCase, side string) (file string, doc []byte) {
	t.Helper()
	file, doc = filepath.Join(rulesDir, fc.rule, side+".yaml"), renderFixture(t, fc, side)
	fixtures.Write(t, file, doc)
	return file, doc
}

// TestRuleFixtures renders testdata/rules/<rule>/{base,revision}.yaml from
// fixtureCases (with -update), checks the files on disk match, and loads
// them as AsyncAPI documents to check that comparing each message's
// payload emits the rule, for the sent and for the received message.
func TestRuleFixtures(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, fc := range fixtureCases {
		if seen[fc.rule] {
			t.Errorf("two fixtures for %s", fc.rule)
		}
		seen[fc.rule] = true
		t.Run(fc.rule, func(t *testing.T) {
			docs := map[string]*spec.Document{}
			for _, side := range []string{"base", "revision"} {
				file, want := writeFixture(t, fc, side)
				got, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("%s differs from its fixture case (run with -update)", file)
				}
				d, err := testload.Load(t, file, "", spec.Options{})
				if err != nil {
					t.Fatal(err)
				}
				docs[side] = d
			}
			for _, name := range []string{"orderSent", "orderReceived"} {
				var nodes [2]*tree.Node
				var openAPI [2]bool
				for i, side := range []string{"base", "revision"} {
					for _, m := range docs[side].Messages {
						if m.ComponentKey == name && m.Payload != nil {
							nodes[i] = m.Payload.Node
							openAPI[i] = spec.IsOpenAPIFormat(m.Payload.RawFormat)
						}
					}
				}
				res := compareNodes(t, nodes[0], nodes[1], Options{OpenAPI: openAPI[0] || openAPI[1]})
				found := false
				for _, d := range res.Deltas {
					found = found || d.Rule == fc.rule
				}
				if !found {
					t.Errorf("%s: comparing the payloads does not emit %s:\n%s", name, fc.rule, describe(res))
				}
			}
		})
	}
	for _, r := range declaredRules() {
		if !seen[r.ID] {
			t.Errorf("%s has no fixture", r.ID)
		}
	}
}
