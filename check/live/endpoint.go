package live

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/spec"
)

// Config says where and how long to read.
type Config struct {
	// URL is kafka://HOST:PORT/TOPIC,… or mqtt://HOST:PORT/FILTER
	// (kafka-secure, mqtts and secure-mqtt for TLS). The host may be left
	// out (kafka:///orders) to take the document's server; without topics
	// or a filter, the document's channel addresses are read.
	URL string
	// Server names the document's server to read from; Broker overrides
	// its host (HOST:PORT). With neither a URL nor a Server, the
	// document's only server of a supported protocol is used.
	Server, Broker string
	// MaxMessages stops reading after that many messages (0: no bound;
	// the context's deadline still applies).
	MaxMessages int
	// Offset is where Kafka reading starts: newest (default), oldest, an
	// offset, or an RFC 3339 time.
	Offset string
	// Username and Password authenticate (SASL for Kafka, MQTT's own).
	Username, Password string
}

// endpoint is a resolved place to read from.
type endpoint struct {
	protocol string   // kafka or mqtt
	tls      bool     // connect with TLS
	host     string   // HOST:PORT
	topics   []string // explicit topics (Kafka) or filters (MQTT); empty: from the channels
	server   *spec.Server
}

// name is the endpoint for reports: no credentials are ever part of it.
func (e *endpoint) name() string {
	scheme := e.protocol
	if e.tls {
		scheme += "s"
	}
	return scheme + "://" + e.host + "/" + strings.Join(e.topics, ",")
}

var schemes = map[string]struct {
	protocol string
	tls      bool
}{
	"kafka": {"kafka", false}, "kafka-secure": {"kafka", true},
	"mqtt": {"mqtt", false}, "mqtts": {"mqtt", true}, "secure-mqtt": {"mqtt", true},
}

// Open resolves where to read and returns the source. The server comes
// from doc; without topics or a filter, the channel addresses of doc and
// of the other documents (the bases of a diff of several documents) are
// read.
func Open(cfg Config, doc *spec.Document, others ...*spec.Document) (check.Source, error) {
	e, err := resolve(cfg, doc)
	if err != nil {
		return nil, err
	}
	docs := append([]*spec.Document{doc}, others...)
	if e.protocol == "kafka" {
		return newKafka(e, cfg, docs)
	}
	return newMQTT(e, cfg, docs)
}

func resolve(cfg Config, doc *spec.Document) (*endpoint, error) {
	e := &endpoint{}
	if cfg.URL != "" {
		if err := e.parseURL(cfg.URL); err != nil {
			return nil, err
		}
	}
	if cfg.Server != "" || e.host == "" && cfg.Broker == "" {
		srv, err := pickServer(doc, cfg.Server, e.protocol)
		if err != nil {
			return nil, err
		}
		e.server = srv
		s, ok := schemes[strings.ToLower(srv.Protocol)]
		if !ok {
			return nil, fmt.Errorf("server %q speaks %q; check reads kafka, kafka-secure, mqtt, mqtts and secure-mqtt", srv.Name, srv.Protocol)
		}
		if e.protocol == "" {
			e.protocol = s.protocol
		} else if e.protocol != s.protocol {
			return nil, fmt.Errorf("--from says %s but server %q speaks %s", e.protocol, srv.Name, srv.Protocol)
		}
		e.tls = e.tls || s.tls
		if e.host == "" {
			e.host = serverHost(srv)
		}
	}
	if cfg.Broker != "" {
		e.host = cfg.Broker
	}
	if e.protocol == "" {
		return nil, errors.New("--broker needs --from or --server to say the protocol")
	}
	if e.host == "" {
		return nil, errors.New("no broker to read from: give --from with a host, --broker, or --server")
	}
	if _, _, err := net.SplitHostPort(e.host); err != nil {
		e.host = net.JoinHostPort(e.host, defaultPort(e.protocol, e.tls))
	}
	return e, nil
}

// parseURL reads --from. An MQTT filter may end in #, which a URL parser
// takes for a fragment, so the text after the host is taken as it is.
func (e *endpoint) parseURL(raw string) error {
	scheme, rest, ok := strings.Cut(raw, "://")
	s, known := schemes[strings.ToLower(scheme)]
	if !ok || !known {
		return fmt.Errorf("--from %s: use kafka://HOST:PORT/TOPIC,... or mqtt://HOST:PORT/FILTER", redact(raw))
	}
	hostPart, path, _ := strings.Cut(rest, "/")
	if strings.Contains(hostPart, "@") {
		return errors.New("--from: credentials do not go in the URL (they would show in process lists); set EVENTDIFF_BROKER_USERNAME and EVENTDIFF_BROKER_PASSWORD")
	}
	e.protocol, e.tls, e.host = s.protocol, s.tls, hostPart
	if path == "" {
		return nil
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if e.protocol == "kafka" {
		for _, t := range strings.Split(path, ",") {
			if t = strings.TrimSpace(t); t != "" {
				e.topics = append(e.topics, t)
			}
		}
	} else {
		e.topics = []string{path}
	}
	return nil
}

// redact drops anything between :// and @ from a URL for an error.
func redact(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	if i := strings.LastIndexByte(strings.SplitN(rest, "/", 2)[0], '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return scheme + "://" + rest
}

// pickServer is the named server, or the only one of the protocol (any
// supported one when protocol is "").
func pickServer(doc *spec.Document, name, protocol string) (*spec.Server, error) {
	var names, fit []string
	var only *spec.Server
	for _, s := range doc.Servers {
		names = append(names, s.Name)
		if name != "" && s.Name == name {
			return s, nil
		}
		if p, ok := schemes[strings.ToLower(s.Protocol)]; ok && (protocol == "" || p.protocol == protocol) {
			fit = append(fit, s.Name)
			only = s
		}
	}
	sort.Strings(names)
	switch {
	case name != "":
		return nil, fmt.Errorf("--server %q: %s has no such server (it has: %s)", name, doc.Name, orNone(names))
	case len(fit) == 1:
		return only, nil
	case len(fit) == 0:
		return nil, fmt.Errorf("%s has no Kafka or MQTT server to read from: give the broker with --from URL", doc.Name)
	}
	sort.Strings(fit)
	return nil, fmt.Errorf("%s has several servers to read from (%s): choose one with --server", doc.Name, strings.Join(fit, ", "))
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// serverHost is a server's host with its variables at their defaults.
func serverHost(s *spec.Server) string {
	h := s.Host
	for _, v := range s.Variables {
		if v.Default != nil {
			h = strings.ReplaceAll(h, "{"+v.Name+"}", v.Default.Text())
		}
	}
	if i := strings.Index(h, "://"); i >= 0 { // a 2.x url that kept its scheme
		h = h[i+3:]
	}
	return strings.TrimSuffix(h, "/")
}

func defaultPort(protocol string, tls bool) string {
	switch {
	case protocol == "mqtt" && tls:
		return "8883"
	case protocol == "mqtt":
		return "1883"
	}
	return "9092"
}

// securityTypes lists the types of the security schemes a server asks
// for (its first alternative), lowercased.
func securityTypes(s *spec.Server) []string {
	if s == nil || s.Security == nil || len(s.Security.Alternatives) == 0 {
		return nil
	}
	var out []string
	for _, u := range s.Security.Alternatives[0].Uses {
		if t := strings.ToLower(u.Scheme.Str("type")); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// addresses are the documents' channel addresses, each once, for reading
// when no topic or filter is given.
func addresses(docs []*spec.Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, doc := range docs {
		for _, ch := range doc.Channels {
			if !ch.AddressNull && ch.Address != "" && !seen[ch.Address] {
				seen[ch.Address] = true
				out = append(out, ch.Address)
			}
		}
	}
	return out
}

// names lists the documents for a message: "a.yaml" or "a.yaml, b.yaml".
func names(docs []*spec.Document) string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Name)
	}
	return strings.Join(out, ", ")
}
