package diff

import (
	"fmt"
	"slices"

	"github.com/eventdiff/eventdiff/rules/catalogue"
	"github.com/eventdiff/eventdiff/tree"
)

// Remote references that are not followed (the default) stay in the model
// as written: a message, channel, parameter, server, binding or trait that
// is a `$ref` to an http(s) URL is known only by that URL. The same URL on
// both sides is the same thing; a changed one, or one that replaced what
// was written in the document (or was replaced by it), is reported here,
// since what changed is unknown. Schemas get the same treatment from the
// schema engine (schema-remote-ref-changed).

// remote compares two definitions (after local references) of which one
// or both may be remote references not followed. It reports whether either
// is one: its content is then unknown, and the caller compares nothing
// else of the pair.
func (d *differ) remote(ctx Change, owner string, a, b *tree.Node) bool {
	a, b = a.Deref(), b.Deref()
	ua, ub := a.RemoteRef(), b.RemoteRef()
	if ua == "" && ub == "" {
		return false
	}
	if ua == ub {
		return true
	}
	c := ctx
	c.Kind = catalogue.RemoteRefChanged
	switch {
	case ua != "" && ub != "":
		c.Text = fmt.Sprintf("%s: the remote $ref changed from %q to %q", owner, ua, ub)
	case ua != "":
		c.Text = fmt.Sprintf("%s was the remote $ref %q and is now written in the document", owner, ua)
	default:
		c.Text = fmt.Sprintf("%s is now the remote $ref %q instead of being written in the document", owner, ub)
	}
	c.Text += "; remote references are not followed: review what it points to"
	c.Base, c.Revision = a.Loc(), b.Loc()
	c.Old, c.New = orNil(ua), orNil(ub)
	d.add(c)
	return true
}

// remoteTraits compares the remote references among the traits of two
// definitions: such a trait cannot be applied, so only its URL is known.
func (d *differ) remoteTraits(ctx Change, owner string, a, b *tree.Node) {
	ua, ub := remoteTraitURLs(a), remoteTraitURLs(b)
	if slices.Equal(ua, ub) {
		return
	}
	c := ctx
	c.Kind = catalogue.RemoteRefChanged
	removed, added := setDiff(ua, ub)
	c.Text = fmt.Sprintf("the remote traits of %s changed", owner)
	if len(added) > 0 {
		c.Text += " (now " + quoteList(added) + ")"
	}
	if len(removed) > 0 {
		c.Text += " (no longer " + quoteList(removed) + ")"
	}
	c.Text += "; remote references are not followed: review what they point to"
	c.Base, c.Revision = locOr(a.Deref().Get("traits"), a), locOr(b.Deref().Get("traits"), b)
	c.Old, c.New = ua, ub
	d.add(c)
}

// remoteTraitURLs lists the URLs of the remote traits of a definition, sorted.
func remoteTraitURLs(n *tree.Node) []string {
	var out []string
	for _, t := range n.Deref().Get("traits").Deref().Elems() {
		if u := t.Deref().RemoteRef(); u != "" {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
