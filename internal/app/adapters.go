package app

import (
	"context"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// authAdapter gives the back office the auth.Service in the shape of
// backoffice.Authenticator.
type authAdapter struct {
	svc *auth.Service
}

func stepOf(res auth.LoginResult) backoffice.LoginStep {
	switch {
	case res.NeedCode:
		return backoffice.StepTOTP
	case res.NeedEnrollment:
		return backoffice.StepEnroll
	case res.MustChangePassword:
		return backoffice.StepChangePassword
	}
	return backoffice.StepDone
}

func (a authAdapter) Login(ctx context.Context, from audit.Actor, login, password string) (account.User, backoffice.LoginStep, error) {
	res, err := a.svc.Login(ctx, auth.LoginInput{Login: login, Password: password, IP: from.IP})
	if err != nil {
		return account.User{}, 0, err
	}
	return res.User, stepOf(res), nil
}

// VerifyTOTP is the second login step for a user whose password the back
// office accepted a moment ago (auth.Service.LoginCode): the password is
// not kept between the two pages.
func (a authAdapter) VerifyTOTP(ctx context.Context, from audit.Actor, userID int64, code string) (backoffice.LoginStep, error) {
	res, err := a.svc.LoginCode(ctx, userID, code, from.IP)
	if err != nil {
		return 0, err
	}
	return stepOf(res), nil
}

// TakeNotices returns the user's unseen account notices, marking them seen.
func (a authAdapter) TakeNotices(ctx context.Context, userID int64) ([]account.Notice, error) {
	return a.svc.TakeNotices(ctx, userID)
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

func (a authAdapter) PasswordPolicy() auth.Policy { return a.svc.Settings.Policy }

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

func (a accountsAdapter) Unlock(ctx context.Context, by audit.Actor, id int64) error {
	u, err := a.svc.Users.User(ctx, id)
	if err != nil {
		return err
	}
	_, err = a.svc.Unlock(ctx, by, u.Login)
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
