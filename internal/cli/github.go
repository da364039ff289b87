package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/eventdiff/eventdiff/github"
	"github.com/eventdiff/eventdiff/report"
)

// commentTimeout bounds all the commenting of one run.
const commentTimeout = 3 * time.Minute

// postComments keeps one pull-request comment per compared document up to
// date (--github-comment). It is best effort: a failure is reported as a
// workflow notice or warning and the report goes to the job summary
// instead, but the exit code stays what the diff decided. summaryHasReport
// says the report was already appended to the job summary (--format github).
func postComments(env Env, done []compared, opts report.Options, summaryHasReport bool, commandsTo io.Writer) {
	say := func(kind, format string, args ...any) {
		// Workflow commands: GitHub reads them from either stream.
		fmt.Fprintf(commandsTo, "::%s::%s\n", kind, report.EscapeData(fmt.Sprintf(format, args...)))
	}
	token := env.Getenv("GITHUB_TOKEN")
	redact := func(s string) string {
		if len(token) >= 4 {
			s = strings.ReplaceAll(s, token, "***")
		}
		return s
	}
	eventPath := env.Getenv("GITHUB_EVENT_PATH")
	if eventPath == "" {
		fmt.Fprintln(env.Stderr, "eventdiff: --github-comment: GITHUB_EVENT_PATH is not set (not in GitHub Actions?); no comment posted")
		return
	}
	ev, err := github.ReadEvent(eventPath)
	if err != nil {
		say("warning", "eventdiff: --github-comment: %s; no comment posted", redact(err.Error()))
		return
	}
	if ev.PullRequest == 0 {
		fmt.Fprintln(env.Stderr, "eventdiff: --github-comment: the workflow's event is not a pull request; no comment posted")
		return
	}
	if len(done) == 0 {
		return
	}
	fallback := func(why string) {
		switch {
		case summaryHasReport:
			say("notice", "eventdiff did not comment on the pull request: %s. The report is in the job summary.", why)
		case opts.GitHub.Summary != "":
			var b strings.Builder
			for _, d := range done {
				o := opts
				o.Traffic = d.traffic
				b.WriteString(report.MarkdownString(d.res, o, report.MaxMarkdown) + "\n")
			}
			if err := opts.GitHub.AppendSummary(b.String()); err != nil {
				say("warning", "eventdiff did not comment on the pull request: %s; and the job summary cannot be written: %s", why, redact(err.Error()))
				return
			}
			say("notice", "eventdiff did not comment on the pull request: %s. The report is in the job summary instead.", why)
		default:
			say("notice", "eventdiff did not comment on the pull request: %s.", why)
		}
	}
	client, err := github.New(github.Options{
		Token: token, APIURL: env.Getenv("GITHUB_API_URL"), Repository: env.Getenv("GITHUB_REPOSITORY"),
		Sleep: env.Sleep,
	})
	if err != nil {
		fallback(redact(err.Error()))
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), commentTimeout)
	defer cancel()
	for _, d := range done {
		path := d.commentPath
		marker := github.Marker(env.Getenv("GITHUB_WORKFLOW"), env.Getenv("GITHUB_JOB"), path)
		body := commentBody(marker, path, d, opts, ev)
		outcome, url, err := client.Upsert(ctx, ev.PullRequest, marker, body, len(d.res.Findings) > 0)
		if err != nil {
			why := "the GitHub API failed: " + client.Redact(redact(err.Error()))
			if github.Forbidden(err) {
				why = "the token may not write to it (a pull request from a fork gets a read-only GITHUB_TOKEN; otherwise give the job permissions: pull-requests: write)"
			}
			fallback(why)
			return
		}
		if outcome != github.Skipped {
			fmt.Fprintf(env.Stderr, "eventdiff: pull request comment for %s %s %s\n", path, outcome, url)
		}
	}
}

// commentBody is the marker, then the markdown report cut to fit GitHub's
// limit on comments; or, when there are no findings any more, a short note
// that replaces an earlier report.
func commentBody(marker, path string, d compared, opts report.Options, ev github.Event) string {
	foot := ""
	switch {
	case ev.HeadSHA != "" && ev.BaseSHA != "":
		foot = fmt.Sprintf("\n<sub>Updated for %s (the pull request's base is %s).</sub>\n", short(ev.HeadSHA), short(ev.BaseSHA))
	case ev.HeadSHA != "":
		foot = fmt.Sprintf("\n<sub>Updated for %s.</sub>\n", short(ev.HeadSHA))
	}
	if len(d.res.Findings) == 0 {
		return fmt.Sprintf("%s\n### ✅ eventdiff: no breaking changes any more\n\n%s (%s → %s) has no changes to its contract now.\n%s",
			marker, report.CodeSpan(path), report.CodeSpan(d.res.Base.Source), report.CodeSpan(d.res.Revision.Source), foot)
	}
	room := github.MaxBody - len(marker) - 1 - len(foot) - 16
	opts.Traffic = d.traffic
	return marker + "\n" + report.MarkdownString(d.res, opts, room) + foot
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
