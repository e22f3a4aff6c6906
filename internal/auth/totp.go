package auth

import (
	"crypto/subtle"
	"fmt"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters (RFC 6238): 30-second steps, 6 digits, HMAC-SHA1 for
// compatibility with common authenticator apps; one step of clock skew
// either way is accepted.
const (
	totpPeriod = 30
	totpDigits = otp.DigitsSix
	totpSkew   = 1
)

var totpAlgorithm = otp.AlgorithmSHA1

// NewTOTPKey returns a new random TOTP key for the account login: the
// base32 secret to store and the otpauth:// URL to show as a QR code.
func NewTOTPKey(issuer, login string) (secret, url string, err error) {
	k, err := totp.Generate(totp.GenerateOpts{
		Issuer: issuer, AccountName: login, Period: totpPeriod, Digits: totpDigits,
		Algorithm: totpAlgorithm, SecretSize: 20,
	})
	if err != nil {
		return "", "", fmt.Errorf("auth: new totp key: %w", err)
	}
	return k.Secret(), k.URL(), nil
}

// TOTPCode returns the code for secret at time t (tests and tools).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: totpPeriod, Digits: totpDigits, Algorithm: totpAlgorithm})
}

// CheckTOTP reports whether code is valid for secret at now within the
// allowed skew, for a time step after lastStep, and returns that step. A
// code whose step is not after lastStep is refused, so a code cannot be
// used twice (RFC 6238 §5.2).
func CheckTOTP(secret, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	if len(code) != int(totpDigits) {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		st := cur + d
		if st <= lastStep {
			continue
		}
		want, err := TOTPCode(secret, time.Unix(st*totpPeriod, 0))
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return st, true
		}
	}
	return 0, false
}
