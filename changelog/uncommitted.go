package changelog

import (
	"context"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
	"github.com/eventdiff/eventdiff/spec"
)

// markUncommitted marks the Unreleased changes the working tree made
// since HEAD: a changelog written before a commit says which of its
// entries are not committed yet. A change is matched by its fingerprint
// (rule, place by identity, direction), which is the same in the
// comparison with the last tag and in the comparison with HEAD.
func (w *walker) markUncommitted(h *History, working *spec.Document) {
	if w.o.To != "" || working == nil || len(h.Releases) == 0 {
		return
	}
	r := h.Releases[0]
	if !r.Unreleased || r.Changes == nil || len(r.Changes.Findings) == 0 {
		return
	}
	var since map[string]bool
	head, err := w.o.Session.Load(context.Background(), eventdiff.Git("HEAD", r.Path))
	if err == nil {
		res, err := w.compare(head, working)
		if err != nil {
			return // too many changes since HEAD to tell which are new: none is marked
		}
		since = map[string]bool{}
		for _, f := range res.Findings {
			since[f.Fingerprint] = true
		}
	}
	// Without a HEAD document (no commit yet, or the file is new), every
	// change is uncommitted.
	r.Uncommitted = map[string]bool{}
	for _, f := range r.Changes.Findings {
		if since == nil || since[f.Fingerprint] {
			r.Uncommitted[f.Fingerprint] = true
		}
	}
}
