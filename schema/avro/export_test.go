package avro

import (
	"path/filepath"
	"testing"
)

// FixtureDirs writes (under -update) both documents of every fixture
// folder this package generates, and returns the folders, for the external
// test that computes their expected findings through the whole pipeline.
func FixtureDirs(t *testing.T) []string {
	var dirs []string
	for _, tc := range ruleCases {
		if tc.fixture == "" {
			continue
		}
		for _, side := range []string{"base", "revision"} {
			writeFixture(t, tc, side)
		}
		dirs = append(dirs, filepath.Join(rulesDir, tc.fixture))
	}
	return dirs
}
