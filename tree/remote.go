package tree

import "strings"

// IsRemoteRef reports whether a `$ref` string names an http(s) URL.
func IsRemoteRef(ref string) bool {
	return strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://")
}

// RemoteRef returns the URL of a reference to an http(s) document that was
// not followed (remote references are followed only when allowed), or "".
// Such a node stands for whatever the URL holds: the only thing known about
// it is the URL, so two of them are the same when their URLs are.
func (n *Node) RemoteRef() string {
	if n == nil || n.Target != nil {
		return ""
	}
	if ref := n.Ref(); IsRemoteRef(ref) {
		return ref
	}
	return ""
}
