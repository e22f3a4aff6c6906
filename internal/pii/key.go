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

// Suffixes of the files `gongkai keys rotate` keeps beside the key file
// KEYFILE: KEYFILE.next is the new key while a rotation runs, and
// KEYFILE.ID.retired the key it replaced (ID its key id).
const (
	NextSuffix    = ".next"
	RetiredSuffix = ".retired"
)

// Load returns the keyring from the environment: GONGKAI_PII_KEY, else the
// file GONGKAI_PII_KEY_FILE, else dataDir/pii.key. When create is set and
// that last file does not exist, a new random key is written there with
// mode 0400 (SECURITY.md C-05: outside the database and the config file).
// dataDir "" disables the default file.
func Load(lookup func(string) (string, bool), dataDir string, create bool) (*Keyring, error) {
	return LoadFrom(lookup, "", dataDir, create)
}

// LoadFrom is Load with the key file of the configuration (config's
// pii_key_file): GONGKAI_PII_KEY, else the file GONGKAI_PII_KEY_FILE,
// else keyFile, else dataDir/pii.key (created when create is set). A
// named key file (variable or keyFile) must exist: a wrong path never
// makes a new key, which would leave the sealed data unreadable.
func LoadFrom(lookup func(string) (string, bool), keyFile, dataDir string, create bool) (*Keyring, error) {
	primary, err := loadPrimary(lookup, keyFile, dataDir, create)
	if err != nil {
		return nil, err
	}
	var older []*Key
	// Keys retired by `gongkai keys rotate` stay readable: attachments in
	// the blob store and old backups may still be sealed with them.
	if src := Locate(lookup, keyFile, dataDir); src.Path != "" {
		retired, _ := filepath.Glob(src.Path + ".*" + RetiredSuffix)
		for _, f := range retired {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("pii: retired key: %w", err)
			}
			k, err := ParseKey(string(b))
			if err != nil {
				return nil, fmt.Errorf("pii: retired key file %s: %w", f, err)
			}
			older = append(older, k)
		}
	}
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

func loadPrimary(lookup func(string) (string, bool), keyFile, dataDir string, create bool) (*Key, error) {
	src := Locate(lookup, keyFile, dataDir)
	if src.Env == EnvKey {
		v, _ := lookup(EnvKey)
		k, err := ParseKey(v)
		if err != nil {
			return nil, fmt.Errorf("pii: %s: %w", EnvKey, err)
		}
		return k, nil
	}
	path := src.Path
	if !src.Default {
		create = false
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
		return nil, fmt.Errorf("%w: read key file: %w", ErrKey, err)
	}
	k, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("pii: key file %s: %w", path, err)
	}
	return k, nil
}

// A Source is where the personal-data key comes from, for the messages
// that tell an operator what to keep safe (gongkai backup).
type Source struct {
	// Env is EnvKey when the key is in that variable, else "".
	Env string
	// Path is the key file when the key is in a file: GONGKAI_PII_KEY_FILE,
	// the configured key file, or dataDir/pii.key.
	Path string
	// Default reports whether Path is the default file in the data
	// directory (the one Load may create).
	Default bool
}

// Locate says where Load and LoadFrom take the key from, by the same
// precedence, without reading it: GONGKAI_PII_KEY, else the file
// GONGKAI_PII_KEY_FILE, else keyFile, else dataDir/pii.key; relative
// file names are taken in dataDir (InDataDir). It returns a zero Source
// when none applies.
func Locate(lookup func(string) (string, bool), keyFile, dataDir string) Source {
	if lookup == nil {
		lookup = func(string) (string, bool) { return "", false }
	}
	if v, ok := lookup(EnvKey); ok && strings.TrimSpace(v) != "" {
		return Source{Env: EnvKey}
	}
	if v, ok := lookup(EnvKeyFile); ok && strings.TrimSpace(v) != "" {
		return Source{Path: InDataDir(dataDir, strings.TrimSpace(v))}
	}
	if strings.TrimSpace(keyFile) != "" {
		return Source{Path: InDataDir(dataDir, strings.TrimSpace(keyFile))}
	}
	if dataDir != "" {
		return Source{Path: filepath.Join(dataDir, DefaultKeyFile), Default: true}
	}
	return Source{}
}

// InDataDir resolves a key file's path: a relative path is taken in the
// data directory, never the working directory (#10 item 2: started from
// another directory, the server must find the same key or none). An
// absolute path, or no data directory, leaves it as it is.
func InDataDir(dataDir, path string) string {
	if path == "" || filepath.IsAbs(path) || dataDir == "" {
		return path
	}
	return filepath.Join(dataDir, path)
}

// String names the source for a message: the variable or the file.
func (s Source) String() string {
	switch {
	case s.Env != "":
		return "环境变量 / environment variable " + s.Env
	case s.Path != "":
		return s.Path
	}
	return "（未配置 / not configured）"
}
