package auth

import (
	"fmt"
	"strings"
)

// A Sealer encrypts secrets at rest; *pii.Keyring (SM4-GCM under the
// key that also seals applicants' personal data) is one.
type Sealer interface {
	Seal(plain string) (string, error)
	Open(sealed string) (string, error)
}

// sealedPrefix starts a secret sealed by pii.Keyring.
const sealedPrefix = "sm4gcm:"

// sealTOTP returns the stored form of a TOTP secret: sealed when the
// service has a Sealer (鉴别信息 encrypted at rest, GB/T 22239-2019
// 8.1.4.8 b; SECURITY.md E-DC-02), else as is.
func (s *Service) sealTOTP(secret string) (string, error) {
	if s.Secrets == nil || secret == "" || strings.HasPrefix(secret, sealedPrefix) {
		return secret, nil
	}
	out, err := s.Secrets.Seal(secret)
	if err != nil {
		return "", fmt.Errorf("auth: seal totp secret: %w", err)
	}
	return out, nil
}

// openTOTP returns the base32 TOTP secret of a stored value. A secret
// stored before sealing was switched on is read as is (and sealed at the
// next login); a sealed one without a Sealer, or one that does not open,
// is an error, so the login fails closed.
func (s *Service) openTOTP(stored string) (string, error) {
	if !strings.HasPrefix(stored, sealedPrefix) {
		return stored, nil
	}
	if s.Secrets == nil {
		return "", fmt.Errorf("auth: totp secret is sealed but no key is configured")
	}
	out, err := s.Secrets.Open(stored)
	if err != nil {
		return "", fmt.Errorf("auth: open totp secret: %w", err)
	}
	return out, nil
}

// checkCode checks a TOTP code against the stored secret of a user.
func (s *Service) checkCode(stored, code string, lastStep int64) (int64, bool, error) {
	secret, err := s.openTOTP(stored)
	if err != nil {
		return 0, false, err
	}
	step, ok := CheckTOTP(secret, code, s.now(), lastStep)
	return step, ok, nil
}
