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
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: report.NamesOf(report.CatalogueOutput)},
		},
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			format, err := lookupFormat(report.CatalogueOutput, c.String("format"))
			if err != nil {
				return err
			}
			return format.Catalogue(env.Stdout, rules.All())
		},
	}
}
