package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/eventdiff/eventdiff/limits"
	"github.com/eventdiff/eventdiff/source"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// ConfigName is the file eventdiff looks for.
const ConfigName = ".eventdiff.yaml"

// Config tunes classification: the policy, per-rule levels and ignores.
type Config struct {
	Policy    Policy
	Overrides map[string]Level // rule id → level (Off removes the rule)
	Ignores   []Ignore
	// FailOn, Perspective, CheckVersion and the report settings (Color,
	// MinLevel, Verbose) are read from the file for the CLI;
	// classification does not use them.
	FailOn       string
	Perspective  string
	CheckVersion bool
	Color        string // auto, always or never
	MinLevel     string // breaking, warning or info
	Verbose      bool
	File         string // where the config was read from ("" when none)
	set          map[string]bool
	// Today decides whether an ignore has expired; the zero value means now.
	Today time.Time
}

// Ignore accepts findings of a rule at matching locations.
type Ignore struct {
	Rule     string
	Location string // glob over the channel address, operation ids and JSON pointers
	Reason   string
	Until    *time.Time // the ignore stops applying after this day
	Where    string     // file:line of the entry
}

// Set reports whether the config file set a top-level key.
func (c *Config) Set(key string) bool { return c.set[key] }

// ConfigError is a problem in a config file, with its place.
type ConfigError = tree.Error

// choices are the settings that take one word of a fixed list.
var choices = map[string][]string{
	"fail-on":        {"breaking", "warning", "info", "none"},
	"v2-perspective": {string(spec.Application), string(spec.Client)},
	"color":          {"auto", "always", "never"},
	"min-level":      {"breaking", "warning", "info"},
}

// switches are the settings that are true or false.
var switches = []string{"strict", "assert-format", "check-version", "verbose"}

// knownSettings lists every setting for the error about an unknown one.
const knownSettings = "check-version, fail-on, strict, assert-format, v2-perspective, color, min-level, verbose, rules, ignore"

// LoadConfig reads a config file. Unknown keys, unknown rule ids, bad
// levels, empty reasons and malformed dates are errors with file and line.
func LoadConfig(path string) (*Config, error) {
	// Read like any input: a regular file of bounded size, never a FIFO
	// that blocks or a device that never ends.
	data, err := source.ReadRegular(path, limits.Default.MaxFileSize)
	if err != nil {
		return nil, &ConfigError{File: path, Msg: "cannot read the config: " + err.Error()}
	}
	return ParseConfig(path, data)
}

// ParseConfig reads config text.
func ParseConfig(name string, data []byte) (*Config, error) {
	cfg := &Config{File: name, Overrides: map[string]Level{}, set: map[string]bool{}}
	if strings.TrimSpace(string(data)) == "" {
		return cfg, nil
	}
	f, _, err := tree.Parse(name, data, limits.Default)
	if err != nil {
		return nil, err
	}
	root := f.Root
	if root.Kind != tree.Map {
		return nil, at(root, "the config must be a mapping of settings")
	}
	for _, fl := range root.Fields {
		if err := cfg.apply(fl.Key, fl.Value); err != nil {
			return nil, err
		}
		cfg.set[fl.Key] = true
	}
	return cfg, nil
}

// apply reads one top-level setting.
func (cfg *Config) apply(key string, v *tree.Node) error {
	if words, ok := choices[key]; ok {
		s := v.Text()
		if !slices.Contains(words, s) {
			return at(v, "%s must be %s or %s, not %q", key, strings.Join(words[:len(words)-1], ", "), words[len(words)-1], s)
		}
		*map[string]*string{"fail-on": &cfg.FailOn, "v2-perspective": &cfg.Perspective, "color": &cfg.Color, "min-level": &cfg.MinLevel}[key] = s
		return nil
	}
	if slices.Contains(switches, key) {
		if v.Kind != tree.Bool {
			return at(v, "%s must be true or false", key)
		}
		*map[string]*bool{"strict": &cfg.Policy.Strict, "assert-format": &cfg.Policy.AssertFormat,
			"check-version": &cfg.CheckVersion, "verbose": &cfg.Verbose}[key] = v.IsTrue()
		return nil
	}
	switch key {
	case "rules":
		return cfg.overrides(v)
	case "ignore":
		if v.Kind != tree.Seq {
			return at(v, "ignore must be a list of {rule, location, reason, until}")
		}
		for _, it := range v.Items {
			ig, err := parseIgnore(it)
			if err != nil {
				return err
			}
			cfg.Ignores = append(cfg.Ignores, ig)
		}
		return nil
	}
	return at(v, "unknown setting %q (known: %s)", key, knownSettings)
}

// overrides reads `rules:`, rule ids mapped to levels.
func (cfg *Config) overrides(v *tree.Node) error {
	if v.Kind != tree.Map {
		return at(v, "rules must map rule ids to levels (breaking, warning, info or off)")
	}
	for _, r := range v.Fields {
		if _, ok := Lookup(r.Key); !ok {
			return at(r.Value, "unknown rule %q (eventdiff rules lists them)", r.Key)
		}
		lv, ok := ParseLevel(r.Value.Text())
		if !ok {
			return at(r.Value, "the level of %s must be breaking, warning, info or off, not %q", r.Key, r.Value.Text())
		}
		cfg.Overrides[r.Key] = lv
	}
	return nil
}

func parseIgnore(n *tree.Node) (Ignore, error) {
	if n.Kind != tree.Map {
		return Ignore{}, at(n, "an ignore entry must be a mapping with rule, location and reason")
	}
	ig := Ignore{Where: fmt.Sprintf("%s:%d", n.File.Name, n.Line)}
	for _, f := range n.Fields {
		switch f.Key {
		case "rule":
			ig.Rule = f.Value.Text()
			if _, ok := Lookup(ig.Rule); !ok {
				return ig, at(f.Value, "unknown rule %q (eventdiff rules lists them)", ig.Rule)
			}
		case "location":
			ig.Location = f.Value.Text()
		case "reason":
			ig.Reason = strings.TrimSpace(f.Value.Text())
		case "until":
			d, err := time.Parse("2006-01-02", f.Value.Text())
			if err != nil {
				return ig, at(f.Value, "until must be a date like 2026-12-31, not %q", f.Value.Text())
			}
			ig.Until = &d
		default:
			return ig, at(f.Value, "unknown ignore field %q (known: rule, location, reason, until)", f.Key)
		}
	}
	switch {
	case ig.Rule == "":
		return ig, at(n, "an ignore entry needs a rule")
	case ig.Location == "":
		return ig, at(n, "an ignore entry needs a location (a channel address, operation id or JSON pointer; globs allowed)")
	case ig.Reason == "":
		return ig, at(n, "an ignore entry needs a reason: say why the change is accepted")
	}
	return ig, nil
}

func at(n *tree.Node, format string, args ...any) error {
	e := &ConfigError{Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = int(n.Line), int(n.Col)
		if n.File != nil {
			e.File = n.File.Name
		}
	}
	return e
}

// Acceptance marks a finding an ignore entry accepted.
type Acceptance struct {
	Reason string `json:"reason"`
	Until  string `json:"until,omitempty"` // the day the ignore stops applying
	Where  string `json:"config"`          // the ignore entry: config file and line
}

// expired reports whether an ignore no longer applies on day today.
func (ig *Ignore) expired(today time.Time) bool {
	return ig.Until != nil && today.After(ig.Until.Add(24*time.Hour-time.Nanosecond))
}

// matches reports whether an ignore covers a finding.
func (ig *Ignore) matches(f *Finding) bool {
	if ig.Rule != f.Rule.ID {
		return false
	}
	var places []string
	if f.Channel != "" {
		places = append(places, f.Channel)
	}
	for _, o := range f.Operations {
		places = append(places, o.ID, o.Channel)
	}
	// Places name elements by identity (`required/customerId`), so an
	// ignore written by --format ignore survives reordering a list. Real
	// pointers (`required/1`), which ignores written before places
	// existed use, still match: dropping them would un-accept findings
	// without a word.
	for _, pl := range []string{f.BasePlace, f.RevisionPlace} {
		if pl != "" {
			_, ptr, _ := strings.Cut(pl, "#")
			places = append(places, pl, "#"+ptr, ptr)
		}
	}
	for _, l := range []*tree.Location{f.Base, f.Revision} {
		if l != nil {
			places = append(places, l.Pointer, strings.TrimPrefix(l.Pointer, "#"))
		}
	}
	for _, p := range places {
		if p != "" && Glob(ig.Location, p) {
			return true
		}
	}
	return false
}

// ExpiredIgnores lists the ignore entries whose date has passed, so the
// caller can say they no longer apply.
func (c *Config) ExpiredIgnores() []Ignore {
	var out []Ignore
	for _, ig := range c.Ignores {
		if ig.expired(c.today()) {
			out = append(out, ig)
		}
	}
	return out
}

func (c *Config) today() time.Time {
	if c.Today.IsZero() {
		return time.Now()
	}
	return c.Today
}

// Glob matches s against a pattern where `*` matches any run of
// characters but `/`, `**` matches anything, and `?` one character.
func Glob(pattern, s string) bool {
	for len(pattern) > 0 {
		switch {
		case strings.HasPrefix(pattern, "**"):
			rest := strings.TrimLeft(pattern, "*")
			for i := 0; i <= len(s); i++ {
				if Glob(rest, s[i:]) {
					return true
				}
			}
			return false
		case pattern[0] == '*':
			rest := pattern[1:]
			for i := 0; i <= len(s); i++ {
				if Glob(rest, s[i:]) {
					return true
				}
				if i < len(s) && s[i] == '/' {
					return false
				}
			}
			return false
		case len(s) == 0:
			return false
		case pattern[0] == '?' || pattern[0] == s[0]:
			pattern, s = pattern[1:], s[1:]
		default:
			return false
		}
	}
	return len(s) == 0
}
