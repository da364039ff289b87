// Package spec turns a parsed AsyncAPI document (2.0–2.6, 3.0, 3.1) into
// one model, Document, shaped like 3.x: servers, channels keyed by
// address, operations whose action is seen from the application (2.x
// subscribe is send), messages with their payload and headers schemas, and
// bindings, each with the source location of its use and its definition.
//
// It owns `$ref` resolution inside the tree an Input allows (and remote
// references only when allowed), traits (2.x: the trait wins; 3.x: the
// message's own value wins), defaults such as defaultContentType, and the
// warnings for documents that are recognisably AsyncAPI but not strictly
// valid.
//
// It must not know about rules, levels or output, and it does not open
// files or run git itself: bytes come through the source.FileSystem of its
// Input, and parsing is package tree's job.
package spec
