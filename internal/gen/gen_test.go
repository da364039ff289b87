package gen

import (
	"bytes"
	"testing"

	_ "github.com/eventdiff/eventdiff/internal/golden"
	"github.com/eventdiff/eventdiff/spec"
)

func TestPairsLoadAndDifferAsPlanned(t *testing.T) {
	for _, v := range []Version{V3, V26} {
		base, rev := Pair(200, v)
		if bytes.Equal(base, rev) {
			t.Fatal("the revision must change something")
		}
		again, _ := Pair(200, v)
		if !bytes.Equal(base, again) {
			t.Fatal("generation must be deterministic")
		}
		for _, data := range [][]byte{base, rev} {
			root, err := spec.ParseResolved("g.yaml", data)
			if err != nil {
				t.Fatalf("%s: %v", v, err)
			}
			if n := len(root.Get("channels").Fields); n != 200 {
				t.Errorf("%s: %d channels", v, n)
			}
		}
		if size := len(base); size < 200_000 || size > 450_000 {
			t.Errorf("%s: 200 channels are %d bytes, want about 0.3 MB", v, size)
		}
	}
}
