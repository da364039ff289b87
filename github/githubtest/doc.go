// Package githubtest is a fake of the part of the GitHub REST API that
// eventdiff uses for pull-request comments, for tests: listing an issue's
// comments page by page (with Link headers), creating and editing one. It
// records every request and can be told to fail the next ones.
//
// It is for tests only and knows nothing about what the comments say.
package githubtest
