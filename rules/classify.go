package rules

import (
	"fmt"
	"sort"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/schema"
	"github.com/eventdiff/eventdiff/spec"
)

// Finding is a change judged by a rule.
type Finding struct {
	diff.Change
	Rule      *Rule
	Level     Level
	Bump      Bump
	Direction Direction
	Breaks    string // who the change breaks, for breaking and warning findings
	// Consequence says what the verdict means, in its words: "breaks
	// consumers: …" or "may break producers: <why only a warning>"; ""
	// for info findings, which break nobody.
	Consequence string
	// Hint is how to make the change compatible, only where it is not.
	Hint     string
	Note     string      // what a stricter policy would say, when it differs
	Accepted *Acceptance // set when an ignore entry accepts the finding
	// Fingerprint names the change across runs (see diff.Change.Fingerprint);
	// unique within a result.
	Fingerprint string
}

// Counts reports whether the finding counts toward the summary, the bump
// and --fail-on: accepted findings are listed but do not.
func (f *Finding) Counts() bool { return f.Accepted == nil }

// Summary counts findings by level.
type Summary struct {
	Breaking int `json:"breaking"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
	Accepted int `json:"accepted"` // findings an ignore entry accepted; not in the other counts
}

// DocInfo describes one side of the comparison.
type DocInfo struct {
	Source      string `json:"source"`
	AsyncAPI    string `json:"asyncapi"`
	Version     string `json:"version"`
	Perspective string `json:"perspective,omitempty"` // 2.x documents: how publish/subscribe were read
}

// Policy is the semantics the findings were computed under.
type Policy struct {
	Strict       bool `json:"strict"`
	AssertFormat bool `json:"assertFormat"`
}

// Result is everything a report needs.
type Result struct {
	Base, Revision DocInfo
	Policy         Policy
	Findings       []Finding
	Summary        Summary
	Bump           BumpInfo
}

// Classify judges every change. Findings come out breaking first, then
// warning, then info, each in the changes' deterministic order.
func Classify(changes []diff.Change, base, revision *spec.Document, cfg *Config) Result {
	if cfg == nil {
		cfg = &Config{}
	}
	res := Result{Base: docInfo(base), Revision: docInfo(revision), Policy: cfg.Policy}
	today := cfg.today()
	for _, c := range changes {
		f := judge(c, cfg)
		if f.Level == Off {
			continue
		}
		for i := range cfg.Ignores {
			ig := &cfg.Ignores[i]
			if !ig.expired(today) && ig.matches(&f) {
				f.Accepted = &Acceptance{Reason: ig.Reason, Where: ig.Where}
				if ig.Until != nil {
					f.Accepted.Until = ig.Until.Format("2006-01-02")
				}
				break
			}
		}
		res.Findings = append(res.Findings, f)
		if !f.Counts() {
			res.Summary.Accepted++
			continue
		}
		switch f.Level {
		case Breaking:
			res.Summary.Breaking++
		case Warning:
			res.Summary.Warning++
		case Info:
			res.Summary.Info++
		}
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		return res.Findings[i].Level.Rank() > res.Findings[j].Level.Rank()
	})
	res.Bump = suggestBump(res.Findings, base, revision)
	fingerprint(res.Findings)
	return res
}

// fingerprint sets every finding's fingerprint. Two findings of one rule
// at the same places (rare: two changes the engine reports at one
// keyword) are told apart by their words, so a fingerprint stays unique
// within a report.
func fingerprint(fs []Finding) {
	seen := make(map[string]int, len(fs))
	for i := range fs {
		f := &fs[i]
		f.Fingerprint = f.Change.Fingerprint(string(f.Direction))
		seen[f.Fingerprint]++
	}
	for i := range fs {
		f := &fs[i]
		if seen[f.Fingerprint] > 1 {
			f.Fingerprint = f.Change.Fingerprint(string(f.Direction) + "\x00" + f.Text)
		}
	}
}

func docInfo(d *spec.Document) DocInfo {
	di := DocInfo{Source: d.Name, AsyncAPI: d.Version}
	if d.Info != nil {
		di.Version = d.Info.Version
	}
	if d.Major == 2 {
		di.Perspective = string(d.Perspective)
	}
	return di
}

// unknownRule judges a change no rule knows (a newer engine than the
// catalogue): a warning, so it is never silently passed.
var unknownRule = &Rule{ID: "unknown-change", Object: "document", Levels: catalogue.ByDirection(Warning, Warning, Warning), Bump: Minor, Changelog: Changed,
	Description: "A change eventdiff has no rule for."}

// judge decides a change's level, bump and words: the level from the
// rule, the direction and the effect; the words from the same three (see
// words.go), so they cannot disagree.
func judge(c diff.Change, cfg *Config) Finding {
	r, ok := catalogue.Lookup(c.Kind)
	if !ok {
		r = unknownRule
	}
	f := Finding{Change: c, Rule: r, Direction: DirectionOf(c)}
	v := verdict{directional: c.Schema != nil || r.ByEffect || r.Directional()}
	switch {
	case c.Schema != nil:
		v.effect = refinedEffect(c.Schema, f.Direction)
		v.schema = true
		if c.Subject == "parameter" {
			// A parameter's values are addresses: more of them is a warning for
			// what the application sends (exact subscribers miss the new ones).
			f.Level = parameterLevel(v.effect, f.Direction)
		} else {
			f.Level = effectLevel(v.effect, f.Direction)
			f.Level, v.cautioned = caution(f.Level, c.Schema, f.Direction)
			if c.Schema.NewKind && (f.Direction == Sends || f.Direction == Both) {
				f.Level = Breaking // see NewKindPrinciple
			}
		}
		f.Note = strictNote(c.Schema, f.Direction)
	case r.ByEffect:
		// An engine rule whose change carries no schema delta: no effect is known.
		f.Level = effectLevel(schema.None, f.Direction)
	default:
		f.Level = levelFor(r.Levels, f.Direction)
	}
	v.natural = f.Level
	if c.Unreferenced && f.Level.Rank() > Info.Rank() {
		// Nothing in the document uses the component: nobody depends on it yet.
		f.Note = fmt.Sprintf("%s if something used it; no operation does", f.Level)
		f.Level = Info
	}
	if lv, ok := cfg.Overrides[r.ID]; ok {
		f.Level = lv
	}
	f.Bump = r.BumpAt(f.Level)
	if f.Level == Info && c.Schema != nil && c.Schema.Equivalent {
		// The contract is written differently and accepts the same values.
		f.Bump = Patch
	}
	f.words(v)
	return f
}

// strictNote says what validation-exact semantics would make of a change
// the pragmatic policy calls harmless, when that is more than info.
func strictNote(d *schema.Delta, dir Direction) string {
	if d.Effect != schema.None || d.StrictEffect == schema.None {
		return ""
	}
	strict := effectLevel(d.StrictEffect, dir)
	if strict == Info {
		return ""
	}
	return fmt.Sprintf("under validation-exact semantics (the strict policy), this makes the accepted set %s: %s", d.StrictEffect, strict)
}

// caution raises a safe schema change to a warning for the directions the
// engine flagged (e.g. a wider integer format that typed consumers may
// not hold), and says whether it did.
func caution(l Level, d *schema.Delta, dir Direction) (Level, bool) {
	if l.Rank() >= Warning.Rank() {
		return l, false
	}
	if (d.CautionSend && (dir == Sends || dir == Both)) || (d.CautionReceive && (dir == Receives || dir == Both)) ||
		(d.CautionSend && d.CautionReceive && dir == Unknown) {
		return Warning, true
	}
	return l, false
}

// DirectionOf works out how the element of a change travels: from the
// message's declared compatibility, else from the operations that reach it
// (each of which may declare its own).
func DirectionOf(c diff.Change) Direction {
	if d, ok := compatDirection(c.Compat); ok {
		return d
	}
	if c.Subject == diff.SubjectHandshake {
		// The side that opens a WebSocket connection sends its query and
		// headers; the application accepting it receives them.
		return Receives
	}
	send, receive := false, false
	for _, op := range c.Operations {
		d, ok := compatDirection(op.Compat)
		if !ok {
			switch op.Action {
			case spec.Send:
				d = Sends
			case spec.Receive:
				d = Receives
			default:
				continue
			}
		}
		send = send || d == Sends || d == Both
		receive = receive || d == Receives || d == Both
	}
	switch {
	case send && receive:
		return Both
	case send:
		return Sends
	case receive:
		return Receives
	}
	return Unknown
}

// compatDirection maps x-eventdiff-compatibility to the direction whose
// rules it asks for: forward (old readers read new data) is how a sender
// must evolve, backward how a receiver may, full both.
func compatDirection(s string) (Direction, bool) {
	switch s {
	case "forward", "FORWARD":
		return Sends, true
	case "backward", "BACKWARD":
		return Receives, true
	case "full", "FULL":
		return Both, true
	}
	return "", false
}

// Fails reports whether the finding fails a run that fails on failOn
// (Off: nothing fails): it counts and its level reaches failOn. The exit
// code and the junit report both ask this.
func (f *Finding) Fails(failOn Level) bool {
	return failOn != Off && f.Counts() && f.Level.Rank() >= failOn.Rank()
}

// Fails reports whether any finding fails a run that fails on failOn.
func (r *Result) Fails(failOn Level) bool {
	for i := range r.Findings {
		if r.Findings[i].Fails(failOn) {
			return true
		}
	}
	return false
}
