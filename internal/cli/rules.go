package cli

import (
	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
)

func rulesCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list every rule with its default level, bump and description",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, json or markdown"},
		},
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			all := rules.All()
			switch c.String("format") {
			case "text":
				return report.CatalogueText(env.Stdout, all)
			case "json":
				return report.CatalogueJSON(env.Stdout, all)
			case "markdown":
				return report.CatalogueMarkdown(env.Stdout, all)
			}
			return trouble("unknown --format %q (use text, json or markdown)", c.String("format"))
		},
	}
}
