// Command gen writes generated AsyncAPI pairs for benchmarks, and measures
// the baseline they are compared with:
//
//	go run ./internal/gen/eventdiff-gen -n 2000 -version 3.0.0 -out bench-out/3.0-2000
//	go run ./internal/gen/eventdiff-gen -unmarshal bench-out/3.0-2000/base.yaml bench-out/3.0-2000/revision.yaml
package main
