package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
)

func rulesCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "rules",
		Usage:     "list every rule with its default level, bump and description, or show one",
		ArgsUsage: "[ID]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: report.NamesOf(report.CatalogueOutput)},
		},
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			format, err := lookupFormat(report.CatalogueOutput, c.String("format"))
			if err != nil {
				return err
			}
			switch c.NArg() {
			case 0:
				return format.Catalogue(env.Stdout, rules.All())
			case 1:
			default:
				return trouble("rules takes at most one rule id (got %d); see eventdiff rules --help", c.NArg())
			}
			id := c.Args().First()
			r, ok := rules.Lookup(id)
			if !ok {
				return trouble("%s", unknownRule(id))
			}
			if format.Name == "text" {
				return report.RuleText(env.Stdout, r)
			}
			return format.Catalogue(env.Stdout, []*rules.Rule{r})
		},
	}
}

// unknownRule says that no rule has an id, and which ones come close.
func unknownRule(id string) string {
	msg := fmt.Sprintf("no rule %q", id)
	if near := closeRules(id, 3); len(near) > 0 {
		msg += " (did you mean " + strings.Join(near, ", ") + "?)"
	}
	return msg + "; eventdiff rules lists them all"
}

// closeRules are the ids nearest to id: those within a few edits, or that
// contain it; the closest first, at most max.
func closeRules(id string, max int) []string {
	type scored struct {
		id   string
		dist int
	}
	var near []scored
	for _, r := range rules.All() {
		d := editDistance(id, r.ID)
		if sameWords(id, r.ID) {
			d = 1
		}
		if strings.Contains(r.ID, id) && len(id) >= 4 {
			d = min(d, 1+len(r.ID)-len(id)/2)
		}
		if d <= 3+len(id)/8 {
			near = append(near, scored{r.ID, d})
		}
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].dist < near[j].dist })
	var out []string
	for i := 0; i < len(near) && i < max; i++ {
		out = append(out, near[i].id)
	}
	return out
}

// sameWords reports whether two ids have the same words in another order
// (schema-enum-added-value, schema-enum-value-added).
func sameWords(a, b string) bool {
	wa, wb := strings.Split(a, "-"), strings.Split(b, "-")
	sort.Strings(wa)
	sort.Strings(wb)
	return strings.Join(wa, "-") == strings.Join(wb, "-")
}

// editDistance is the Levenshtein distance between two strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
