package eventdiff_test

import (
	"context"
	"fmt"
	"log"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// Compare two versions of a document and print what changed, whom it
// breaks and the version bump it needs. Sources can also be files
// (eventdiff.File) or files of a git revision (eventdiff.Git).
func Example() {
	base := []byte(`asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
channels:
  placed:
    address: orders.placed
    messages:
      orderPlaced:
        payload:
          type: object
          properties:
            id: {type: string}
            total: {type: number}
operations:
  publishOrder:
    action: send
    channel: {$ref: '#/channels/placed'}
`)
	revision := []byte(`asyncapi: 3.0.0
info: {title: Orders, version: 1.1.0}
channels:
  placed:
    address: orders.placed
    messages:
      orderPlaced:
        payload:
          type: object
          properties:
            id: {type: string}
            total: {type: [number, string]}
operations:
  publishOrder:
    action: send
    channel: {$ref: '#/channels/placed'}
`)
	res, err := eventdiff.Compare(context.Background(),
		eventdiff.Bytes("v1.yaml", base), eventdiff.Bytes("v2.yaml", revision), eventdiff.Options{})
	if err != nil {
		log.Fatal(err) // one line naming the file and line
	}
	for _, f := range res.Findings {
		fmt.Printf("%s %s: %s (breaks %s)\n", f.Level, f.Rule.ID, f.Text, f.Breaks)
	}
	fmt.Printf("needs a %s bump; %s is enough: %v\n", res.Bump.Suggested, res.Bump.Declared, *res.Bump.DeclaredOK)
	// Output:
	// breaking schema-type-added: payload of message orderPlaced: type string is accepted now (breaks consumers)
	// needs a major bump; 1.1.0 is enough: false
}
