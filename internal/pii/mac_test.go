package pii

import (
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm3"
)

func TestMAC(t *testing.T) {
	kr := testRing(t)
	m := kr.MAC("query-code", "ABCDEFGHJK")
	if !strings.HasPrefix(m, "hmac-sm3:"+kr.KeyID()+":") || !IsMAC(m) {
		t.Fatalf("MAC = %q", m)
	}
	if !kr.VerifyMAC("query-code", "ABCDEFGHJK", m) {
		t.Error("the MAC does not verify")
	}
	for name, ok := range map[string]bool{
		"other value":   kr.VerifyMAC("query-code", "ABCDEFGHJM", m),
		"other purpose": kr.VerifyMAC("session", "ABCDEFGHJK", m),
		"other key":     NewKeyring(mustKey(t)).VerifyMAC("query-code", "ABCDEFGHJK", m),
		"bare SM3":      kr.VerifyMAC("query-code", "ABCDEFGHJK", hexSM3("ABCDEFGHJK")),
	} {
		if ok {
			t.Errorf("%s verifies", name)
		}
	}
	// The key is needed: the MAC is not the bare SM3 a guesser can compute.
	if strings.Contains(m, hexSM3("ABCDEFGHJK")) {
		t.Error("the MAC is a bare hash")
	}
	// After a rotation the old MAC still verifies; new ones use the new key.
	k2 := mustKey(t)
	rotated := NewKeyring(k2, kr.primary)
	if !rotated.VerifyMAC("query-code", "ABCDEFGHJK", m) || !strings.Contains(rotated.MAC("query-code", "x"), k2.ID) {
		t.Error("rotation breaks MACs")
	}
}

func mustKey(t *testing.T) *Key {
	k, _, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func hexSM3(s string) string {
	sum := sm3.Sum([]byte(s))
	const digits = "0123456789abcdef"
	var b strings.Builder
	for _, c := range sum {
		b.WriteByte(digits[c>>4])
		b.WriteByte(digits[c&15])
	}
	return b.String()
}
