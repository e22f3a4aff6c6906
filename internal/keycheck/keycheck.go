// Package keycheck computes key check values: a key's id and the
// HMAC-SM3 of a constant under the key. The database keeps one per key
// (table key_checks) so that a server started with the wrong key, or
// with none, refuses to start and names the key it needs, instead of
// making a new key and sealing new data with it (#10 item 2). A check
// value reveals nothing of the key.
package keycheck

import (
	"crypto/hmac"
	"encoding/hex"

	"github.com/emmansun/gmsm/sm3"
)

// The names under which the database keeps check values.
const (
	// PII is the key sealing applicants' personal data (package pii).
	PII = "pii"
	// Audit is the key of the audit chain's HMAC (package audit).
	Audit = "audit"
)

// constant is what the MAC covers.
const constant = "gongkai key check value v1"

// A Value is a key check value.
type Value struct {
	KeyID string // the key's id, as in sealed values and messages
	MAC   string // HMAC-SM3(key, constant), lower-case hex
}

// Of returns the check value of the key raw whose id is keyID.
func Of(keyID string, raw []byte) Value {
	m := hmac.New(sm3.New, raw)
	m.Write([]byte(constant))
	return Value{KeyID: keyID, MAC: hex.EncodeToString(m.Sum(nil))}
}

// Matches reports whether raw, named keyID, is the key v was made with.
func (v Value) Matches(keyID string, raw []byte) bool {
	return v.KeyID == keyID && hmac.Equal([]byte(Of(keyID, raw).MAC), []byte(v.MAC))
}
