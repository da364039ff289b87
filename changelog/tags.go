package changelog

import (
	"fmt"
	"sort"
	"strings"

	"github.com/eventdiff/eventdiff/rules"
	"github.com/eventdiff/eventdiff/source"

	"github.com/Masterminds/semver/v3"
)

// release is a tag that names a semantic version.
type release struct {
	source.Tag
	prefix string // the --tag-prefix the name starts with
	v      *semver.Version
}

// Version is the tag's version as people write it: the tag without its
// prefix and its optional v.
func (r release) Version() string {
	return strings.TrimPrefix(strings.TrimPrefix(r.Name, r.prefix), "v")
}

// releases keeps the tags that are semantic versions and sorts them by
// semver precedence, pre-releases before their release (1.0.0-rc.1 <
// 1.0.0). Two tags of the same version (v1.0.0 and 1.0.0, or versions
// that differ only in build metadata) keep the first by name; the others
// are returned as duplicates.
//
// With a prefix, only tags that start with it are read, and what follows
// it is the version: web-v1.2.0 and ASYNCAPI_1.3 (MAJOR.MINOR is read as
// MAJOR.MINOR.0 there: a project that names its releases that way means
// them). Without one, partial versions (v1, 1.2) are not releases: they
// are usually tags that move with the latest release.
func releases(tags []source.Tag, prefix string) (out []release, duplicates []string) {
	for _, t := range tags {
		v, ok := tagVersion(t.Name, prefix)
		if !ok {
			continue
		}
		out = append(out, release{Tag: t, prefix: prefix, v: v})
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

// tagVersion reads the version a tag names.
func tagVersion(name, prefix string) (*semver.Version, bool) {
	if prefix == "" {
		v, err := rules.ParseVersion(name)
		return v, err == nil
	}
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return nil, false
	}
	if v, err := rules.ParseVersion(rest); err == nil {
		return v, true
	}
	core, _, _ := strings.Cut(strings.TrimPrefix(rest, "v"), "-")
	if strings.Count(core, ".") != 1 {
		return nil, false
	}
	v, err := semver.NewVersion(strings.TrimPrefix(rest, "v"))
	return v, err == nil
}

// noReleaseTags explains, when no tag is a release, what was found and how
// to have the tags read: the prefix most of them share before a version.
func noReleaseTags(tags []source.Tag, prefix string) string {
	if len(tags) == 0 {
		return "the history has no tags, so every change is listed as Unreleased (tag releases with their semantic version, e.g. v1.0.0)"
	}
	names := make([]string, 0, 3)
	for i := 0; i < len(tags) && i < 3; i++ {
		names = append(names, tags[i].Name)
	}
	msg := fmt.Sprintf("none of the %d tags (%s", len(tags), strings.Join(names, ", "))
	if len(tags) > 3 {
		msg += ", …"
	}
	what := "is a semantic version"
	if prefix != "" {
		what = "is --tag-prefix " + prefix + " followed by a semantic version"
	}
	msg += ") " + what + ", so every change is listed as Unreleased"
	if p := commonPrefix(tags); p != "" && p != prefix {
		return msg + fmt.Sprintf("; to read tags like %s, pass --tag-prefix %s", tagWith(tags, p), p)
	}
	return msg + "; tag releases with their semantic version, e.g. v1.0.0"
}

// commonPrefix is the prefix that the most tags have before a version,
// "" when none does.
func commonPrefix(tags []source.Tag) string {
	count := map[string]int{}
	for _, t := range tags {
		for i := 0; i < len(t.Name); i++ {
			if t.Name[i] < '0' || t.Name[i] > '9' {
				continue
			}
			// web-v1.2.0 reads as web- and v1.2.0, as people name it.
			p := strings.TrimSuffix(t.Name[:i], "v")
			if p == "" {
				break
			}
			if _, ok := tagVersion(t.Name, p); ok {
				count[p]++
			}
			break
		}
	}
	best := ""
	for p, n := range count {
		if n > count[best] || n == count[best] && p < best {
			best = p
		}
	}
	return best
}

func tagWith(tags []source.Tag, prefix string) string {
	for _, t := range tags {
		if _, ok := tagVersion(t.Name, prefix); ok {
			return t.Name
		}
	}
	return prefix
}
