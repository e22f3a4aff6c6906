package audit

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/emmansun/gmsm/sm3"

	"github.com/gongkai/gongkai/internal/keycheck"
)

// KeySize is the length of the audit chain's HMAC-SM3 key in bytes.
const KeySize = 32

// DefaultKeyFile is the audit key file's name in the data directory.
const DefaultKeyFile = "audit.key"

// ErrKey is wrapped by every error about a missing or malformed audit key.
var ErrKey = errors.New("audit: bad key")

// A Key keys the audit chain (HMAC-SM3, SECURITY.md C-08): without it a
// row cannot be rewritten and its chain recomputed. It lives outside the
// database, like the personal-data key (#10 item 4).
type Key struct {
	ID  string // 8 hex digits of SM3 of the key: names it without revealing it
	raw []byte
}

// NewKey makes a key from KeySize raw bytes.
func NewKey(raw []byte) (*Key, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("%w: the audit key must be %d bytes, got %d", ErrKey, KeySize, len(raw))
	}
	sum := sm3.Sum(append([]byte("gongkai-audit-key-id:"), raw...))
	return &Key{ID: hex.EncodeToString(sum[:4]), raw: append([]byte(nil), raw...)}, nil
}

// ParseKey reads a key written as 64 hex digits.
func ParseKey(s string) (*Key, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != KeySize {
		return nil, fmt.Errorf("%w: expected %d hex digits", ErrKey, 2*KeySize)
	}
	return NewKey(b)
}

// GenerateKey returns a new random key and its hex text.
func GenerateKey() (*Key, string, error) {
	raw := make([]byte, KeySize)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", fmt.Errorf("audit: generate key: %w", err)
	}
	k, err := NewKey(raw)
	return k, hex.EncodeToString(raw), err
}

// ReadKeyFile reads the key file at path; a missing file gives an error
// wrapping fs.ErrNotExist.
func ReadKeyFile(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: read key file: %w", ErrKey, err)
	}
	k, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("audit: key file %s: %w", path, err)
	}
	return k, nil
}

// WriteKeyFile writes a new key file at path, mode 0400, refusing to
// overwrite one.
func WriteKeyFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("audit: create key file: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o400)
	if err != nil {
		return fmt.Errorf("audit: create key file: %w", err)
	}
	if _, err := f.WriteString(text + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("audit: create key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("audit: create key file: %w", err)
	}
	return f.Close()
}

// Check returns the key check value of k (package keycheck).
func (k *Key) Check() keycheck.Value { return keycheck.Of(k.ID, k.raw) }

// mac returns HMAC-SM3 of b under k in lower-case hex.
func (k *Key) mac(b []byte) string {
	m := hmac.New(sm3.New, k.raw)
	m.Write(b)
	return hex.EncodeToString(m.Sum(nil))
}
