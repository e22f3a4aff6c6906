package pii

import (
	"crypto/hmac"
	"encoding/hex"
	"strings"

	"github.com/emmansun/gmsm/sm3"
)

// macPrefix starts every value MAC returns: algorithm, then key id.
const macPrefix = "hmac-sm3:"

// MAC returns "hmac-sm3:KEYID:HEX", the HMAC-SM3 of v under a key derived
// from the primary key for purpose (a short name such as "query-code"):
// a secret kept only as its MAC (SECURITY.md C-03) cannot be found by
// hashing guesses without the key, which never sits in the database.
func (kr *Keyring) MAC(purpose, v string) string {
	return macPrefix + kr.primary.ID + ":" + kr.primary.mac(purpose, v)
}

// VerifyMAC reports, in constant time for a given key, whether stored is
// MAC(purpose, v) under any key of the ring (so values made before a
// rotation still verify).
func (kr *Keyring) VerifyMAC(purpose, v, stored string) bool {
	rest, ok := strings.CutPrefix(stored, macPrefix)
	if !ok {
		return false
	}
	id, sum, ok := strings.Cut(rest, ":")
	k := kr.byID[id]
	if !ok || k == nil {
		return false
	}
	return hmac.Equal([]byte(k.mac(purpose, v)), []byte(sum))
}

// IsMAC reports whether stored has the form MAC returns.
func IsMAC(stored string) bool { return strings.HasPrefix(stored, macPrefix) }

func (k *Key) mac(purpose, v string) string {
	dk := hmac.New(sm3.New, k.raw)
	dk.Write([]byte("gongkai-mac:" + purpose))
	m := hmac.New(sm3.New, dk.Sum(nil))
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}
