// Package source reads the bytes of documents: files of the working tree
// confined to a directory tree (symbolic links included), files of any git
// revision through one long-running `git cat-file --batch` process, and
// the tags and renames that walking a release history needs.
//
// It does not parse and does not know AsyncAPI. Every git command runs with
// an explicit argument list, never through a shell, because revisions and
// paths may come from an untrusted pull request.
package source
