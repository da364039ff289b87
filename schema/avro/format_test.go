package avro

import "testing"

func TestIsAvro(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format string
		want   bool
	}{
		{"application/vnd.apache.avro;version=1.9.0", true},
		{"application/vnd.apache.avro+json;version=1.9.0", true},
		{"application/vnd.apache.avro+yaml;version=1.9.0", true},
		{"application/vnd.apache.avro;version=1.8.2", true},
		{"application/vnd.apache.avro+json;version=1.11.1", true},
		{"application/vnd.apache.avro", true},
		{"Application/VND.Apache.Avro+JSON; version=1.9.0", true},
		{"  application/vnd.apache.avro ; version = 1.9.0  ", true},
		{"application/vnd.apache.avro+json ;version=1.9.0", true},
		{"", false},
		{"application/vnd.aai.asyncapi+json;version=3.0.0", false},
		{"application/schema+json;version=draft-07", false},
		{"application/vnd.apache.avro+xml;version=1.9.0", false},
		{"application/vnd.apache.avroish;version=1.9.0", false},
		{"avro/binary", false},
		{"application/vnd.google.protobuf;version=3", false},
	} {
		if got := IsAvro(tc.format); got != tc.want {
			t.Errorf("IsAvro(%q) = %v, want %v", tc.format, got, tc.want)
		}
	}
}
