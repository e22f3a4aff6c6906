package auth

import (
	"context"
	"encoding/base32"
	"encoding/hex"
	"io"
	"strings"

	"github.com/emmansun/gmsm/sm3"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
)

// There is no default account and no default password (GB/T 22239-2019
// 8.1.4.2 a–b, E-AC-01/02). The first 系统管理员 is created with a
// one-time bootstrap token that the server prints on its console at start
// while no enabled 系统管理员 exists. Only the token's SM3 hash is stored;
// it expires after Settings.BootstrapTTL and works once.

// NeedsBootstrap reports whether no enabled 系统管理员 exists.
func (s *Service) NeedsBootstrap(ctx context.Context) (bool, error) {
	n, err := s.Users.CountActiveAdmins(ctx, account.SysAdmin)
	return n == 0, err
}

// IssueBootstrapToken returns a new one-time token when no enabled
// 系统管理员 exists, ending any earlier token, and "" otherwise. Records
// bootstrap.issue (without the token).
func (s *Service) IssueBootstrapToken(ctx context.Context) (string, error) {
	need, err := s.NeedsBootstrap(ctx)
	if err != nil || !need {
		return "", err
	}
	r := s.Rand
	if r == nil {
		r = randReader
	}
	var b [20]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	token := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:])
	now := s.now()
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Tokens.CreateBootstrapToken(ctx, tokenHash(token), now, now.Add(s.Settings.BootstrapTTL)); err != nil {
			return err
		}
		return s.Audit.Record(ctx, audit.CLI.Event(audit.ActBootstrapIssue, "bootstrap", 0, audit.ResultOK, ""))
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

func tokenHash(token string) string {
	sum := sm3.Sum([]byte(strings.ToUpper(strings.TrimSpace(token))))
	return hex.EncodeToString(sum[:])
}

// BootstrapInput creates the first 系统管理员.
type BootstrapInput struct {
	Token       string
	AgencyName  string // the administrator's agency; created when missing
	Login       string
	DisplayName string
	Password    string // chosen now, checked against the policy
	IP          string
}

// Bootstrap consumes the token and creates the first 系统管理员 with the
// chosen password, all in one transaction. A wrong, used or expired token
// is apperr.Unauthenticated. Records bootstrap.consume.
func (s *Service) Bootstrap(ctx context.Context, in BootstrapInput) (account.User, error) {
	login := account.NormalizeLogin(in.Login)
	if err := account.ValidateLogin(login); err != nil {
		return account.User{}, err
	}
	if err := s.Settings.Policy.Check(in.Password, login); err != nil {
		return account.User{}, err
	}
	name := agency.NormalizeName(in.AgencyName)
	if err := (agency.Agency{Name: name}).Validate(); err != nil {
		return account.User{}, err
	}
	hash, err := HashPassword([]byte(in.Password), s.Settings.Hash)
	if err != nil {
		return account.User{}, err
	}
	now := s.now()
	actor := audit.Actor{Login: login, IP: in.IP}
	var u account.User
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		need, err := s.NeedsBootstrap(ctx)
		if err != nil {
			return err
		}
		if !need {
			return apperr.New(apperr.Conflict, "bootstrap.admin_exists")
		}
		if err := s.Tokens.ConsumeBootstrapToken(ctx, tokenHash(in.Token), now); err != nil {
			return err
		}
		a, err := s.Agencies.AgencyByName(ctx, name)
		if apperr.KindOf(err) == apperr.NotFound {
			if a, err = s.Agencies.CreateAgency(ctx, agency.Agency{Name: name, CreatedAt: now}); err == nil {
				err = s.Audit.Record(ctx, actor.Event(audit.ActAgencyCreate, "agency", a.ID, audit.ResultOK, a.Name))
			}
		}
		if err != nil {
			return err
		}
		u = account.User{AgencyID: a.ID, Login: login, DisplayName: in.DisplayName, Roles: []account.Role{account.SysAdmin},
			PasswordHash: hash, PasswordChangedAt: now, CreatedAt: now}
		if err := u.Validate(); err != nil {
			return err
		}
		if u, err = s.Users.CreateUser(ctx, u); err != nil {
			return err
		}
		actor.UserID = u.ID
		return s.Audit.Record(ctx, actor.Event(audit.ActBootstrapConsume, "user", u.ID, audit.ResultOK, "first sysadmin "+u.Login))
	})
	if err != nil {
		if apperr.KindOf(err) == apperr.Unauthenticated {
			_ = s.Audit.Record(ctx, actor.Event(audit.ActBootstrapConsume, "bootstrap", 0, audit.ResultFail, "bad token"))
		}
		return account.User{}, err
	}
	return u, nil
}
