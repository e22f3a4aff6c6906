package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
)

// TestPIIKeyFile checks the pii_key_file setting: from the file and the
// environment, shown as a path in the dump, and a key written into the
// configuration refused by Validate (SECURITY.md C-05).
func TestPIIKeyFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const key = "00112233445566778899aabbccddeeff"
	tests := []struct {
		name    string
		path    string
		env     map[string]string
		wantErr string // "" when Validate passes
		file    string // the PIIKeyPath wanted
	}{
		{"default", "", nil, "", filepath.Join("data", "pii.key")},
		{"from the file", write("ok.json", `{"pii_key_file": "/etc/gongkai/pii.key"}`), nil, "", "/etc/gongkai/pii.key"},
		{"env over the file", write("ok2.json", `{"pii_key_file": "/etc/gongkai/pii.key"}`), map[string]string{"GONGKAI_PII_KEY_FILE": "/run/secrets/pii"}, "", "/run/secrets/pii"},
		{"inline key refused", write("inline.json", `{"addr": "127.0.0.1:9", "pii_key": "`+key+`"}`), nil, "pii_key", ""},
		{"env-style name refused", write("inline2.json", `{"GONGKAI_PII_KEY": "`+key+`", "pii_old_keys": "x"}`), nil, "GONGKAI_PII_KEY, pii_old_keys", ""},
		{"key as the file name refused", write("inline3.json", `{"pii_key_file": "`+key+`"}`), nil, "pii_key_file", ""},
		{"base64 key in the env setting refused", "", map[string]string{"GONGKAI_PII_KEY_FILE": "ABEiM0RVZneImaq7zN3u/w=="}, "pii_key_file", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.path, env(tt.env))
			if err != nil {
				t.Fatalf("Load: %v (an inline key is refused by Validate, not Load)", err)
			}
			err = c.Validate()
			if tt.wantErr == "" {
				if err != nil || c.PIIKeyPath() != tt.file {
					t.Errorf("Validate %v, PIIKeyPath %q; want ok and %q", err, c.PIIKeyPath(), tt.file)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), key) {
				t.Errorf("Validate = %v; want Invalid naming %q without the key", err, tt.wantErr)
			}
		})
	}
	// The other settings of a file with an inline key are still read.
	c, _ := Load(filepath.Join(dir, "inline.json"), nil)
	if c.Addr != "127.0.0.1:9" {
		t.Errorf("addr = %q; want the file's", c.Addr)
	}
}

func TestDumpPIIKeyFile(t *testing.T) {
	tests := []struct {
		name, set string
		want      []string
		never     string
	}{
		{"default path", "", []string{`pii_key_file`, `GONGKAI_PII_KEY_FILE (默认 default: ` + filepath.Join("data", "pii.key")}, ""},
		{"configured path", "/etc/gongkai/pii.key", []string{`"/etc/gongkai/pii.key"`}, ""},
		{"a key is masked", "00112233445566778899aabbccddeeff", []string{`pii_key_file         = "******"`}, "00112233"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			if err := c.Set("pii-key-file", tt.set); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := c.Dump(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("Dump lacks %q:\n%s", w, b.String())
				}
			}
			if tt.never != "" && strings.Contains(b.String(), tt.never) {
				t.Errorf("Dump shows the key:\n%s", b.String())
			}
		})
	}
}

func FuzzLooksLikeKey(f *testing.F) {
	f.Add("00112233445566778899aabbccddeeff")
	f.Add("/etc/gongkai/pii.key")
	f.Add("ABEiM0RVZneImaq7zN3u/w==")
	f.Fuzz(func(t *testing.T, s string) {
		// Hex and base64 have no dot or backslash: a name with one is a file.
		if looksLikeKey(s) && strings.ContainsAny(s, ".\\") {
			t.Errorf("%q: a file name taken for a key", s)
		}
	})
}
