package parse

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// naiveSplits cuts one digit string into n numbers without leading zeros,
// every way, the slow obvious way.
func naiveSplits(s string, n int) []string {
	if n == 1 {
		if len(s) == 0 || len(s) > 1 && s[0] == '0' {
			return nil
		}
		return []string{s}
	}
	var out []string
	for i := 1; i < len(s); i++ {
		head := s[:i]
		if len(head) > 1 && head[0] == '0' {
			break
		}
		for _, rest := range naiveSplits(s[i:], n-1) {
			out = append(out, head+"|"+rest)
		}
	}
	return out
}

// TestSplitsAgainstNaive: the pruned splitter finds exactly the splits
// that the obvious enumeration finds.
func TestSplitsAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for k := 0; k < 2000; k++ {
		var b strings.Builder
		for i := rng.IntN(11) + 1; i > 0; i-- {
			b.WriteByte(byte('0' + rng.IntN(3)))
		}
		s, n := b.String(), rng.IntN(7)+1
		got, complete := splits([]string{s}, n, false, 1<<20, nil)
		if !complete {
			t.Fatalf("%q n=%d: incomplete", s, n)
		}
		var gs []string
		for _, c := range got {
			p := make([]string, len(c))
			for i, v := range c {
				p[i] = strconv.FormatInt(v, 10)
			}
			gs = append(gs, strings.Join(p, "|"))
		}
		want := naiveSplits(s, n)
		if strings.Join(gs, " ") != strings.Join(want, " ") {
			t.Fatalf("%q n=%d: got %v; want %v", s, n, gs, want)
		}
	}
}
