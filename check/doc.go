// Package check validates real messages — captured in a JSON-lines file or
// read live from a broker — against one or two versions of an AsyncAPI
// document, and reports per channel and message how many were seen, how
// many each version accepts, and which ones the base accepts but the
// revision rejects, with the keyword and schema path that rejects them.
//
// It is the evidence beside a diff: a diff says what could break, check
// says what the traffic actually carried. Each message is matched to its
// channel by address template (parameters bound and checked), to its
// message among the channel's operations' messages (several candidates:
// the ones that validate), and its payload and headers are validated with
// the project's own validator (schema.Explain), exactly: the diff's
// pragmatic policy about optional properties does not apply to a value.
//
// Evidence joins check with a diff (eventdiff diff --messages): for each
// breaking and warning finding, how many of the messages seen it rejects,
// attributed by where the rejecting keyword is written; a finding no
// message triggers keeps its verdict. One read of a source serves the
// comparisons of several documents (RunAll). Package report words it all.
//
// Messages stream through a Checker one at a time, so memory does not grow
// with their number; only counts and the first few examples are kept.
package check
