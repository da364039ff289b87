// Package live reads messages from a running broker for check: Kafka
// through franz-go (read-only: partitions are read directly, no consumer
// group is joined, nothing is committed) and MQTT through paho (a clean
// session subscribed at QoS 0). Where to connect comes from a URL, the
// document's servers, or both; SASL and TLS follow the server's protocol
// and security schemes where the document says. Credentials come from the
// caller and never appear in a source's name or error.
package live
