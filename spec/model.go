package spec

import "github.com/eventdiff/eventdiff/tree"

// Perspective says how AsyncAPI 2.x `publish` and `subscribe` are read.
type Perspective string

const (
	// Application is the spec's reading: `subscribe` lists what the
	// application sends, `publish` what it receives.
	Application Perspective = "application"
	// Client flips it, as many 2.x documents were written: the verbs say
	// what the application itself does (`publish` = it sends).
	Client Perspective = "client"
)

// Action is what the application does with an operation's messages.
type Action string

// The two actions, from the application's point of view.
const (
	Send    Action = "send"
	Receive Action = "receive"
)

// Document is one AsyncAPI document of any supported version, in one shape
// modelled on 3.x (which says explicitly what 2.x implied).
type Document struct {
	Name        string // display name of the main file
	Version     string // the `asyncapi` field as written
	Major       int
	Minor       int
	Perspective Perspective // how 2.x verbs were read (2.x only)

	ID                 string
	Info               *Info
	DefaultContentType string

	Servers    []*Server
	Channels   []*Channel
	Operations []*Operation
	Messages   []*Message // every message definition reached, once each

	// Unreferenced components: defined, but reached from no channel or operation.
	UnusedSchemas  []*NamedNode
	UnusedMessages []*Message

	Root     *tree.Node
	Files    []*tree.File
	Warnings []tree.Warning
	// RemoteRefs are the http(s) references that were not followed (remote
	// references are followed only when allowed), in document order. Each
	// stays in the tree as written and stands for what its URL names: the
	// comparison takes two of them for the same when their URLs are.
	RemoteRefs []*tree.Node
}

// Info is the document's info object, with 2.x root tags and externalDocs
// seen where 3.x keeps them.
type Info struct {
	Title        string
	Version      string
	Description  *tree.Node
	Tags         *tree.Node
	ExternalDocs *tree.Node
	Node         *tree.Node
}

// NamedNode is a node with the name it has in its document.
type NamedNode struct {
	Name string
	Node *tree.Node
}

// Server is one entry of `servers`.
type Server struct {
	Name            string
	Host            string
	Pathname        string
	Protocol        string
	ProtocolVersion string
	Variables       []*ServerVariable
	Security        *Security // nil when the server declares none
	Bindings        *tree.Node
	Node            *tree.Node
}

// ServerVariable is one substitution variable of a server.
type ServerVariable struct {
	Name    string
	Enum    []string
	Default *tree.Node
	Node    *tree.Node
}

// Security is a list of alternatives; any one of them is enough.
type Security struct {
	Alternatives []*SecurityAlternative
	Node         *tree.Node
}

// SecurityAlternative is a set of schemes that are all required together.
type SecurityAlternative struct {
	Uses []*SecurityUse
	Node *tree.Node
}

// SecurityUse is one scheme in a requirement, with the scopes it needs.
type SecurityUse struct {
	Name   string     // scheme name in components.securitySchemes ("" for an inline 3.x scheme)
	Scheme *tree.Node // the resolved Security Scheme Object, nil if the name is undefined
	Scopes []string
	Node   *tree.Node
}

// Channel is where messages travel, identified by its address.
type Channel struct {
	Key         string // 3.x channel id; 2.x the address
	Address     string
	AddressNull bool // 3.x: address null or absent, i.e. unknown
	Parameters  []*Parameter
	Servers     []string // server names; nil means every server
	Messages    []*Message
	MessageKeys []string // the key of each Messages entry in the channel
	Bindings    *tree.Node
	Deprecated  bool
	Node        *tree.Node
}

// Parameter is one `{name}` expression of a channel address.
type Parameter struct {
	Name     string
	Schema   *tree.Node // 2.x parameter schema (nil in 3.x)
	Enum     []string
	HasEnum  bool
	Default  *tree.Node
	Location string
	Node     *tree.Node
}

// Operation is something the application does on a channel.
type Operation struct {
	Key      string // 3.x operations key; 2.x operationId or "<verb> <address>"
	ID       string // declared id: 3.x key or 2.x operationId ("" if none)
	Action   Action
	Verb     string // as written: send, receive, publish, subscribe
	Channel  *Channel
	Messages []*Message
	Reply    *Reply
	Security *Security
	Bindings *tree.Node
	Node     *tree.Node // after traits
	Compat   string
}

// Reply is a 3.x operation reply: the direction of its messages is the
// inverse of the operation's.
type Reply struct {
	Channel         *Channel
	AddressLocation string
	Messages        []*Message
	Node            *tree.Node
}

// Message is one message definition.
type Message struct {
	ID            string // 2.x messageId after traits
	ComponentKey  string // key under components.messages (or the map key of a referenced file)
	ChannelKey    string // 3.x key in the first channel that lists it
	Name          string
	ContentType   string // effective: the message's own or defaultContentType
	Payload       *Schema
	Headers       *Schema
	CorrelationID *tree.Node // resolved Correlation ID Object
	Bindings      *tree.Node
	Deprecated    bool
	Examples      []*tree.Node
	Compat        string     // x-eventdiff-compatibility: forward, backward or full
	Node          *tree.Node // after traits
	Def           *tree.Node // the definition as written
}

// Schema is a payload or headers schema with the language it is written in.
type Schema struct {
	Format    string     // normalised format family: see FormatFamily
	RawFormat string     // as written ("" when defaulted)
	Node      *tree.Node // the schema, possibly a reference
	FormatAt  *tree.Node // where the schemaFormat is written, if it is
}

// Label names a message for people: the best identifier it has.
func (m *Message) Label() string {
	for _, s := range []string{m.ID, m.ChannelKey, m.ComponentKey, m.Name} {
		if s != "" {
			return s
		}
	}
	if m.Def != nil {
		return m.Def.Pointer()
	}
	return "message"
}

// Label names a channel for people.
func (c *Channel) Label() string {
	if c.AddressNull {
		return c.Key
	}
	return c.Address
}
