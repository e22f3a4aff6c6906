package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web/admin"
)

// authAdapter gives the back office the auth.Service in the shape of
// admin.Authenticator.
type authAdapter struct {
	svc *auth.Service
	now func() time.Time
}

func (a authAdapter) clock() time.Time {
	if a.now != nil {
		return a.now().UTC()
	}
	return time.Now().UTC()
}

func stepOf(res auth.LoginResult) admin.LoginStep {
	switch {
	case res.NeedCode:
		return admin.StepTOTP
	case res.NeedEnrollment:
		return admin.StepEnroll
	case res.MustChangePassword:
		return admin.StepChangePassword
	}
	return admin.StepDone
}

func (a authAdapter) Login(ctx context.Context, from audit.Actor, login, password string) (account.User, admin.LoginStep, error) {
	res, err := a.svc.Login(ctx, auth.LoginInput{Login: login, Password: password, IP: from.IP})
	if err != nil {
		return account.User{}, 0, err
	}
	return res.User, stepOf(res), nil
}

// VerifyTOTP is the code half of auth.Service.Login for a user whose
// password the back office accepted a moment ago: the password is not
// kept between the two pages. Wrong codes count towards the lockout like
// wrong passwords, and every outcome is audited as Login does.
func (a authAdapter) VerifyTOTP(ctx context.Context, from audit.Actor, userID int64, code string) (admin.LoginStep, error) {
	s := a.svc
	now := a.clock()
	u, err := s.Users.User(ctx, userID)
	if err != nil {
		if errors.Is(err, apperr.NotFound) {
			return 0, auth.ErrBadCredentials
		}
		return 0, err
	}
	actor := audit.Actor{UserID: u.ID, Login: u.Login, IP: from.IP}
	if u.Disabled || u.Locked(now) || !u.TOTPEnabled {
		if err := s.Audit.Record(ctx, actor.Event(audit.ActLoginLocked, "user", u.ID, audit.ResultDenied, "second factor refused")); err != nil {
			return 0, err
		}
		return 0, auth.ErrBadCredentials
	}
	step, ok := auth.CheckTOTP(u.TOTPSecret, code, now, u.TOTPLastStep)
	if !ok {
		err := s.Tx.InTx(ctx, func(ctx context.Context) error {
			n, until, err := s.Users.RecordLoginFailure(ctx, u.ID, s.Settings.LockoutThreshold, now.Add(s.Settings.LockoutDuration))
			if err != nil {
				return err
			}
			if until.After(now) && n == 0 {
				return s.Audit.Record(ctx, actor.Event(audit.ActLoginLockout, "user", u.ID, audit.ResultDenied, "wrong totp code; locked"))
			}
			return s.Audit.Record(ctx, actor.Event(audit.ActLoginFail, "user", u.ID, audit.ResultFail, "wrong totp code"))
		})
		if err != nil {
			return 0, err
		}
		return 0, auth.ErrBadCredentials
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Users.RecordLoginSuccess(ctx, u.ID, now); err != nil {
			return err
		}
		if err := s.Users.SetTOTP(ctx, u.ID, u.TOTPSecret, true, step); err != nil {
			return err
		}
		return s.Audit.Record(ctx, actor.Event(audit.ActLoginOK, "user", u.ID, audit.ResultOK, "second factor"))
	})
	if err != nil {
		return 0, err
	}
	if u.MustChangePassword || s.Settings.Policy.Expired(u.PasswordChangedAt, now) {
		return admin.StepChangePassword, nil
	}
	return admin.StepDone, nil
}

func (a authAdapter) BeginTOTP(ctx context.Context, userID int64) (string, string, error) {
	return a.svc.BeginTOTP(ctx, userID)
}

func (a authAdapter) ConfirmTOTP(ctx context.Context, by audit.Actor, userID int64, code string) error {
	u, err := a.svc.Users.User(ctx, userID)
	if err != nil {
		return err
	}
	by.Login = u.Login
	return a.svc.ConfirmTOTP(ctx, by, userID, code)
}

func (a authAdapter) ChangePassword(ctx context.Context, by audit.Actor, userID int64, current, next string) error {
	return a.svc.ChangePassword(ctx, by, userID, current, next)
}

func (a authAdapter) PolicyText() string {
	p := a.svc.Settings.Policy
	if p.MinClasses > 0 {
		return "至少 " + itoa(p.MinLength) + " 个字符，包含大写字母、小写字母、数字、其他字符中的至少 " + itoa(p.MinClasses) +
			" 类，不能包含登录名或过于常见。 / At least " + itoa(p.MinLength) + " characters using " + itoa(p.MinClasses) +
			" of: upper case, lower case, digits, other; not the login name, not a common password."
	}
	return "至少 " + itoa(p.MinLength) + " 个字符，不能包含登录名或过于常见。 / At least " + itoa(p.MinLength) +
		" characters; not the login name, not a common password."
}

func (a authAdapter) Bootstrap(ctx context.Context, from audit.Actor, token, agencyName, login, password string) (account.User, error) {
	return a.svc.Bootstrap(ctx, auth.BootstrapInput{Token: token, AgencyName: agencyName, Login: login,
		Password: password, IP: from.IP})
}

func (a authAdapter) Logout(ctx context.Context, by audit.Actor) error {
	return a.svc.Audit.Record(ctx, by.Event(audit.ActLogout, "user", by.UserID, audit.ResultOK, ""))
}

// accountsAdapter gives the back office auth.Service's account management
// by id.
type accountsAdapter struct {
	svc *auth.Service
}

func (a accountsAdapter) Create(ctx context.Context, by audit.Actor, u account.User) (account.User, string, error) {
	return a.svc.AddUser(ctx, by, auth.NewUser{AgencyID: u.AgencyID, Login: u.Login, DisplayName: u.DisplayName, Roles: u.Roles})
}

func (a accountsAdapter) Disable(ctx context.Context, by audit.Actor, id int64) error {
	u, err := a.svc.Users.User(ctx, id)
	if err != nil {
		return err
	}
	_, err = a.svc.DisableUser(ctx, by, u.Login)
	return err
}

func (a accountsAdapter) SetRoles(ctx context.Context, by audit.Actor, id int64, roles []account.Role) error {
	u, err := a.svc.Users.User(ctx, id)
	if err != nil {
		return err
	}
	return a.svc.SetRoles(ctx, by, u.Login, roles)
}

func (a accountsAdapter) Reset(ctx context.Context, by audit.Actor, id int64) (string, error) {
	u, err := a.svc.Users.User(ctx, id)
	if err != nil {
		return "", err
	}
	return a.svc.ResetPassword(ctx, by, u.Login)
}

func itoa(n int) string { return strconv.Itoa(n) }
