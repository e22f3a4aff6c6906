package pii

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadFromPrecedence checks the order GONGKAI_PII_KEY →
// GONGKAI_PII_KEY_FILE → the configured key file → DATA/pii.key, and that
// a named key file that is missing is an error, never a new key.
func TestLoadFromPrecedence(t *testing.T) {
	dir := t.TempDir()
	write := func(name, key string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(key+"\n"), 0o400); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const (
		envKey  = "0123456789abcdeffedcba9876543210"
		fileKey = "00112233445566778899aabbccddeeff"
		cfgKey  = "ffeeddccbbaa99887766554433221100"
		dataKey = "000102030405060708090a0b0c0d0e0f"
	)
	envFile, cfgFile := write("env.key", fileKey), write("cfg.key", cfgKey)
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o700)
	write("data/"+DefaultKeyFile, dataKey)
	id := func(hex string) string { k, _ := ParseKey(hex); return k.ID }
	tests := []struct {
		name    string
		env     map[string]string
		keyFile string
		wantID  string
		wantSrc Source
	}{
		{"env key wins", map[string]string{EnvKey: envKey, EnvKeyFile: envFile}, cfgFile, id(envKey), Source{Env: EnvKey}},
		{"env file over config", map[string]string{EnvKeyFile: envFile}, cfgFile, id(fileKey), Source{Path: envFile}},
		{"config file over data dir", nil, cfgFile, id(cfgKey), Source{Path: cfgFile}},
		{"data dir default", map[string]string{EnvKey: " "}, "", id(dataKey), Source{Path: filepath.Join(data, DefaultKeyFile), Default: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			if got := Locate(lookup, tt.keyFile, data); got != tt.wantSrc {
				t.Errorf("Locate = %+v; want %+v", got, tt.wantSrc)
			}
			kr, err := LoadFrom(lookup, tt.keyFile, data, true)
			if err != nil || kr.KeyID() != tt.wantID {
				t.Errorf("LoadFrom: key %v, %v; want %s", kr, err, tt.wantID)
			}
		})
	}
	missing := filepath.Join(dir, "typo.key")
	if _, err := LoadFrom(noEnv, missing, data, true); !errors.Is(err, ErrKey) {
		t.Errorf("missing configured key file: %v; want ErrKey", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing configured key file was created")
	}
	if s := Locate(nil, "", ""); s != (Source{}) || s.String() == "" {
		t.Errorf("Locate with nothing = %+v %q", s, s.String())
	}
	if s := (Source{Env: EnvKey}).String(); s != "环境变量 / environment variable GONGKAI_PII_KEY" {
		t.Errorf("String = %q", s)
	}
}

func noEnv(string) (string, bool) { return "", false }
