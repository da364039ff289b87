package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/rules"
)

// newKindDoc has the same message on a channel the application sends on,
// one it receives on, and one no operation uses. The revision adds a new
// kind of value to each three ways: an enum value, a oneOf branch (one
// provably disjoint, one only shown to admit new values) and a message.
func newKindDoc(revision bool) string {
	enum, branches, extra := "[card, iban]", "", ""
	if revision {
		enum = "[card, iban, wallet]"
		branches = ", {type: integer}"
		extra = ", {type: object, required: [code], properties: {code: {type: integer}}}"
	}
	var b strings.Builder
	b.WriteString("asyncapi: 3.0.0\ninfo: {title: Payments, version: 1.0.0}\nchannels:\n")
	for _, ch := range []string{"sent", "received", "idle"} {
		b.WriteString("  " + ch + ":\n    address: payments/" + ch + "\n    messages:\n")
		b.WriteString("      paid:\n        payload:\n          type: object\n          properties:\n")
		b.WriteString("            method: {type: string, enum: " + enum + "}\n")
		b.WriteString("            amount: {oneOf: [{type: string}, {type: object}" + branches + "]}\n")
		b.WriteString("            note: {oneOf: [{type: string}, {type: object, required: [text], properties: {text: {type: string}}}" + extra + "]}\n")
		if revision {
			b.WriteString("      refunded:\n        payload: {type: object}\n")
		}
	}
	b.WriteString(`operations:
  publishPayment:
    action: send
    channel: {$ref: '#/channels/sent'}
  consumePayment:
    action: receive
    channel: {$ref: '#/channels/received'}
`)
	return b.String()
}

// TestNewKindOfValueOnePrinciple checks that the three ways a new kind of
// value travels are judged alike: breaking when the application sends it,
// info when it receives it, a warning when no operation says which way.
func TestNewKindOfValueOnePrinciple(t *testing.T) {
	dir := t.TempDir()
	for name, rev := range map[string]bool{"base.yaml": false, "revision.yaml": true} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(newKindDoc(rev)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := eventdiff.Compare(context.Background(), eventdiff.File(filepath.Join(dir, "base.yaml")),
		eventdiff.File(filepath.Join(dir, "revision.yaml")), eventdiff.Options{Config: &rules.Config{}})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ channel, what string }
	got := map[key]rules.Level{}
	for _, f := range res.Findings {
		what := f.Rule.ID
		if f.Schema != nil {
			what += " " + f.Schema.Path
		}
		got[key{f.Channel, what}] = f.Level
	}
	kinds := []string{
		"schema-enum-value-added /properties/method/enum",
		"schema-one-of-branch-added /properties/amount/oneOf/2",
		"message",
	}
	want := map[string]rules.Level{"payments/sent": rules.Breaking, "payments/received": rules.Info, "payments/idle": rules.Warning}
	for ch, level := range want {
		for _, kind := range kinds {
			k := key{ch, kind}
			if kind == "message" {
				k.what = map[string]string{"payments/sent": "operation-message-added", "payments/received": "operation-message-added",
					"payments/idle": "channel-message-added"}[ch]
			}
			if got[k] != level {
				t.Errorf("%s on %s: %q, want %s", k.what, ch, got[k], level)
			}
		}
	}
	// A oneOf branch that may overlap the others, shown to admit a value
	// none of them did: a new kind for consumers, so breaking when sent.
	if l := got[key{"payments/sent", "schema-one-of-branch-added /properties/note/oneOf/2"}]; l != rules.Breaking {
		t.Errorf("an overlapping branch with a new kind of value, sent: %q", l)
	}
	if t.Failed() {
		for k, l := range got {
			t.Logf("%s %s: %s", k.channel, k.what, l)
		}
	}
}
