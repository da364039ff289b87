package schema

import (
	"path/filepath"
	"testing"
)

// FixtureDirs writes (under -update) both documents of every fixture
// folder this package generates, and returns the folders, for the external
// test that computes their expected findings through the whole pipeline.
func FixtureDirs(t *testing.T) []string {
	var dirs []string
	for _, fc := range fixtureCases {
		for _, side := range []string{"base", "revision"} {
			writeFixture(t, fc, side)
		}
		dirs = append(dirs, filepath.Join(rulesDir, fc.rule))
	}
	return dirs
}
