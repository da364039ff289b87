// Package gen generates AsyncAPI document pairs of any size for
// benchmarks: N channels, each with a Kafka binding, one operation and one
// message with a summary, headers, an example and a payload of a dozen
// properties and a shared $ref (about 1.6 kB of YAML a channel: 10,000
// channels are 16 MB); the revision changes about 1% of the channels. The
// output is deterministic. It knows nothing of how eventdiff reads or
// judges documents.
package gen
