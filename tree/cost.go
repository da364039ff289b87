package tree

import (
	"math"

	"github.com/eventdiff/eventdiff/limits"
)

// meter counts what one file costs while it is parsed, against the limits
// that bound a whole document: every parse path (JSON, the YAML token
// builder, goccy's parser) reports each node, scalar and alias to it.
type meter struct {
	file  string
	lim   limits.Limits
	doc   *Parser             // the document-wide counts
	sizes map[*Node]aliasCost // expansion of anchored nodes, computed once each
}

// aliasCost is what one expansion of an anchored node costs: its nodes and
// the bytes of its keys and scalars, counted with repetition.
type aliasCost struct {
	nodes int
	bytes int64
}

// node counts one more node, at line and col.
func (m *meter) node(line, col int) error {
	m.doc.nodes++
	if m.lim.MaxNodes > 0 && m.doc.nodes > m.lim.MaxNodes {
		return limitAt(m.file, line, col, limits.Nodes, "the document holds more than %d nodes (values)", m.lim.MaxNodes)
	}
	return nil
}

// scalar checks the length of a scalar or key read at line and col.
func (m *meter) scalar(size int, line, col int) error {
	if m.lim.MaxScalarSize > 0 && size > m.lim.MaxScalarSize {
		return limitAt(m.file, line, col, limits.ScalarSize, "a scalar of %d bytes, more than the limit of %d", size, m.lim.MaxScalarSize)
	}
	return nil
}

// alias counts one use of an alias of target, at line and col. Aliases
// share the anchored node, so they cost no memory here; the limits bound
// the work of everything that later walks the expanded value (comparing,
// converting, reporting it).
func (m *meter) alias(target *Node, line, col int) error {
	c := m.cost(target)
	m.doc.aliasNodes += c.nodes
	m.doc.aliasBytes += c.bytes
	if m.lim.MaxAliasNodes > 0 && m.doc.aliasNodes > m.lim.MaxAliasNodes {
		return limitAt(m.file, line, col, limits.AliasNodes, "YAML aliases expand to more than %d nodes", m.lim.MaxAliasNodes)
	}
	if m.lim.MaxAliasBytes > 0 && m.doc.aliasBytes > m.lim.MaxAliasBytes {
		return limitAt(m.file, line, col, limits.AliasBytes, "YAML aliases expand to more than %d bytes", m.lim.MaxAliasBytes)
	}
	return nil
}

// cost measures the expansion of n, capped so that sums cannot overflow.
func (m *meter) cost(n *Node) aliasCost {
	if c, ok := m.sizes[n]; ok {
		return c
	}
	c := aliasCost{nodes: 1, bytes: int64(len(n.Value))}
	for _, f := range n.Fields {
		sub := m.cost(f.Value)
		c.nodes += sub.nodes
		c.bytes += sub.bytes + int64(len(f.Key))
	}
	for _, it := range n.Items {
		sub := m.cost(it)
		c.nodes += sub.nodes
		c.bytes += sub.bytes
	}
	c.nodes = min(c.nodes, math.MaxInt32)
	c.bytes = min(c.bytes, math.MaxInt32)
	if m.sizes == nil {
		m.sizes = map[*Node]aliasCost{}
	}
	m.sizes[n] = c
	return c
}
