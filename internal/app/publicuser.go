package app

import (
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/publicuser"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/web"
)

// newPublicUsers builds the service of the optional public accounts: the
// staff lockout rule of the configuration (5 failures, 15 minutes by
// default), the ASVS password profile (no composition rules and no
// rotation for accounts that administer nothing) and the staff hash cost;
// logins are sealed with the personal-data key.
func newPublicUsers(st *sqlstore.Store, log *audit.Log, cw *casework.Service, keys *pii.Keyring, cfg config.Config, hash auth.Params, now func() time.Time) (*publicuser.Service, error) {
	svc, err := publicuser.New(st, st, cw, keys, log, publicuser.Settings{LockoutThreshold: cfg.LockoutThreshold,
		LockoutDuration: cfg.LockoutDuration.D(), Policy: auth.ASVS, Hash: hash})
	if err != nil {
		return nil, err
	}
	svc.Now = now
	return svc, nil
}

// publicSessions is the portal's own session manager on the same store
// as the back office's but under another cookie (gk_portal), so that a
// public sign-in and a staff sign-in never share a session: the back
// office reads only its own cookie and keys, and a public session cannot
// open /admin.
func publicSessions(store scs.Store, https bool, idle time.Duration) *scs.SessionManager {
	sm := web.NewSessions(store, web.SessionOptions{Secure: https, IdleTimeout: idle})
	sm.Cookie.Name = "gk_portal"
	if https {
		sm.Cookie.Name = "__Host-gk_portal"
	}
	return sm
}
