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
	Breaks    string      // who the change breaks, for breaking and warning findings
	Note      string      // what a stricter policy would say, when it differs
	Accepted  *Acceptance // set when an ignore entry accepts the finding
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
	return res
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

func judge(c diff.Change, cfg *Config) Finding {
	r, ok := catalogue.Lookup(c.Kind)
	if !ok {
		r = unknownRule
	}
	f := Finding{Change: c, Rule: r, Direction: DirectionOf(c)}
	switch {
	case c.Schema != nil && c.Subject == "parameter":
		// A parameter's values are addresses: more of them is a warning for
		// what the application sends (exact subscribers miss the new ones).
		f.Level = parameterLevel(c.Schema.Effect, f.Direction)
	case c.Schema != nil:
		f.Level = effectLevel(c.Schema.Effect, f.Direction)
		f.Level = caution(f.Level, c.Schema, f.Direction)
		if c.Schema.Effect == schema.None && c.Schema.StrictEffect != schema.None {
			strict := effectLevel(c.Schema.StrictEffect, f.Direction)
			if strict != Info {
				f.Note = fmt.Sprintf("under validation-exact semantics (the strict policy), this makes the accepted set %s: %s", c.Schema.StrictEffect, strict)
			}
		}
	case r.ByEffect:
		// An engine rule whose change carries no schema delta: no effect is known.
		f.Level = effectLevel(schema.None, f.Direction)
	default:
		f.Level = levelFor(r.Levels, f.Direction)
	}
	if c.Unreferenced && f.Level.Rank() > Info.Rank() {
		// Nothing in the document uses the component: nobody depends on it yet.
		f.Note = fmt.Sprintf("%s if something used it; no operation does", f.Level)
		f.Level = Info
	}
	if lv, ok := cfg.Overrides[r.ID]; ok {
		f.Level = lv
	}
	// A breaking finding needs a major bump; a rule that is breaking by
	// default but judged lower (by direction or override) needs a minor one.
	f.Bump = r.Bump
	switch {
	case f.Level == Breaking:
		f.Bump = Major
	case f.Bump == Major:
		f.Bump = Minor
	}
	if f.Level == Breaking || f.Level == Warning {
		f.Breaks = breaks(f.Direction, c.Schema != nil || r.ByEffect || r.Directional())
	}
	return f
}

// caution raises a safe schema change to a warning for the directions the
// engine flagged (e.g. a wider integer format that typed consumers may not hold).
func caution(l Level, d *schema.Delta, dir Direction) Level {
	if l.Rank() >= Warning.Rank() {
		return l
	}
	if (d.CautionSend && (dir == Sends || dir == Both)) || (d.CautionReceive && (dir == Receives || dir == Both)) {
		return Warning
	}
	return l
}

// DirectionOf works out how the element of a change travels: from the
// message's declared compatibility, else from the operations that reach it
// (each of which may declare its own).
func DirectionOf(c diff.Change) Direction {
	if d, ok := compatDirection(c.Compat); ok {
		return d
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

// breaks names who a serious finding hurts. Without a direction, a
// direction-dependent finding may hurt either side.
func breaks(d Direction, directional bool) string {
	switch d {
	case Sends:
		return "consumers"
	case Receives:
		return "producers"
	case Both:
		return "consumers and producers"
	}
	if directional {
		return "consumers or producers (no operation says which way the message travels)"
	}
	return ""
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
