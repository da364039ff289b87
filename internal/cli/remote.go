package cli

import (
	"fmt"
	"io"

	"github.com/eventdiff/eventdiff/spec"
	"github.com/eventdiff/eventdiff/tree"
)

// remoteTally counts the remote references a run left unfollowed and
// compared by URL, so that the run says so once, however many documents
// it compared.
type remoteTally struct {
	refs int
	urls map[string]bool
}

func (t *remoteTally) add(docs ...*spec.Document) {
	for _, d := range docs {
		t.addRefs(d.RemoteRefs)
	}
}

func (t *remoteTally) addRefs(refs []*tree.Node) {
	for _, n := range refs {
		if t.urls == nil {
			t.urls = map[string]bool{}
		}
		t.refs++
		t.urls[n.RemoteRef()] = true
	}
}

// note says how many remote references were compared by URL and how to
// follow them instead; nothing when there were none.
func (t *remoteTally) note(w io.Writer) {
	if t.refs == 0 {
		return
	}
	refs, urls := "remote $refs", "URLs"
	if t.refs == 1 {
		refs = "remote $ref"
	}
	if len(t.urls) == 1 {
		urls = "URL"
	}
	fmt.Fprintf(w, "eventdiff: %d %s (%d %s) compared by URL, not followed: a changed URL is a warning; --allow-remote-refs follows them\n",
		t.refs, refs, len(t.urls), urls)
}
