package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A Num is one whole-number cell. Valid is false when the report leaves the
// cell blank or writes a dash: such a cell has no value, it is not 0.
type Num struct {
	V     int64
	Valid bool
}

// N returns a present cell holding v.
func N(v int64) Num { return Num{V: v, Valid: true} }

// String returns the number, or "—" for an absent cell.
func (n Num) String() string {
	if !n.Valid {
		return "—"
	}
	return strconv.FormatInt(n.V, 10)
}

// MarshalJSON writes the number, or null for an absent cell.
func (n Num) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, n.V, 10), nil
}

// UnmarshalJSON reads a whole number or null.
func (n *Num) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*n = Num{}
		return nil
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("cell value %s is not a whole number", b)
	}
	*n = N(v)
	return nil
}

// A Dec is a decimal cell kept as written (fees in 万元: "0", "0.35",
// "7730.28"). Valid is false for an absent cell.
type Dec struct {
	S     string
	Valid bool
}

// D returns a present decimal cell; it does not check s.
func D(s string) Dec { return Dec{S: s, Valid: true} }

// String returns the decimal, or "—" for an absent cell.
func (d Dec) String() string {
	if !d.Valid {
		return "—"
	}
	return d.S
}

// IsDecimal reports whether s is a plain non-negative or negative decimal
// such as 0, 12.6 or -3 (no exponent, no thousands separators).
func IsDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || s == "." {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return true
}

// MarshalJSON writes the decimal as a JSON string, or null.
func (d Dec) MarshalJSON() ([]byte, error) {
	if !d.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(d.S)
}

// UnmarshalJSON reads a decimal string, a JSON number or null.
func (d *Dec) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*d = Dec{}
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if !IsDecimal(s) {
			return fmt.Errorf("decimal cell %q is not a decimal number", s)
		}
		*d = D(s)
		return nil
	default:
		if !IsDecimal(string(b)) {
			return fmt.Errorf("decimal cell %s is not a decimal number", b)
		}
		*d = D(string(b))
		return nil
	}
}
