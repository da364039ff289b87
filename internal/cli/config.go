package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/report"
	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/source"
)

// loadConfig reads --config, else .eventdiff.yaml in the working
// directory, else at the git top level; no file means the defaults.
func loadConfig(c *cli.Context, env Env) (*rules.Config, error) {
	if p := c.String("config"); p != "" {
		cfg, err := rules.LoadConfig(p)
		if err != nil {
			return nil, trouble("%v", err)
		}
		return cfg, nil
	}
	for _, dir := range []string{".", gitTopLevel()} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, rules.ConfigName)
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		cfg, err := rules.LoadConfig(p)
		if err != nil {
			return nil, trouble("%v", err)
		}
		return cfg, nil
	}
	return &rules.Config{}, nil
}

// gitTopLevel is the top of the git work tree around the working
// directory, or "" outside one.
func gitTopLevel() string {
	repo, err := source.OpenGitRepo(".")
	if err != nil {
		return ""
	}
	return repo.Top
}

// githubFiles are the files GitHub Actions gives a step for its summary
// and outputs.
func githubFiles(env Env) report.GitHubFiles {
	return report.GitHubFiles{Summary: env.Getenv("GITHUB_STEP_SUMMARY"), Output: env.Getenv("GITHUB_OUTPUT")}
}
