package check

import "context"

// Message is one message read from a capture or a broker.
type Message struct {
	// Seq is the message's position in its source, from 1: the line
	// number of a JSON-lines file, the arrival order of a live source.
	Seq int64
	// Topic is the address the message travelled on (a Kafka topic, an
	// MQTT topic). ChannelID names a 3.x channel by its id instead, when
	// a capture gives `channel` and it is not an address.
	Topic     string
	ChannelID string

	// The payload is either Raw bytes as they travelled (a live record, a
	// capture's string payload as kcat -J writes it) or, when Decoded, an
	// already decoded JSON Value (a capture's object payload).
	Raw     []byte
	Value   any
	Decoded bool

	// Headers, when HasHeaders: the message's headers as a JSON object
	// (Kafka header values are strings). Without them, the headers schema
	// is not checked (an MQTT 3.1.1 message cannot carry any).
	Headers    map[string]any
	HasHeaders bool

	// Malformed is set when the source could not read this item at all
	// (a line that is not JSON, a line over the size limit): it is
	// counted with its Seq and the reason, and validated against nothing.
	Malformed string

	// line is a capture's line not parsed yet: parsing is left to the
	// workers, so that it runs in parallel with reading.
	line []byte
}

// A Source yields messages until it is exhausted, its bounds are reached
// or ctx is done. Read returns nil then; an error means the source failed
// (a broker down or closing the connection), after emitting what it read.
type Source interface {
	// Name says where the messages come from, for reports; it never
	// contains credentials.
	Name() string
	Read(ctx context.Context, emit func(*Message)) error
}
