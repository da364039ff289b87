// Package gen generates AsyncAPI document pairs of any size for
// benchmarks: N channels, each with one operation and one message whose
// payload has a dozen properties and a shared $ref; the revision changes
// about 1% of the channels. The output is deterministic. It knows nothing
// of how eventdiff reads or judges documents.
package gen
