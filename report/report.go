package report

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Options tune rendering.
type Options struct {
	Color    bool   // ANSI colours (text only)
	LinkBase string // URL that file paths are appended to for links (markdown)
	// RevisionLinks are link bases for files read from git revisions, by
	// revision as locations name it: each side of a comparison links to
	// its own commit. A base-side file of a revision missing here is not
	// linked rather than linked to the wrong commit.
	RevisionLinks map[string]string
	Version       string // eventdiff's version, for footers
	// Verbose prints the evidence of info findings too (text, markdown);
	// otherwise an info finding is one line.
	Verbose bool
	// MinLevel leaves findings below it out of text and markdown (the
	// counts still say how many there are); "" shows every level. JSON
	// and the other formats for tools keep everything.
	MinLevel rules.Level
	// Several says the report is one of several documents of one run:
	// markdown headings then name the document.
	Several bool
	// FailOn is the lowest level that fails the run (rules.Off: none):
	// what junit counts as failures and the ignore config writes.
	FailOn rules.Level
	// GitHub are the files a GitHub Actions step writes to (github format).
	GitHub GitHubFiles
	// Traffic is what real messages say about this report's comparison
	// (diff --messages): every format adds it to the breaking and warning
	// findings and to its summary. It never changes a verdict.
	Traffic *check.Traffic
}

// Headline states the verdict and the bump in one sentence, e.g.
// "2 breaking changes — requires a major bump (1.4.0 → 2.0.0)".
// Accepted changes are counted in it, so a clean verdict never hides that
// the config let something through.
func Headline(r *rules.Result) string {
	var b strings.Builder
	s := r.Summary
	switch {
	case s.Breaking > 0:
		fmt.Fprintf(&b, "%s", plural(s.Breaking, "breaking change"))
	case s.Warning > 0:
		fmt.Fprintf(&b, "No breaking changes, %s", plural(s.Warning, "warning"))
	case s.Info > 0 || s.Accepted > 0:
		fmt.Fprintf(&b, "No breaking changes")
	default:
		return "No changes to the contract"
	}
	if s.Accepted > 0 {
		fmt.Fprintf(&b, ", %s accepted by the config", plural(s.Accepted, "change"))
	}
	fmt.Fprintf(&b, " — %s", BumpSentence(&r.Bump))
	return b.String()
}

// BumpSentence says the suggested bump plainly, and whether the declared
// version is enough.
func BumpSentence(bi *rules.BumpInfo) string {
	var b strings.Builder
	if bi.Suggested == rules.None {
		b.WriteString("no version bump needed")
	} else {
		fmt.Fprintf(&b, "requires a %s bump", bi.Suggested)
	}
	if bi.Next != "" && bi.Suggested != rules.None {
		fmt.Fprintf(&b, " (%s → %s)", bi.Current, bi.Next)
	}
	if bi.PreOne && bi.Suggested != rules.None {
		b.WriteString(", shifted down because the version is below 1.0.0")
	}
	if bi.DeclaredOK != nil {
		if *bi.DeclaredOK {
			fmt.Fprintf(&b, "; the declared version %s is enough", bi.Declared)
		} else {
			fmt.Fprintf(&b, "; the declared version %s is not enough", bi.Declared)
		}
	}
	return b.String()
}

// plural counts things in words: "1 message", "10,000 messages".
func plural[N int | int64](n N, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return number(n) + " " + what + "s"
}

// number writes a count with thousands separated, as people read it:
// "10,000".
func number[N int | int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Perspective says how 2.x publish/subscribe were read, when either side is 2.x.
func Perspective(r *rules.Result) string {
	p := r.Base.Perspective
	if p == "" {
		p = r.Revision.Perspective
	}
	switch p {
	case string(spec.Application):
		return "AsyncAPI 2.x read from the application's side: subscribe = the application sends, publish = it receives"
	case string(spec.Client):
		return "AsyncAPI 2.x read from the client's side (--v2-perspective client): publish = the application sends, subscribe = it receives"
	}
	return ""
}

// group is the findings of one level about one place.
type group struct {
	Title    string
	Findings []*rules.Finding
}

// groupTitle names where a finding belongs for people.
func groupTitle(f *rules.Finding) (order int, title string) {
	switch {
	case f.Channel != "":
		return 3, fmt.Sprintf("channel %s", f.Channel)
	case f.Subject == "server" || f.Rule.Object == "security" && len(f.Operations) == 0:
		return 1, "servers"
	case f.Subject == "document":
		return 0, "document"
	}
	return 2, "components"
}

// groups splits findings of one level by place: the document, servers,
// components, then channels by address.
func groups(fs []*rules.Finding) []group {
	type keyed struct {
		order int
		title string
	}
	byKey := map[keyed]*group{}
	var keys []keyed
	for _, f := range fs {
		o, t := groupTitle(f)
		k := keyed{o, t}
		g, ok := byKey[k]
		if !ok {
			g = &group{Title: t}
			byKey[k] = g
			keys = append(keys, k)
		}
		g.Findings = append(g.Findings, f)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].order != keys[j].order {
			return keys[i].order < keys[j].order
		}
		return keys[i].title < keys[j].title
	})
	out := make([]group, len(keys))
	for i, k := range keys {
		out[i] = *byKey[k]
	}
	return out
}

// byLevel returns the findings of one level.
func byLevel(r *rules.Result, l rules.Level) []*rules.Finding {
	var out []*rules.Finding
	for i := range r.Findings {
		if r.Findings[i].Level == l {
			out = append(out, &r.Findings[i])
		}
	}
	return out
}

// shown returns the findings of one level that a report for people
// prints: none below minLevel, and the counting or the accepted ones.
func shown(r *rules.Result, l, minLevel rules.Level, counting bool) []*rules.Finding {
	if minLevel != "" && l.Rank() < minLevel.Rank() {
		return nil
	}
	var out []*rules.Finding
	for _, f := range byLevel(r, l) {
		if f.Counts() == counting {
			out = append(out, f)
		}
	}
	return out
}

// shownAccepted returns the accepted findings a report for people prints,
// most serious first.
func shownAccepted(r *rules.Result, minLevel rules.Level) []*rules.Finding {
	var out []*rules.Finding
	for _, l := range []rules.Level{rules.Breaking, rules.Warning, rules.Info} {
		out = append(out, shown(r, l, minLevel, false)...)
	}
	return out
}

// countsLine counts the findings by level, saying which levels a
// --min-level left out: "0 breaking, 1 warning, 3 info (not shown), 2 accepted".
func countsLine(r *rules.Result, minLevel rules.Level) string {
	s := r.Summary
	var parts []string
	for _, c := range []struct {
		l rules.Level
		n int
	}{{rules.Breaking, s.Breaking}, {rules.Warning, s.Warning}, {rules.Info, s.Info}} {
		part := fmt.Sprintf("%d %s", c.n, c.l)
		if c.n > 0 && minLevel != "" && c.l.Rank() < minLevel.Rank() {
			part += " (not shown)"
		}
		parts = append(parts, part)
	}
	if s.Accepted > 0 {
		parts = append(parts, fmt.Sprintf("%d accepted", s.Accepted))
	}
	return strings.Join(parts, ", ")
}

func locText(l *tree.Location) string {
	if l == nil {
		return ""
	}
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
	}
	return l.File
}

// operationsText lists the operations that make a finding matter; with
// skipNamed, those its text already names are left out.
func operationsText(f *rules.Finding, skipNamed bool) string {
	var parts []string
	for _, o := range f.Operations {
		if o.ID == "" || skipNamed && strings.Contains(f.Text, o.ID) {
			continue
		}
		s := fmt.Sprintf("%s (%s", o.ID, o.Action)
		if o.Reply {
			s += ", reply"
		}
		if o.Channel != "" && o.Channel != f.Channel {
			s += " on " + o.Channel
		}
		parts = append(parts, s+")")
	}
	return strings.Join(parts, ", ")
}

// detailed reports whether a finding is printed with its evidence: an
// info finding breaks nobody and is one line, unless asked for.
func detailed(f *rules.Finding, verbose bool) bool {
	return verbose || f.Level == rules.Breaking || f.Level == rules.Warning && f.Counts()
}

// factsLine is what a finding means and through which operations:
// "breaks consumers: … · via publishUserSignedUp (send)".
func factsLine(f *rules.Finding) string {
	var facts []string
	if f.Consequence != "" {
		facts = append(facts, f.Consequence)
	}
	if ops := operationsText(f, false); ops != "" {
		facts = append(facts, "via "+ops)
	}
	return strings.Join(facts, " · ")
}

// evidenceLine is one labelled piece of evidence; code marks values
// (paths, JSON) that markdown shows as code.
type evidenceLine struct {
	label, text string
	code        bool
}

// evidence is what backs a finding up, in the order reports print it: the
// way to the keyword, the effect, a witness, what real messages showed
// (with traffic), policy notes and a hint.
func evidence(f *rules.Finding, t *check.Traffic) []evidenceLine {
	var out []evidenceLine
	if path := schemaPath(f); path != "" {
		out = append(out, evidenceLine{"path", path, true})
	}
	if f.Schema != nil && f.Schema.Effect.String() != "none" {
		out = append(out, evidenceLine{"effect", "the accepted set is " + f.Schema.Effect.String(), false})
	}
	if w := witnessText(f); w != "" {
		out = append(out, evidenceLine{"example", w, true})
	}
	if e := findingTraffic(t, f); e != "" {
		out = append(out, evidenceLine{"traffic", e, false})
	}
	if f.Note != "" {
		out = append(out, evidenceLine{"note", f.Note, false})
	}
	if f.Hint != "" {
		out = append(out, evidenceLine{"hint", f.Hint, false})
	}
	return out
}

// breaksVerb says how surely a finding breaks whom it names.
func breaksVerb(f *rules.Finding) string {
	if f.Level != rules.Breaking {
		return "may break"
	}
	return "breaks"
}

// witnessText renders a witness value compactly.
func witnessText(f *rules.Finding) string {
	if f.Schema == nil || f.Schema.Witness == nil {
		return ""
	}
	w := f.Schema.Witness
	b, err := json.Marshal(w.Value)
	if err != nil {
		return ""
	}
	s := string(b)
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	verdict := "accepted before, rejected now"
	if w.ValidIn == "revision" {
		verdict = "accepted now, rejected before"
	}
	return fmt.Sprintf("%s (%s; %s)", s, verdict, w.Source)
}

// schemaPath is the way from the message's schema to the changed keyword,
// through the references followed, e.g.
// "$ref #/components/schemas/User → /properties/plan/enum".
func schemaPath(f *rules.Finding) string {
	d := f.Schema
	if d == nil || d.Path == "" {
		return ""
	}
	refs := d.RevisionRefs
	if len(refs) == 0 {
		refs = d.BaseRefs
	}
	var parts []string
	for _, r := range refs {
		parts = append(parts, "$ref "+r)
	}
	return strings.Join(append(parts, d.Path), " → ")
}
