package changelog

import (
	"strings"
	"testing"

	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/source"
)

func TestReleasesOrder(t *testing.T) {
	t.Parallel()
	var tags []source.Tag
	for _, n := range []string{
		"v1.10.0", "v1.2.0", "v2.0.0", "v2.0.0-rc.1", "v2.0.0-beta.2", "v2.0.0-beta.10", "v2.0.0-alpha",
		"1.3.0", "v0.9.0", "v1.2.0-rc.1",
		"latest", "v1", "v1.2", "release-1.0.0", "v01.2.3", "V1.4.0", "v1.2.3.4",
		"1.2.0", "v1.10.0+build.7",
	} {
		tags = append(tags, source.Tag{Name: n})
	}
	rels, dups := releases(tags, "")
	var got []string
	for _, r := range rels {
		got = append(got, r.Name)
	}
	want := "v0.9.0 v1.2.0-rc.1 1.2.0 1.3.0 v1.10.0 v2.0.0-alpha v2.0.0-beta.2 v2.0.0-beta.10 v2.0.0-rc.1 v2.0.0"
	if strings.Join(got, " ") != want {
		t.Errorf("releases:\n  %s\nwant:\n  %s", strings.Join(got, " "), want)
	}
	if strings.Join(dups, " ") != "v1.2.0 v1.10.0+build.7" {
		t.Errorf("duplicates %v: a version named twice keeps the first tag by name", dups)
	}
	for _, r := range rels {
		if r.Name == "v2.0.0-rc.1" && r.Version() != "2.0.0-rc.1" {
			t.Errorf("version of v2.0.0-rc.1: %s", r.Version())
		}
	}
}

func TestTagVersionWithPrefix(t *testing.T) {
	for _, tc := range []struct {
		name, prefix, want string // want "" when the tag is no release
	}{
		{"v1.2.0", "", "1.2.0"},
		{"1.2", "", ""},
		{"web-v1.2.0", "", ""},
		{"web-v1.2.0", "web-", "1.2.0"},
		{"web-1.2.0-rc.1", "web-", "1.2.0-rc.1"},
		{"api-v1.2.0", "web-", ""},
		{"ASYNCAPI_1.3", "ASYNCAPI_", "1.3.0"},
		{"ASYNCAPI_1", "ASYNCAPI_", ""},
		{"ASYNCAPI_1.3.x", "ASYNCAPI_", ""},
	} {
		v, ok := tagVersion(tc.name, tc.prefix)
		got := ""
		if ok {
			got = v.String()
		}
		if got != tc.want {
			t.Errorf("tagVersion(%q, %q) = %q, want %q", tc.name, tc.prefix, got, tc.want)
		}
	}
	tags := []source.Tag{{Name: "latest"}, {Name: "web-v1.0.0"}, {Name: "web-v1.1.0"}, {Name: "api-v2.0.0"}}
	if p := commonPrefix(tags); p != "web-" {
		t.Errorf("common prefix %q", p)
	}
	rels, _ := releases(tags, "web-")
	if len(rels) != 2 || rels[1].Version() != "1.1.0" {
		t.Errorf("releases with a prefix: %+v", rels)
	}
}
