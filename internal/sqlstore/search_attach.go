package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/attachtext"
	"github.com/gongkai/gongkai/internal/catalog"
)

var _ attachtext.Queue = (*Store)(nil)

// syncAttachments brings an item's attachment jobs in line with its live
// version (in the caller's transaction) and returns the text extracted so
// far, in the attachments' order: rows of other versions go; each
// attachment of the live version gets a row: skipped when the file was
// flagged as a zip or XML bomb when stored (Attachment.Hazard: never
// opened), done at once when a file with the same SHA-256 was extracted
// before (a correction that keeps a file does not wait for it again), else
// pending.
func (s *Store) syncAttachments(ctx context.Context, id int64, live int, atts []catalog.Attachment) ([]string, error) {
	if _, err := s.exec(ctx, "DELETE FROM search_attachments WHERE item_id = ? AND version <> ?", id, live); err != nil {
		return nil, err
	}
	var texts []string
	for i, a := range atts {
		if a.BlobKey == "" {
			continue
		}
		var state string
		var text sql.NullString
		err := s.queryRow(ctx, "SELECT state, text FROM search_attachments WHERE item_id = ? AND version = ? AND n = ?",
			id, live, i+1).Scan(&state, &text)
		if errors.Is(err, sql.ErrNoRows) {
			err = s.queryRow(ctx, "SELECT text FROM search_attachments WHERE sha256 = ? AND state = 'done' LIMIT 1", a.SHA256).Scan(&text)
			if errors.Is(err, sql.ErrNoRows) {
				err = nil
			}
			if err != nil {
				return nil, err
			}
			state, why := attachtext.Pending, ""
			switch {
			case a.Hazard != "":
				// flagged as a zip or XML bomb when stored: never opened
				state, why, text = attachtext.Skipped, "风险标记，不提取 (flagged, not extracted): "+a.Hazard, sql.NullString{}
			case text.Valid:
				state = attachtext.Done
			}
			_, err = s.exec(ctx, `INSERT INTO search_attachments (item_id, version, n, name, sha256, blob_key, state, text, last_error)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, live, i+1, a.Name, a.SHA256, a.BlobKey, state, text, why)
		}
		if err != nil {
			return nil, err
		}
		if text.Valid && text.String != "" {
			texts = append(texts, text.String)
		}
	}
	return texts, nil
}

// DueAttachments implements attachtext.Queue: oldest due first, jobs never
// tried before those waiting for a retry.
func (s *Store) DueAttachments(ctx context.Context, now time.Time, agencyIDs []int64, limit int) ([]attachtext.Job, error) {
	const op = "due attachments"
	q := `SELECT j.item_id, j.version, j.n, j.name, j.sha256, j.blob_key, j.attempts FROM search_attachments j
		JOIN catalog_items i ON i.id = j.item_id WHERE j.state = 'pending'`
	var args []any
	if !now.IsZero() {
		q += " AND (j.next_at IS NULL OR j.next_at <= ?)"
		args = append(args, s.d.t(now))
	}
	if len(agencyIDs) > 0 {
		q += " AND i.agency_id IN (" + strings.Repeat(", ?", len(agencyIDs))[2:] + ")"
		for _, a := range agencyIDs {
			args = append(args, a)
		}
	}
	rows, err := s.query(ctx, q+" ORDER BY j.next_at IS NOT NULL, j.next_at, j.item_id, j.n LIMIT "+itoa(max(limit, 1)), args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []attachtext.Job
	for rows.Next() {
		var j attachtext.Job
		if err := rows.Scan(&j.ItemID, &j.Version, &j.N, &j.Name, &j.SHA256, &j.BlobKey, &j.Attempts); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, j)
	}
	return out, s.mapErr(op, rows.Err())
}

// ClaimAttachment implements attachtext.Queue: the attempt count is the
// row's version, so of two workers only one claims an attempt.
func (s *Store) ClaimAttachment(ctx context.Context, j attachtext.Job, until time.Time) (bool, error) {
	res, err := s.exec(ctx, `UPDATE search_attachments SET attempts = attempts + 1, next_at = ?
		WHERE item_id = ? AND version = ? AND n = ? AND attempts = ? AND state = 'pending'`,
		s.d.t(until), j.ItemID, j.Version, j.N, j.Attempts)
	if err != nil {
		return false, s.mapErr("claim attachment", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// FinishAttachment implements attachtext.Queue. j.Attempts is the count
// its claim made; a finish after another claim changes nothing.
func (s *Store) FinishAttachment(ctx context.Context, j attachtext.Job, o attachtext.Outcome) error {
	op := fmt.Sprintf("finish attachment %d of item %d", j.N, j.ItemID)
	var next any
	if o.State == attachtext.Pending {
		next = s.d.t(o.Next)
	}
	var text any
	if o.State == attachtext.Done {
		text = o.Text
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		res, err := s.exec(ctx, `UPDATE search_attachments SET state = ?, text = ?, last_error = ?, next_at = ?
			WHERE item_id = ? AND version = ? AND n = ? AND attempts = ? AND state = 'pending'`,
			o.State, text, o.Err, next, j.ItemID, j.Version, j.N, j.Attempts)
		if err != nil {
			return s.mapErr(op, err)
		}
		if n, _ := res.RowsAffected(); n == 0 || o.State != attachtext.Done {
			return nil
		}
		if err := s.dropSearchDoc(ctx, "item_id = ?", j.ItemID); err != nil {
			return s.mapErr(op, err)
		}
		return s.indexItem(ctx, j.ItemID)
	})
}

// An AttachmentStatus counts attachment jobs by state, with the last
// errors of those that failed.
type AttachmentStatus struct {
	Counts map[string]int
	Failed []attachtext.Failure
}

// AttachmentStatus counts the agencies' attachment jobs (all agencies when
// none is given) by state and lists up to 20 failed ones.
func (s *Store) AttachmentStatus(ctx context.Context, agencyIDs []int64) (AttachmentStatus, error) {
	const op = "attachment status"
	in, args := "", []any{}
	if len(agencyIDs) > 0 {
		in = " WHERE i.agency_id IN (" + strings.Repeat(", ?", len(agencyIDs))[2:] + ")"
		for _, a := range agencyIDs {
			args = append(args, a)
		}
	}
	out := AttachmentStatus{Counts: map[string]int{}}
	rows, err := s.query(ctx, "SELECT j.state, COUNT(*) FROM search_attachments j JOIN catalog_items i ON i.id = j.item_id"+in+
		" GROUP BY j.state", args...)
	if err != nil {
		return out, s.mapErr(op, err)
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return out, s.mapErr(op, err)
		}
		out.Counts[st] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, s.mapErr(op, err)
	}
	cond := " WHERE j.state = 'failed'"
	if in != "" {
		cond += " AND" + strings.TrimPrefix(in, " WHERE")
	}
	rows, err = s.query(ctx, `SELECT COALESCE(i.index_no, ''), j.name, j.attempts, j.last_error FROM search_attachments j
		JOIN catalog_items i ON i.id = j.item_id`+cond+" ORDER BY j.item_id, j.n LIMIT 20", args...)
	if err != nil {
		return out, s.mapErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var f attachtext.Failure
		if err := rows.Scan(&f.IndexNo, &f.Name, &f.Attempts, &f.Error); err != nil {
			return out, s.mapErr(op, err)
		}
		out.Failed = append(out.Failed, f)
	}
	return out, s.mapErr(op, rows.Err())
}
