// Package pii protects applicants' personal information at rest (个人信息
// 保护法第五十一条; SECURITY.md C-03, E-DC-02): ID numbers, phones,
// addresses and e-mail addresses are sealed with SM4-GCM (GB/T 32907, via
// gmsm) under a key that never sits in the database or the main config
// file, with a random nonce per value and the key id in the ciphertext so
// that keys can rotate. It also masks values for lists (永安市 2023 format:
// ID 3301**********1234, phone 138****5678, address to the 街道/乡镇) and
// computes a blind index (HMAC-SM3) for exact-match duplicate detection.
package pii

import (
	"bytes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"

	"github.com/gongkai/gongkai/internal/keycheck"
)

// KeySize is the SM4 key length in bytes.
const KeySize = 16

// prefix starts every sealed value: algorithm, then key id.
const prefix = "sm4gcm:"

// ErrKey is wrapped by every error about a missing or malformed key.
var ErrKey = errors.New("pii: bad key")

// ErrSealed is wrapped by every error opening a sealed value: unknown key,
// malformed text or a tampered ciphertext.
var ErrSealed = errors.New("pii: cannot open sealed value")

// A Key is one SM4 data-encryption key with its id.
type Key struct {
	ID   string // 8 hex digits of SM3(key): names the key without revealing it
	aead cipher.AEAD
	raw  []byte
}

// NewKey makes a key from 16 raw bytes.
func NewKey(raw []byte) (*Key, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("%w: SM4 key must be %d bytes, got %d", ErrKey, KeySize, len(raw))
	}
	block, err := sm4.NewCipher(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	sum := sm3.Sum(append([]byte("gongkai-pii-key-id:"), raw...))
	return &Key{ID: hex.EncodeToString(sum[:4]), aead: aead, raw: append([]byte(nil), raw...)}, nil
}

// ParseKey reads a key written as 32 hex digits or as base64 of 16 bytes.
func ParseKey(s string) (*Key, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == KeySize {
		return NewKey(b)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == KeySize {
			return NewKey(b)
		}
	}
	return nil, fmt.Errorf("%w: expected 32 hex digits or base64 of %d bytes", ErrKey, KeySize)
}

// GenerateKey returns a new random key and its hex text.
func GenerateKey() (*Key, string, error) {
	raw := make([]byte, KeySize)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", fmt.Errorf("pii: generate key: %w", err)
	}
	k, err := NewKey(raw)
	return k, hex.EncodeToString(raw), err
}

// A Keyring seals with its primary key and opens with any key it holds,
// so values sealed before a rotation stay readable.
type Keyring struct {
	primary *Key
	byID    map[string]*Key
	blind   []byte // HMAC-SM3 key of the blind index, derived from the primary key
}

// NewKeyring returns a keyring that seals with primary and also opens
// values sealed with the older keys.
func NewKeyring(primary *Key, older ...*Key) *Keyring {
	kr := &Keyring{primary: primary, byID: map[string]*Key{primary.ID: primary}}
	for _, k := range older {
		kr.byID[k.ID] = k
	}
	sum := sm3.Sum(append([]byte("gongkai-pii-blind-index:"), primary.raw...))
	kr.blind = sum[:]
	return kr
}

// KeyID returns the id of the key new values are sealed with.
func (kr *Keyring) KeyID() string { return kr.primary.ID }

// Seal encrypts plain with the primary key and a fresh random nonce and
// returns "sm4gcm:KEYID:BASE64(nonce‖ciphertext‖tag)". The empty string
// seals to the empty string (nothing to protect, and NULL-like in lists).
func (kr *Keyring) Seal(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	k := kr.primary
	nonce := make([]byte, k.aead.NonceSize(), k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("pii: seal: %w", err)
	}
	// The key id is authenticated data: a value cannot be moved under
	// another key's name.
	out := k.aead.Seal(nonce, nonce, []byte(plain), []byte(k.ID))
	return prefix + k.ID + ":" + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a value made by Seal with any key of the ring.
func (kr *Keyring) Open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	rest, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return "", fmt.Errorf("%w: unknown algorithm", ErrSealed)
	}
	id, body, ok := strings.Cut(rest, ":")
	if !ok {
		return "", fmt.Errorf("%w: no key id", ErrSealed)
	}
	k := kr.byID[id]
	if k == nil {
		return "", fmt.Errorf("%w: key %s is not loaded", ErrSealed, id)
	}
	b, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(b) < k.aead.NonceSize()+k.aead.Overhead() {
		return "", fmt.Errorf("%w: malformed", ErrSealed)
	}
	ns := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, b[:ns], b[ns:], []byte(k.ID))
	if err != nil {
		return "", fmt.Errorf("%w: authentication failed", ErrSealed)
	}
	return string(plain), nil
}

// BlindIndex returns the HMAC-SM3 of a normalised value in hex: equal
// inputs give equal indexes, and the index reveals nothing without the key
// (SECURITY.md C-03: never deterministic encryption of the ID number).
// The empty string gives the empty string.
func (kr *Keyring) BlindIndex(v string) string {
	if v == "" {
		return ""
	}
	m := hmac.New(sm3.New, kr.blind)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}

// SealBytes encrypts a file's bytes like Seal and returns
// "sm4gcm:KEYID:" followed by nonce‖ciphertext‖tag in binary (attachments,
// SECURITY.md E-DC-02).
func (kr *Keyring) SealBytes(plain []byte) ([]byte, error) {
	k := kr.primary
	head := prefix + k.ID + ":"
	out := make([]byte, len(head)+k.aead.NonceSize(), len(head)+k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	copy(out, head)
	nonce := out[len(head):]
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("pii: seal: %w", err)
	}
	return k.aead.Seal(out, nonce, plain, []byte(k.ID)), nil
}

// OpenBytes decrypts what SealBytes made, with any key of the ring.
func (kr *Keyring) OpenBytes(sealed []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(sealed, []byte(prefix))
	if !ok {
		return nil, fmt.Errorf("%w: unknown algorithm", ErrSealed)
	}
	id, body, ok := bytes.Cut(rest, []byte(":"))
	if !ok {
		return nil, fmt.Errorf("%w: no key id", ErrSealed)
	}
	k := kr.byID[string(id)]
	if k == nil {
		return nil, fmt.Errorf("%w: key %s is not loaded", ErrSealed, id)
	}
	ns := k.aead.NonceSize()
	if len(body) < ns+k.aead.Overhead() {
		return nil, fmt.Errorf("%w: malformed", ErrSealed)
	}
	plain, err := k.aead.Open(nil, body[:ns], body[ns:], []byte(k.ID))
	if err != nil {
		return nil, fmt.Errorf("%w: authentication failed", ErrSealed)
	}
	return plain, nil
}

// Check returns the key check value of k (package keycheck).
func (k *Key) Check() keycheck.Value { return keycheck.Of(k.ID, k.raw) }

// Check returns the key check value of the primary key.
func (kr *Keyring) Check() keycheck.Value { return kr.primary.Check() }

// Holds reports whether the ring holds the key that v was made with.
func (kr *Keyring) Holds(v keycheck.Value) bool {
	k := kr.byID[v.KeyID]
	return k != nil && v.Matches(k.ID, k.raw)
}

// IDs returns the ids of the ring's keys, the primary first.
func (kr *Keyring) IDs() []string {
	ids := []string{kr.primary.ID}
	for id := range kr.byID {
		if id != kr.primary.ID {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids[1:])
	return ids
}

// SealedKeyID returns the key id a sealed value names, or "" when s is
// not a sealed value.
func SealedKeyID(s string) string {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return ""
	}
	id, _, ok := strings.Cut(rest, ":")
	if !ok {
		return ""
	}
	return id
}

// WithPrimary returns a ring that seals with k (and derives its blind
// index from it) and opens with k and every key of kr: the ring of a key
// rotation.
func (kr *Keyring) WithPrimary(k *Key) *Keyring {
	var older []*Key
	for _, o := range kr.byID {
		if o.ID != k.ID {
			older = append(older, o)
		}
	}
	return NewKeyring(k, older...)
}
