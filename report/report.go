package report

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// Options tune rendering.
type Options struct {
	Color    bool   // ANSI colours (text only)
	LinkBase string // URL that file paths are appended to for links (markdown)
	Version  string // eventdiff's version, for footers
	// FailOn is the lowest level that fails the run (rules.Off: none):
	// what junit counts as failures and the ignore config writes.
	FailOn rules.Level
	// GitHub are the files a GitHub Actions step writes to (github format).
	GitHub GitHubFiles
}

// Headline states the verdict and the bump in one sentence, e.g.
// "2 breaking changes — requires a major bump (1.4.0 → 2.0.0)".
func Headline(r *rules.Result) string {
	var b strings.Builder
	switch {
	case r.Summary.Breaking > 0:
		fmt.Fprintf(&b, "%s", plural(r.Summary.Breaking, "breaking change"))
	case r.Summary.Warning > 0:
		fmt.Fprintf(&b, "No breaking changes, %s", plural(r.Summary.Warning, "warning"))
	case r.Summary.Info > 0:
		fmt.Fprintf(&b, "No breaking changes")
	default:
		return "No changes to the contract"
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

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
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
