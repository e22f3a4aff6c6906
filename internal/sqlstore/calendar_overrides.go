package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
)

// CalendarOverrides implements casework.Store: an agency's local closures
// and openings, by date.
func (s *Store) CalendarOverrides(ctx context.Context, agencyID int64) ([]calendar.Override, error) {
	op := fmt.Sprintf("calendar overrides of agency %d", agencyID)
	rows, err := s.query(ctx, "SELECT day, open, reason FROM calendar_overrides WHERE agency_id = ? ORDER BY day", agencyID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []calendar.Override
	for rows.Next() {
		var o calendar.Override
		if err := rows.Scan(reqDateScan{&o.Date}, &o.Open, &o.Reason); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, o)
	}
	return out, s.mapErr(op, rows.Err())
}

// SetCalendarOverride implements casework.Store, replacing any override of
// the same day.
func (s *Store) SetCalendarOverride(ctx context.Context, agencyID int64, o calendar.Override, at time.Time) error {
	if err := needTime("set calendar override", "at", at); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO calendar_overrides (agency_id, day, open, reason, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (agency_id, day) DO UPDATE SET open = excluded.open, reason = excluded.reason, created_at = excluded.created_at`,
		agencyID, o.Date.String(), o.Open, o.Reason, s.d.t(at))
	return s.mapErr(fmt.Sprintf("set calendar override %s", o.Date), err)
}

// DeleteCalendarOverride implements casework.Store.
func (s *Store) DeleteCalendarOverride(ctx context.Context, agencyID int64, d calendar.Date) error {
	_, err := s.exec(ctx, "DELETE FROM calendar_overrides WHERE agency_id = ? AND day = ?", agencyID, d.String())
	return s.mapErr(fmt.Sprintf("delete calendar override %s", d), err)
}
