package report

import "testing"

func TestScaled(t *testing.T) {
	for _, tc := range []struct {
		in   Dec
		want Num
		back string // Unscaled of want
	}{
		{D("0"), N(0), "0"},
		{D("0.35"), N(350_000), "0.35"},
		{D("7730.28"), N(7_730_280_000), "7730.28"},
		{D("12.600"), N(12_600_000), "12.6"},
		{D("0.000001"), N(1), "0.000001"},
		{D("0.0000005"), N(1), "0.000001"},    // half a millionth rounds up
		{D("0.00000049"), N(0), "0"},          // less rounds down
		{D("-3.5"), N(-3_500_000), "-3.5"},    // R5 flags it; the sum keeps it
		{D("-0.0000005"), N(-1), "-0.000001"}, // away from zero
		{D("100"), N(100_000_000), "100"},
		{Dec{}, Num{}, "—"},
		{D("1e9"), Num{}, "—"},
		{D("十"), Num{}, "—"},
		{D("99999999999999999999"), Num{}, "—"}, // beyond int64 once scaled
	} {
		got := tc.in.Scaled()
		if got != tc.want {
			t.Errorf("%q.Scaled() = %v; want %v", tc.in.S, got, tc.want)
		}
		if back := got.Unscaled().String(); back != tc.back {
			t.Errorf("%v.Unscaled() = %q; want %q", got, back, tc.back)
		}
	}
}

// FuzzScaled: a plain decimal with at most six decimals comes back as the
// same number.
func FuzzScaled(f *testing.F) {
	for _, s := range []string{"0", "0.35", "7730.28", "-1.000001", "12.600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := D(s).Scaled()
		if !n.Valid {
			return
		}
		back := n.Unscaled()
		if back.Scaled() != n {
			t.Errorf("%q → %v → %q → %v", s, n, back.S, back.Scaled())
		}
	})
}
