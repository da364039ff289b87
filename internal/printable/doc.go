// Package printable writes text that came from input so that it cannot
// act on whoever reads it: control characters (ESC, BEL, NUL, CR, the
// other C0 and C1 codes, DEL), Unicode's line and paragraph separators,
// the bidirectional overrides and isolates that reorder what a reader
// sees, and bytes that are not UTF-8 become visible escapes such as \x1b
// or \u202e. A name in a document can hold any of them, and printed raw
// they change a terminal's title, colour or cursor, end a line early in a
// CI log, or make text read differently from what it is.
//
// Every output format has one place that applies it (see internal/cli's
// stderr and report's formatters); JSON escapes by itself.
package printable
