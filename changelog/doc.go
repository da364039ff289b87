// Package changelog walks the release history of one AsyncAPI document in
// a git repository: its semver tags in version order, the document's path
// at each of them (following renames), and what changed between each
// consecutive pair, classified by the rules, with whether each tag's
// version bump matched what its changes required. It also computes the
// next version a set of findings calls for.
//
// Walking is built for long histories. Every tag's files are read through
// one pair of long-running git processes; a tag whose document files have
// the same blob ids as the previous tag's is recognised without parsing
// anything; each document is loaded once and serves both of its
// neighbouring comparisons.
//
// It reads documents only through package eventdiff's Session and judges
// them with CompareDocuments, so a release's findings are what diff would
// report. Rendering is report's job (the changelog formats), and its
// errors and notes name Options' fields, never a command's flags.
package changelog
