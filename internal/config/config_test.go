package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadLayers(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "gongkai.json")
	if err := os.WriteFile(file, []byte(`{"addr": "0.0.0.0:9000", "lockout_duration": "20m", "database_url": "postgres://a:b@h/db"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		env   map[string]string
		check func(t *testing.T, c Config)
	}{
		{"defaults", "", nil, func(t *testing.T, c Config) {
			if c.DataDir != "./data" || c.UsesPostgres() || c.LockoutThreshold != 5 || c.LockoutDuration.D() != 15*time.Minute || c.PasswordProfile != "dengbao" {
				t.Errorf("defaults = %+v", c)
			}
			if c.SQLitePath() != filepath.Join("data", "gongkai.db") {
				t.Errorf("SQLitePath = %s", c.SQLitePath())
			}
		}},
		{"file", file, nil, func(t *testing.T, c Config) {
			if c.Addr != "0.0.0.0:9000" || c.LockoutDuration.D() != 20*time.Minute || !c.UsesPostgres() {
				t.Errorf("from file = %+v", c)
			}
		}},
		{"env over file", file, map[string]string{"GONGKAI_ADDR": "127.0.0.1:1", "GONGKAI_DATA": "/srv/gk"}, func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:1" || c.DataDir != "/srv/gk" || c.UsesPostgres() {
				t.Errorf("env over file = %+v; want env's addr and data, no database url", c)
			}
		}},
		{"config file from env", "", map[string]string{"GONGKAI_CONFIG": file}, func(t *testing.T, c Config) {
			if c.Addr != "0.0.0.0:9000" {
				t.Errorf("GONGKAI_CONFIG ignored: %+v", c)
			}
		}},
		{"https and admin networks from env", "", map[string]string{"GONGKAI_HTTPS": "true", "GONGKAI_ADMIN_ALLOW": "10.0.0.0/8, 192.168.1.5"}, func(t *testing.T, c Config) {
			nets, err := c.AdminNetworks()
			if !c.HTTPS || err != nil || len(nets) != 2 || nets[0].String() != "10.0.0.0/8" || nets[1].String() != "192.168.1.5/32" {
				t.Errorf("https %v, admin networks %v, %v; want true, [10.0.0.0/8 192.168.1.5/32]", c.HTTPS, nets, err)
			}
		}},
		{"empty env is unset", "", map[string]string{"GONGKAI_DATA": "", "GONGKAI_DATABASE_URL": ""}, func(t *testing.T, c Config) {
			if c.DataDir != "./data" {
				t.Errorf("DataDir = %q", c.DataDir)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.path, env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		return p
	}
	tests := []struct {
		name string
		path string
		env  map[string]string
	}{
		{"missing file", filepath.Join(dir, "nope.json"), nil},
		{"bad json", write("bad.json", "{"), nil},
		{"unknown key", write("unknown.json", `{"colour": "red"}`), nil},
		{"both in file", write("both.json", `{"data": "x", "database_url": "postgres://h/db"}`), nil},
		{"both in env", "", map[string]string{"GONGKAI_DATA": "x", "GONGKAI_DATABASE_URL": "postgres://h/db"}},
		{"bad number", "", map[string]string{"GONGKAI_LEVEL": "three"}},
		{"bad duration", "", map[string]string{"GONGKAI_LOCKOUT_DURATION": "soon"}},
		{"bad https", "", map[string]string{"GONGKAI_HTTPS": "sometimes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Load(tt.path, env(tt.env)); !errors.Is(err, apperr.Invalid) {
				t.Errorf("Load err = %v; want Invalid", err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		mod  func(c *Config)
		ok   bool
	}{
		{"defaults", func(c *Config) {}, true},
		{"level 3 with totp", func(c *Config) { c.Level, c.RequireTOTP = 3, true }, true},
		{"level 3 without totp refused", func(c *Config) { c.Level = 3 }, false},
		{"level 4", func(c *Config) { c.Level = 4 }, false},
		{"profile", func(c *Config) { c.PasswordProfile = "none" }, false},
		{"idle over 30m", func(c *Config) { c.SessionIdleTimeout = Duration(time.Hour) }, false},
		{"not postgres", func(c *Config) { c.DatabaseURL = "mysql://h/db" }, false},
		{"asvs", func(c *Config) { c.PasswordProfile = "asvs" }, true},
		{"https behind a proxy", func(c *Config) { c.HTTPS, c.TrustedProxies = true, []string{"127.0.0.1"} }, true},
		{"https without a proxy", func(c *Config) { c.HTTPS = true }, false},
		{"admin networks", func(c *Config) { c.AdminAllow = []string{"10.0.0.0/8", "::1", "fd00::/8"} }, true},
		{"admin network nonsense", func(c *Config) { c.AdminAllow = []string{"10.0.0.0/8", "intranet"} }, false},
		{"upload limits", func(c *Config) { c.UploadSlots, c.UploadMiBPerHour = 8, -1 }, true},
		{"negative upload slots", func(c *Config) { c.UploadSlots = -1 }, false},
		{"upload budget below -1", func(c *Config) { c.UploadMiBPerHour = -2 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.mod(&c)
			if err := c.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate = %v; want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestSetDataClearsURL(t *testing.T) {
	c := Default()
	_ = c.Set("database-url", "postgres://h/db")
	if !c.UsesPostgres() {
		t.Fatal("database-url not set")
	}
	_ = c.Set("data", "/x")
	if c.UsesPostgres() || c.DataDir != "/x" {
		t.Errorf("after Set(data): %+v; want SQLite in /x", c)
	}
	if err := c.Set("nope", "1"); !errors.Is(err, apperr.Invalid) {
		t.Errorf("Set(unknown) = %v; want Invalid", err)
	}
}

func TestDumpMasksSecrets(t *testing.T) {
	c := Default()
	_ = c.Set("database_url", "postgres://gongkai:s3cret-pw@db.example:5432/gk?sslmode=require&password=other")
	var b strings.Builder
	if err := c.Dump(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "s3cret-pw") || strings.Contains(out, "other") {
		t.Errorf("Dump leaks a secret:\n%s", out)
	}
	if !strings.Contains(out, "gongkai:xxxxx@db.example:5432/gk") || !strings.Contains(out, "GONGKAI_LOCKOUT_THRESHOLD") {
		t.Errorf("Dump lacks the masked URL or the variable names:\n%s", out)
	}
	if got := mask("not a url with password"); got != "******" {
		t.Errorf("mask(non-URL) = %q; want ******", got)
	}
}

func FuzzLoadFile(f *testing.F) {
	f.Add(`{"addr": "x", "lockout_duration": "1m"}`)
	f.Add(`{"trusted_proxies": ["10.0.0.1"]}`)
	f.Add(`{"pii_key": "00112233445566778899aabbccddeeff", "pii_key_file": "/k"}`)
	f.Fuzz(func(t *testing.T, body string) {
		p := filepath.Join(t.TempDir(), "c.json")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p, nil)
		if err != nil && !errors.Is(err, apperr.Invalid) {
			t.Fatalf("Load error of kind %v; want Invalid: %v", apperr.KindOf(err), err)
		}
		_ = c.Validate()
		_ = c.Dump(&strings.Builder{})
	})
}
