package auth

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

func TestPolicyCheck(t *testing.T) {
	tests := []struct {
		name    string
		policy  Policy
		pw      string
		login   string
		ok      bool
		wantKey string
	}{
		{"dengbao ok", DengBao, "Nb7-river", "zhang", true, ""},
		{"dengbao three classes without symbol", DengBao, "Ningbo2026x", "zhang", true, ""},
		{"dengbao chinese counts as other", DengBao, "宁波abc123", "zhang", true, ""},
		{"dengbao too short", DengBao, "Ab1-xyz", "zhang", false, "password.too_short"},
		{"dengbao two classes", DengBao, "abcdefgh123", "zhang", false, "password.classes"},
		{"dengbao empty", DengBao, "", "zhang", false, "password.empty"},
		{"dengbao spaces only", DengBao, "         ", "zhang", false, "password.empty"},
		{"dengbao contains login", DengBao, "Zhang-2026x", "zhang", false, "password.has_login"},
		{"dengbao common", DengBao, "P@ssw0rd", "zhang", false, "password.common"},
		{"dengbao too long", DengBao, strings.Repeat("Ab1-", 33), "zhang", false, "password.too_long"},
		{"asvs passphrase without classes", ASVS, "correct horse battery staple", "zhang", true, ""},
		{"asvs lower case only is fine", ASVS, "ningbobeilunqu", "zhang", true, ""},
		{"asvs eleven chars", ASVS, "Nb7-river-x", "zhang", false, "password.too_short"},
		{"asvs unicode length in characters", ASVS, "宁波市北仑区司法局政务公开", "zhang", true, ""},
		{"asvs 128 allowed", ASVS, strings.Repeat("a", 127) + "b", "zhang", true, ""},
		{"asvs common", ASVS, "qwertyuiop", "zhang", false, "password.too_short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Check(tt.pw, tt.login)
			if tt.ok {
				if err != nil {
					t.Fatalf("Check(%q) = %v; want nil", tt.pw, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("Check(%q) = %v; want Invalid", tt.pw, err)
			}
			if keys := messageKeys(err); !slices.Contains(keys, tt.wantKey) {
				t.Errorf("message keys %q; want %q among them", keys, tt.wantKey)
			}
		})
	}
}

// messageKeys returns err's message key and the keys of the problems it
// lists.
func messageKeys(err error) []string {
	key, args := apperr.MessageOf(err)
	out := []string{key}
	for _, a := range args {
		if ms, ok := a.([]apperr.Msg); ok {
			for _, m := range ms {
				out = append(out, m.Key)
			}
		}
	}
	return out
}

func TestPolicyExpired(t *testing.T) {
	set := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		policy Policy
		now    time.Time
		want   bool
	}{
		{"dengbao day 89", DengBao, set.AddDate(0, 0, 89), false},
		{"dengbao day 90", DengBao, set.AddDate(0, 0, 90), true},
		{"asvs never", ASVS, set.AddDate(5, 0, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Expired(set, tt.now); got != tt.want {
				t.Errorf("Expired = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestPolicyByName(t *testing.T) {
	for name, want := range map[string]string{"": "dengbao", "dengbao": "dengbao", "asvs": "asvs"} {
		p, err := PolicyByName(name)
		if err != nil || p.Name != want {
			t.Errorf("PolicyByName(%q) = %v, %v; want %s", name, p.Name, err, want)
		}
	}
	if _, err := PolicyByName("weak"); !errors.Is(err, apperr.Invalid) {
		t.Errorf("PolicyByName(weak) err = %v; want Invalid", err)
	}
}

func TestOneTimePasswordPassesBothPolicies(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		pw, err := NewOneTimePassword(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != OneTimePasswordLen || Classes(pw) != 4 {
			t.Fatalf("one-time password %q: len %d classes %d; want %d and 4", pw, len(pw), Classes(pw), OneTimePasswordLen)
		}
		for _, p := range []Policy{DengBao, ASVS} {
			if err := p.Check(pw, "someone"); err != nil {
				t.Fatalf("%s rejects one-time password %q: %v", p.Name, pw, err)
			}
		}
		if seen[pw] {
			t.Fatalf("one-time password %q repeated", pw)
		}
		seen[pw] = true
	}
}

func TestPolicyDescribe(t *testing.T) {
	tests := []struct {
		p    Policy
		want []string
	}{
		{DengBao, []string{"至少 8 个字符", "至少 3 类", "At least 8 characters using 3 of"}},
		{ASVS, []string{"至少 12 个字符", "At least 12 characters;"}},
	}
	for _, tt := range tests {
		t.Run(tt.p.Name, func(t *testing.T) {
			got := tt.p.Describe()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Describe() = %q; want it to contain %q", got, w)
				}
			}
		})
	}
	if strings.Contains(ASVS.Describe(), "类") {
		t.Errorf("ASVS.Describe() = %q; want no composition rule", ASVS.Describe())
	}
}
