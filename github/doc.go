// Package github keeps one pull-request comment per workflow job and
// document up to date through the GitHub REST API (go-github v60): it finds
// its comment again by a hidden marker, creates it only when there is
// something to say, updates it otherwise, retries server errors and rate
// limits with a bounded backoff, and keeps the token out of every message.
//
// The token goes only to the scheme and host of GITHUB_API_URL: a redirect
// elsewhere is not followed (ForeignHostError), and no response body is
// read past MaxResponse bytes (ErrResponseTooLarge), because the API's
// answers are input too.
//
// It knows nothing about what the comment says; internal/cli renders the
// report and decides what to do when commenting is not allowed.
package github
