package gen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
)

// Version selects the AsyncAPI shape generated.
type Version string

// The generated versions.
const (
	V3  Version = "3.0.0"
	V26 Version = "2.6.0"
)

// Pair returns the base and revision documents with n channels as YAML.
func Pair(n int, v Version) (base, revision []byte) {
	return document(n, v, false), document(n, v, true)
}

// changed reports whether the revision changes channel i, and how.
func changed(i int) int {
	if i%100 == 37 {
		return 1 + (i/100)%3
	}
	return 0
}

func document(n int, v Version, revision bool) []byte {
	var b strings.Builder
	b.Grow(n * 1600)
	fmt.Fprintf(&b, "asyncapi: %s\ninfo:\n  title: Generated fleet API\n  version: 1.0.0\n  description: A generated API with %d channels.\n", v, n)
	if v == V26 {
		b.WriteString("servers:\n  production:\n    url: kafka://broker.example.com:9092\n    protocol: kafka\nchannels:\n")
		for i := 0; i < n; i++ {
			verb := "subscribe"
			if i%2 == 1 {
				verb = "publish"
			}
			fmt.Fprintf(&b, "  fleet/vehicle/%05d/{vehicleId}/telemetry:\n    description: Telemetry of vehicle group %d.\n    parameters:\n      vehicleId:\n        schema: {type: string}\n", i, i)
			fmt.Fprintf(&b, kafkaBinding, i)
			fmt.Fprintf(&b, "    %s:\n      operationId: op%05d\n      message:\n        $ref: '#/components/messages/M%05d'\n", verb, i, i)
		}
	} else {
		b.WriteString("servers:\n  production:\n    host: broker.example.com:9092\n    protocol: kafka\nchannels:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  c%05d:\n    address: fleet/vehicle/%05d/{vehicleId}/telemetry\n    description: Telemetry of vehicle group %d.\n    parameters:\n      vehicleId:\n        description: The vehicle.\n    messages:\n      M%05d:\n        $ref: '#/components/messages/M%05d'\n", i, i, i, i, i)
			fmt.Fprintf(&b, kafkaBinding, i)
		}
		b.WriteString("operations:\n")
		for i := 0; i < n; i++ {
			action := "send"
			if i%2 == 1 {
				action = "receive"
			}
			fmt.Fprintf(&b, "  op%05d:\n    action: %s\n    channel:\n      $ref: '#/channels/c%05d'\n", i, action, i)
		}
	}
	b.WriteString("components:\n  messages:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    M%05d:\n      name: Telemetry%05d\n      summary: A telemetry sample of vehicle group %d.\n      contentType: application/json\n", i, i, i)
		b.WriteString("      headers:\n        type: object\n        properties:\n          correlationId: {type: string, format: uuid}\n          tenant: {type: string, description: The fleet operator.}\n")
		fmt.Fprintf(&b, "      examples:\n        - payload: {vehicleId: v-%05d, recordedAt: '2024-05-01T12:00:00Z', speed: 42.5, status: moving}\n", i)
		b.WriteString("      payload:\n        type: object\n        required: [vehicleId, recordedAt")
		if revision && changed(i) == 1 {
			b.WriteString(", odometer")
		}
		b.WriteString("]\n        properties:\n          meta:\n            $ref: '#/components/schemas/Meta'\n")
		props := []string{
			"vehicleId: {type: string, description: Identifier of the vehicle.}",
			"recordedAt: {type: string, format: date-time}",
			"latitude: {type: number, minimum: -90, maximum: 90}",
			"longitude: {type: number, minimum: -180, maximum: 180}",
			"speed: {type: number, minimum: 0, description: Speed in km/h.}",
			"heading: {type: integer, minimum: 0, maximum: 359}",
			"odometer: {type: integer, minimum: 0}",
			"fuelLevel: {type: number, minimum: 0, maximum: 1}",
			"engineOn: {type: boolean}",
			"driverId: {type: string}",
			"status: {type: string, enum: [moving, idle, parked, service]}",
		}
		for _, p := range props {
			if revision && changed(i) == 2 && strings.HasPrefix(p, "driverId") {
				continue // a property removed
			}
			if revision && changed(i) == 3 && strings.HasPrefix(p, "heading") {
				p = "heading: {type: number, minimum: 0, maximum: 360}"
			}
			fmt.Fprintf(&b, "          %s\n", p)
		}
	}
	b.WriteString("  schemas:\n    Meta:\n      type: object\n      properties:\n        source: {type: string}\n        sequence: {type: integer, minimum: 0}\n        traceId: {type: string, pattern: '^[0-9a-f]{32}$'}\n")
	return []byte(b.String())
}

// kafkaBinding is a channel's Kafka binding, for the channel number.
const kafkaBinding = "    bindings:\n      kafka:\n        topic: fleet.vehicle.%05d.telemetry\n        partitions: 12\n        replicas: 3\n"

// ToJSON converts a generated YAML document to indented JSON, for the
// JSON fast-path comparison.
func ToJSON(yamlDoc []byte) ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(yamlDoc, &v); err != nil {
		return nil, err
	}
	return json.MarshalIndent(v, "", "  ")
}
