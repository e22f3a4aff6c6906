package app

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/annual"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/pii"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/stationery"
)

// newCasework builds the 依申请公开 service on st; applicants' personal
// data is sealed with keys (New loads them: SECURITY.md C-05).
func newCasework(st *sqlstore.Store, log *audit.Log, keys *pii.Keyring, now func() time.Time) (*casework.Service, error) {
	svc, err := casework.New(st, log, keys)
	if err != nil {
		return nil, err
	}
	svc.Now = now
	return svc, nil
}

// stationeryAdapter gives casework's letters their letterhead (the
// agency's name and letter settings) and document numbers (stationery).
type stationeryAdapter struct {
	st   *sqlstore.Store
	stat *stationery.Service
}

func (a stationeryAdapter) Letterhead(ctx context.Context, agencyID int64) (letter.Settings, error) {
	ag, err := a.st.Agency(ctx, agencyID)
	if err != nil {
		return letter.Settings{}, err
	}
	set, err := a.st.LetterSettings(ctx, agencyID)
	if err != nil {
		return letter.Settings{}, err
	}
	return set.Letter(ag.Name), nil
}

func (a stationeryAdapter) Number(ctx context.Context, agencyID, requestID int64, kind letter.Kind, year int) (int, error) {
	set, err := a.st.LetterSettings(ctx, agencyID)
	if err != nil {
		return 0, err
	}
	_, seq, err := a.stat.Number(ctx, set, requestID, string(kind), year)
	return seq, err
}

// newAnnual builds the annual-report service (tables 三/四 compiled by cw)
// and the letter-settings service on st.
func newAnnual(st *sqlstore.Store, log *audit.Log, cw *casework.Service, now func() time.Time) (*annual.Service, *stationery.Service, error) {
	ann, err := annual.New(st, cw, st, log)
	if err != nil {
		return nil, nil, err
	}
	ann.Now = now
	stat, err := stationery.New(st, log)
	if err != nil {
		return nil, nil, err
	}
	stat.Now = now
	return ann, stat, nil
}
