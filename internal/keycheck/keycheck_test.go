package keycheck

import "testing"

func TestMatches(t *testing.T) {
	k1, k2 := []byte("0123456789abcdef"), []byte("0123456789abcdeg")
	v := Of("aaaa0001", k1)
	for _, c := range []struct {
		name string
		id   string
		raw  []byte
		want bool
	}{
		{"same key", "aaaa0001", k1, true},
		{"other key, same id", "aaaa0001", k2, false},
		{"same key, other id", "aaaa0002", k1, false},
	} {
		if got := v.Matches(c.id, c.raw); got != c.want {
			t.Errorf("%s: Matches = %v; want %v", c.name, got, c.want)
		}
	}
	if len(v.MAC) != 64 {
		t.Errorf("MAC %q is not 32 bytes of hex", v.MAC)
	}
}
