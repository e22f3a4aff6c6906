package account

import (
	"errors"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
)

// TestCheckRoles is the domain half of 三员分立 (GB/T 22239-2019
// 8.1.4.2 d); the database half is in sqlstore's tests.
func TestCheckRoles(t *testing.T) {
	tests := []struct {
		name  string
		roles []Role
		ok    bool
	}{
		{"clerk", []Role{Clerk}, true},
		{"clerk and reviewer", []Role{Clerk, Reviewer}, true},
		{"every business role", []Role{Clerk, Reviewer, Head, Supervisor}, true},
		{"sysadmin alone", []Role{SysAdmin}, true},
		{"secadmin alone", []Role{SecAdmin}, true},
		{"auditadmin alone", []Role{AuditAdmin}, true},
		{"none", nil, false},
		{"sysadmin and secadmin", []Role{SysAdmin, SecAdmin}, false},
		{"sysadmin and auditadmin", []Role{SysAdmin, AuditAdmin}, false},
		{"secadmin and auditadmin", []Role{SecAdmin, AuditAdmin}, false},
		{"all three", []Role{SysAdmin, SecAdmin, AuditAdmin}, false},
		{"admin and business", []Role{AuditAdmin, Clerk}, false},
		{"duplicate", []Role{Clerk, Clerk}, false},
		{"unknown", []Role{"root"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckRoles(tt.roles)
			if tt.ok && err != nil {
				t.Fatalf("CheckRoles(%v) = %v; want nil", tt.roles, err)
			}
			if !tt.ok && !errors.Is(err, apperr.Invalid) {
				t.Fatalf("CheckRoles(%v) = %v; want Invalid", tt.roles, err)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]Role{"clerk": Clerk, "经办人": Clerk, "审计管理员": AuditAdmin, "supervisor": Supervisor} {
		if got, err := ParseRole(in); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseRole("admin"); !errors.Is(err, apperr.Invalid) {
		t.Errorf("ParseRole(admin) err = %v; want Invalid", err)
	}
}

func TestLogins(t *testing.T) {
	tests := []struct {
		in, norm string
		ok       bool
	}{
		{" ZhangSan ", "zhangsan", true},
		{"ＺＨＡＮＧ", "zhang", true}, // full-width folds to ASCII (NFKC)
		{"zhang.san@bl", "zhang.san@bl", true},
		{"张三", "张三", true},
		{"a", "a", false},
		{".zhang", ".zhang", false},
		{"zhang san", "zhang san", false},
		{"zhang;drop", "zhang;drop", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := NormalizeLogin(tt.in)
			if n != tt.norm {
				t.Errorf("NormalizeLogin(%q) = %q; want %q", tt.in, n, tt.norm)
			}
			if err := ValidateLogin(n); (err == nil) != tt.ok {
				t.Errorf("ValidateLogin(%q) = %v; want ok=%v", n, err, tt.ok)
			}
		})
	}
}

func FuzzNormalizeLogin(f *testing.F) {
	f.Add("ZhangSan")
	f.Add("ＺＨＡＮＧ")
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeLogin(s)
		if NormalizeLogin(n) != n {
			t.Fatalf("NormalizeLogin not idempotent on %q: %q then %q", s, n, NormalizeLogin(n))
		}
		_ = ValidateLogin(n)
	})
}
