// Package report renders classified results for people and machines:
// text for terminals, markdown for pull requests, JSON for tools, JUnit
// XML, GitHub's workflow commands and step files, the ignore config, the
// rule catalogue, the release changelog, and what eventdiff check made of
// real messages.
//
// Every format is an entry of one registry (Formats) that says which
// outputs it supports, so a command looks up its --format there. The files
// a GitHub Actions step writes (job summary, outputs) are written only
// through GitHubFiles.
//
// It computes nothing a rule should decide: levels, bumps and who a change
// breaks come from package rules, and rendering only words them.
package report
