package live

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/spec"
)

// mqttSource subscribes to topic filters with a clean session at QoS 0:
// the broker keeps nothing for it, and it publishes nothing.
type mqttSource struct {
	e       *endpoint
	filters []string
	user    string
	pass    string
	max     int
}

func newMQTT(e *endpoint, cfg Config, docs []*spec.Document) (*mqttSource, error) {
	m := &mqttSource{e: e, filters: e.topics, user: cfg.Username, pass: cfg.Password, max: cfg.MaxMessages}
	if len(m.filters) == 0 {
		for _, a := range addresses(docs) {
			m.filters = append(m.filters, topicFilter(a))
		}
		if len(m.filters) == 0 {
			return nil, fmt.Errorf("%s has no channel address to subscribe to: give a topic filter in --from", names(docs))
		}
		e.topics = m.filters
	}
	for _, t := range securityTypes(e.server) {
		if t == "userpassword" && m.user == "" {
			return nil, fmt.Errorf("server %q asks for a user and password: set EVENTDIFF_BROKER_USERNAME and EVENTDIFF_BROKER_PASSWORD", e.server.Name)
		}
	}
	return m, nil
}

// topicFilter turns a channel address into an MQTT filter: a level with a
// {parameter} in it becomes +. The channel matcher then checks the rest.
func topicFilter(address string) string {
	levels := strings.Split(address, "/")
	for i, l := range levels {
		if strings.Contains(l, "{") && len(spec.AddressParams(l)) > 0 {
			levels[i] = "+"
		}
	}
	return strings.Join(levels, "/")
}

func (m *mqttSource) Name() string { return m.e.name() }

// inbox is how many messages may wait between paho and the checker; when
// it is full paho waits, so a fast broker cannot grow memory.
const inbox = 256

// Read subscribes and hands messages over until the context is done,
// MaxMessages arrived, or the connection is lost.
func (m *mqttSource) Read(ctx context.Context, emit func(*check.Message)) error {
	msgs := make(chan mqtt.Message, inbox)
	lost := make(chan error, 1)
	done := make(chan struct{})
	defer close(done)
	scheme := "tcp://"
	if m.e.tls {
		scheme = "ssl://"
	}
	opts := mqtt.NewClientOptions().AddBroker(scheme + m.e.host).SetClientID(clientID()).
		SetCleanSession(true).SetAutoReconnect(false).SetConnectRetry(false).
		SetConnectTimeout(5 * time.Second).SetOrderMatters(true).
		SetConnectionLostHandler(func(_ mqtt.Client, err error) {
			select {
			case lost <- err:
			default:
			}
		})
	if m.e.tls {
		opts.SetTLSConfig(&tls.Config{MinVersion: tls.VersionTLS12})
	}
	if m.user != "" || m.pass != "" {
		opts.SetUsername(m.user).SetPassword(m.pass)
	}
	cl := mqtt.NewClient(opts)
	if err := wait(ctx, cl.Connect()); err != nil {
		return fmt.Errorf("mqtt %s: cannot connect: %v", m.e.host, err)
	}
	defer cl.Disconnect(250)
	filters := make(map[string]byte, len(m.filters))
	for _, f := range m.filters {
		filters[f] = 0
	}
	handler := func(_ mqtt.Client, msg mqtt.Message) {
		select {
		case msgs <- msg:
		case <-done:
		}
	}
	if err := wait(ctx, cl.SubscribeMultiple(filters, handler)); err != nil {
		return fmt.Errorf("mqtt %s: cannot subscribe to %s: %v", m.e.host, strings.Join(m.filters, ", "), err)
	}
	for seq := int64(1); m.max <= 0 || seq <= int64(m.max); seq++ {
		select {
		case <-ctx.Done():
			return nil // the duration is up: a bound, not a failure
		case err := <-lost:
			return fmt.Errorf("mqtt %s: the connection was lost: %v", m.e.host, err)
		case msg := <-msgs:
			emit(&check.Message{Seq: seq, Topic: msg.Topic(), Raw: msg.Payload()})
		}
	}
	return nil
}

// wait waits for a paho token, but never past the context.
func wait(ctx context.Context, t mqtt.Token) error {
	select {
	case <-t.Done():
		return t.Error()
	case <-ctx.Done():
		return fmt.Errorf("no answer before the duration ran out")
	}
}

// clientID is unique per run, so two checks never take over each
// other's (or the application's) session.
func clientID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "eventdiff-check-" + hex.EncodeToString(b)
}
