// Package account holds staff accounts: who they are, which agency they
// belong to, and which roles they hold. Credentials, login and permissions
// live in package auth.
package account

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/gongkai/gongkai/internal/apperr"
)

// A User is a staff account. Public users (applicants) are not Users.
type User struct {
	ID       int64
	AgencyID int64
	// Login is the sign-in name, stored normalised (NormalizeLogin);
	// unique across the installation.
	Login       string
	DisplayName string
	Roles       []Role
	// PasswordHash is an argon2id PHC string; never empty.
	PasswordHash string
	// MustChangePassword is set for one-time passwords (new accounts and
	// resets): the next login must choose a new password.
	MustChangePassword bool
	PasswordChangedAt  time.Time
	Disabled           bool
	// FailedLogins is no longer counted here (failures are counted per
	// source); LockedUntil is when the latest lock from any source ends
	// (zero when none), for the back office to show: a lock applies only
	// to the source that caused it (account.Store.LoginLockedUntil).
	FailedLogins int
	LockedUntil  time.Time
	// TOTPSecret is the base32 TOTP key, empty when not enrolled;
	// TOTPEnabled is set once a code has confirmed it. TOTPLastStep is the
	// last accepted time step, so a code cannot be replayed.
	TOTPSecret   string
	TOTPEnabled  bool
	TOTPLastStep int64
	CreatedAt    time.Time
	LastLoginAt  time.Time
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// Locked reports whether u is locked at time now.
func (u User) Locked(now time.Time) bool { return !u.LockedUntil.IsZero() && now.Before(u.LockedUntil) }

// Store is what accounts need from storage.
type Store interface {
	// CreateUser inserts u with its roles and returns it with ID and
	// CreatedAt set. A taken login is apperr.Conflict; so is a second
	// administrator role (the database's separation-of-duties index).
	CreateUser(ctx context.Context, u User) (User, error)
	// User returns the user with id, or apperr.NotFound.
	User(ctx context.Context, id int64) (User, error)
	// UserByLogin returns the user with the normalised login, or apperr.NotFound.
	UserByLogin(ctx context.Context, login string) (User, error)
	// ListUsers returns the users of the given agencies (all when agencyIDs
	// is nil) ordered by login.
	ListUsers(ctx context.Context, agencyIDs []int64) ([]User, error)
	// SetRoles replaces the roles of user id.
	SetRoles(ctx context.Context, id int64, roles []Role) error
	// SetDisabled disables or re-enables user id.
	SetDisabled(ctx context.Context, id int64, disabled bool) error
	// SetPassword stores a new hash, its time and the must-change flag, and
	// clears failures and any lock.
	SetPassword(ctx context.Context, id int64, hash string, changedAt time.Time, mustChange bool) error
	// RecordLoginFailure counts one failed login of user id from source
	// (a client address, see auth.Source) atomically. When the count
	// reaches threshold the account is locked for that source until
	// lockUntil and the count starts again from zero; other sources are
	// not locked. It returns the new count and the source's lock end
	// (possibly in the past). User.LockedUntil keeps the latest lock.
	RecordLoginFailure(ctx context.Context, id int64, source string, threshold int, lockUntil time.Time) (failures int, lockedUntil time.Time, err error)
	// LoginLockedUntil returns when the lock of user id for source ends;
	// zero when there is none.
	LoginLockedUntil(ctx context.Context, id int64, source string) (time.Time, error)
	// RecordLoginSuccess clears the failures of source and sets the last
	// login time.
	RecordLoginSuccess(ctx context.Context, id int64, source string, at time.Time) error
	// UnlockLogins clears the failures and locks of user id from every
	// source (SetPassword does too).
	UnlockLogins(ctx context.Context, id int64) error
	// SetTOTP stores the TOTP secret, whether it is enabled, and the last
	// accepted step.
	SetTOTP(ctx context.Context, id int64, secret string, enabled bool, lastStep int64) error
	// CountActiveAdmins returns how many enabled accounts hold role r.
	CountActiveAdmins(ctx context.Context, r Role) (int, error)
}

// Limits on names, in characters.
const (
	MinLoginLen = 2
	MaxLoginLen = 64
	MaxNameLen  = 50
)

// NormalizeLogin returns the form a login is stored and compared in:
// Unicode NFKC, lower case, surrounding space removed. Two logins that
// differ only in case or width are the same account (E-AUTH-01 a).
func NormalizeLogin(login string) string {
	return strings.ToLower(norm.NFKC.String(strings.TrimSpace(login)))
}

// ValidateLogin checks a normalised login: 2–64 characters of letters,
// digits, '.', '-', '_' and '@', starting with a letter or digit.
func ValidateLogin(login string) error {
	n := len([]rune(login))
	if n < MinLoginLen || n > MaxLoginLen {
		return apperr.New(apperr.Invalid, "user.login_length", MinLoginLen, MaxLoginLen)
	}
	for i, r := range login {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && strings.ContainsRune(".-_@", r))
		if !ok {
			return apperr.New(apperr.Invalid, "user.login_chars")
		}
	}
	return nil
}

// Validate checks u before it is stored.
func (u User) Validate() error {
	if err := ValidateLogin(u.Login); err != nil {
		return err
	}
	if u.Login != NormalizeLogin(u.Login) {
		return apperr.New(apperr.Invalid, "user.login_not_normal")
	}
	if len([]rune(u.DisplayName)) > MaxNameLen {
		return apperr.New(apperr.Invalid, "user.name_too_long", MaxNameLen)
	}
	if u.AgencyID <= 0 {
		return apperr.New(apperr.Invalid, "user.agency_required")
	}
	if strings.TrimSpace(u.PasswordHash) == "" {
		return apperr.New(apperr.Invalid, "user.hash_required")
	}
	return CheckRoles(u.Roles)
}
