package check

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eventdiff/eventdiff/pkg/eventdiff"
)

// benchLines is the size of the benchmark's capture: the target
// is at least 50,000 messages/s of 1 KB JSON payloads from a 100,000-line
// file, with memory flat in the number of messages.
const benchLines = 100_000

// writeBenchCapture writes n lines, each a message of about 1 KB on one
// of the example's channels; every tenth lacks the property the revision
// requires, every hundredth is on an undocumented address.
func writeBenchCapture(tb testing.TB, n int) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "capture.jsonl")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	note := strings.Repeat("x", 760)
	for i := range n {
		topic := "orders/eu/placed"
		if i%100 == 99 {
			topic = "orders/eu/refunded"
		}
		currency := `,"currency":"EUR"`
		if i%10 == 3 {
			currency = ""
		}
		fmt.Fprintf(w, `{"topic":%q,"key":"o-%d","timestamp":1718000000000,"headers":{"source":"shop-%d"},"payload":{"orderId":"o-%d","total":%d.5%s,"customer":{"id":"c-%d","tier":"gold"},"lines":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}],"note":%q}}`+"\n",
			topic, i, i%50, i, i%1000, currency, i%977, note)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return p
}

// BenchmarkCheckCapture measures messages validated per second from a
// capture against both example documents:
//
//	go test ./check -run '^$' -bench CheckCapture -benchtime 3x
func BenchmarkCheckCapture(b *testing.B) {
	base, rev := loadExample(b)
	p := writeBenchCapture(b, benchLines)
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewChecker(base, rev, Options{}).Run(context.Background(), &JSONLines{R: f, Label: "capture.jsonl"})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if r.Seen != benchLines {
			b.Fatalf("seen %d", r.Seen)
		}
	}
	b.ReportMetric(float64(benchLines*b.N)/b.Elapsed().Seconds(), "msgs/s")
	// On a shared machine the wall-clock rate depends on the neighbours;
	// the rate per CPU-second does not, and times the cores gives the rate
	// of an idle machine.
	b.ReportMetric(float64(benchLines*b.N)/(cpuTime()-cpu0).Seconds(), "msgs/cpu-s")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkEvidence measures diff --messages: the evidence of the
// example's findings from the benchmark capture, for one comparison and
// for three sharing one read of it (a diff of several documents):
//
//	go test ./check -run '^$' -bench Evidence -benchtime 3x
func BenchmarkEvidence(b *testing.B) {
	res, err := eventdiff.Compare(context.Background(), eventdiff.File("../testdata/check/base.yaml"), eventdiff.File("../testdata/check/revision.yaml"), eventdiff.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := writeBenchCapture(b, benchLines)
	for _, n := range []int{1, 3} {
		b.Run(fmt.Sprintf("comparisons=%d", n), func(b *testing.B) {
			results := make([]*eventdiff.Result, n)
			for i := range results {
				results[i] = res
			}
			cpu0 := cpuTime()
			for range b.N {
				f, err := os.Open(p)
				if err != nil {
					b.Fatal(err)
				}
				tr, err := Evidence(context.Background(), &JSONLines{R: f, Label: "capture.jsonl"}, Options{}, results...)
				f.Close()
				if err != nil || tr[n-1].Report.Seen != benchLines {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchLines*b.N)/b.Elapsed().Seconds(), "msgs/s")
			b.ReportMetric(float64(benchLines*b.N)/(cpuTime()-cpu0).Seconds(), "msgs/cpu-s")
		})
	}
}
