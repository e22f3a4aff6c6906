package publicuser

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/pii"
)

// ErrBadCredentials is the one error every failed sign-in returns:
// unknown login, wrong password and locked account look the same
// (GB/T 22239-2019 8.1.4.1 b; SECURITY.md E-AUTH-02 a), as for staff.
var ErrBadCredentials = apperr.New(apperr.Unauthenticated, "public.bad_credentials")

// errWrongCurrent answers a wrong current password, and any change while
// the account is locked.
var errWrongCurrent = apperr.New(apperr.Invalid, "public.wrong_current")

// errClaim answers a claim with an unknown number or a wrong code: the
// same words as the public lookup.
var errClaim = apperr.New(apperr.NotFound, "public.claim_wrong")

// Settings are the security parameters of a Service.
type Settings struct {
	// LockoutThreshold failures in a row lock an account for
	// LockoutDuration: the staff rule (5 and 15 minutes by default).
	LockoutThreshold int
	LockoutDuration  time.Duration
	// Policy checks new passwords. Public accounts use auth.ASVS: length
	// and a common-password check, no composition rules and no forced
	// rotation (they administer nothing; ASVS 2.1.9, 2.1.10).
	Policy auth.Policy
	Hash   auth.Params
}

// DefaultSettings are 5 failures, 15 minutes, the ASVS policy and the
// default argon2id cost.
var DefaultSettings = Settings{LockoutThreshold: 5, LockoutDuration: 15 * time.Minute, Policy: auth.ASVS, Hash: auth.DefaultParams}

// Auditor records audit events (*audit.Log).
type Auditor interface {
	Record(ctx context.Context, e audit.Event) error
}

// Cases is what the service needs of the request service
// (*casework.Service): the public lookup, which checks a query code, and
// the applicant's view of a linked request.
type Cases interface {
	Lookup(ctx context.Context, tracking, code string) (casework.PublicView, error)
	PublicViewOf(ctx context.Context, rec casework.Record) (casework.PublicView, error)
	// OpenRelease opens a file the reply released to rec's applicant and
	// audits the download as by actor.
	OpenRelease(ctx context.Context, rec casework.Record, fileID int64, actor audit.Actor) (casework.Attachment, io.ReadCloser, error)
}

// Records reads stored requests (*sqlstore.Store), for the status view
// of a linked request.
type Records interface {
	Request(ctx context.Context, id int64) (casework.Record, error)
}

// A Service registers and signs in public accounts and links requests to
// them.
type Service struct {
	St       Store
	Records  Records
	Cases    Cases
	Keys     *pii.Keyring
	Audit    Auditor
	Settings Settings
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// mail queues the e-mail copies of notices; nil when e-mail is off
	// (EnableMail).
	mail *mailing
}

// New returns a service on st that reads linked requests from records,
// looks requests up through cases, seals logins with keys and records to
// log, with the security parameters set. It refuses a nil dependency, so
// a wiring mistake fails at start-up; Now is optional.
func New(st Store, records Records, cases Cases, keys *pii.Keyring, log Auditor, set Settings) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("publicuser.New: nil Store")
	case records == nil:
		return nil, errors.New("publicuser.New: nil Records")
	case cases == nil:
		return nil, errors.New("publicuser.New: nil Cases")
	case keys == nil:
		return nil, errors.New("publicuser.New: nil pii.Keyring")
	case log == nil:
		return nil, errors.New("publicuser.New: nil Auditor")
	}
	return &Service{St: st, Records: records, Cases: cases, Keys: keys, Audit: log, Settings: set}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// A Registration is what the register form gives.
type Registration struct {
	Login       string // e-mail address or mobile number
	DisplayName string
	Password    string
}

var (
	dummyOnce sync.Once
	dummyHash string
)

// dummy returns a hash verified for unknown or locked logins, so that they
// take as long as a real check.
func dummy() string {
	dummyOnce.Do(func() { dummyHash, _ = auth.HashPassword([]byte("gongkai-public-dummy"), auth.DefaultParams) })
	return dummyHash
}

// actor is the audit actor of a public account: never the clear login
// (personal information in an immutable log), never a staff user id.
func actor(id int64, ip string) audit.Actor {
	return audit.Actor{Login: "public#" + strconv.FormatInt(id, 10), IP: ip}
}

// Register creates an account. The login must be an e-mail address or a
// mobile number, the password must pass the policy and not contain the
// login. Records public.register.
//
// It does not tell whether the login had an account (SECURITY.md
// O-AUTH; #10 item 7): for a taken login it does the same work — the
// password is hashed, a row written — and returns no error and a zero
// Account, while the owner is notified (in-app at their next sign-in, and
// by mail when the login is an address and e-mail is on). The new account
// is not signed in: the caller says the same words for both and sends
// the visitor to sign in.
func (s *Service) Register(ctx context.Context, g Registration, ip string) (Account, error) {
	login, kind, err := NormalizeLogin(g.Login)
	if err != nil {
		return Account{}, err
	}
	name := strings.TrimSpace(g.DisplayName)
	switch {
	case name == "":
		return Account{}, apperr.New(apperr.Invalid, "public.name_required")
	case utf8.RuneCountInString(name) > 100:
		return Account{}, apperr.New(apperr.Invalid, "public.name_too_long")
	}
	inLogin := login
	if kind == Email {
		inLogin, _, _ = strings.Cut(login, "@")
	}
	if err := s.Settings.Policy.Check(g.Password, inLogin); err != nil {
		return Account{}, err
	}
	hash, err := auth.HashPassword([]byte(g.Password), s.Settings.Hash)
	if err != nil {
		return Account{}, err
	}
	enc, err := s.Keys.Seal(login)
	if err != nil {
		return Account{}, err
	}
	now := s.now()
	key := s.Keys.BlindIndex(blindInput(login))
	a := Account{LoginKey: key, LoginEnc: enc, DisplayName: name,
		PasswordHash: hash, PasswordChangedAt: now, CreatedAt: now}
	err = s.St.InTx(ctx, func(ctx context.Context) error {
		var err error
		if a, err = s.St.CreatePublicAccount(ctx, a); err != nil {
			return err
		}
		if err := s.notify(ctx, a, login, account.Notice{Topic: account.TopicRegistered, CreatedAt: now}); err != nil {
			return err
		}
		return s.Audit.Record(ctx, actor(a.ID, ip).Event("public.register", "public_account", a.ID, audit.ResultOK, string(kind)))
	})
	if errors.Is(err, apperr.Conflict) {
		return Account{}, s.registerTaken(ctx, key, login, ip)
	}
	if err != nil {
		return Account{}, err
	}
	a.Login, a.PasswordHash = login, ""
	return a, nil
}

// Account returns account id with its login opened and without its hash.
func (s *Service) Account(ctx context.Context, id int64) (Account, error) {
	a, err := s.St.PublicAccount(ctx, id)
	if err != nil {
		return Account{}, err
	}
	if a.Login, err = s.Keys.Open(a.LoginEnc); err != nil {
		return Account{}, err
	}
	a.PasswordHash = ""
	return a, nil
}

// Login checks a sign-in. After Settings.LockoutThreshold failures in a
// row from one source (auth.Source of ip) the account is locked for that
// source for Settings.LockoutDuration (other sources are not locked, so
// nobody can keep the owner out), and while it is locked even the right
// password from there gets ErrBadCredentials (GB/T 22239-2019
// 8.1.4.1 b): the same error as an unknown login or a wrong password.
// Records public.login.ok, .fail, .lockout (the failure that locks) and
// .locked (an attempt while locked).
func (s *Service) Login(ctx context.Context, login, password, ip string) (Account, error) {
	now := s.now()
	norm, _, err := NormalizeLogin(login)
	var a Account
	if err == nil {
		a, err = s.St.PublicAccountByLoginKey(ctx, s.Keys.BlindIndex(blindInput(norm)))
	}
	if errors.Is(err, apperr.NotFound) || errors.Is(err, apperr.Invalid) {
		_, _, _ = auth.VerifyPassword([]byte(password), dummy(), s.Settings.Hash)
		if err := s.Audit.Record(ctx, audit.Actor{Login: "public", IP: ip}.Event("public.login.fail", "public_account", 0,
			audit.ResultFail, "unknown login")); err != nil {
			return Account{}, err
		}
		return Account{}, ErrBadCredentials
	}
	if err != nil {
		return Account{}, err
	}
	act := actor(a.ID, ip)
	lockedUntil, err := s.St.PublicLoginLockedUntil(ctx, a.ID, auth.Source(ip))
	if err != nil {
		return Account{}, err
	}
	if lockedUntil.After(now) {
		_, _, _ = auth.VerifyPassword([]byte(password), dummy(), s.Settings.Hash)
		if err := s.Audit.Record(ctx, act.Event("public.login.locked", "public_account", a.ID, audit.ResultDenied,
			"locked for this address until "+lockedUntil.UTC().Format(time.RFC3339))); err != nil {
			return Account{}, err
		}
		return Account{}, ErrBadCredentials
	}
	ok, _, err := auth.VerifyPassword([]byte(password), a.PasswordHash, s.Settings.Hash)
	if err != nil || !ok {
		if err := s.fail(ctx, act, a.ID, now, "public.login.fail", "wrong password"); err != nil {
			return Account{}, err
		}
		return Account{}, ErrBadCredentials
	}
	err = s.St.InTx(ctx, func(ctx context.Context) error {
		if err := s.St.RecordPublicLoginSuccess(ctx, a.ID, auth.Source(ip), now); err != nil {
			return err
		}
		return s.Audit.Record(ctx, act.Event("public.login.ok", "public_account", a.ID, audit.ResultOK, ""))
	})
	if err != nil {
		return Account{}, err
	}
	a.Login, a.PasswordHash, a.FailedLogins, a.LastLoginAt = norm, "", 0, now
	return a, nil
}

// fail counts a failure of account id and audits it as action, or as
// public.login.lockout when it locks the account.
func (s *Service) fail(ctx context.Context, act audit.Actor, id int64, now time.Time, action, what string) error {
	return s.St.InTx(ctx, func(ctx context.Context) error {
		n, until, err := s.St.RecordPublicLoginFailure(ctx, id, auth.Source(act.IP), s.Settings.LockoutThreshold, now.Add(s.Settings.LockoutDuration))
		if err != nil {
			return err
		}
		if until.After(now) && n == 0 {
			if err := s.lockoutNotice(ctx, id, act.IP, until, now); err != nil {
				return err
			}
			return s.Audit.Record(ctx, act.Event("public.login.lockout", "public_account", id, audit.ResultDenied,
				what+"; locked until "+until.UTC().Format(time.RFC3339)))
		}
		return s.Audit.Record(ctx, act.Event(action, "public_account", id, audit.ResultFail, what))
	})
}

// Logout records public.logout; the web layer ends the session.
func (s *Service) Logout(ctx context.Context, id int64, ip string) error {
	return s.Audit.Record(ctx, actor(id, ip).Event("public.logout", "public_account", id, audit.ResultOK, ""))
}

// ChangePassword sets a new password after checking the current one. A
// wrong current password counts towards the lockout, and a locked account
// cannot change its password (SECURITY.md O-AUTH-03). It returns the new
// change time, which the web layer keeps in the session so that the
// account's other sessions end (O-SES-02). Records public.password.change.
func (s *Service) ChangePassword(ctx context.Context, id int64, current, next, ip string) (time.Time, error) {
	a, err := s.Account(ctx, id)
	if err != nil {
		return time.Time{}, err
	}
	full, err := s.St.PublicAccount(ctx, id)
	if err != nil {
		return time.Time{}, err
	}
	now, act := s.now(), actor(id, ip)
	lockedUntil, err := s.St.PublicLoginLockedUntil(ctx, id, auth.Source(ip))
	if err != nil {
		return time.Time{}, err
	}
	if lockedUntil.After(now) {
		_, _, _ = auth.VerifyPassword([]byte(current), dummy(), s.Settings.Hash)
		if err := s.Audit.Record(ctx, act.Event("public.password.change", "public_account", id, audit.ResultDenied, "locked")); err != nil {
			return time.Time{}, err
		}
		return time.Time{}, errWrongCurrent
	}
	if ok, _, err := auth.VerifyPassword([]byte(current), full.PasswordHash, s.Settings.Hash); err != nil || !ok {
		if err := s.fail(ctx, act, id, now, "public.password.change", "wrong current password"); err != nil {
			return time.Time{}, err
		}
		return time.Time{}, errWrongCurrent
	}
	inLogin := a.Login
	if l, _, ok := strings.Cut(a.Login, "@"); ok {
		inLogin = l
	}
	if err := s.Settings.Policy.Check(next, inLogin); err != nil {
		return time.Time{}, err
	}
	if next == current {
		return time.Time{}, apperr.New(apperr.Invalid, "public.password_same")
	}
	hash, err := auth.HashPassword([]byte(next), s.Settings.Hash)
	if err != nil {
		return time.Time{}, err
	}
	err = s.St.InTx(ctx, func(ctx context.Context) error {
		if err := s.St.SetPublicPassword(ctx, id, hash, now); err != nil {
			return err
		}
		return s.Audit.Record(ctx, act.Event("public.password.change", "public_account", id, audit.ResultOK, ""))
	})
	return now.UTC().Truncate(time.Microsecond), err
}
