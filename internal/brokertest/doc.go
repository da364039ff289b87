// Package brokertest runs real brokers for tests: a mosquitto MQTT broker
// started on a free loopback port with a configuration written to a
// temporary directory, and stopped when the test ends. Tests that need one
// skip when it is not installed.
package brokertest
