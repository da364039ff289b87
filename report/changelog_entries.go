package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/changelog"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/rules/catalogue"
)

// A changelog is read by people deciding whether to upgrade: its entries
// are short sentences, the changes nobody relies on (documentation,
// annotations, components nothing uses) are counted in one line rather
// than listed, and many changes of one kind are one entry that lists
// where. Breaking changes are always listed one by one.

// repeatedKind is how many changes of one rule in one group make a
// single entry that lists where they are.
const repeatedKind = 3

// releaseBody lists a release's changes under Keep a Changelog's groups,
// as blocks to be separated by blank lines.
func releaseBody(r *changelog.Release) []string {
	switch r.Status {
	case changelog.First:
		return []string{"### Added\n", "- " + firstRelease(r.Contents) + "\n"}
	case changelog.Unreadable:
		return []string{fmt.Sprintf("The document could not be read at this release (%s); the next release is compared with the one before.\n", mdEscape(oneLine(r.Err.Error())))}
	}
	if r.Changes == nil || len(r.Changes.Findings) == 0 {
		return nil
	}
	byGroup := map[string][]*rules.Finding{}
	var quiet []*rules.Finding
	for i := range r.Changes.Findings {
		f := &r.Changes.Findings[i]
		if unnoticed(f) {
			quiet = append(quiet, f)
			continue
		}
		byGroup[changelogGroup(f)] = append(byGroup[changelogGroup(f)], f)
	}
	if len(quiet) < repeatedKind { // a few are worth their own lines
		for _, f := range quiet {
			byGroup[changelogGroup(f)] = append(byGroup[changelogGroup(f)], f)
		}
		quiet = nil
	}
	marks := r.Uncommitted
	if allUncommitted(r) {
		marks = nil // the section says it once
	}
	var blocks []string
	for _, g := range changelogGroups {
		var b strings.Builder
		fs := byGroup[g.key]
		if g.key != "breaking" {
			fs = collapseRepeated(&b, fs, marks)
		}
		writePlaces(&b, fs, marks)
		if g.key == rules.Changed && len(quiet) > 0 {
			b.WriteString("- " + quietLine(quiet) + "\n")
		}
		if b.Len() > 0 {
			blocks = append(blocks, "### "+g.title+"\n", b.String())
		}
	}
	return blocks
}

// unnoticed reports whether a finding is a change no peer relies on:
// documentation, annotations and extensions, and changes to components
// nothing uses.
func unnoticed(f *rules.Finding) bool {
	if f.Level != rules.Info || !f.Counts() {
		return false
	}
	switch f.Kind {
	case catalogue.DocumentationChanged, catalogue.ExtensionChanged, catalogue.ComponentAdded, catalogue.ComponentRemoved:
		return true
	}
	// Engine rules declared with a patch bump are annotation keywords.
	return f.Unreferenced || f.Rule.ByEffect && f.Rule.Bump == rules.Patch
}

// quietLine counts the changes nobody relies on, in one entry.
func quietLine(fs []*rules.Finding) string {
	unused := 0
	for _, f := range fs {
		if f.Unreferenced || f.Kind == catalogue.ComponentAdded || f.Kind == catalogue.ComponentRemoved {
			unused++
		}
	}
	var parts []string
	if n := len(fs) - unused; n > 0 {
		parts = append(parts, plural(n, "documentation or annotation change"))
	}
	if unused > 0 {
		parts = append(parts, plural(unused, "change")+" to components nothing uses yet")
	}
	return capitalize(joinAnd(parts)) + " (not listed; eventdiff diff shows them)"
}

// collapseRepeated writes one entry for each rule with many changes in fs
// and returns the others.
func collapseRepeated(b *strings.Builder, fs []*rules.Finding, uncommitted map[string]bool) []*rules.Finding {
	_, folded := foldOperations(fs) // they belong to their channel's entry
	byRule := map[string][]*rules.Finding{}
	var order []string
	for _, f := range fs {
		if folded[f] {
			continue
		}
		if _, ok := byRule[f.Rule.ID]; !ok {
			order = append(order, f.Rule.ID)
		}
		byRule[f.Rule.ID] = append(byRule[f.Rule.ID], f)
	}
	sort.Strings(order)
	var rest []*rules.Finding
	for f := range folded {
		rest = append(rest, f)
	}
	for _, id := range order {
		same := byRule[id]
		if len(same) < repeatedKind {
			rest = append(rest, same...)
			continue
		}
		var where []string
		for _, f := range same {
			w := whereText(f)
			if uncommitted[f.Fingerprint] {
				w += " (uncommitted)"
			}
			where = append(where, w)
		}
		fmt.Fprintf(b, "- %s, %d times: %s\n", mdText(ruleSummary(same[0].Rule)), len(same), listShort(where, 8))
	}
	sort.SliceStable(rest, func(i, j int) bool { return indexOf(fs, rest[i]) < indexOf(fs, rest[j]) })
	return rest
}

func indexOf(fs []*rules.Finding, f *rules.Finding) int {
	for i := range fs {
		if fs[i] == f {
			return i
		}
	}
	return -1
}

// ruleSummary is a rule's description up to its first explanation:
// "Optional property added to an open object".
func ruleSummary(r *rules.Rule) string {
	s := r.Description
	if i := strings.IndexAny(s, ":;(."); i > 0 {
		s = s[:i]
	}
	if s = strings.TrimSpace(s); s == "" {
		return r.ID
	}
	return s
}

// whereText names where a change of a repeated kind is: the messages and
// the keyword for schema changes, else its own words.
func whereText(f *rules.Finding) string {
	if f.Schema != nil && len(f.Messages) > 0 {
		return mdEscape(joinAnd(f.Messages)) + " " + CodeSpan(f.Schema.Path)
	}
	return mdText(shortText(f))
}

// listShort joins items, at most max of them.
func listShort(items []string, max int) string {
	if len(items) > max {
		return strings.Join(items[:max], "; ") + fmt.Sprintf("; and %d more", len(items)-max)
	}
	return strings.Join(items, "; ")
}

// writePlaces writes entries grouped by place: each place's entries under
// its name, or on their own when there is one.
func writePlaces(b *strings.Builder, fs []*rules.Finding, uncommitted map[string]bool) {
	for _, pl := range groups(fs) {
		entries := dedupe(pl.Findings, uncommitted)
		if pl.Title == "document" || len(entries) == 1 {
			for _, e := range entries {
				b.WriteString("- " + e + "\n")
			}
			continue
		}
		fmt.Fprintf(b, "- %s:\n", placeTitle(pl.Title))
		for _, e := range entries {
			b.WriteString("  - " + e + "\n")
		}
	}
}

// shortText is a finding's words without the engine's explanation of the
// effect: "payload of message A: property `x` is now required" rather
// than "…: messages without it are rejected". Schema findings are written
// "where: what: effect"; colons inside code spans do not count.
func shortText(f *rules.Finding) string {
	s := oneLine(f.Text)
	if f.Schema == nil {
		return s
	}
	colons, code := 0, false
	for i := 0; i+1 < len(s); i++ {
		switch {
		case s[i] == '`':
			code = !code
		case !code && s[i] == ':' && s[i+1] == ' ':
			if colons++; colons == 2 {
				return s[:i]
			}
		}
	}
	return s
}

// dedupe renders a place's findings as entries, once each: a change
// reported for several elements in the same words is one entry, and a
// channel added or removed takes the operations added or removed with it
// into its own entry ("channel "x" was added, with operation y (send)").
func dedupe(fs []*rules.Finding, uncommitted map[string]bool) []string {
	with, folded := foldOperations(fs)
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		if folded[f] {
			continue
		}
		e := changelogEntry(f, len(with[f]) > 0)
		if ops := with[f]; len(ops) > 0 {
			names := make([]string, len(ops))
			for i, op := range ops {
				names[i] = fmt.Sprintf("%s (%s)", op.Operations[0].ID, op.Operations[0].Action)
			}
			what := "operation"
			if len(ops) > 1 {
				what = "operations"
			}
			e += ", with " + what + " " + mdEscape(joinAnd(names)) + breaksText(f)
		}
		if uncommitted[f.Fingerprint] {
			e += " (uncommitted)"
		}
		if seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	return out
}

// foldOperations finds, for each channel added or removed, the operations
// added or removed with it, which its entry names: with[channel] lists
// them, folded marks them.
func foldOperations(fs []*rules.Finding) (with map[*rules.Finding][]*rules.Finding, folded map[*rules.Finding]bool) {
	with, folded = map[*rules.Finding][]*rules.Finding{}, map[*rules.Finding]bool{}
	for _, c := range fs {
		var opKind string
		switch c.Kind {
		case catalogue.ChannelAdded:
			opKind = catalogue.OperationAdded
		case catalogue.ChannelRemoved:
			opKind = catalogue.OperationRemoved
		default:
			continue
		}
		if c.Accepted != nil {
			continue
		}
		for _, f := range fs {
			if f.Kind != opKind || f.Accepted != nil || len(f.Operations) != 1 || folded[f] {
				continue
			}
			// Who they break is said once, so the channel and its operations
			// must agree.
			if o := f.Operations[0]; o.Channel != c.Channel || o.ID == "" || f.Breaks != c.Breaks || f.Level != c.Level {
				continue
			}
			folded[f] = true
			with[c] = append(with[c], f)
		}
	}
	return with, folded
}

// changelogEntry is one finding in a consumer's words: what changed, who
// it breaks and through which operations (unless operations follow).
func changelogEntry(f *rules.Finding, opsFollow bool) string {
	e := mdText(shortText(f))
	if opsFollow {
		return e
	}
	e += breaksText(f)
	if f.Breaks != "" && f.Counts() {
		if ops := operationsText(f, true); ops != "" {
			e += ", via " + mdEscape(ops)
		}
	}
	if f.Accepted != nil {
		e += " — accepted: " + mdEscape(f.Accepted.Reason)
	}
	return e
}

// breaksText says who a finding breaks, if it counts and anyone.
func breaksText(f *rules.Finding) string {
	if f.Breaks == "" || !f.Counts() {
		return ""
	}
	return fmt.Sprintf(" — %s **%s**", breaksVerb(f), mdEscape(f.Breaks))
}

// changelogGroup is where a finding goes: breaking ones under Breaking,
// the others under their rule's group.
func changelogGroup(f *rules.Finding) string {
	if f.Level == rules.Breaking && f.Counts() {
		return "breaking"
	}
	switch f.Rule.Changelog {
	case rules.Added, rules.Deprecated, rules.Removed:
		return f.Rule.Changelog
	}
	return rules.Changed
}
