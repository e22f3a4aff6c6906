package publicuser

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
)

// MaxNoticeMailsPerDay caps the notice mails of one kind to one address
// in 24 hours: anyone can try to register a stranger's address or fail
// to sign in as them, so without a cap the forms could flood a mailbox
// (SECURITY.md O-BL-01). The notice itself is always kept in-app.
const MaxNoticeMailsPerDay = 3

// mailing is the e-mail setting of a Service: nil when e-mail is off.
type mailing struct {
	queue    casework.MailQueue
	loginURL string
}

// EnableMail makes every later notice to an account whose login is an
// e-mail address also queue a mail in q (e-mail is off until then).
// portalURL is the public site's base URL; the mail links the sign-in
// page. Call it once at start, before the service is shared.
func (s *Service) EnableMail(q casework.MailQueue, portalURL string) {
	s.mail = &mailing{queue: q, loginURL: strings.TrimRight(portalURL, "/") + "/account/login"}
}

// notify stores notice n for account a (whose login is login, in
// clear) and, when e-mail is on and the login is an address, queues its
// mail, in the caller's transaction.
func (s *Service) notify(ctx context.Context, a Account, login string, n account.Notice) error {
	n.Kind, n.AccountID = account.NoticePublic, a.ID
	if err := s.St.AddNotice(ctx, n); err != nil {
		return err
	}
	if s.mail == nil || !strings.Contains(login, "@") {
		return nil
	}
	key := s.Keys.BlindIndex("mail:" + login)
	kind := "account_" + n.Topic
	sent, err := s.mail.queue.MailCount(ctx, key, kind, n.CreatedAt.Add(-24*time.Hour))
	if err != nil || sent >= MaxNoticeMailsPerDay {
		return err
	}
	return s.mail.queue.EnqueueMail(ctx, casework.Mail{Kind: kind, RecipientEnc: a.LoginEnc, RecipientKey: key,
		Subject: "政府信息公开平台账号通知 / Notice on your account", Body: s.mailBody(n), CreatedAt: n.CreatedAt})
}

// mailBody is the text of a notice's mail: what happened, what to do,
// never a password or link that signs in.
func (s *Service) mailBody(n account.Notice) string {
	var zh, en string
	at := n.CreatedAt.In(time.FixedZone("UTC+8", 8*3600)).Format("2006-01-02 15:04")
	switch n.Topic {
	case account.TopicLockout:
		source, until, _ := strings.Cut(n.Detail, "|")
		zh = fmt.Sprintf("因来自 %s 的连续多次密码错误，您的账号已暂停从该地址登录，至 %s（北京时间）解除。其他地址登录不受影响。如非本人操作，建议登录后修改密码；如需提前解除，请联系受理机关的系统管理员。", source, until)
		en = "After repeated wrong passwords from " + source + ", your account was locked for that address until " + until + " (UTC+8). Other addresses are not locked. If it was not you, change your password after signing in; a system administrator of the agency can lift the lock."
	case account.TopicRegisterTaken:
		zh = fmt.Sprintf("%s 有人使用您的登录名申请注册账号。该登录名已有账号，未新建账号，您的账号和密码不受影响。如果是您本人，请直接登录。", at)
		en = "Someone tried to register an account with your login on " + at + " (UTC+8). Your account exists already: no account was created and your password is unchanged. If it was you, just sign in."
	default:
		zh = fmt.Sprintf("%s 已使用此登录名注册政府信息公开平台账号。如非本人操作，请联系受理机关。", at)
		en = "An account was registered with this login on " + at + " (UTC+8). If it was not you, contact the agency."
	}
	return "您好：\n\n" + zh + "\n\n登录：" + s.mail.loginURL + "\n\n本邮件由系统自动发送，请勿直接回复。\n\n-- \n" + en +
		"\nSign in: " + s.mail.loginURL + "\nThis message was sent automatically; please do not reply.\n"
}

// registerTaken answers a registration whose login has an account: the
// owner is told (in-app at their next sign-in, and by mail), the attempt
// audited, and the caller answers as for a new account.
func (s *Service) registerTaken(ctx context.Context, key, login, ip string) error {
	return s.St.InTx(ctx, func(ctx context.Context) error {
		a, err := s.St.PublicAccountByLoginKey(ctx, key)
		if err != nil {
			return err
		}
		if err := s.notify(ctx, a, login, account.Notice{Topic: account.TopicRegisterTaken, CreatedAt: s.now()}); err != nil {
			return err
		}
		return s.Audit.Record(ctx, actor(a.ID, ip).Event("public.register", "public_account", a.ID, audit.ResultDenied,
			"login taken; the owner is notified"))
	})
}

// TakeNotices returns the unseen notices of account id, oldest first, and
// marks them seen: the account page shows them once after a sign-in.
func (s *Service) TakeNotices(ctx context.Context, id int64) ([]account.Notice, error) {
	return s.St.TakeNotices(ctx, account.NoticePublic, id, s.now())
}

// Unlock lifts every sign-in lock of the public account with that login
// (an e-mail address or mobile number the holder gives staff), from every
// address: a system administrator's action, audited public.unlock as
// staff's user.unlock is.
func (s *Service) Unlock(ctx context.Context, by audit.Actor, login string) (Account, error) {
	norm, _, err := NormalizeLogin(login)
	if err != nil {
		return Account{}, err
	}
	var a Account
	err = s.St.InTx(ctx, func(ctx context.Context) error {
		if a, err = s.St.PublicAccountByLoginKey(ctx, s.Keys.BlindIndex(blindInput(norm))); err != nil {
			if apperr.KindOf(err) == apperr.NotFound {
				return apperr.Wrap(apperr.NotFound, "public.no_account", err)
			}
			return err
		}
		detail := "no lock"
		if a.Locked(s.now()) {
			detail = "locked until " + a.LockedUntil.UTC().Format(time.RFC3339)
		}
		if err := s.St.UnlockPublicLogins(ctx, a.ID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, by.Event("public.unlock", "public_account", a.ID, audit.ResultOK, detail))
	})
	a.Login, a.PasswordHash, a.LockedUntil, a.FailedLogins = norm, "", time.Time{}, 0
	return a, err
}

// lockoutNotice is the notice of a lock of account a for the source of ip.
func (s *Service) lockoutNotice(ctx context.Context, id int64, ip string, until, now time.Time) error {
	a, err := s.St.PublicAccount(ctx, id)
	if err != nil {
		return err
	}
	login, err := s.Keys.Open(a.LoginEnc)
	if err != nil {
		return err
	}
	return s.notify(ctx, a, login, auth.LockoutNotice(account.NoticePublic, id, ip, until, now))
}
