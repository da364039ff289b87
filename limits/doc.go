// Package limits holds the ceilings on what reading one document, and
// comparing two, may cost, and the error that says which ceiling was
// reached. Input is untrusted (a pull request from a fork), so every
// dimension of cost has one: bytes, files, nesting, nodes, the length of
// one scalar, alias expansion, reference chains, remote fetches, and the
// changes one comparison may find.
//
// It knows nothing of how input is read, parsed or compared; the packages
// that do (source, tree, spec, diff) report an *Error naming the limit,
// and a caller such as the command line turns the limit's Name into the
// flag that raises it.
package limits
