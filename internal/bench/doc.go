// Package bench measures eventdiff on generated documents against the bare
// goccy/go-yaml unmarshal of the same files, by stage:
//
//	go test ./internal/bench -run x -bench . -benchmem
//
// It holds benchmarks only; nothing imports it.
package bench
