package report

import (
	"math/big"
	"strings"
)

// DecScale is the factor by which a decimal cell is kept as a whole number
// where decimals cannot be summed exactly (SQL): fees in 万元 times 10⁶,
// that is in 分 (1 万元 = 10⁶ 分), the smallest amount a fee is paid in.
const DecScale = 1_000_000

// Scaled returns d times DecScale as a whole number: a present cell when d
// is a plain decimal whose value fits, rounded half away from zero to the
// nearest millionth beyond six decimals (a fraction of a 分); absent
// otherwise (an absent cell, or text that is no decimal).
func (d Dec) Scaled() Num {
	if !d.Valid || !IsDecimal(d.S) {
		return Num{}
	}
	r, ok := new(big.Rat).SetString(d.S)
	if !ok {
		return Num{}
	}
	r.Mul(r, big.NewRat(DecScale, 1))
	// Round half away from zero: FloatString(0) rounds that way.
	v, ok := new(big.Int).SetString(r.FloatString(0), 10)
	if !ok || !v.IsInt64() {
		return Num{}
	}
	return N(v.Int64())
}

// Unscaled is the decimal cell that n (a Scaled value) stands for, written
// without trailing zeros (3 for 3000000, 0.35 for 350000); absent when n
// is.
func (n Num) Unscaled() Dec {
	if !n.Valid {
		return Dec{}
	}
	s := new(big.Rat).SetFrac64(n.V, DecScale).FloatString(6)
	if strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return D(s)
}
