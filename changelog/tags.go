package changelog

import (
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/source"

	"github.com/Masterminds/semver/v3"
)

// release is a tag that names a semantic version.
type release struct {
	source.Tag
	v *semver.Version
}

// Version is the tag's version as people write it: the tag without its
// optional v prefix.
func (r release) Version() string { return strings.TrimPrefix(r.Name, "v") }

// releases keeps the tags that are semantic versions and sorts them by
// semver precedence, pre-releases before their release (1.0.0-rc.1 <
// 1.0.0). Two tags of the same version (v1.0.0 and 1.0.0, or versions
// that differ only in build metadata) keep the first by name; the others
// are returned as duplicates.
func releases(tags []source.Tag) (out []release, duplicates []string) {
	for _, t := range tags {
		v, err := rules.ParseVersion(t.Name) // partial versions (v1, 1.2) are not releases
		if err != nil {
			continue
		}
		out = append(out, release{Tag: t, v: v})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].v.Compare(out[j].v); c != 0 {
			return c < 0
		}
		return out[i].Name < out[j].Name
	})
	kept := out[:0]
	for _, r := range out {
		if n := len(kept); n > 0 && kept[n-1].v.Equal(r.v) {
			duplicates = append(duplicates, r.Name)
			continue
		}
		kept = append(kept, r)
	}
	return kept, duplicates
}
