package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
)

// newCasework builds the 依申请公开 service on st. Applicants' personal
// data is sealed with the keyring of o.PIIKeys or, when nil, the key of
// GONGKAI_PII_KEY / GONGKAI_PII_KEY_FILE, else the file pii.key beside
// the SQLite database (created on first use, mode 0400) or, on
// PostgreSQL, in the data directory (SECURITY.md C-05: never in the
// database or the config file).
func newCasework(st *sqlstore.Store, log *audit.Log, cfg config.Config, o Options) (*casework.Service, error) {
	keys := o.PIIKeys
	if keys == nil {
		dir := cfg.DataDir
		if st.Dialect() == "sqlite" {
			dir = filepath.Dir(st.Where())
		}
		var err error
		if keys, err = pii.Load(os.LookupEnv, dir, true); err != nil {
			return nil, fmt.Errorf("app: personal-data key: %w", err)
		}
	}
	svc := casework.New(st, log, keys)
	svc.Now = o.Now
	return svc, nil
}

// caseworkAdapter gives the back office casework.Service plus the two
// things it does not offer yet: removing a local calendar override and
// reading the in-app notices to staff. Both check permissions here, in
// the same terms as casework (recorded in /tmp/web-requests-needs.md for
// the casework owner).
type caseworkAdapter struct {
	*casework.Service
	st  *sqlstore.Store
	log *audit.Log
}

// RemoveOverride deletes a local closure or opening of w's agency; only
// its 负责人 may (as casework.SetOverride), and the removal is audited in
// the same transaction.
func (a caseworkAdapter) RemoveOverride(ctx context.Context, w casework.Staffer, d calendar.Date) error {
	ag := w.Subject.AgencyID
	actor := audit.Actor{UserID: w.Subject.UserID, Login: w.Subject.Login, IP: w.IP}
	if !auth.Can(w.Subject, auth.RequestApprove, ag) {
		_ = a.log.Record(ctx, actor.Event("calendar.override_remove", "agency", ag, audit.ResultDenied, d.String()))
		return apperr.New(apperr.Forbidden, "只有负责人可以调整本机关的工作日")
	}
	return a.st.InTx(ctx, func(ctx context.Context) error {
		if err := a.st.DeleteCalendarOverride(ctx, ag, d); err != nil {
			return err
		}
		return a.log.Record(ctx, actor.Event("calendar.override_remove", "agency", ag, audit.ResultOK, d.String()))
	})
}

// StaffNotices returns the newest notices to the staff of agencyID, for
// those who may read its requests.
func (a caseworkAdapter) StaffNotices(ctx context.Context, w casework.Staffer, agencyID int64, limit int) ([]casework.Notification, error) {
	if !auth.Can(w.Subject, auth.RequestRead, agencyID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return a.st.Notifications(ctx, casework.NotificationFilter{AgencyID: agencyID, Audience: casework.ToStaff, Limit: limit})
}
