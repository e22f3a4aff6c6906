package main

import "testing"

const wrkSample = `Running 5s test @ http://127.0.0.1:41011/
  2 threads and 100 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.71ms    9.92ms 104.83ms   88.12%
    Req/Sec     9.11k     1.53k   12.70k    67.00%
  Latency Distribution
     50%    3.08ms
     75%    6.96ms
     90%   17.07ms
     99%    1.21s
  90671 requests in 5.00s, 459.42MB read
  Socket errors: connect 0, read 0, write 0, timeout 17
Requests/sec:  18121.93
Transfer/sec:     91.80MB
`

func TestParseWrk(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     wrkResult
		fails    bool
	}{
		{"seconds and timeouts", wrkSample, wrkResult{rps: 18121.93, p99ms: 1210, timeouts: 17}, false},
		{"microseconds", "     99%  850.00us\nRequests/sec:  100.5\n", wrkResult{rps: 100.5, p99ms: 0.85}, false},
		{"no latency", "Requests/sec:  100.5\n", wrkResult{}, true},
		{"non-2xx", wrkSample + "  Non-2xx or 3xx responses: 3\n", wrkResult{}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseWrk(tt.in)
			if (err != nil) != tt.fails || got != tt.want {
				t.Errorf("got %+v, %v; want %+v (fails %v)", got, err, tt.want, tt.fails)
			}
		})
	}
}
