package auth

import (
	"context"
	"net/netip"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/audit"
)

// Source is the unit of the login lockout for a client address: an IPv4
// address, or the /64 of an IPv6 address (the smallest network an ISP
// gives one subscriber, who can choose any address in it). Anything else
// (the command line's empty address) is its own source.
func Source(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}

// Unlock lifts every lock of the account login from every source and
// clears its failures: a system administrator's action when the owner is
// locked out (the lock of one source never locks the others, so this is
// needed only when the owner's own address is locked). Records
// user.unlock.
func (s *Service) Unlock(ctx context.Context, by audit.Actor, login string) (account.User, error) {
	var u account.User
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		if u, err = s.Users.UserByLogin(ctx, account.NormalizeLogin(login)); err != nil {
			return err
		}
		detail := "no lock"
		if u.Locked(s.now()) {
			detail = "locked until " + u.LockedUntil.UTC().Format("2006-01-02T15:04:05Z")
		}
		if err := s.Users.UnlockLogins(ctx, u.ID); err != nil {
			return err
		}
		u.LockedUntil, u.FailedLogins = time.Time{}, 0
		return s.Audit.Record(ctx, by.Event(audit.ActUserUnlock, "user", u.ID, audit.ResultOK, "login="+u.Login+"; "+detail))
	})
	return u, err
}

// chinaTime is the zone in which notices give times (UTC+8, no DST).
var chinaTime = time.FixedZone("UTC+8", 8*3600)

// LockoutNotice is the notice to the holder of account id (kind
// account.NoticeStaff or NoticePublic) that failures from the source of ip
// locked it for that source until until: shown at their next sign-in
// (#10 item 7). Its detail is "source|end of the lock (UTC+8)".
func LockoutNotice(kind string, id int64, ip string, until, now time.Time) account.Notice {
	return account.Notice{Kind: kind, AccountID: id, Topic: account.TopicLockout,
		Detail: Source(ip) + "|" + until.In(chinaTime).Format("2006-01-02 15:04"), CreatedAt: now}
}

// TakeNotices returns the unseen notices of staff user id, oldest first,
// and marks them seen: the back office shows them once, on the first page
// after a sign-in.
func (s *Service) TakeNotices(ctx context.Context, id int64) ([]account.Notice, error) {
	return s.Notices.TakeNotices(ctx, account.NoticeStaff, id, s.now())
}
