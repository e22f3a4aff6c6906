package sqlstore

import (
	"context"

	"github.com/gongkai/gongkai/internal/annual"
)

// SaveArea implements annual.Store: the compilation of a whole-area
// report (report_areas, migration 00340), replacing an earlier one.
func (s *Store) SaveArea(ctx context.Context, a annual.Area) error {
	if err := needTime("save area", "CompiledAt", a.CompiledAt); err != nil {
		return err
	}
	base, detail, err := annual.EncodeArea(a)
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM report_areas WHERE agency_id = ? AND year = ?`, a.AgencyID, a.Year); err != nil {
			return s.mapErr("save area", err)
		}
		_, err := s.exec(ctx, `INSERT INTO report_areas (agency_id, year, base, detail, compiled_by, compiled_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.AgencyID, a.Year, string(base), string(detail), a.CompiledBy, s.d.t(a.CompiledAt))
		return s.mapErr("save area", err)
	})
}

// Area implements annual.Store.
func (s *Store) Area(ctx context.Context, agencyID int64, year int) (annual.Area, error) {
	a := annual.Area{AgencyID: agencyID, Year: year}
	var base, detail string
	err := s.queryRow(ctx, `SELECT base, detail, compiled_by, compiled_at FROM report_areas WHERE agency_id = ? AND year = ?`, agencyID, year).
		Scan(&base, &detail, &a.CompiledBy, dbTime{&a.CompiledAt})
	if err != nil {
		return annual.Area{}, s.notFound("area report", "annual.not_area", err)
	}
	if err := annual.DecodeArea(&a, []byte(base), []byte(detail)); err != nil {
		return annual.Area{}, err
	}
	return a, nil
}
