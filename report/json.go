package report

import (
	"encoding/json"
	"io"

	"github.com/eventdiff/eventdiff/check"
	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/internal/printable"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/tree"
)

// SchemaVersion is the version of the JSON report's shape. Fields are
// added, never renamed or removed, within one version.
const SchemaVersion = "1"

// JSONReport is the machine-readable report.
type JSONReport struct {
	SchemaVersion string         `json:"schemaVersion"`
	Base          rules.DocInfo  `json:"base"`
	Revision      rules.DocInfo  `json:"revision"`
	Policy        rules.Policy   `json:"policy"`
	Summary       rules.Summary  `json:"summary"`
	Bump          rules.BumpInfo `json:"bump"`
	// Traffic is what diff --messages read; absent without it.
	Traffic *JSONTraffic `json:"traffic,omitempty"`
	Changes []JSONChange `json:"changes"`
}

// JSONChange is one finding in the JSON report.
type JSONChange struct {
	ID        string      `json:"id"`
	Level     rules.Level `json:"level"`
	Bump      rules.Bump  `json:"bump"`
	Message   string      `json:"message"`
	Direction string      `json:"direction"`
	Breaks    string      `json:"breaks,omitempty"`
	// Consequence is what the level means, in words: "breaks consumers:
	// …", or for a warning what may happen and why it is only a warning.
	// Info changes, which break nobody, have none.
	Consequence string         `json:"consequence,omitempty"`
	Operations  []diff.OpRef   `json:"operations"`
	Channel     string         `json:"channel,omitempty"`
	Messages    []string       `json:"messages,omitempty"`
	Base        *tree.Location `json:"base"`
	Revision    *tree.Location `json:"revision"`
	Old         any            `json:"old"`
	New         any            `json:"new"`
	Elided      []string       `json:"elided,omitempty"` // what was cut to the report's bounds: old, new, message, witness
	Fingerprint string         `json:"fingerprint"`
	Effect      string         `json:"effect,omitempty"`
	Path        string         `json:"path,omitempty"`
	RefChain    *RefChain      `json:"refs,omitempty"`
	Witness     *JSONWitness   `json:"witness,omitempty"`
	Hint        string         `json:"hint,omitempty"`
	Note        string         `json:"note,omitempty"`
	// Accepted is set when an ignore entry of the config accepts the
	// change: it keeps its level but counts toward neither the summary,
	// the bump nor --fail-on.
	Accepted *rules.Acceptance `json:"accepted,omitempty"`
	// Traffic is what the messages read by diff --messages say about a
	// breaking or warning change: never part of its level.
	Traffic *JSONChangeTraffic `json:"traffic,omitempty"`
}

// RefChain lists the `$ref`s followed to reach a schema change.
type RefChain struct {
	Base     []string `json:"base,omitempty"`
	Revision []string `json:"revision,omitempty"`
}

// JSONWitness is a value that proves a schema change's effect.
type JSONWitness struct {
	Value   any    `json:"value"`
	ValidIn string `json:"validIn"`
	Source  string `json:"source"`
}

// BuildJSON assembles the JSON report.
func BuildJSON(r *rules.Result) JSONReport { return buildJSON(r, nil) }

// buildJSON assembles the JSON report, with the evidence of traffic when
// there is some.
func buildJSON(r *rules.Result, t *check.Traffic) JSONReport {
	out := JSONReport{SchemaVersion: SchemaVersion, Base: r.Base, Revision: r.Revision, Policy: r.Policy,
		Summary: r.Summary, Bump: r.Bump, Traffic: jsonTraffic(t), Changes: make([]JSONChange, 0, len(r.Findings))}
	for i := range r.Findings {
		c := jsonChange(&r.Findings[i])
		c.Traffic = jsonChangeTraffic(t, &r.Findings[i])
		out.Changes = append(out.Changes, c)
	}
	return out
}

func jsonChange(f *rules.Finding) JSONChange {
	c := JSONChange{ID: f.Rule.ID, Level: f.Level, Bump: f.Bump, Message: f.Text, Direction: string(f.Direction),
		Breaks: f.Breaks, Consequence: f.Consequence, Hint: f.Hint, Operations: f.Operations, Channel: f.Channel, Messages: f.Messages,
		Base: f.Base, Revision: f.Revision, Old: f.Old, New: f.New, Elided: f.Elided, Fingerprint: f.Fingerprint, Note: f.Note, Accepted: f.Accepted}
	if c.Operations == nil {
		c.Operations = []diff.OpRef{}
	}
	if d := f.Schema; d != nil {
		c.Effect, c.Path = d.Effect.String(), d.Path
		if len(d.BaseRefs) > 0 || len(d.RevisionRefs) > 0 {
			c.RefChain = &RefChain{Base: d.BaseRefs, Revision: d.RevisionRefs}
		}
		if w := d.Witness; w != nil {
			c.Witness = &JSONWitness{Value: w.Value, ValidIn: w.ValidIn, Source: w.Source}
		}
	}
	return c
}

// JSON writes the JSON report, indented, with a final newline.
func JSON(w io.Writer, r *rules.Result) error {
	return writeJSON(w, BuildJSON(r))
}

// jsonFormat is the json format's Write: the report with the evidence of
// the traffic in opts, when there is some.
func jsonFormat(w io.Writer, r *rules.Result, opts Options) error {
	return writeJSON(w, buildJSON(r, opts.Traffic))
}

// writeJSON writes v indented by two spaces, without HTML escaping (the
// reports quote schema text such as `<` as it is), with a final newline,
// and with the characters printable.JSON escapes escaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(jsonEscaper{w})
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonEscaper applies printable.JSON to what an encoder writes: one whole
// value per Write, so no character is ever split between two.
type jsonEscaper struct{ w io.Writer }

func (j jsonEscaper) Write(p []byte) (int, error) {
	if _, err := j.w.Write(printable.JSON(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}
