package pii

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Environment variables and the default key file.
const (
	// EnvKey holds the key itself (32 hex digits or base64).
	EnvKey = "GONGKAI_PII_KEY"
	// EnvKeyFile names a file holding the key.
	EnvKeyFile = "GONGKAI_PII_KEY_FILE"
	// EnvOldKeys holds earlier keys, comma-separated, still used to open
	// values sealed before a rotation.
	EnvOldKeys = "GONGKAI_PII_OLD_KEYS"
	// DefaultKeyFile is the key file's name in the data directory when no
	// variable names a key.
	DefaultKeyFile = "pii.key"
)

// Load returns the keyring from the environment: GONGKAI_PII_KEY, else the
// file GONGKAI_PII_KEY_FILE, else dataDir/pii.key. When create is set and
// that last file does not exist, a new random key is written there with
// mode 0400 (SECURITY.md C-05: outside the database and the config file).
// dataDir "" disables the default file.
func Load(lookup func(string) (string, bool), dataDir string, create bool) (*Keyring, error) {
	primary, err := loadPrimary(lookup, dataDir, create)
	if err != nil {
		return nil, err
	}
	var older []*Key
	if v, ok := lookup(EnvOldKeys); ok && strings.TrimSpace(v) != "" {
		for _, s := range strings.Split(v, ",") {
			k, err := ParseKey(s)
			if err != nil {
				return nil, fmt.Errorf("pii: %s: %w", EnvOldKeys, err)
			}
			older = append(older, k)
		}
	}
	return NewKeyring(primary, older...), nil
}

func loadPrimary(lookup func(string) (string, bool), dataDir string, create bool) (*Key, error) {
	if v, ok := lookup(EnvKey); ok && strings.TrimSpace(v) != "" {
		k, err := ParseKey(v)
		if err != nil {
			return nil, fmt.Errorf("pii: %s: %w", EnvKey, err)
		}
		return k, nil
	}
	path := ""
	if v, ok := lookup(EnvKeyFile); ok && strings.TrimSpace(v) != "" {
		path = v
		create = false
	} else if dataDir != "" {
		path = filepath.Join(dataDir, DefaultKeyFile)
	}
	if path == "" {
		return nil, fmt.Errorf("%w: set %s or %s", ErrKey, EnvKey, EnvKeyFile)
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		k, text, err := GenerateKey()
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("pii: create key file: %w", err)
		}
		if err := os.WriteFile(path, []byte(text+"\n"), 0o400); err != nil {
			return nil, fmt.Errorf("pii: create key file: %w", err)
		}
		return k, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: read key file: %v", ErrKey, err)
	}
	k, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("pii: key file %s: %w", path, err)
	}
	return k, nil
}
