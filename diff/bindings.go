package diff

import (
	"fmt"
	"strconv"

	"eventdiff/spec"
)

// bindingRule says which change kind judges a field of a protocol binding
// at one level (server, channel, operation, message). Fields without a
// rule of their own are reported by the level's generic binding kind.
var bindingRules = map[string]map[string]string{
	"channel/amqp":    {"is": AMQPChannelChanged, "exchange": AMQPChannelChanged, "queue": AMQPChannelChanged},
	"operation/kafka": {"groupId": KafkaGroupIDChanged, "clientId": KafkaGroupIDChanged},
	"operation/mqtt":  {"retain": MQTTRetainChanged},
	"message/kafka": {"schemaIdLocation": KafkaSchemaIDChanged, "schemaIdPayloadEncoding": KafkaSchemaIDChanged,
		"schemaLookupStrategy": KafkaSchemaIDChanged},
	"message/amqp": {"contentEncoding": AMQPMessageChanged, "messageType": AMQPMessageChanged},
	"message/mqtt": {"payloadFormatIndicator": MQTTMessageChanged, "contentType": MQTTMessageChanged,
		"responseTopic": MQTTMessageChanged, "correlationData": MQTTMessageChanged},
}

var genericBinding = map[string]string{
	"server": ServerBindingChanged, "channel": ChannelBindingChanged,
	"operation": OperationBindingChanged, "message": MessageBindingChanged,
}

// bindings compares the protocol bindings of two elements field by field.
// `bindingVersion` is not compared: it versions the binding's own schema.
// A Kafka message key is a schema and is compared by the message differ.
func (d *differ) bindings(ctx Change, level, owner string, a, b, aOwner, bOwner *spec.Node) {
	protos := map[string]bool{}
	for _, n := range []*spec.Node{a, b} {
		for _, f := range n.Entries() {
			protos[f.Key] = true
		}
	}
	for _, p := range sortedKeys(protos) {
		va, vb := a.Get(p).Deref(), b.Get(p).Deref()
		where := fmt.Sprintf("%s binding of %s", p, owner)
		if va == nil || vb == nil || va.Kind != spec.Map || vb.Kind != spec.Map {
			if !spec.EqualResolved(va, vb) {
				text := where + " changed"
				switch {
				case va == nil:
					text = where + " added"
				case vb == nil:
					text = where + " removed"
				}
				c := ctx
				c.Kind, c.Text = genericBinding[level], text
				c.Base, c.Revision = locOr(va, locParent(a, aOwner)), locOr(vb, locParent(b, bOwner))
				c.Old, c.New = plain(va), plain(vb)
				d.add(c)
			}
			continue
		}
		handled := map[string]bool{"bindingVersion": true}
		switch level + "/" + p {
		case "channel/kafka":
			handled["topic"], handled["partitions"] = true, true
			d.kafkaChannel(ctx, where, va, vb)
		case "operation/mqtt":
			handled["qos"] = true
			d.mqttQoS(ctx, where, va, vb)
		case "message/kafka":
			handled["key"] = true
		}
		rules := bindingRules[level+"/"+p]
		keys := map[string]bool{}
		for _, n := range []*spec.Node{va, vb} {
			for _, f := range n.Entries() {
				if !handled[f.Key] {
					keys[f.Key] = true
				}
			}
		}
		for _, k := range sortedKeys(keys) {
			fa, fb := va.Get(k), vb.Get(k)
			if spec.EqualResolved(fa, fb) {
				continue
			}
			kind := rules[k]
			if kind == "" {
				kind = genericBinding[level]
			}
			c := ctx
			c.Kind = kind
			c.Text = fmt.Sprintf("%s of %s changed", k, where)
			c.Base, c.Revision = locOr(fa, va), locOr(fb, vb)
			c.Old, c.New = plain(fa), plain(fb)
			d.add(c)
		}
	}
}

func locParent(n, owner *spec.Node) *spec.Node {
	if n != nil {
		return n
	}
	return owner
}

// kafkaChannel compares the topic (which defaults to the channel address,
// already compared) and the partition count.
func (d *differ) kafkaChannel(ctx Change, where string, a, b *spec.Node) {
	ta, tb := a.Get("topic"), b.Get("topic")
	if ta != nil && tb != nil && ta.Text() != tb.Text() {
		c := ctx
		c.Kind = KafkaTopicChanged
		c.Text = fmt.Sprintf("topic of %s changed from %q to %q", where, ta.Text(), tb.Text())
		c.Base, c.Revision, c.Old, c.New = ta.Loc(), tb.Loc(), ta.Text(), tb.Text()
		d.add(c)
	} else if (ta == nil) != (tb == nil) {
		c := ctx
		c.Kind = KafkaTopicChanged
		c.Text = fmt.Sprintf("topic of %s changed from %s to %s", where, topicText(ta), topicText(tb))
		c.Base, c.Revision, c.Old, c.New = locOr(ta, a), locOr(tb, b), plain(ta), plain(tb)
		d.add(c)
	}
	pa, pb := a.Get("partitions"), b.Get("partitions")
	na, errA := strconv.ParseFloat(pa.Text(), 64)
	nb, errB := strconv.ParseFloat(pb.Text(), 64)
	if errA == nil && errB == nil && na != nb {
		c := ctx
		c.Kind = KafkaPartitionsIncreased
		if nb < na {
			c.Kind = KafkaPartitionsDecreased
		}
		c.Text = fmt.Sprintf("partitions of %s changed from %s to %s", where, pa.Text(), pb.Text())
		c.Base, c.Revision, c.Old, c.New = pa.Loc(), pb.Loc(), plain(pa), plain(pb)
		d.add(c)
	} else if !spec.Equal(pa, pb) {
		c := ctx
		c.Kind = ChannelBindingChanged
		c.Text = fmt.Sprintf("partitions of %s changed", where)
		c.Base, c.Revision, c.Old, c.New = locOr(pa, a), locOr(pb, b), plain(pa), plain(pb)
		d.add(c)
	}
}

func topicText(n *spec.Node) string {
	if n == nil {
		return "the channel address"
	}
	return strconv.Quote(n.Text())
}

// mqttQoS compares the delivery guarantee of an MQTT operation; absent is 0.
func (d *differ) mqttQoS(ctx Change, where string, a, b *spec.Node) {
	qa, qb := a.Get("qos"), b.Get("qos")
	level := func(n *spec.Node) int {
		if v, err := strconv.Atoi(n.Text()); err == nil {
			return v
		}
		return 0
	}
	la, lb := level(qa), level(qb)
	if la == lb {
		return
	}
	c := ctx
	c.Kind = MQTTQoSIncreased
	if lb < la {
		c.Kind = MQTTQoSDecreased
	}
	c.Text = fmt.Sprintf("qos of %s changed from %d to %d", where, la, lb)
	c.Base, c.Revision, c.Old, c.New = locOr(qa, a), locOr(qb, b), la, lb
	d.add(c)
}
