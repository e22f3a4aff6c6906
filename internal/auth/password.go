package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	KeyLen  uint32 // bytes of output
	SaltLen int    // bytes of salt
}

// DefaultParams follow the OWASP Password Storage Cheat Sheet's argon2id
// baseline (m = 19 MiB, t = 2, p = 1) with a 128-bit salt (ASVS 2.4.2,
// 2.4.4).
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// Bounds on parameters read back from a stored hash, so a corrupted or
// hostile row cannot make a login allocate gigabytes.
const (
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxTime    = 20
	maxThreads = 16
	maxKeyLen  = 128
)

var errBadHash = errors.New("auth: malformed argon2id hash")

// HashPassword returns the argon2id hash of password as a PHC string:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> (unpadded standard base64).
func HashPassword(password []byte, p Params) (string, error) {
	return hashWith(rand.Reader, password, p)
}

func hashWith(r io.Reader, password []byte, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := io.ReadFull(r, salt); err != nil {
		return "", fmt.Errorf("auth: hash password: salt: %w", err)
	}
	key := argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ParseHash reads the parameters, salt and key of a PHC argon2id string.
func ParseHash(phc string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(phc, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errBadHash
	}
	var m, t, th uint64
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return p, nil, nil, errBadHash
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return p, nil, nil, errBadHash
		}
		switch k {
		case "m":
			m = n
		case "t":
			t = n
		case "p":
			th = n
		default:
			return p, nil, nil, errBadHash
		}
	}
	if m < 8 || m > maxMemory || t < 1 || t > maxTime || th < 1 || th > maxThreads {
		return p, nil, nil, errBadHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > maxKeyLen {
		return p, nil, nil, errBadHash
	}
	p = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th), KeyLen: uint32(len(key)), SaltLen: len(salt)}
	return p, salt, key, nil
}

// VerifyPassword reports whether password matches the PHC hash, in time
// independent of where they differ, and whether the hash was made with
// parameters other than want (so the caller should rehash it).
func VerifyPassword(password []byte, phc string, want Params) (ok, rehash bool, err error) {
	p, salt, key, err := ParseHash(phc)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	ok = subtle.ConstantTimeCompare(got, key) == 1
	rehash = p.Memory != want.Memory || p.Time != want.Time || p.Threads != want.Threads ||
		p.KeyLen != want.KeyLen || p.SaltLen != want.SaltLen
	return ok, rehash, nil
}

// oneTimeAlphabet leaves out look-alikes (0/O, 1/l/I) so a printed
// password can be read and typed.
const (
	otpUpper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	otpLower  = "abcdefghijkmnopqrstuvwxyz"
	otpDigits = "23456789"
	otpSymbol = "-_.@#%+="
)

// OneTimePasswordLen is the length of generated one-time passwords: long
// enough for every policy profile.
const OneTimePasswordLen = 16

// NewOneTimePassword returns a random password of OneTimePasswordLen
// characters with all four character classes, read from r (crypto/rand
// when nil). It passes both policy profiles.
func NewOneTimePassword(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	all := otpUpper + otpLower + otpDigits + otpSymbol
	sets := []string{otpUpper, otpLower, otpDigits, otpSymbol}
	out := make([]byte, OneTimePasswordLen)
	for i := range out {
		set := all
		if i < len(sets) {
			set = sets[i]
		}
		c, err := pick(r, set)
		if err != nil {
			return "", err
		}
		out[i] = c
	}
	// Shuffle so the guaranteed classes are not always in front.
	for i := len(out) - 1; i > 0; i-- {
		j, err := uniform(r, i+1)
		if err != nil {
			return "", err
		}
		out[i], out[j] = out[j], out[i]
	}
	return string(out), nil
}

func pick(r io.Reader, set string) (byte, error) {
	i, err := uniform(r, len(set))
	if err != nil {
		return 0, err
	}
	return set[i], nil
}

// uniform returns an unbiased random number in [0, n) for n ≤ 256.
func uniform(r io.Reader, n int) (int, error) {
	limit := 256 - 256%n
	var b [1]byte
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return 0, fmt.Errorf("auth: random: %w", err)
		}
		if int(b[0]) < limit {
			return int(b[0]) % n, nil
		}
	}
}

// randReader is the default source of randomness.
var randReader io.Reader = rand.Reader
