package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/diff"
	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

func TestConfigErrorsNameFileAndLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
		line             int
	}{
		{"unknown key", "fail-on: breaking\nstirct: true\n", "unknown setting \"stirct\"", 2},
		{"unknown rule", "rules:\n  channel-gone: info\n", "unknown rule \"channel-gone\"", 2},
		{"bad level", "rules:\n  channel-removed: fatal\n", "must be breaking, warning, info or off", 2},
		{"bad fail-on", "fail-on: always\n", "fail-on must be", 1},
		{"not a bool", "strict: yes please\n", "strict must be true or false", 1},
		{"unknown rule in ignore", "ignore:\n  - rule: nope\n    location: x\n    reason: r\n", "unknown rule \"nope\"", 2},
		{"empty reason", "ignore:\n  - rule: channel-removed\n    location: 'user/*'\n    reason: \"\"\n", "needs a reason", 2},
		{"missing location", "ignore:\n  - rule: channel-removed\n    reason: ok\n", "needs a location", 2},
		{"bad date", "ignore:\n  - rule: channel-removed\n    location: x\n    reason: r\n    until: next week\n", "until must be a date", 5},
		{"unknown ignore field", "ignore:\n  - rule: channel-removed\n    location: x\n    reason: r\n    why: because\n", "unknown ignore field \"why\"", 5},
		{"bad yaml", "rules: [\n", "invalid YAML", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(".eventdiff.yaml", []byte(tt.text))
			if err == nil {
				t.Fatal("want an error")
			}
			e, ok := err.(*tree.Error)
			if !ok || e.File != ".eventdiff.yaml" || e.Line != tt.line || !strings.Contains(e.Msg, tt.want) {
				t.Errorf("got %v; want line %d with %q", err, tt.line, tt.want)
			}
		})
	}
}

func TestGlob(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		pattern, s string
		want       bool
	}{
		{"user/*", "user/signedup", true},
		{"user/*", "user/signedup/v2", false},
		{"user/**", "user/signedup/v2", true},
		{"*", "publishOrder", true},
		{"publish*", "publishOrder", true},
		{"#/components/schemas/User/**", "#/components/schemas/User/properties/plan/enum", true},
		{"order?", "orders", true},
		{"order?", "order", false},
		{"exact", "exact", true},
		{"exact", "exactly", false},
	} {
		if got := Glob(tt.pattern, tt.s); got != tt.want {
			t.Errorf("Glob(%q, %q) = %v", tt.pattern, tt.s, got)
		}
	}
}

func testDocs() (*spec.Document, *spec.Document) {
	d := &spec.Document{Name: "a.yaml", Version: "3.0.0", Major: 3, Info: &spec.Info{Version: "1.2.0"}}
	return d, &spec.Document{Name: "b.yaml", Version: "3.0.0", Major: 3, Info: &spec.Info{Version: "1.3.0"}}
}

func removal(channel string) diff.Change {
	return diff.Change{Kind: catalogue.ChannelRemoved, Subject: "channel", Channel: channel,
		Base: &tree.Location{File: "a.yaml", Line: 3, Pointer: "#/channels/" + channel}}
}

func TestIgnoresAcceptFindingsUntilTheyExpire(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig("c.yaml", []byte("ignore:\n  - rule: channel-removed\n    location: 'legacy*'\n    reason: nobody uses it\n    until: 2026-06-30\n"))
	if err != nil {
		t.Fatal(err)
	}
	base, rev := testDocs()
	changes := []diff.Change{removal("legacyOrders"), removal("orders")}

	cfg.Today = time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	res := Classify(changes, base, rev, cfg)
	if res.Summary.Breaking != 1 || res.Summary.Accepted != 1 {
		t.Fatalf("summary %+v", res.Summary)
	}
	var accepted *Finding
	for i := range res.Findings {
		if res.Findings[i].Accepted != nil {
			accepted = &res.Findings[i]
		}
	}
	if accepted == nil || accepted.Channel != "legacyOrders" || accepted.Accepted.Reason != "nobody uses it" || accepted.Accepted.Where != "c.yaml:2" {
		t.Errorf("accepted finding %+v", accepted)
	}
	if len(cfg.ExpiredIgnores()) != 0 {
		t.Error("not expired on its last day")
	}

	cfg.Today = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	res = Classify(changes, base, rev, cfg)
	if res.Summary.Breaking != 2 || res.Summary.Accepted != 0 {
		t.Errorf("after expiry: %+v", res.Summary)
	}
	if len(cfg.ExpiredIgnores()) != 1 {
		t.Error("the expired ignore should be reported")
	}
}

func TestAcceptedFindingsDoNotDriveTheBump(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig("c.yaml", []byte("ignore:\n  - rule: channel-removed\n    location: '**'\n    reason: planned removal\n"))
	if err != nil {
		t.Fatal(err)
	}
	base, rev := testDocs()
	res := Classify([]diff.Change{removal("orders")}, base, rev, cfg)
	if res.Bump.Suggested != None || res.Bump.DeclaredOK == nil || !*res.Bump.DeclaredOK {
		t.Errorf("bump %+v", res.Bump)
	}
}

func TestOverridesChangeLevelsAndSwitchRulesOff(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig("c.yaml", []byte("rules:\n  channel-removed: warning\n  documentation-changed: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	base, rev := testDocs()
	doc := diff.Change{Kind: catalogue.DocumentationChanged, Subject: "document"}
	res := Classify([]diff.Change{removal("orders"), doc}, base, rev, cfg)
	if len(res.Findings) != 1 || res.Findings[0].Level != Warning || res.Findings[0].Bump != Minor {
		t.Errorf("findings %+v", res.Findings)
	}
}
