package catalogue

// Default levels that do not depend on direction.
var (
	breaking = fixed(Breaking)
	warning  = fixed(Warning)
	info     = fixed(Info)
)

// Rules about the document as a whole.
var (
	AsyncAPIVersionChanged = declare("asyncapi-version-changed", "document", info, Patch, Changed,
		"The document moved to another AsyncAPI version; only the encoding of the contract changed.")
	DocumentIDChanged = declare("document-id-changed", "document", info, Patch, Changed,
		"The document's `id` (the application's identifier) changed.")
	DocumentationChanged = declare("documentation-changed", "document", info, Patch, Changed,
		"A title, summary, description, tag, external doc or example changed: documentation only.")
	ExtensionChanged = declare("extension-changed", "document", info, Patch, Changed,
		"A specification extension (`x-*`) changed; eventdiff cannot know what it means.")
	ComponentAdded = declare("component-added", "document", info, Patch, Added,
		"A component that nothing uses yet was added.")
	ComponentRemoved = declare("component-removed", "document", info, Patch, Removed,
		"A component that nothing used was removed.")
	RemoteRefChanged = declare("remote-ref-changed", "document", warning, Minor, Changed,
		"A message, channel, parameter, server, binding or trait that is a remote `$ref` (not followed by default) points at another URL, or took the place of what was written in the document (or gave it back): compared by URL, what changed is unknown. Review what it points to, or follow remote references with --allow-remote-refs.")
	DefaultContentTypeChanged = declare("default-content-type-changed", "document", breaking, Major, Changed,
		"The document's defaultContentType changed: the messages without a content type of their own are encoded differently.")
	DefaultContentTypeRemoved = declare("default-content-type-removed", "document", warning, Minor, Changed,
		"The document's defaultContentType was removed: the messages that relied on it no longer say how they are encoded.")
	DefaultContentTypeAdded = declare("default-content-type-added", "document", info, Patch, Changed,
		"The document now has a defaultContentType: messages that declared none now say how they are encoded.")
)

// Rules about servers.
var (
	ServerAdded = declare("server-added", "server", info, Minor, Added,
		"A server was added.")
	ServerRemoved = declare("server-removed", "server", breaking, Major, Removed,
		"A server was removed: clients connecting to it fail.")
	ServerRenamed = declare("server-renamed", "server", info, Patch, Changed,
		"A server was renamed; it still points at the same place.")
	ServerHostChanged = declare("server-host-changed", "server", breaking, Major, Changed,
		"A server's host changed: clients connect somewhere else.")
	ServerPathnameChanged = declare("server-pathname-changed", "server", breaking, Major, Changed,
		"A server's pathname changed: clients connect somewhere else.")
	ServerProtocolChanged = declare("server-protocol-changed", "server", breaking, Major, Changed,
		"A server's protocol changed: existing clients cannot talk to it.")
	ServerProtocolVersionChanged = declare("server-protocol-version-changed", "server", warning, Minor, Changed,
		"A server's protocol version changed; clients may need a different library.")
	ServerProtocolVersionMajorChanged = declare("server-protocol-version-major-changed", "server", breaking, Major, Changed,
		"A server moved to another generation of its protocol (MQTT 3 ↔ 5, AMQP 0-9-1 ↔ 1.0).")
	ServerVariableAdded = declare("server-variable-added", "server", info, Minor, Added,
		"A server variable was added.")
	ServerVariableRemoved = declare("server-variable-removed", "server", warning, Minor, Removed,
		"A server variable was removed; clients that set it must stop.")
	ServerVariableEnumValueAdded = declare("server-variable-enum-value-added", "server", info, Minor, Changed,
		"A server variable allows more values.")
	ServerVariableEnumValueRemoved = declare("server-variable-enum-value-removed", "server", breaking, Major, Changed,
		"A server variable no longer allows a value clients may use.")
	ServerVariableDefaultChanged = declare("server-variable-default-changed", "server", warning, Minor, Changed,
		"A server variable's default changed: clients relying on it connect elsewhere.")
	ServerBindingChanged = declare("server-binding-changed", "binding", warning, Minor, Changed,
		"A server binding changed.")
)

// Rules about security requirements.
var (
	SecurityAdded = declare("security-added", "security", breaking, Major, Changed,
		"Authentication is now required where none was: every peer must authenticate.")
	SecurityRemoved = declare("security-removed", "security", info, Minor, Changed,
		"Authentication is no longer required.")
	SecurityAlternativeAdded = declare("security-alternative-added", "security", info, Minor, Changed,
		"Another way to authenticate is accepted.")
	SecurityAlternativeRemoved = declare("security-alternative-removed", "security", breaking, Major, Changed,
		"A way to authenticate is no longer accepted: peers using it are refused.")
	SecuritySchemeChanged = declare("security-scheme-changed", "security", breaking, Major, Changed,
		"A security scheme changed how credentials are presented.")
	SecurityScopesAdded = declare("security-scopes-added", "security", breaking, Major, Changed,
		"More scopes are required: existing tokens may be refused.")
	SecurityScopesRemoved = declare("security-scopes-removed", "security", info, Minor, Changed,
		"Fewer scopes are required.")
)

// Rules about channels, their parameters and bindings.
var (
	ChannelAdded = declare("channel-added", "channel", info, Minor, Added,
		"A channel was added.")
	ChannelRemoved = declare("channel-removed", "channel", breaking, Major, Removed,
		"A channel was removed: everything sent or received on it stops.")
	ChannelAddressChanged = declare("channel-address-changed", "channel", breaking, Major, Changed,
		"A channel's address changed: peers publish and subscribe somewhere else.")
	ChannelAddressBecameUnknown = declare("channel-address-became-unknown", "channel", warning, Minor, Changed,
		"A channel's address became unknown (null): routing can no longer be checked.")
	ReplyChannelRemoved = declare("reply-channel-removed", "channel", info, Patch, Removed,
		"A channel that only carried replies was removed; what that does is reported on the operations whose replies it carried.")
	ChannelRenamed = declare("channel-renamed", "channel", info, Patch, Changed,
		"A 3.x channel id changed; its address did not.")
	ChannelDeprecated = declare("channel-deprecated", "channel", info, Minor, Deprecated,
		"A channel was deprecated.")
	ChannelServerAdded = declare("channel-server-added", "channel", info, Minor, Changed,
		"A channel is available on another server.")
	ChannelServerRemoved = declare("channel-server-removed", "channel", breaking, Major, Changed,
		"A channel is no longer available on a server.")
	ChannelMessageAdded = declare("channel-message-added", "channel", warning, Minor, Added,
		"A message was added to a channel no operation reaches: whether it breaks depends on who sends it.")
	ChannelMessageRemoved = declare("channel-message-removed", "channel", warning, Minor, Removed,
		"A message was removed from a channel no operation reaches: whether it breaks depends on who sends it.")
	ChannelParameterRenamed = declare("channel-parameter-renamed", "channel", info, Patch, Changed,
		"A channel parameter was renamed; the concrete addresses are unchanged.")
	ChannelParameterMeaningChanged = declare("channel-parameter-meaning-changed", "channel", warning, Minor, Changed,
		"A channel parameter was renamed and its description rewritten: the addresses look the same, but the segment may now carry another kind of value (an order id where a user id was).")
	ChannelParameterAdded = declare("channel-parameter-added", "channel", info, Minor, Added,
		"A parameter outside the address was declared.")
	ChannelParameterRemoved = declare("channel-parameter-removed", "channel", info, Minor, Removed,
		"A parameter outside the address was removed.")
	ChannelParameterEnumValueAdded = declare("channel-parameter-enum-value-added", "channel", ByDirection(Warning, Info, Warning), Minor, Changed,
		"A channel parameter allows more values: the application publishes to new concrete addresses that exact subscribers miss.")
	ChannelParameterEnumValueRemoved = declare("channel-parameter-enum-value-removed", "channel", ByDirection(Info, Breaking, Warning), Minor, Changed,
		"A channel parameter allows fewer values: producers still using a removed value go unheard.")
	ChannelParameterDefaultChanged = declare("channel-parameter-default-changed", "channel", warning, Minor, Changed,
		"A channel parameter's default changed.")
	ChannelParameterLocationChanged = declare("channel-parameter-location-changed", "channel", breaking, Major, Changed,
		"Where a channel parameter's value is taken from in the message changed.")
	ChannelBindingChanged = declare("channel-binding-changed", "binding", warning, Minor, Changed,
		"A channel binding changed.")
	ChannelBindingKafkaTopicChanged = declare("channel-binding-kafka-topic-changed", "binding", breaking, Major, Changed,
		"The Kafka topic of a channel changed.")
	ChannelBindingKafkaPartitionsIncreased = declare("channel-binding-kafka-partitions-increased", "binding", warning, Minor, Changed,
		"A Kafka topic has more partitions: keys map to other partitions, ordering per key restarts.")
	ChannelBindingKafkaPartitionsDecreased = declare("channel-binding-kafka-partitions-decreased", "binding", breaking, Major, Changed,
		"A Kafka topic has fewer partitions: Kafka cannot shrink a topic, so it must be recreated.")
	ChannelBindingAMQPChanged = declare("channel-binding-amqp-changed", "binding", breaking, Major, Changed,
		"An AMQP exchange or queue declaration changed: brokers refuse redeclaring it with other arguments.")
	ChannelBindingKafkaReplicasChanged = declare("channel-binding-kafka-replicas-changed", "binding", info, Patch, Changed,
		"A Kafka topic's replication factor changed: an operational setting, not part of the contract.")
	ChannelBindingKafkaCleanupPolicyChanged = declare("channel-binding-kafka-cleanup-policy-changed", "binding", ByDirection(Breaking, Warning, Warning), Minor, Changed,
		"A Kafka topic's cleanup.policy changed (delete ↔ compact): consumers relying on every record, or on the latest per key, see different data.")
	ChannelBindingKafkaSchemaValidationChanged = declare("channel-binding-kafka-schema-validation-changed", "binding", breaking, Major, Changed,
		"A Kafka topic's broker-side schema validation or subject naming strategy changed: records are checked against other subjects.")
	BindingMethodChanged = declare("binding-method-changed", "binding", breaking, Major, Changed,
		"The HTTP method of an operation or WebSocket handshake changed.")
	ChannelParameterLocationAdded = declare("channel-parameter-location-added", "channel", ByDirection(Info, Warning, Warning), Minor, Changed,
		"A channel parameter's value is now taken from the message: producers must fill that field when the application receives.")
	ChannelParameterLocationRemoved = declare("channel-parameter-location-removed", "channel", ByDirection(Warning, Info, Warning), Minor, Changed,
		"A channel parameter's value is no longer taken from the message: consumers reading it there lose it when the application sends.")
)

// Rules about operations and their bindings.
var (
	OperationAdded = declare("operation-added", "operation", info, Minor, Added,
		"An operation was added.")
	OperationRemoved = declare("operation-removed", "operation", breaking, Major, Removed,
		"An operation was removed: its consumers stop getting events, or its producers' events go unconsumed.")
	OperationRenamed = declare("operation-renamed", "operation", info, Patch, Changed,
		"An operation id changed; what it does did not.")
	OperationDeprecated = declare("operation-deprecated", "operation", info, Minor, Deprecated,
		"An operation was deprecated.")
	OperationMerged = declare("operation-merged", "operation", info, Patch, Changed,
		"An operation is gone, but other operations still send (or receive) on its channel; messages no longer carried are reported on their own.")
	OperationActionChanged = declare("operation-action-changed", "operation", breaking, Major, Changed,
		"An operation now receives what it sent, or sends what it received.")
	OperationChannelChanged = declare("operation-channel-changed", "operation", breaking, Major, Changed,
		"An operation moved to another channel.")
	OperationMessageAdded = declare("operation-message-added", "operation", ByDirection(Breaking, Info, Warning), Minor, Added,
		"A message was added to an operation: a new kind of value, breaking when the application sends it (consumers meet a message kind they do not know), info when it receives it.")
	OperationMessageRemoved = declare("operation-message-removed", "operation", ByDirection(Info, Breaking, Warning), Minor, Removed,
		"A message was removed from an operation: producers still sending it are no longer understood when the application receives it.")
	OperationReplyAdded = declare("operation-reply-added", "operation", ByDirection(Breaking, Info, Warning), Minor, Added,
		"An operation now has a reply: for a send, peers must now reply.")
	OperationReplyRemoved = declare("operation-reply-removed", "operation", ByDirection(Info, Breaking, Warning), Minor, Removed,
		"An operation no longer has a reply: for a receive, requesters wait in vain.")
	OperationReplyChanged = declare("operation-reply-changed", "operation", breaking, Major, Changed,
		"Where an operation's reply goes changed.")
	OperationReplyDeclared = declare("operation-reply-declared", "operation", info, Patch, Changed,
		"An operation now declares (or no longer declares) as its reply messages that travel that way anyway, through other operations.")
	OperationBindingChanged = declare("operation-binding-changed", "binding", warning, Minor, Changed,
		"An operation binding changed.")
	OperationBindingMQTTQoSDecreased = declare("operation-binding-mqtt-qos-decreased", "binding", ByDirection(Breaking, Warning, Warning), Minor, Changed,
		"An MQTT operation's QoS decreased: the delivery guarantee is weaker.")
	OperationBindingMQTTQoSIncreased = declare("operation-binding-mqtt-qos-increased", "binding", info, Minor, Changed,
		"An MQTT operation's QoS increased.")
	OperationBindingMQTTRetainChanged = declare("operation-binding-mqtt-retain-changed", "binding", warning, Minor, Changed,
		"An MQTT operation now retains its messages: new subscribers get a possibly stale message on connect.")
	OperationBindingMQTTRetainDisabled = declare("operation-binding-mqtt-retain-disabled", "binding", ByDirection(Breaking, Warning, Warning), Minor, Changed,
		"An MQTT operation no longer retains its messages: late subscribers relying on the retained value get nothing.")
	OperationBindingAMQPChanged = declare("operation-binding-amqp-changed", "binding", ByDirection(Breaking, Warning, Warning), Minor, Changed,
		"An AMQP operation's delivery mode or cc/bcc routing changed: persistence or who receives the message changed.")
	OperationBindingKafkaGroupIDChanged = declare("operation-binding-kafka-group-id-changed", "binding", ByDirection(Info, Warning, Warning), Minor, Changed,
		"A Kafka consumer group or client id changed: a consumer restarts from other committed offsets.")
)

// Rules about messages (outside their payload and headers schemas) and their bindings.
var (
	MessageContentTypeChanged = declare("message-content-type-changed", "message", breaking, Major, Changed,
		"A message's content type changed: peers decode it differently.")
	MessageContentTypeRemoved = declare("message-content-type-removed", "message", warning, Minor, Changed,
		"A message no longer declares a content type, and the document has no default: how it is encoded became unknown.")
	MessageContentTypeAdded = declare("message-content-type-added", "message", info, Patch, Changed,
		"A message now declares a content type where none was known.")
	MessageSchemaFormatChanged = declare("message-schema-format-changed", "message", breaking, Major, Changed,
		"A message's schema moved to another schema language (JSON Schema, Avro, Protobuf...): the wire format changed.")
	MessageSchemaFormatRespelled = declare("message-schema-format-respelled", "message", info, Patch, Changed,
		"A message's schema format is written differently but means the same.")
	MessageCorrelationIDAdded = declare("message-correlation-id-added", "message", ByDirection(Info, Warning, Warning), Minor, Added,
		"A message now has a correlation id: producers must now fill it when the application receives it.")
	MessageCorrelationIDRemoved = declare("message-correlation-id-removed", "message", ByDirection(Breaking, Info, Warning), Minor, Removed,
		"A message no longer has a correlation id: consumers correlating with it break when the application sends it.")
	MessageCorrelationIDChanged = declare("message-correlation-id-changed", "message", breaking, Major, Changed,
		"Where a message's correlation id is read from changed.")
	MessageNameChanged = declare("message-name-changed", "message", info, Patch, Changed,
		"A message's machine name changed (generated code may be renamed).")
	MessageIDChanged = declare("message-id-changed", "message", info, Patch, Changed,
		"A message id or key changed; the message did not.")
	MessageDeprecated = declare("message-deprecated", "message", info, Minor, Deprecated,
		"A message was deprecated.")
	MessageBindingChanged = declare("message-binding-changed", "binding", warning, Minor, Changed,
		"A message binding changed.")
	MessageBindingKafkaSchemaIDChanged = declare("message-binding-kafka-schema-id-changed", "binding", breaking, Major, Changed,
		"How a Kafka record carries its schema id changed: the framing of every record changed.")
	MessageBindingAMQPChanged = declare("message-binding-amqp-changed", "binding", breaking, Major, Changed,
		"An AMQP message's content encoding or type changed.")
	MessageBindingMQTTChanged = declare("message-binding-mqtt-changed", "binding", breaking, Major, Changed,
		"An MQTT 5 message property that decoders rely on changed.")
	MessageSchemaNotAnalysed = declare("message-schema-not-analysed", "message", warning, Minor, Changed,
		"A payload or headers schema in a format eventdiff does not analyse changed: compatibility is unknown.")
)
