package changelog

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"

	"github.com/eventdiff/eventdiff/rules"
)

// result holds findings with the given bumps and levels.
func result(findings ...rules.Finding) *rules.Result {
	return &rules.Result{Findings: findings}
}

func finding(b rules.Bump, l rules.Level) rules.Finding {
	return rules.Finding{Bump: b, Level: l}
}

var (
	breaking = finding(rules.Major, rules.Breaking)
	added    = finding(rules.Minor, rules.Info)
	docs     = finding(rules.Patch, rules.Info)
)

func TestJudge(t *testing.T) {
	t.Parallel()
	accepted := breaking
	accepted.Accepted = &rules.Acceptance{Reason: "announced"}
	tests := []struct {
		since, to string
		res       *rules.Result
		want      string // Required Declared Next OK
	}{
		{"1.2.0", "2.0.0", result(breaking, added), "major major 2.0.0 true"},
		{"1.2.0", "1.3.0", result(breaking), "major minor 2.0.0 false"},
		{"1.2.0", "1.3.0", result(added, docs), "minor minor 1.3.0 true"},
		{"1.2.0", "1.2.1", result(added), "minor patch 1.3.0 false"},
		{"1.2.0", "1.2.1", result(docs), "patch patch 1.2.1 true"},
		{"1.2.0", "2.0.0", result(docs), "patch major 1.2.1 true"},
		{"1.2.0", "1.2.1", result(), "none patch 1.2.0 true"},
		{"1.2.0", "1.2.1", nil, "none patch 1.2.0 true"},
		{"1.2.0", "1.2.1", result(accepted, docs), "patch patch 1.2.1 true"},
		// Pre-releases are judged as the version they precede.
		{"1.2.0", "2.0.0-rc.1", result(breaking), "major major 2.0.0 true"},
		{"1.2.0", "1.3.0-rc.1", result(breaking), "major minor 2.0.0 false"},
		// Below 1.0.0 every bump shifts down one step.
		{"0.3.1", "0.4.0", result(breaking), "minor minor 0.4.0 true"},
		{"0.3.1", "0.3.2", result(breaking), "minor patch 0.4.0 false"},
		{"0.3.1", "0.3.2", result(added), "patch patch 0.3.2 true"},
		{"0.3.1", "1.0.0", result(breaking), "minor major 0.4.0 true"},
	}
	for _, tt := range tests {
		since := &release{v: semver.MustParse(tt.since)}
		since.Name = "v" + tt.since
		c := judge(since, tt.res, semver.MustParse(tt.to))
		got := fmt.Sprintf("%s %s %s %v", c.Required, c.Declared, c.Next, *c.OK)
		if got != tt.want {
			t.Errorf("%s → %s: %s, want %s", tt.since, tt.to, got, tt.want)
		}
		if c.Since != tt.since || c.SinceTag != "v"+tt.since {
			t.Errorf("since %s %s", c.Since, c.SinceTag)
		}
	}
	if c := judge(nil, result(breaking), semver.MustParse("1.0.0")); c.Since != "" || c.OK != nil {
		t.Errorf("nothing to measure from: %+v", c)
	}
	if c := judge(&release{v: semver.MustParse("1.0.0")}, result(breaking), nil); c.OK != nil || c.Next != "2.0.0" || c.Declared != "" {
		t.Errorf("Unreleased: %+v", c)
	}
}

func TestNextVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		current string
		res     *rules.Result
		want    string
		err     string
	}{
		{"1.4.2", result(breaking), "2.0.0", ""},
		{"1.4.2", result(added), "1.5.0", ""},
		{"1.4.2", result(docs), "1.4.3", ""},
		{"1.4.2", result(), "1.4.2", ""},
		{"v1.4.2", result(added), "v1.5.0", ""},
		{"0.4.2", result(breaking), "0.5.0", ""},
		{"0.4.2", result(added), "0.4.3", ""},
		{"2.0.0-rc.1", result(docs), "2.0.0", ""},
		{" 1.4.2 ", result(docs), "1.4.3", ""},
		{"", result(docs), "", "no current version"},
		{"1.4", result(docs), "", `"1.4" is not a semantic version`},
		{"latest", result(docs), "", `"latest" is not a semantic version`},
		{"18446744073709551615.0.0", result(breaking), "", "cannot be bumped"},
	}
	for _, tt := range tests {
		got, _, err := NextVersion(tt.current, tt.res)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: %v, want an error with %q", tt.current, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%q: %q, %v; want %q", tt.current, got, err, tt.want)
		}
	}
	if _, _, err := NextVersion("", nil); !errors.Is(err, ErrNoVersion) {
		t.Errorf("empty: %v", err)
	}
}
