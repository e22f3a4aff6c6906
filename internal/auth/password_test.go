package auth

import (
	"strings"
	"testing"
	"time"
)

// cheap are test parameters: the real cost would make tests slow.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestHashAndVerify(t *testing.T) {
	h, err := HashPassword([]byte("宁波 Nb7-river"), cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q; want a PHC argon2id string with the parameters", h)
	}
	tests := []struct {
		name       string
		pw         string
		want       Params
		ok, rehash bool
	}{
		{"right", "宁波 Nb7-river", cheap, true, false},
		{"wrong", "宁波 Nb7-rivex", cheap, false, false},
		{"no truncation", "宁波 Nb7-river ", cheap, false, false},
		{"new cost asks rehash", "宁波 Nb7-river", DefaultParams, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := VerifyPassword([]byte(tt.pw), h, tt.want)
			if err != nil || ok != tt.ok || rehash != tt.rehash {
				t.Errorf("VerifyPassword = %v, %v, %v; want %v, %v, nil", ok, rehash, err, tt.ok, tt.rehash)
			}
		})
	}
	h2, _ := HashPassword([]byte("宁波 Nb7-river"), cheap)
	if h2 == h {
		t.Error("two hashes of one password are equal; want different salts")
	}
}

func TestParseHashRejects(t *testing.T) {
	for _, bad := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1,x=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
	} {
		if _, _, _, err := ParseHash(bad); err == nil {
			t.Errorf("ParseHash(%q) = nil error; want malformed", bad)
		}
	}
}

func FuzzParseHash(f *testing.F) {
	good, _ := HashPassword([]byte("x"), cheap)
	f.Add(good)
	f.Add("$argon2id$v=19$m=64,t=1,p=1$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := ParseHash(s)
		if err != nil {
			return
		}
		if p.Memory > maxMemory || p.Time > maxTime || p.Threads > maxThreads || len(salt) < 8 || len(key) < 16 {
			t.Fatalf("ParseHash(%q) accepted out-of-bounds %+v", s, p)
		}
	})
}

// TestTOTPRFC6238 checks the SHA-1 vector of RFC 6238 appendix B (the
// 8-digit 94287082 at T=59 s; its last 6 digits).
func TestTOTPRFC6238(t *testing.T) {
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // base32 of "12345678901234567890"
	code, err := TOTPCode(secret, time.Unix(59, 0))
	if err != nil || code != "287082" {
		t.Fatalf("TOTPCode(T=59) = %q, %v; want 287082", code, err)
	}
	now := time.Unix(59, 0)
	step, ok := CheckTOTP(secret, "287082", now, 0)
	if !ok || step != 1 {
		t.Fatalf("CheckTOTP = %d, %v; want step 1, true", step, ok)
	}
	if _, ok := CheckTOTP(secret, "287082", now, step); ok {
		t.Error("CheckTOTP accepted a replayed code")
	}
	if _, ok := CheckTOTP(secret, "287083", now, 0); ok {
		t.Error("CheckTOTP accepted a wrong code")
	}
	if _, ok := CheckTOTP(secret, "287082", now.Add(5*time.Minute), 0); ok {
		t.Error("CheckTOTP accepted a code five minutes old")
	}
}

func BenchmarkHashPasswordDefault(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword([]byte("Nb7-river-2026"), DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}
