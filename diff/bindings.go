package diff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// bindingRules say which change kind judges a field of a protocol binding
// at one level (server, channel, operation, message), by the field's path
// ("exchange.durable") or its first segment ("exchange"). Fields without a
// rule of their own are judged by the level's generic binding kind.
var bindingRules = map[string]map[string]string{
	"channel/amqp": {"is": catalogue.ChannelBindingAMQPChanged, "exchange": catalogue.ChannelBindingAMQPChanged, "queue": catalogue.ChannelBindingAMQPChanged},
	"channel/kafka": {"replicas": catalogue.ChannelBindingKafkaReplicasChanged, "topicConfiguration.cleanup.policy": catalogue.ChannelBindingKafkaCleanupPolicyChanged,
		"topicConfiguration.confluent.key.schema.validation":       catalogue.ChannelBindingKafkaSchemaValidationChanged,
		"topicConfiguration.confluent.value.schema.validation":     catalogue.ChannelBindingKafkaSchemaValidationChanged,
		"topicConfiguration.confluent.key.subject.name.strategy":   catalogue.ChannelBindingKafkaSchemaValidationChanged,
		"topicConfiguration.confluent.value.subject.name.strategy": catalogue.ChannelBindingKafkaSchemaValidationChanged},
	"channel/ws":      {"method": catalogue.BindingMethodChanged},
	"operation/http":  {"method": catalogue.BindingMethodChanged},
	"operation/kafka": {"groupId": catalogue.OperationBindingKafkaGroupIDChanged, "clientId": catalogue.OperationBindingKafkaGroupIDChanged},
	"operation/mqtt":  {"retain": catalogue.OperationBindingMQTTRetainChanged},
	"operation/amqp":  {"deliveryMode": catalogue.OperationBindingAMQPChanged, "cc": catalogue.OperationBindingAMQPChanged, "bcc": catalogue.OperationBindingAMQPChanged},
	"message/kafka": {"schemaIdLocation": catalogue.MessageBindingKafkaSchemaIDChanged, "schemaIdPayloadEncoding": catalogue.MessageBindingKafkaSchemaIDChanged,
		"schemaLookupStrategy": catalogue.MessageBindingKafkaSchemaIDChanged},
	"message/amqp": {"contentEncoding": catalogue.MessageBindingAMQPChanged, "messageType": catalogue.MessageBindingAMQPChanged},
	"message/mqtt": {"payloadFormatIndicator": catalogue.MessageBindingMQTTChanged, "contentType": catalogue.MessageBindingMQTTChanged,
		"responseTopic": catalogue.MessageBindingMQTTChanged},
}

// bindingDefaults are the values the bindings specification gives fields
// that are absent, so writing the default out is not a change.
var bindingDefaults = map[string]map[string]string{
	"channel/amqp":       {"is": "routingKey", "exchange.vhost": "/", "queue.vhost": "/"},
	"channel/ibmmq":      {"destinationType": "topic"},
	"channel/anypointmq": {"destinationType": "queue"},
	"channel/jms":        {"destinationType": "queue"},
	"operation/mqtt":     {"qos": "0", "retain": "false"},
	"message/mqtt":       {"payloadFormatIndicator": "0"},
	"message/ibmmq":      {"type": "string", "expiry": "0"},
}

// bindingSchemas are the binding fields that hold a schema, by level and
// protocol (asyncapi/bindings): they are compared by the schema engine,
// with the direction of what carries them, not as opaque values. A Kafka
// message key is compared with the message (see messages.go); Kafka
// groupId/clientId schemas name the consumer's group, which
// operation-binding-kafka-group-id-changed judges.
var bindingSchemas = map[string][]string{
	"channel/ws":         {"headers", "query"},
	"operation/http":     {"query"},
	"message/http":       {"headers"},
	"message/jms":        {"headers"},
	"message/anypointmq": {"headers"},
	"message/mqtt":       {"correlationData"},
}

// bindingObjects are the binding schema fields the bindings specifications
// say describe an object (query parameters, headers): absent, any object
// of them is sent, so a first schema that only names optional ones
// restricts nothing (under the pragmatic policy) instead of "anything".
var bindingObjects = map[string]bool{"headers": true, "query": true}

// SubjectHandshake is the subject of a change to what opens a WebSocket
// connection (the channel binding's query and headers): the side that
// opens it sends them, and the application accepting it receives them.
const SubjectHandshake = "handshake"

var genericBinding = map[string]string{
	"server": catalogue.ServerBindingChanged, "channel": catalogue.ChannelBindingChanged,
	"operation": catalogue.OperationBindingChanged, "message": catalogue.MessageBindingChanged,
}

// bindings compares the protocol bindings of two elements field by field
// (and one level into object fields). `bindingVersion` is not compared: it
// versions the binding's own schema. A Kafka message key is a schema and is
// compared by the message differ. addr holds the channel addresses, which
// a Kafka topic defaults to.
func (d *differ) bindings(ctx Change, level, owner string, a, b, aOwner, bOwner *tree.Node, addr [2]string) {
	if a != nil && b != nil && d.remote(ctx, "bindings of "+owner, a, b) {
		return
	}
	protos := map[string]bool{}
	for _, n := range []*tree.Node{a, b} {
		for _, f := range n.Entries() {
			protos[f.Key] = true
		}
	}
	for _, p := range sortedKeys(protos) {
		va, vb := a.Get(p).Deref(), b.Get(p).Deref()
		where := fmt.Sprintf("%s binding of %s", p, owner)
		if va != nil && vb != nil && d.remote(ctx, where, va, vb) {
			continue
		}
		handled := d.bindingSchemaFields(ctx, level+"/"+p, where, va, vb, locParent(a, aOwner), locParent(b, bOwner))
		if va == nil || vb == nil || va.Kind != tree.Map || vb.Kind != tree.Map {
			if !tree.EqualResolved(va, vb) && !onlyHandled(va, vb, handled) {
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
		switch level + "/" + p {
		case "channel/kafka":
			handled["topic"], handled["partitions"] = true, true
			d.kafkaChannel(ctx, where, va, vb, addr)
		case "operation/mqtt":
			handled["qos"] = true
			d.mqttQoS(ctx, where, va, vb)
		case "message/kafka":
			handled["key"] = true
		}
		d.bindingFields(ctx, level+"/"+p, where, va, vb, "", handled)
	}
}

// bindingSchemaFields compares the fields of a binding that hold a schema
// with the schema engine (an absent field accepts anything), and returns
// the fields the generic comparison must skip.
func (d *differ) bindingSchemaFields(ctx Change, scope, where string, va, vb, atA, atB *tree.Node) map[string]bool {
	handled := map[string]bool{"bindingVersion": true}
	mapOrNil := func(n *tree.Node) *tree.Node {
		if n != nil && n.Kind == tree.Map {
			return n
		}
		return nil
	}
	va, vb = mapOrNil(va), mapOrNil(vb)
	for _, f := range bindingSchemas[scope] {
		handled[f] = true
		sa, sb := va.Get(f), vb.Get(f)
		if sa == nil && sb == nil || tree.EqualResolved(sa, sb) {
			continue
		}
		if bindingObjects[f] {
			sa, sb = orAnyObject(sa, locParent(va, atA)), orAnyObject(sb, locParent(vb, atB))
		}
		sctx := ctx
		sctx.Subject = "binding " + f
		if scope == "channel/ws" {
			// The handshake travels towards the application, whatever its
			// operations on the channel do with messages.
			sctx.Subject, sctx.Operations = SubjectHandshake, nil
		}
		d.schemas(sctx, f+" of "+where, sa, sb, d.opts.Schema)
	}
	return handled
}

// orAnyObject returns s, or when it is absent a schema that accepts any
// object, placed at the node that would hold it.
func orAnyObject(s, at *tree.Node) *tree.Node {
	if s != nil {
		return s
	}
	obj := &tree.Node{Kind: tree.Map, Parent: at.Parent, Index: at.Index, Line: at.Line, Col: at.Col, File: at.File}
	typ := &tree.Node{Kind: tree.String, Value: "object", Parent: obj, Line: at.Line, Col: at.Col, File: at.File}
	obj.Fields = []tree.Field{{Key: "type", Value: typ}}
	return obj
}

// onlyHandled reports whether the fields of a binding present on one side
// only are all compared elsewhere (schemas, bindingVersion).
func onlyHandled(va, vb *tree.Node, handled map[string]bool) bool {
	for _, n := range []*tree.Node{va, vb} {
		if n == nil {
			continue
		}
		if n.Kind != tree.Map {
			return false
		}
		for _, f := range n.Fields {
			if !handled[f.Key] {
				return false
			}
		}
	}
	return true
}

// bindingFields compares the fields of one binding; object fields are
// compared key by key one level down, so a change points where it is.
func (d *differ) bindingFields(ctx Change, scope, where string, va, vb *tree.Node, prefix string, handled map[string]bool) {
	keys := map[string]bool{}
	for _, n := range []*tree.Node{va, vb} {
		for _, f := range n.Entries() {
			if !handled[f.Key] {
				keys[f.Key] = true
			}
		}
	}
	for _, k := range sortedKeys(keys) {
		path := prefix + k
		fa, fb := va.Get(k), vb.Get(k)
		if tree.EqualResolved(fa, fb) || sameByDefault(scope, path, fa, fb) {
			continue
		}
		if prefix == "" && fa.Deref() != nil && fb.Deref() != nil && fa.Deref().Kind == tree.Map && fb.Deref().Kind == tree.Map {
			d.bindingFields(ctx, scope, where, fa.Deref(), fb.Deref(), path+".", nil)
			continue
		}
		c := ctx
		c.Kind = bindingKind(scope, path, fa, fb)
		c.Text = fmt.Sprintf("%s of %s changed from %s to %s", path, where, valueText(fa), valueText(fb))
		if !scalarOrAbsent(fa) || !scalarOrAbsent(fb) {
			c.Text = fmt.Sprintf("%s of %s %s", path, where, changedWord(fa, fb))
		}
		c.Base, c.Revision = locOr(fa, va), locOr(fb, vb)
		c.Old, c.New = plain(fa), plain(fb)
		d.add(c)
	}
}

// sameByDefault reports whether an absent field and its documented
// default are being compared.
func sameByDefault(scope, path string, a, b *tree.Node) bool {
	def, ok := bindingDefaults[scope][path]
	if !ok {
		return false
	}
	text := func(n *tree.Node) string {
		if n == nil {
			return def
		}
		return n.Text()
	}
	return text(a) == text(b)
}

func bindingKind(scope, path string, a, b *tree.Node) string {
	rules := bindingRules[scope]
	kind := rules[path]
	if kind == "" {
		head, _, _ := strings.Cut(path, ".")
		kind = rules[head]
	}
	if kind == catalogue.OperationBindingMQTTRetainChanged && a.IsTrue() && !b.IsTrue() {
		return catalogue.OperationBindingMQTTRetainDisabled
	}
	if kind == "" {
		level, _, _ := strings.Cut(scope, "/")
		kind = genericBinding[level]
	}
	return kind
}

// scalarOrAbsent reports a value that reads well quoted in a sentence.
func scalarOrAbsent(n *tree.Node) bool {
	n = n.Deref()
	return n == nil || (n.Kind != tree.Map && n.Kind != tree.Seq)
}

func changedWord(a, b *tree.Node) string {
	switch {
	case a == nil:
		return "added"
	case b == nil:
		return "removed"
	}
	return "changed"
}

func valueText(n *tree.Node) string {
	if n == nil {
		return "(absent)"
	}
	if s := n.Text(); s != "" || n.Kind == tree.String {
		return strconv.Quote(s)
	}
	if n.Kind == tree.Null {
		return "null"
	}
	return "a new value"
}

func locParent(n, owner *tree.Node) *tree.Node {
	if n != nil {
		return n
	}
	return owner
}

// kafkaChannel compares the topic, which defaults to the channel address
// (an address change is reported on its own), and the partition count.
func (d *differ) kafkaChannel(ctx Change, where string, a, b *tree.Node, addr [2]string) {
	ta, tb := a.Get("topic"), b.Get("topic")
	effective := func(t *tree.Node, address string) string {
		if t != nil {
			return t.Text()
		}
		return address
	}
	if (ta != nil || tb != nil) && effective(ta, addr[0]) != effective(tb, addr[1]) {
		c := ctx
		c.Kind = catalogue.ChannelBindingKafkaTopicChanged
		c.Text = fmt.Sprintf("topic of %s changed from %s to %s", where, topicText(ta, addr[0]), topicText(tb, addr[1]))
		c.Base, c.Revision, c.Old, c.New = locOr(ta, a), locOr(tb, b), effective(ta, addr[0]), effective(tb, addr[1])
		d.add(c)
	}
	pa, pb := a.Get("partitions"), b.Get("partitions")
	na, errA := strconv.ParseFloat(pa.Text(), 64)
	nb, errB := strconv.ParseFloat(pb.Text(), 64)
	switch {
	case errA == nil && errB == nil && na != nb:
		c := ctx
		c.Kind = catalogue.ChannelBindingKafkaPartitionsIncreased
		if nb < na {
			c.Kind = catalogue.ChannelBindingKafkaPartitionsDecreased
		}
		c.Text = fmt.Sprintf("partitions of %s changed from %s to %s", where, pa.Text(), pb.Text())
		c.Base, c.Revision, c.Old, c.New = pa.Loc(), pb.Loc(), plain(pa), plain(pb)
		d.add(c)
	case !tree.Equal(pa, pb) && (errA != nil || errB != nil):
		c := ctx
		c.Kind = catalogue.ChannelBindingChanged
		c.Text = fmt.Sprintf("partitions of %s changed from %s to %s", where, valueText(pa), valueText(pb))
		c.Base, c.Revision, c.Old, c.New = locOr(pa, a), locOr(pb, b), plain(pa), plain(pb)
		d.add(c)
	}
}

func topicText(n *tree.Node, address string) string {
	if n == nil {
		return fmt.Sprintf("the channel address %q", address)
	}
	return strconv.Quote(n.Text())
}

// mqttQoS compares the delivery guarantee of an MQTT operation; absent is 0.
func (d *differ) mqttQoS(ctx Change, where string, a, b *tree.Node) {
	qa, qb := a.Get("qos"), b.Get("qos")
	level := func(n *tree.Node) int {
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
	c.Kind = catalogue.OperationBindingMQTTQoSIncreased
	if lb < la {
		c.Kind = catalogue.OperationBindingMQTTQoSDecreased
	}
	c.Text = fmt.Sprintf("qos of %s changed from %d to %d", where, la, lb)
	c.Base, c.Revision, c.Old, c.New = locOr(qa, a), locOr(qb, b), la, lb
	d.add(c)
}
