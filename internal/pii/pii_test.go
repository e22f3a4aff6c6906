package pii

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testRing(t testing.TB) *Keyring {
	t.Helper()
	k, err := ParseKey("0123456789abcdeffedcba9876543210")
	if err != nil {
		t.Fatal(err)
	}
	return NewKeyring(k)
}

func TestSealOpen(t *testing.T) {
	kr := testRing(t)
	for _, plain := range []string{"330106199001011234", "13812345678", "浙江省宁波市北仑区新碶街道明州路 1 号", "a"} {
		s1, err := kr.Seal(plain)
		if err != nil {
			t.Fatal(err)
		}
		s2, _ := kr.Seal(plain)
		if s1 == s2 {
			t.Errorf("two seals of %q are equal: nonce not random", plain)
		}
		if (len(plain) > 4 && strings.Contains(s1, plain)) || !strings.HasPrefix(s1, "sm4gcm:"+kr.KeyID()+":") {
			t.Errorf("sealed %q = %q", plain, s1)
		}
		got, err := kr.Open(s1)
		if err != nil || got != plain {
			t.Errorf("Open = %q, %v; want %q", got, err, plain)
		}
	}
	if s, _ := kr.Seal(""); s != "" {
		t.Errorf("Seal(\"\") = %q", s)
	}
}

func TestOpenRefusesTampering(t *testing.T) {
	kr := testRing(t)
	s, _ := kr.Seal("330106199001011234")
	i := len(s) - 5
	flip := byte('A')
	if s[i] == 'A' {
		flip = 'B'
	}
	bad := s[:i] + string(flip) + s[i+1:]
	other, _, _ := GenerateKey()
	for name, v := range map[string]string{
		"tampered": bad, "no prefix": "abc", "unknown key": "sm4gcm:deadbeef:" + strings.SplitN(s, ":", 3)[2],
		"short": "sm4gcm:" + kr.KeyID() + ":AAAA",
	} {
		if _, err := kr.Open(v); !errors.Is(err, ErrSealed) {
			t.Errorf("%s: Open err = %v; want ErrSealed", name, err)
		}
	}
	if _, err := NewKeyring(other).Open(s); !errors.Is(err, ErrSealed) {
		t.Errorf("open with another key: %v", err)
	}
}

func TestRotation(t *testing.T) {
	old := testRing(t)
	sealed, _ := old.Seal("13812345678")
	nk, _, _ := GenerateKey()
	oldKey, _ := ParseKey("0123456789abcdeffedcba9876543210")
	kr := NewKeyring(nk, oldKey)
	if got, err := kr.Open(sealed); err != nil || got != "13812345678" {
		t.Errorf("after rotation Open = %q, %v", got, err)
	}
	s, _ := kr.Seal("x")
	if !strings.HasPrefix(s, "sm4gcm:"+nk.ID+":") {
		t.Errorf("new values must use the new key: %q", s)
	}
}

func TestBlindIndex(t *testing.T) {
	kr := testRing(t)
	a, b := kr.BlindIndex("330106199001011234"), kr.BlindIndex("330106199001011234")
	if a != b || a == "" || strings.Contains(a, "1234") {
		t.Errorf("BlindIndex = %q, %q", a, b)
	}
	if kr.BlindIndex("330106199001011235") == a {
		t.Error("different inputs gave the same index")
	}
}

func TestParseKey(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"0123456789abcdeffedcba9876543210", true},
		{"ASNFZ4mrze/+3LqYdlQyEA==", true},
		{"ASNFZ4mrze_-3LqYdlQyEA", true},
		{"0123", false},
		{"", false},
		{"zz23456789abcdeffedcba9876543210", false},
	}
	for _, tt := range tests {
		_, err := ParseKey(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseKey(%q) err = %v; want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	if _, err := Load(lookup, dir, false); !errors.Is(err, ErrKey) {
		t.Errorf("no key, no create: %v", err)
	}
	kr, err := Load(lookup, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, DefaultKeyFile))
	if err != nil || fi.Mode().Perm() != 0o400 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	kr2, err := Load(lookup, dir, true)
	if err != nil || kr2.KeyID() != kr.KeyID() {
		t.Errorf("second load got another key: %v", err)
	}
	env[EnvKey] = "0123456789abcdeffedcba9876543210"
	kr3, _ := Load(lookup, dir, true)
	if kr3.KeyID() == kr.KeyID() {
		t.Error("GONGKAI_PII_KEY must win over the file")
	}
	env[EnvKey] = "bad"
	if _, err := Load(lookup, dir, true); err == nil {
		t.Error("bad env key accepted")
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		f        func(string) string
		in, want string
	}{
		{MaskID, "330106199001011234", "3301**********1234"},
		{MaskID, "91330206MA2H0X1234", "9133**********1234"},
		{MaskID, "", ""},
		{MaskID, "12345", "****5"},
		{MaskPhone, "13812345678", "138****5678"},
		{MaskPhone, "0574-86781234", "057******1234"},
		{MaskPhone, "12", "**"},
		{MaskPhone, "0", "*"},
		{MaskPhone, "12345", "***45"},
		{MaskAddress, "浙江省宁波市北仑区新碶街道明州路1号3幢", "浙江省宁波市北仑区新碶街道＊＊＊"},
		{MaskAddress, "北仑区大碶镇某村12号", "北仑区大碶镇＊＊＊"},
		{MaskAddress, "某某路某某号某某室", "某某路某某号＊＊＊"},
		{MaskEmail, "zhang.san@example.cn", "z***@example.cn"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("mask(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if tt.in != "" && len(tt.in) > 8 && tt.f(tt.in) == tt.in {
			t.Errorf("mask(%q) unchanged", tt.in)
		}
	}
}

func FuzzOpen(f *testing.F) {
	kr := testRing(f)
	s, _ := kr.Seal("330106199001011234")
	f.Add(s)
	f.Add("sm4gcm::")
	f.Fuzz(func(t *testing.T, v string) {
		_, _ = kr.Open(v) // must not panic
		_ = MaskAddress(v)
		_ = MaskID(v)
		_ = MaskPhone(v)
		_ = MaskEmail(v)
	})
}

func BenchmarkSeal(b *testing.B) {
	kr := testRing(b)
	for b.Loop() {
		_, _ = kr.Seal("330106199001011234")
	}
}

func FuzzParseKey(f *testing.F) {
	f.Add("0123456789abcdeffedcba9876543210")
	f.Add("ASNFZ4mrze/+3LqYdlQyEA==")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKey(s)
		if err == nil && len(k.ID) != 8 {
			t.Errorf("key id %q", k.ID)
		}
	})
}

func TestSealBytes(t *testing.T) {
	kr := testRing(t)
	plain := []byte("%PDF-1.7 身份证 330106199001011234")
	sealed, err := kr.SealBytes(plain)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sealed), "330106199001011234") {
		t.Error("plaintext in sealed bytes")
	}
	got, err := kr.OpenBytes(sealed)
	if err != nil || string(got) != string(plain) {
		t.Errorf("OpenBytes = %q, %v", got, err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := kr.OpenBytes(sealed); !errors.Is(err, ErrSealed) {
		t.Errorf("tampered: %v", err)
	}
	for _, bad := range [][]byte{nil, []byte("sm4gcm:"), []byte("sm4gcm:" + kr.KeyID() + ":x")} {
		if _, err := kr.OpenBytes(bad); !errors.Is(err, ErrSealed) {
			t.Errorf("OpenBytes(%q): %v", bad, err)
		}
	}
}
