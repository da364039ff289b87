package live

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/internal/brokertest"
)

const mqttDoc = `asyncapi: 3.0.0
info: {title: sensors, version: 1.0.0}
servers:
  local: {host: 'HOST', protocol: mqtt}
channels:
  temperature:
    address: 'sensors/{id}/temperature'
    messages:
      Reading: {payload: {type: object, required: [celsius]}}
`

func TestMQTTSubscribesToChannelAddresses(t *testing.T) {
	b := brokertest.StartMosquitto(t)
	doc := loadDoc(t, strings.ReplaceAll(mqttDoc, "HOST", b.Addr))
	stop := brokertest.Publisher(t, b.Addr, map[string]string{"sensors/s1/temperature": `{"celsius":21}`, "elsewhere/s1": `{}`})
	defer stop()
	src, err := Open(Config{Server: "local", MaxMessages: 5}, doc)
	if err != nil {
		t.Fatal(err)
	}
	if src.Name() != "mqtt://"+b.Addr+"/sensors/+/temperature" {
		t.Errorf("name %s", src.Name())
	}
	got, err, _ := readAll(t, src, 15*time.Second)
	if err != nil || len(got) != 5 {
		t.Fatalf("%d messages, %v", len(got), err)
	}
	for _, m := range got {
		if m.Topic != "sensors/s1/temperature" || string(m.Raw) != `{"celsius":21}` || m.HasHeaders {
			t.Fatalf("%+v", m)
		}
	}
}

func TestMQTTFilterFromURL(t *testing.T) {
	b := brokertest.StartMosquitto(t)
	doc := loadDoc(t, strings.ReplaceAll(mqttDoc, "HOST", b.Addr))
	stop := brokertest.Publisher(t, b.Addr, map[string]string{"elsewhere/s1": `{}`})
	defer stop()
	src, err := Open(Config{URL: "mqtt://" + b.Addr + "/elsewhere/#", MaxMessages: 2}, doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err, _ := readAll(t, src, 15*time.Second)
	if err != nil || len(got) != 2 || got[0].Topic != "elsewhere/s1" {
		t.Fatalf("%d messages, %v", len(got), err)
	}
}

func TestMQTTTrouble(t *testing.T) {
	b := brokertest.StartMosquitto(t)
	doc := loadDoc(t, strings.ReplaceAll(mqttDoc, "HOST", b.Addr))

	// Quiet topics: nothing arrives, and the read ends at its duration.
	src, _ := Open(Config{Server: "local"}, doc)
	got, err, took := readAll(t, src, 1500*time.Millisecond)
	if err != nil || len(got) != 0 || took > 5*time.Second {
		t.Fatalf("quiet: %d messages, %v, %v", len(got), err, took)
	}

	// The broker goes away while being read: one line, what was read kept.
	stop := brokertest.Publisher(t, b.Addr, map[string]string{"sensors/s1/temperature": `{"celsius":21}`})
	src, _ = Open(Config{Server: "local"}, doc)
	var n int
	var once sync.Once
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	err = src.Read(ctx, func(*check.Message) {
		n++
		once.Do(func() { go b.Stop() })
	})
	stop()
	if n == 0 || err == nil || !strings.Contains(err.Error(), "connection was lost") {
		t.Fatalf("broker gone: %d messages, %v", n, err)
	}

	// Nobody listens any more: refused, in one line, well before the duration.
	src, _ = Open(Config{Server: "local"}, doc)
	_, err, took = readAll(t, src, 20*time.Second)
	if err == nil || !strings.Contains(err.Error(), "cannot connect") || took > 10*time.Second {
		t.Fatalf("broker down: %v after %v", err, took)
	}
}
