package auth

import (
	"context"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

// Settings are the security parameters of a Service, built from the
// configuration by the caller (see NewSettings).
type Settings struct {
	Policy           Policy
	LockoutThreshold int           // consecutive failures that lock an account
	LockoutDuration  time.Duration // how long the lock lasts
	RequireTOTP      bool          // second factor mandatory (等保 level 3)
	Issuer           string        // name shown in authenticator apps
	Hash             Params        // argon2id cost
	BootstrapTTL     time.Duration // how long a bootstrap token is valid
	// InactiveAfter refuses the login of an account unused this long
	// (Inactive); 0 turns the rule off.
	InactiveAfter time.Duration
}

// NewSettings returns the settings for a password profile name ("dengbao"
// or "asvs"), a lockout threshold and duration and the second-factor
// switch, with the default hash cost and a 24-hour bootstrap token.
func NewSettings(profile string, threshold int, lockout time.Duration, requireTOTP bool) (Settings, error) {
	p, err := PolicyByName(profile)
	if err != nil {
		return Settings{}, err
	}
	if threshold < 1 || lockout <= 0 {
		return Settings{}, apperr.New(apperr.Invalid, "auth.lockout_settings")
	}
	return Settings{Policy: p, LockoutThreshold: threshold, LockoutDuration: lockout, RequireTOTP: requireTOTP,
		Issuer: "gongkai", Hash: DefaultParams, BootstrapTTL: 24 * time.Hour}, nil
}

// TokenStore keeps the hashes of one-time bootstrap tokens.
type TokenStore interface {
	// CreateBootstrapToken stores a new token hash valid until expires and
	// ends every earlier unused token.
	CreateBootstrapToken(ctx context.Context, hash string, now, expires time.Time) error
	// ConsumeBootstrapToken marks the token used, or returns
	// apperr.Unauthenticated when it is unknown, used or expired.
	ConsumeBootstrapToken(ctx context.Context, hash string, now time.Time) error
}

// Store is everything a Service needs from storage; *sqlstore.Store
// implements it.
type Store interface {
	account.Store
	account.NoticeStore
	agency.Store
	TokenStore
	audit.TxRunner
}

// A Service manages staff credentials: accounts with one-time passwords,
// disabling, resets, role changes, login with lockout, the TOTP second
// factor, password changes and the bootstrap of the first administrator.
// Every change is written to the audit log in the same transaction.
//
// A Service does not check who calls it: callers check Can(subject,
// UserManage, 0) (or RoleGrant for SetRoles) first. The command line acts
// with the authority of the server's operator.
type Service struct {
	Users    account.Store
	Agencies agency.Store
	Tokens   TokenStore
	Notices  account.NoticeStore
	Tx       audit.TxRunner
	Audit    *audit.Log
	Settings Settings
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Rand is the source for passwords and tokens; nil means crypto/rand.
	Rand io.Reader
	// Secrets seals TOTP secrets at rest; nil stores them as they are.
	Secrets Sealer
}

// NewService returns a Service on st writing to log. It refuses a nil
// dependency, so a wiring mistake fails at start-up; Now, Rand and
// Secrets are optional.
func NewService(st Store, log *audit.Log, s Settings) (*Service, error) {
	switch {
	case st == nil:
		return nil, errors.New("auth.NewService: nil Store")
	case log == nil:
		return nil, errors.New("auth.NewService: nil audit.Log")
	}
	dummyHash() // now, so that the first unknown login takes no longer than later ones
	return &Service{Users: st, Agencies: st, Tokens: st, Notices: st, Tx: st, Audit: log, Settings: s}, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// NewUser is what AddUser needs to create an account.
type NewUser struct {
	AgencyID    int64
	Login       string
	DisplayName string
	Roles       []account.Role
}

// AddUser creates an account with a random one-time password, which it
// returns for handing over; the account must change it at first login.
// Records user.create.
func (s *Service) AddUser(ctx context.Context, by audit.Actor, nu NewUser) (account.User, string, error) {
	pw, err := NewOneTimePassword(s.Rand)
	if err != nil {
		return account.User{}, "", err
	}
	hash, err := HashPassword([]byte(pw), s.Settings.Hash)
	if err != nil {
		return account.User{}, "", err
	}
	now := s.now()
	u := account.User{AgencyID: nu.AgencyID, Login: account.NormalizeLogin(nu.Login), DisplayName: nu.DisplayName,
		Roles: nu.Roles, PasswordHash: hash, MustChangePassword: true, PasswordChangedAt: now, CreatedAt: now}
	if err := u.Validate(); err != nil {
		return account.User{}, "", err
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.Agencies.Agency(ctx, u.AgencyID); err != nil {
			return err
		}
		var err error
		if u, err = s.Users.CreateUser(ctx, u); err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event(audit.ActUserCreate, "user", u.ID, audit.ResultOK,
			"login="+u.Login+" roles="+rolesText(u.Roles)+" agency="+strconv.FormatInt(u.AgencyID, 10)))
	})
	if err != nil {
		return account.User{}, "", err
	}
	return u, pw, nil
}

func rolesText(rs []account.Role) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += ","
		}
		out += string(r)
	}
	return out
}

// DisableUser disables the account login so it can no longer sign in
// (E-AC-03). The last enabled 系统管理员 cannot be disabled, so the
// installation never locks itself out. Records user.disable. The web layer
// also ends the account's live sessions.
func (s *Service) DisableUser(ctx context.Context, by audit.Actor, login string) (account.User, error) {
	var u account.User
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		if u, err = s.Users.UserByLogin(ctx, account.NormalizeLogin(login)); err != nil {
			return err
		}
		if u.Disabled {
			return apperr.New(apperr.Conflict, "user.already_disabled")
		}
		if u.Has(account.SysAdmin) {
			n, err := s.Users.CountActiveAdmins(ctx, account.SysAdmin)
			if err != nil {
				return err
			}
			if n <= 1 {
				return apperr.New(apperr.Conflict, "user.last_sysadmin")
			}
		}
		if err := s.Users.SetDisabled(ctx, u.ID, true); err != nil {
			return err
		}
		u.Disabled = true
		return s.Audit.Record(ctx, by.Event(audit.ActUserDisable, "user", u.ID, audit.ResultOK, "login="+u.Login))
	})
	return u, err
}

// ResetPassword gives the account login a new one-time password, which it
// returns, and clears any lock; the next login must change it. A TOTP
// enrolment stays, so the second factor is still asked (E-AUTH-04).
// Records user.reset.
func (s *Service) ResetPassword(ctx context.Context, by audit.Actor, login string) (string, error) {
	pw, err := NewOneTimePassword(s.Rand)
	if err != nil {
		return "", err
	}
	hash, err := HashPassword([]byte(pw), s.Settings.Hash)
	if err != nil {
		return "", err
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		u, err := s.Users.UserByLogin(ctx, account.NormalizeLogin(login))
		if err != nil {
			return err
		}
		if err := s.Users.SetPassword(ctx, u.ID, hash, s.now(), true); err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event(audit.ActUserReset, "user", u.ID, audit.ResultOK, "login="+u.Login))
	})
	if err != nil {
		return "", err
	}
	return pw, nil
}

// SetRoles replaces the roles of the account login after checking
// separation of duties. Only a 安全管理员 may call it (Can RoleGrant).
// Records user.roles.
func (s *Service) SetRoles(ctx context.Context, by audit.Actor, login string, roles []account.Role) error {
	if err := account.CheckRoles(roles); err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		u, err := s.Users.UserByLogin(ctx, account.NormalizeLogin(login))
		if err != nil {
			return err
		}
		if err := s.Users.SetRoles(ctx, u.ID, roles); err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event(audit.ActRoleChange, "user", u.ID, audit.ResultOK,
			"login="+u.Login+" from="+rolesText(u.Roles)+" to="+rolesText(roles)))
	})
}

// SubjectFor returns the permission subject of u, loading the supervisor
// scope (the agency's subtree and what it oversees) when u is a 监督员.
func (s *Service) SubjectFor(ctx context.Context, u account.User) (Subject, error) {
	var scope []int64
	if u.Has(account.Supervisor) {
		var err error
		if scope, err = agency.Scope(ctx, s.Agencies, u.AgencyID); err != nil {
			return Subject{}, err
		}
	}
	return NewSubject(u, scope), nil
}
