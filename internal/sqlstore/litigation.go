package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/casework"
)

const appealCols = "a.id, a.request_id, a.kind, a.filed_on, a.concluded_on, a.result, a.note, a.created_at"

// AddAppeal implements casework.Store: a 行政复议 or 行政诉讼 about a request.
func (s *Store) AddAppeal(ctx context.Context, a casework.Appeal) (casework.Appeal, error) {
	if err := needTime("add appeal", "CreatedAt", a.CreatedAt); err != nil {
		return a, err
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, `INSERT INTO request_appeals (request_id, kind, filed_on, concluded_on, result, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.RequestID, string(a.Kind), reqDate(a.Filed), reqDate(a.Concluded),
		string(a.Result), a.Note, s.d.t(a.CreatedAt)).Scan(&a.ID)
	if err != nil {
		return a, s.mapErr("add appeal", err)
	}
	return a, nil
}

// UpdateAppeal implements casework.Store: filing, conclusion, result, note.
func (s *Store) UpdateAppeal(ctx context.Context, a casework.Appeal) error {
	_, err := s.exec(ctx, "UPDATE request_appeals SET filed_on = ?, concluded_on = ?, result = ?, note = ? WHERE id = ?",
		reqDate(a.Filed), reqDate(a.Concluded), string(a.Result), a.Note, a.ID)
	return s.mapErr(fmt.Sprintf("update appeal %d", a.ID), err)
}

func (s *Store) appeals(ctx context.Context, op, q string, args ...any) ([]casework.Appeal, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.Appeal
	for rows.Next() {
		var a casework.Appeal
		var kind, result string
		if err := rows.Scan(&a.ID, &a.RequestID, &kind, reqDateScan{&a.Filed}, reqDateScan{&a.Concluded}, &result, &a.Note,
			dbTime{&a.CreatedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		a.Kind, a.Result = casework.AppealKind(kind), casework.AppealResult(result)
		out = append(out, a)
	}
	return out, s.mapErr(op, rows.Err())
}

// Appeals implements casework.Store.
func (s *Store) Appeals(ctx context.Context, requestID int64) ([]casework.Appeal, error) {
	return s.appeals(ctx, "appeals", "SELECT "+appealCols+" FROM request_appeals a WHERE a.request_id = ? ORDER BY a.id", requestID)
}

// AgencyAppeals implements casework.Store.
func (s *Store) AgencyAppeals(ctx context.Context, agencyID int64) ([]casework.Appeal, error) {
	return s.appeals(ctx, "agency appeals", "SELECT "+appealCols+
		" FROM request_appeals a JOIN requests r ON r.id = a.request_id WHERE r.agency_id = ? ORDER BY a.id", agencyID)
}
