package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// A Result is what one scenario measured on one backend: counts, the
// wall time the workers ran, and every latency sample.
type Result struct {
	Backend  string
	Scenario string
	Skipped  string // why the scenario did not run; "" when it ran
	Requests int    // requests answered as expected
	Errors   int    // transport errors and unexpected statuses or bodies
	Limited  int    // 429 answers (rate limits), not counted as requests
	Elapsed  time.Duration
	Samples  []time.Duration // latency of the expected answers
	Sorted   bool
	Note     string // a first error, shown below the table
}

// Throughput returns the expected answers per second of wall time.
func (r *Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of the latency
// samples by the nearest-rank method, or 0 without samples.
func (r *Result) Percentile(p float64) time.Duration {
	if len(r.Samples) == 0 {
		return 0
	}
	if !r.Sorted {
		sort.Slice(r.Samples, func(i, j int) bool { return r.Samples[i] < r.Samples[j] })
		r.Sorted = true
	}
	return percentile(r.Samples, p)
}

// percentile is the nearest-rank percentile of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted)) + 0.999999999)
	if rank < 1 {
		rank = 1
	}
	if rank > len(sorted) {
		rank = len(sorted)
	}
	return sorted[rank-1]
}

// ms formats a duration in milliseconds with two decimals.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond))
}

// ratio formats a/b, or "n/a" when either is missing.
func ratio(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", a/b)
}

// printResults writes one table per backend: per scenario the counts,
// the throughput, the latency percentiles and the throughput as a ratio
// to the first scenario that ran (the portal home page).
func printResults(w io.Writer, results []*Result) {
	backends := []string{}
	seen := map[string]bool{}
	for _, r := range results {
		if !seen[r.Backend] {
			seen[r.Backend] = true
			backends = append(backends, r.Backend)
		}
	}
	for _, b := range backends {
		fmt.Fprintf(w, "\n== %s ==\n", b)
		fmt.Fprintf(w, "%-14s %8s %6s %5s %9s %8s %8s %8s %10s\n",
			"scenario", "requests", "errors", "429", "req/s", "p50 ms", "p95 ms", "p99 ms", "x home/s")
		var base float64
		for _, r := range results {
			if r.Backend != b || r.Skipped != "" {
				continue
			}
			if base == 0 {
				base = r.Throughput()
			}
			fmt.Fprintf(w, "%-14s %8d %6d %5d %9.1f %8s %8s %8s %10s\n", r.Scenario, r.Requests, r.Errors, r.Limited,
				r.Throughput(), ms(r.Percentile(50)), ms(r.Percentile(95)), ms(r.Percentile(99)), ratio(r.Throughput(), base))
		}
		for _, r := range results {
			if r.Backend != b {
				continue
			}
			if r.Skipped != "" {
				fmt.Fprintf(w, "skipped %s: %s\n", r.Scenario, r.Skipped)
			} else if r.Note != "" {
				fmt.Fprintf(w, "note %s: %s\n", r.Scenario, r.Note)
			}
		}
	}
	if len(backends) < 2 {
		return
	}
	fmt.Fprintf(w, "\n== %s / %s, same scenario (throughput ratio; p50 latency ratio) ==\n", backends[1], backends[0])
	for _, a := range results {
		if a.Backend != backends[0] || a.Skipped != "" {
			continue
		}
		for _, b := range results {
			if b.Backend == backends[1] && b.Scenario == a.Scenario && b.Skipped == "" {
				fmt.Fprintf(w, "%-14s throughput x%s  p50 x%s\n", a.Scenario, ratio(b.Throughput(), a.Throughput()),
					ratio(float64(b.Percentile(50)), float64(a.Percentile(50))))
			}
		}
	}
}

// summaryLine is a one-line digest of a result for progress output.
func summaryLine(r *Result) string {
	if r.Skipped != "" {
		return fmt.Sprintf("%s/%s skipped: %s", r.Backend, r.Scenario, r.Skipped)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s/%s: %d ok, %d errors, %d limited in %.1fs", r.Backend, r.Scenario,
		r.Requests, r.Errors, r.Limited, r.Elapsed.Seconds())
	return b.String()
}

// merge adds another round of the same scenario: counts, wall time and
// samples add up, so throughput is over all rounds together.
func (r *Result) merge(o *Result) {
	switch {
	case o.Skipped != "":
		return
	case r.Skipped != "":
		*r = *o
		return
	}
	r.Requests += o.Requests
	r.Errors += o.Errors
	r.Limited += o.Limited
	r.Elapsed += o.Elapsed
	r.Samples = append(r.Samples, o.Samples...)
	r.Sorted = false
	if r.Note == "" {
		r.Note = o.Note
	}
}
