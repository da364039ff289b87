package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/eventdiff/eventdiff/limits"
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
	top := gitTopLevel()
	for _, dir := range []string{".", top} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, rules.ConfigName)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		data, err := readFoundConfig(p, top)
		if err != nil {
			return nil, trouble("%s: cannot read the config: %v", p, err)
		}
		cfg, err := rules.ParseConfig(p, data)
		if err != nil {
			return nil, trouble("%v", err)
		}
		return cfg, nil
	}
	return &rules.Config{}, nil
}

// readFoundConfig reads a config file found rather than named: it is the
// repository's (a pull request's) content, so it is read like a `$ref`:
// a regular file of bounded size, inside the repository (or the working
// directory outside one), symbolic links included.
func readFoundConfig(p, top string) ([]byte, error) {
	root := top
	if root == "" {
		root = "."
	}
	files, err := source.NewDirFS(root, limits.Default.MaxFileSize)
	if err != nil {
		return nil, err
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(absRoot, abs)
	if err != nil {
		return nil, err
	}
	data, err := files.ReadFile(filepath.ToSlash(rel))
	if errors.Is(err, source.ErrOutsideTree) {
		where := "the repository"
		if top == "" {
			where = "the working directory"
		}
		return nil, fmt.Errorf("it leads outside %s (a symbolic link?)", where)
	}
	return data, err
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
