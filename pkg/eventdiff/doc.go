// Package eventdiff compares two versions of an AsyncAPI document and says
// what changed and whom it breaks: the whole pipeline (read, parse,
// resolve `$ref`s, model, diff, judge) behind one call.
//
//	res, err := eventdiff.Compare(ctx, eventdiff.File("old.yaml"), eventdiff.File("new.yaml"), eventdiff.Options{})
//	if err != nil {
//		return err // one line naming the file and line; see Errors
//	}
//	for _, f := range res.Findings {
//		fmt.Println(f.Level, f.Rule.ID, f.Text)
//	}
//	fmt.Println("needs a", res.Bump.Suggested, "bump")
//
// A Source is a file, a file of a git revision (Git), bytes or a reader.
// A Session compares many pairs with one git process; package report
// renders a Result in every format the command line has.
//
// Input is treated as untrusted: `$ref`s may read only inside one tree
// (the git repository around the document by default), remote references
// are compared by URL unless following them is allowed (then within
// Options.RemoteLimits for the whole session), and every dimension of cost
// is bounded by Options.Limits.
//
// The package holds no command-line wording: its errors are typed (see
// Errors) so that a caller phrases them in its own terms, as the eventdiff
// command does with its flags.
package eventdiff
