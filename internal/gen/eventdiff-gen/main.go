package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"

	"github.com/eventdiff/eventdiff/internal/gen"
)

func main() {
	n := flag.Int("n", 2000, "number of channels")
	version := flag.String("version", "3.0.0", "AsyncAPI version: 3.0.0 or 2.6.0")
	out := flag.String("out", "", "directory to write base.yaml, revision.yaml, base.json and revision.json into")
	unmarshal := flag.Bool("unmarshal", false, "only yaml.Unmarshal the files given as arguments, one after the other (the baseline)")
	flag.Parse()
	if *unmarshal {
		for _, f := range flag.Args() {
			data, err := os.ReadFile(f)
			if err != nil {
				fail(err)
			}
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				fail(err)
			}
		}
		return
	}
	if *out == "" {
		fail(fmt.Errorf("-out is required"))
	}
	base, rev := gen.Pair(*n, gen.Version(*version))
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	for name, data := range map[string][]byte{"base.yaml": base, "revision.yaml": rev} {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			fail(err)
		}
		js, err := gen.ToJSON(data)
		if err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(*out, name[:len(name)-5]+".json"), js, 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(2)
}
