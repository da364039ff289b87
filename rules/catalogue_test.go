package rules_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
)

// ruleCount pins the size of the catalogue: adding or removing a rule is a
// deliberate change that updates this number, the docs and a fixture.
const ruleCount = 256

func TestRuleCount(t *testing.T) {
	t.Parallel()
	if n := len(rules.All()); n != ruleCount {
		t.Errorf("the catalogue has %d rules, the pin says %d", n, ruleCount)
	}
}

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)

func TestRulesAreWellFormed(t *testing.T) {
	t.Parallel()
	for _, r := range rules.All() {
		if !kebab.MatchString(r.ID) {
			t.Errorf("%s: ids are kebab-case", r.ID)
		}
		if r.Description == "" || strings.Contains(r.Description, "\n") {
			t.Errorf("%s: needs a one-line description", r.ID)
		}
		switch r.Bump {
		case rules.Major, rules.Minor, rules.Patch:
		default:
			t.Errorf("%s: bump %q", r.ID, r.Bump)
		}
		switch r.Changelog {
		case rules.Added, rules.Changed, rules.Deprecated, rules.Removed:
		default:
			t.Errorf("%s: changelog group %q", r.ID, r.Changelog)
		}
	}
}

// docs/rules.md is generated from the catalogue; it fails when stale.
func TestDocsRulesUpToDate(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := report.CatalogueMarkdown(&b, rules.All()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../docs/rules.md", b.Bytes())
}

func TestRulesJSONMatchesTheDocs(t *testing.T) {
	t.Parallel()
	var js, md bytes.Buffer
	if err := report.CatalogueJSON(&js, rules.All()); err != nil {
		t.Fatal(err)
	}
	if err := report.CatalogueMarkdown(&md, rules.All()); err != nil {
		t.Fatal(err)
	}
	var entries []report.CatalogueEntry
	if err := json.Unmarshal(js.Bytes(), &entries); err != nil {
		t.Fatal(err)
	}
	var jsonIDs, mdIDs []string
	for _, e := range entries {
		jsonIDs = append(jsonIDs, e.ID)
	}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|").FindAllStringSubmatch(md.String(), -1) {
		mdIDs = append(mdIDs, m[1])
	}
	sort.Strings(jsonIDs)
	sort.Strings(mdIDs)
	if strings.Join(jsonIDs, ",") != strings.Join(mdIDs, ",") || len(jsonIDs) != ruleCount {
		t.Errorf("json lists %d rules, markdown %d", len(jsonIDs), len(mdIDs))
	}
}
