// Package publicuser keeps the optional accounts of the public (issue 3
// item 4): anyone may file an application without one (条例第二十九条 asks
// for no account); an account only gathers the applicant's own requests,
// those filed while signed in and those claimed later with their tracking
// number and query code, so that they can be followed without typing the
// code again.
//
// Public accounts are not staff accounts: they live in their own table,
// have no roles and no agency, and the web layer keeps them under their
// own session cookie, so a public sign-in never opens the back office.
package publicuser

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
)

// An Account is one public account as stored. The login is kept sealed
// (LoginEnc) and found by its blind index (LoginKey); Login holds it in
// clear only in memory, after the service opened it.
type Account struct {
	ID                int64
	LoginKey          string
	LoginEnc          string
	Login             string
	DisplayName       string
	PasswordHash      string
	PasswordChangedAt time.Time
	FailedLogins      int
	LockedUntil       time.Time
	CreatedAt         time.Time
	LastLoginAt       time.Time
}

// Locked reports whether a is locked at now.
func (a Account) Locked(now time.Time) bool { return a.LockedUntil.After(now) }

// Kind says what a login is: an e-mail address or a mobile number.
type Kind string

// The kinds of login.
const (
	Email Kind = "email"
	Phone Kind = "phone"
)

// How a request came to an account.
const (
	LinkSubmit = "submit" // filed while signed in
	LinkClaim  = "claim"  // claimed later with tracking number and query code
)

// A LinkedRequest is one line of "my requests": what the applicant may see
// of a request without its code. It never carries personal data or staff
// notes.
type LinkedRequest struct {
	RequestID int64
	Tracking  string
	AgencyID  int64
	Agency    string
	State     string // the stored state (a request.State or casework.Submitted)
	Submitted calendar.Date
	Due       calendar.Date // zero before the clock starts
	Ended     calendar.Date
	How       string // LinkSubmit or LinkClaim
}

// Store is what the service needs from storage; *sqlstore.Store
// implements it. Missing rows are apperr.NotFound; a login (blind index)
// already taken is apperr.Conflict.
type Store interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	account.NoticeStore
	// UnlockPublicLogins clears the failures and locks of account id from
	// every source.
	UnlockPublicLogins(ctx context.Context, id int64) error
	CreatePublicAccount(ctx context.Context, a Account) (Account, error)
	PublicAccount(ctx context.Context, id int64) (Account, error)
	PublicAccountByLoginKey(ctx context.Context, key string) (Account, error)
	// RecordPublicLoginFailure counts a failure atomically; at threshold
	// it locks until lockUntil and resets the count to 0. It returns the
	// count and the lock end after the update.
	// It counts per source (a client address, see auth.Source): a lock
	// applies to that source only.
	RecordPublicLoginFailure(ctx context.Context, id int64, source string, threshold int, lockUntil time.Time) (int, time.Time, error)
	// PublicLoginLockedUntil returns when the lock of account id for
	// source ends; zero when there is none.
	PublicLoginLockedUntil(ctx context.Context, id int64, source string) (time.Time, error)
	RecordPublicLoginSuccess(ctx context.Context, id int64, source string, at time.Time) error
	// SetPublicPassword sets the hash, its change time, and clears
	// failures and the lock.
	SetPublicPassword(ctx context.Context, id int64, hash string, at time.Time) error
	// LinkPublicRequest links a request to an account; a request linked
	// to any account already is apperr.Conflict.
	LinkPublicRequest(ctx context.Context, accountID, requestID int64, how string, at time.Time) error
	// PublicRequestOwner returns the account a request is linked to, or
	// apperr.NotFound.
	PublicRequestOwner(ctx context.Context, requestID int64) (int64, error)
	// PublicRequests lists the requests of an account, newest first.
	PublicRequests(ctx context.Context, accountID int64) ([]LinkedRequest, error)
	// RequestIDByTracking returns the id of an agency's request with that
	// tracking number.
	RequestIDByTracking(ctx context.Context, agencyID int64, tracking string) (int64, error)
}

var (
	reEmail  = regexp.MustCompile(`^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$`)
	reMobile = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	// phoneSeparators are what people type inside a phone number.
	phoneSeparators = strings.NewReplacer(" ", "", "-", "", "\u00a0", "", "\u3000", "")
)

// NormalizeLogin returns the canonical form of a login and its kind: an
// e-mail address in lower case, or a mainland mobile number of 11 digits
// (spaces, dashes and a +86 or 0086 prefix removed). Anything else is
// apperr.Invalid.
func NormalizeLogin(s string) (string, Kind, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "@") {
		s = strings.ToLower(s)
		if len(s) > 254 || !utf8.ValidString(s) || !reEmail.MatchString(s) {
			return "", "", errLoginForm
		}
		return s, Email, nil
	}
	p := phoneSeparators.Replace(s)
	for _, pre := range []string{"+86", "0086"} {
		p = strings.TrimPrefix(p, pre)
	}
	if !reMobile.MatchString(p) {
		return "", "", errLoginForm
	}
	return p, Phone, nil
}

var errLoginForm = apperr.New(apperr.Invalid, "public.login_form")

// blindInput is what the blind index of a login is computed over; the
// prefix keeps it apart from every other blind index of the installation.
func blindInput(login string) string { return "public-login:" + login }

// LoginBlindInput is what a login's blind index is computed over, for a
// key rotation that recomputes it (`gongkai keys rotate`).
func LoginBlindInput(login string) string { return blindInput(login) }
