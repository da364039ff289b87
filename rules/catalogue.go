package rules

import (
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/schema/avro"
)

func rule(id, object string, levels Levels, bump Bump, group, desc string) *Rule {
	return &Rule{ID: id, Object: object, Levels: levels, Bump: bump, Changelog: group, Description: desc}
}

func effectRule(id, object string, e schema.Effect, bump Bump, group, desc string) *Rule {
	return &Rule{ID: id, Object: object, ByEffect: true, Effect: e, Bump: bump, Changelog: group, Description: desc}
}

var (
	breaking = fixed(Breaking)
	warning  = fixed(Warning)
	info     = fixed(Info)
)

// structural are the rules for everything outside payload and header schemas.
var structural = []*Rule{
	rule(diff.AsyncAPIVersionChanged, "document", info, Patch, Changed, "The document moved to another AsyncAPI version; only the encoding of the contract changed."),
	rule(diff.DocumentIDChanged, "document", info, Patch, Changed, "The document's `id` (the application's identifier) changed."),
	rule(diff.DocumentationChanged, "document", info, Patch, Changed, "A title, summary, description, tag, external doc or example changed: documentation only."),
	rule(diff.ExtensionChanged, "document", info, Patch, Changed, "A specification extension (`x-*`) changed; eventdiff cannot know what it means."),
	rule(diff.RemoteRefChanged, "document", warning, Minor, Changed, "A message, channel, parameter, server, binding or trait that is a remote `$ref` (not followed by default) points at another URL, or took the place of what was written in the document (or gave it back): compared by URL, what changed is unknown. Review what it points to, or follow remote references with --allow-remote-refs."),
	rule(diff.ComponentAdded, "document", info, Patch, Added, "A component that nothing uses yet was added."),
	rule(diff.ComponentRemoved, "document", info, Patch, Removed, "A component that nothing used was removed."),

	rule(diff.ServerAdded, "server", info, Minor, Added, "A server was added."),
	rule(diff.ServerRemoved, "server", breaking, Major, Removed, "A server was removed: clients connecting to it fail."),
	rule(diff.ServerRenamed, "server", info, Patch, Changed, "A server was renamed; it still points at the same place."),
	rule(diff.ServerHostChanged, "server", breaking, Major, Changed, "A server's host changed: clients connect somewhere else."),
	rule(diff.ServerPathnameChanged, "server", breaking, Major, Changed, "A server's pathname changed: clients connect somewhere else."),
	rule(diff.ServerProtocolChanged, "server", breaking, Major, Changed, "A server's protocol changed: existing clients cannot talk to it."),
	rule(diff.ServerProtocolVersionChanged, "server", warning, Minor, Changed, "A server's protocol version changed; clients may need a different library."),
	rule(diff.ServerProtocolMajorChanged, "server", breaking, Major, Changed, "A server moved to another generation of its protocol (MQTT 3 ↔ 5, AMQP 0-9-1 ↔ 1.0)."),
	rule(diff.ServerVariableAdded, "server", info, Minor, Added, "A server variable was added."),
	rule(diff.ServerVariableRemoved, "server", warning, Minor, Removed, "A server variable was removed; clients that set it must stop."),
	rule(diff.ServerVariableEnumValueAdded, "server", info, Minor, Changed, "A server variable allows more values."),
	rule(diff.ServerVariableEnumValueRemove, "server", breaking, Major, Changed, "A server variable no longer allows a value clients may use."),
	rule(diff.ServerVariableDefaultChanged, "server", warning, Minor, Changed, "A server variable's default changed: clients relying on it connect elsewhere."),
	rule(diff.ServerBindingChanged, "binding", warning, Minor, Changed, "A server binding changed."),

	rule(diff.SecurityAdded, "security", breaking, Major, Changed, "Authentication is now required where none was: every peer must authenticate."),
	rule(diff.SecurityRemoved, "security", info, Minor, Changed, "Authentication is no longer required."),
	rule(diff.SecurityAlternativeAdded, "security", info, Minor, Changed, "Another way to authenticate is accepted."),
	rule(diff.SecurityAlternativeRemoved, "security", breaking, Major, Changed, "A way to authenticate is no longer accepted: peers using it are refused."),
	rule(diff.SecuritySchemeChanged, "security", breaking, Major, Changed, "A security scheme changed how credentials are presented."),
	rule(diff.SecurityScopesAdded, "security", breaking, Major, Changed, "More scopes are required: existing tokens may be refused."),
	rule(diff.SecurityScopesRemoved, "security", info, Minor, Changed, "Fewer scopes are required."),

	rule(diff.ChannelAdded, "channel", info, Minor, Added, "A channel was added."),
	rule(diff.ChannelRemoved, "channel", breaking, Major, Removed, "A channel was removed: everything sent or received on it stops."),
	rule(diff.ChannelAddressChanged, "channel", breaking, Major, Changed, "A channel's address changed: peers publish and subscribe somewhere else."),
	rule(diff.ChannelAddressUnknown, "channel", warning, Minor, Changed, "A channel's address became unknown (null): routing can no longer be checked."),
	rule(diff.ChannelRenamed, "channel", info, Patch, Changed, "A 3.x channel id changed; its address did not."),
	rule(diff.ChannelDeprecated, "channel", info, Minor, Deprecated, "A channel was deprecated."),
	rule(diff.ChannelServerAdded, "channel", info, Minor, Changed, "A channel is available on another server."),
	rule(diff.ChannelServerRemoved, "channel", breaking, Major, Changed, "A channel is no longer available on a server."),
	rule(diff.ChannelMessageAdded, "channel", warning, Minor, Added, "A message was added to a channel no operation reaches: whether it breaks depends on who sends it."),
	rule(diff.ChannelMessageRemoved, "channel", warning, Minor, Removed, "A message was removed from a channel no operation reaches: whether it breaks depends on who sends it."),
	rule(diff.ChannelParameterRenamed, "channel", info, Patch, Changed, "A channel parameter was renamed; the concrete addresses are unchanged."),
	rule(diff.ChannelParameterAdded, "channel", info, Minor, Added, "A parameter outside the address was declared."),
	rule(diff.ChannelParameterRemoved, "channel", info, Minor, Removed, "A parameter outside the address was removed."),
	rule(diff.ChannelParameterEnumValueAdded, "channel", byDirection(Warning, Info, Warning), Minor, Changed, "A channel parameter allows more values: the application publishes to new concrete addresses that exact subscribers miss."),
	rule(diff.ChannelParameterEnumValueRemoved, "channel", byDirection(Info, Breaking, Warning), Minor, Changed, "A channel parameter allows fewer values: producers still using a removed value go unheard."),
	rule(diff.ChannelParameterDefaultChanged, "channel", warning, Minor, Changed, "A channel parameter's default changed."),
	rule(diff.ChannelParameterLocationChanged, "channel", breaking, Major, Changed, "Where a channel parameter's value is taken from in the message changed."),
	rule(diff.ChannelBindingChanged, "binding", warning, Minor, Changed, "A channel binding changed."),
	rule(diff.KafkaTopicChanged, "binding", breaking, Major, Changed, "The Kafka topic of a channel changed."),
	rule(diff.KafkaPartitionsIncreased, "binding", warning, Minor, Changed, "A Kafka topic has more partitions: keys map to other partitions, ordering per key restarts."),
	rule(diff.KafkaPartitionsDecreased, "binding", breaking, Major, Changed, "A Kafka topic has fewer partitions: Kafka cannot shrink a topic, so it must be recreated."),
	rule(diff.AMQPChannelChanged, "binding", breaking, Major, Changed, "An AMQP exchange or queue declaration changed: brokers refuse redeclaring it with other arguments."),
	rule(diff.KafkaReplicasChanged, "binding", info, Patch, Changed, "A Kafka topic's replication factor changed: an operational setting, not part of the contract."),
	rule(diff.KafkaCleanupPolicyChanged, "binding", byDirection(Breaking, Warning, Warning), Minor, Changed, "A Kafka topic's cleanup.policy changed (delete ↔ compact): consumers relying on every record, or on the latest per key, see different data."),
	rule(diff.KafkaSchemaValidationChanged, "binding", breaking, Major, Changed, "A Kafka topic's broker-side schema validation or subject naming strategy changed: records are checked against other subjects."),
	rule(diff.BindingMethodChanged, "binding", breaking, Major, Changed, "The HTTP method of an operation or WebSocket handshake changed."),
	rule(diff.ChannelParameterLocationAdded, "channel", byDirection(Info, Warning, Warning), Minor, Changed, "A channel parameter's value is now taken from the message: producers must fill that field when the application receives."),
	rule(diff.ChannelParameterLocationRemoved, "channel", byDirection(Warning, Info, Warning), Minor, Changed, "A channel parameter's value is no longer taken from the message: consumers reading it there lose it when the application sends."),

	rule(diff.OperationAdded, "operation", info, Minor, Added, "An operation was added."),
	rule(diff.OperationRemoved, "operation", breaking, Major, Removed, "An operation was removed: its consumers stop getting events, or its producers' events go unconsumed."),
	rule(diff.OperationRenamed, "operation", info, Patch, Changed, "An operation id changed; what it does did not."),
	rule(diff.OperationMerged, "operation", info, Patch, Changed, "An operation is gone, but other operations still send (or receive) on its channel; messages no longer carried are reported on their own."),
	rule(diff.OperationActionChanged, "operation", breaking, Major, Changed, "An operation now receives what it sent, or sends what it received."),
	rule(diff.OperationChannelChanged, "operation", breaking, Major, Changed, "An operation moved to another channel."),
	rule(diff.OperationMessageAdded, "operation", byDirection(Breaking, Info, Warning), Minor, Added, "A message was added to an operation: consumers meet a message kind they do not know when the application sends it."),
	rule(diff.OperationMessageRemoved, "operation", byDirection(Info, Breaking, Warning), Minor, Removed, "A message was removed from an operation: producers still sending it are no longer understood when the application receives it."),
	rule(diff.OperationReplyAdded, "operation", byDirection(Breaking, Info, Warning), Minor, Added, "An operation now has a reply: for a send, peers must now reply."),
	rule(diff.OperationReplyRemoved, "operation", byDirection(Info, Breaking, Warning), Minor, Removed, "An operation no longer has a reply: for a receive, requesters wait in vain."),
	rule(diff.OperationReplyChanged, "operation", breaking, Major, Changed, "Where an operation's reply goes changed."),
	rule(diff.OperationReplyDeclared, "operation", info, Patch, Changed, "An operation now declares (or no longer declares) as its reply messages that travel that way anyway, through other operations."),
	rule(diff.OperationBindingChanged, "binding", warning, Minor, Changed, "An operation binding changed."),
	rule(diff.MQTTQoSDecreased, "binding", byDirection(Breaking, Warning, Warning), Minor, Changed, "An MQTT operation's QoS decreased: the delivery guarantee is weaker."),
	rule(diff.MQTTQoSIncreased, "binding", info, Minor, Changed, "An MQTT operation's QoS increased."),
	rule(diff.MQTTRetainChanged, "binding", warning, Minor, Changed, "An MQTT operation now retains its messages: new subscribers get a possibly stale message on connect."),
	rule(diff.MQTTRetainDisabled, "binding", byDirection(Breaking, Warning, Warning), Minor, Changed, "An MQTT operation no longer retains its messages: late subscribers relying on the retained value get nothing."),
	rule(diff.AMQPOperationChanged, "binding", byDirection(Breaking, Warning, Warning), Minor, Changed, "An AMQP operation's delivery mode or cc/bcc routing changed: persistence or who receives the message changed."),
	rule(diff.KafkaGroupIDChanged, "binding", byDirection(Info, Warning, Warning), Minor, Changed, "A Kafka consumer group or client id changed: a consumer restarts from other committed offsets."),

	rule(diff.MessageContentTypeChanged, "message", breaking, Major, Changed, "A message's content type changed: peers decode it differently."),
	rule(diff.MessageSchemaFormatChanged, "message", breaking, Major, Changed, "A message's schema moved to another schema language (JSON Schema, Avro, Protobuf...): the wire format changed."),
	rule(diff.MessageSchemaFormatRespelled, "message", info, Patch, Changed, "A message's schema format is written differently but means the same."),
	rule(diff.MessageCorrelationIDAdded, "message", byDirection(Info, Warning, Warning), Minor, Added, "A message now has a correlation id: producers must now fill it when the application receives it."),
	rule(diff.MessageCorrelationIDRemoved, "message", byDirection(Breaking, Info, Warning), Minor, Removed, "A message no longer has a correlation id: consumers correlating with it break when the application sends it."),
	rule(diff.MessageCorrelationIDChanged, "message", breaking, Major, Changed, "Where a message's correlation id is read from changed."),
	rule(diff.MessageNameChanged, "message", info, Patch, Changed, "A message's machine name changed (generated code may be renamed)."),
	rule(diff.MessageIDChanged, "message", info, Patch, Changed, "A message id or key changed; the message did not."),
	rule(diff.MessageDeprecated, "message", info, Minor, Deprecated, "A message was deprecated."),
	rule(diff.MessageBindingChanged, "binding", warning, Minor, Changed, "A message binding changed."),
	rule(diff.KafkaSchemaIDChanged, "binding", breaking, Major, Changed, "How a Kafka record carries its schema id changed: the framing of every record changed."),
	rule(diff.AMQPMessageChanged, "binding", breaking, Major, Changed, "An AMQP message's content encoding or type changed."),
	rule(diff.MQTTMessageChanged, "binding", breaking, Major, Changed, "An MQTT 5 message property that decoders rely on changed."),
	rule(diff.MessageSchemaNotAnalysed, "message", warning, Minor, Changed, "A payload or headers schema in a format eventdiff does not analyse changed: compatibility is unknown."),
}

// engineRules are the rules of the schema engines (JSON Schema and Avro):
// judged by the effect each change has and the direction of the message.
func engineRules() []*Rule {
	var out []*Rule
	for _, ri := range schema.Rules {
		out = append(out, &Rule{ID: ri.ID, Object: "schema", ByEffect: true, Bump: engineBump(ri.ID),
			Changelog: engineChangelog(ri.ID), Description: sentence(ri.Description)})
	}
	for _, ri := range avro.Rules {
		out = append(out, &Rule{ID: ri.ID, Object: "schema", ByEffect: true, Bump: engineBump(ri.ID),
			Changelog: engineChangelog(ri.ID), Description: sentence("Avro: " + ri.Description)})
	}
	return out
}

// annotationRules change documentation only: a patch.
var annotationRules = map[string]bool{
	"schema-description-changed": true, "schema-title-changed": true, "schema-examples-changed": true,
	"schema-external-docs-changed": true, "schema-extension-changed": true, "schema-comment-changed": true,
	"schema-id-changed": true, "schema-read-write-only-changed": true, "schema-extensible-enum-changed": true,
	"schema-combinator-wrapper-changed": true, "schema-nullable-ignored": true, "schema-default-changed": true,
	"avro-doc-changed": true, "avro-aliases-changed": true, "avro-order-changed": true, "avro-property-changed": true,
	"avro-fields-reordered": true, "avro-enum-symbols-reordered": true, "avro-union-branches-reordered": true,
}

func engineBump(id string) Bump {
	if annotationRules[id] {
		return Patch
	}
	return Minor
}

// engineChangelog files an engine rule under Added, Removed, Deprecated or
// Changed: things that appear or disappear, everything else a change.
func engineChangelog(id string) string {
	switch {
	case strings.HasSuffix(id, "deprecated-changed"):
		return Deprecated
	case strings.Contains(id, "property-added") || strings.Contains(id, "field-added") ||
		strings.HasSuffix(id, "value-added") || strings.HasSuffix(id, "symbol-added") || strings.HasSuffix(id, "branch-added") ||
		strings.HasSuffix(id, "type-added") || strings.Contains(id, "tuple-item-added") || id == "schema-payload-added":
		return Added
	case strings.Contains(id, "property-removed") || strings.Contains(id, "field-removed") ||
		strings.HasSuffix(id, "value-removed") || strings.HasSuffix(id, "symbol-removed") || strings.HasSuffix(id, "branch-removed") ||
		strings.HasSuffix(id, "type-removed") || strings.Contains(id, "tuple-item-removed") || id == "schema-payload-removed":
		return Removed
	}
	return Changed
}

// sentence capitalises a one-line description and ends it with a period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

var catalogue = buildCatalogue()

func buildCatalogue() map[string]*Rule {
	m := map[string]*Rule{}
	for _, group := range [][]*Rule{structural, engineRules()} {
		for _, r := range group {
			if _, dup := m[r.ID]; dup {
				panic("duplicate rule id " + r.ID)
			}
			m[r.ID] = r
		}
	}
	return m
}

// Lookup returns the rule with an id.
func Lookup(id string) (*Rule, bool) {
	r, ok := catalogue[id]
	return r, ok
}

// All returns every rule, sorted by id.
func All() []*Rule {
	out := make([]*Rule, 0, len(catalogue))
	for _, r := range catalogue {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
