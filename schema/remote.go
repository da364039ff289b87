package schema

import (
	"fmt"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// RemoteRefDelta compares two schemas (after local references) of which
// one or both may be remote references left as written (remote references
// are followed only when allowed). All that is known of one is its URL:
// the same URL on both sides is the same schema, anything else may change
// any value, so the effect is unknown. ok reports whether either side is a
// remote reference; the delta is set only when they differ. Engines of
// other schema languages use it too.
func RemoteRefDelta(base, revision *tree.Node) (d *Delta, ok bool) {
	ub, ur := base.RemoteRef(), revision.RemoteRef()
	if ub == "" && ur == "" {
		return nil, false
	}
	if ub == ur {
		return nil, true
	}
	var reason string
	switch {
	case ub != "" && ur != "":
		reason = fmt.Sprintf("the remote $ref changed from %q to %q", ub, ur)
	case ub != "":
		reason = fmt.Sprintf("the remote $ref %q was replaced by a schema written in the document", ub)
	default:
		reason = fmt.Sprintf("the schema was replaced by the remote $ref %q", ur)
	}
	return &Delta{Rule: catalogue.SchemaRemoteRefChanged, Base: base, Revision: revision, Old: urlOrValue(ub, base), New: urlOrValue(ur, revision),
		Effect: Unknown, StrictEffect: Unknown,
		Reason: reason + "; remote references are not followed, so what changed is unknown: review what it points to"}, true
}

// remoteRefs explores a pair of which a side is a remote reference.
func (c *comparer) remoteRefs(p *pair) bool {
	d, ok := RemoteRefDelta(p.b, p.r)
	if d != nil {
		p.add(&rawDelta{d: *d, skip: true})
	}
	return ok
}

func urlOrValue(url string, n *tree.Node) any {
	if url != "" {
		return url
	}
	return iface(n)
}
