package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/season"
)

// seasonBatch is how many agencies of a notice one INSERT writes.
const seasonBatch = 400

// AddSeasonNotice implements season.Store: the notice, then its agencies
// in batches; nothing when a notice with the same dedupe key exists.
func (s *Store) AddSeasonNotice(ctx context.Context, n season.Notice) (int64, bool, error) {
	const op = "add season notice"
	if err := needTime(op, "CreatedAt", n.CreatedAt); err != nil {
		return 0, false, err
	}
	var id int64
	added := false
	err := s.InTx(ctx, func(ctx context.Context) error {
		err := s.queryRow(ctx, `INSERT INTO season_notices (kind, year, body, sent_by, from_agency, dedupe, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING RETURNING id`,
			string(n.Kind), n.Year, n.Body, n.SentBy, nullID(n.FromAgency), reqNullText(n.Dedupe), s.d.t(n.CreatedAt)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already recorded
		}
		if err != nil {
			return s.mapErr(op, err)
		}
		added = true
		for start := 0; start < len(n.Agencies); start += seasonBatch {
			part := n.Agencies[start:min(start+seasonBatch, len(n.Agencies))]
			q := "INSERT INTO season_notice_agencies (notice_id, agency_id) VALUES " + strings.Repeat("(?, ?), ", len(part)-1) + "(?, ?)"
			args := make([]any, 0, 2*len(part))
			for _, ag := range part {
				args = append(args, id, ag)
			}
			if _, err := s.exec(ctx, q, args...); err != nil {
				return s.mapErr(op, err)
			}
		}
		return nil
	})
	return id, added, err
}

// OpenSeasonNotices implements season.Store.
func (s *Store) OpenSeasonNotices(ctx context.Context, agencyID int64, limit int) ([]season.Delivery, error) {
	const op = "open season notices"
	rows, err := s.query(ctx, `SELECT n.id, n.kind, n.year, n.body, n.sent_by, COALESCE(n.from_agency, 0), COALESCE(f.name, ''), n.created_at
		FROM season_notice_agencies sa JOIN season_notices n ON n.id = sa.notice_id
		LEFT JOIN agencies f ON f.id = n.from_agency
		WHERE sa.agency_id = ? AND sa.acked_at IS NULL ORDER BY n.id DESC LIMIT `+itoa(max(limit, 1)), agencyID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []season.Delivery
	for rows.Next() {
		d := season.Delivery{AgencyID: agencyID}
		var from string
		if err := rows.Scan(&d.ID, &d.Kind, &d.Year, &d.Body, &d.SentBy, &d.FromAgency, &from, dbTime{&d.CreatedAt}); err != nil {
			return nil, s.mapErr(op, err)
		}
		if from != "" {
			d.Names = []string{from}
		}
		d.Agencies = []int64{agencyID}
		out = append(out, d)
	}
	return out, s.mapErr(op, rows.Err())
}

// AckSeasonNotice implements season.Store.
func (s *Store) AckSeasonNotice(ctx context.Context, id, agencyID int64, by string, at time.Time) (bool, error) {
	if err := needTime("ack season notice", "at", at); err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `UPDATE season_notice_agencies SET acked_by = ?, acked_at = ?
		WHERE notice_id = ? AND agency_id = ? AND acked_at IS NULL`, by, s.d.t(at), id, agencyID)
	if err != nil {
		return false, s.mapErr("ack season notice", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SentSeasonNotices implements season.Store: one query for the notices,
// one for their agencies.
func (s *Store) SentSeasonNotices(ctx context.Context, fromAgency int64, year, limit int) ([]season.Notice, error) {
	const op = "sent season notices"
	rows, err := s.query(ctx, `SELECT id, kind, year, body, sent_by, created_at FROM season_notices
		WHERE from_agency = ? AND year = ? AND kind = 'urge' ORDER BY id DESC LIMIT `+itoa(max(limit, 1)), fromAgency, year)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	var out []season.Notice
	at := map[int64]int{}
	var ids []int64
	for rows.Next() {
		n := season.Notice{FromAgency: fromAgency}
		if err := rows.Scan(&n.ID, &n.Kind, &n.Year, &n.Body, &n.SentBy, dbTime{&n.CreatedAt}); err != nil {
			rows.Close()
			return nil, s.mapErr(op, err)
		}
		at[n.ID] = len(out)
		ids = append(ids, n.ID)
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, s.mapErr(op, err)
	}
	ar, err := s.query(ctx, `SELECT sa.notice_id, sa.agency_id, a.name, sa.acked_at IS NOT NULL
		FROM season_notice_agencies sa JOIN agencies a ON a.id = sa.agency_id
		WHERE `+s.inScope("sa.notice_id")+` ORDER BY sa.notice_id, a.id`, scopeJSON(ids))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer ar.Close()
	for ar.Next() {
		var nid, ag int64
		var name string
		var acked bool
		if err := ar.Scan(&nid, &ag, &name, &acked); err != nil {
			return nil, s.mapErr(op, err)
		}
		n := &out[at[nid]]
		n.Agencies, n.Names = append(n.Agencies, ag), append(n.Names, name)
		if acked {
			n.Acked++
		}
	}
	return out, s.mapErr(op, ar.Err())
}

// UnpublishedAgencies implements season.Store.
func (s *Store) UnpublishedAgencies(ctx context.Context, year int) ([]agency.Agency, error) {
	const op = "unpublished agencies"
	rows, err := s.query(ctx, `SELECT a.id, a.name, a.kind FROM agencies a
		LEFT JOIN report_drafts d ON d.agency_id = a.id AND d.year = ? AND d.status = 'published'
		WHERE a.no_report = ? AND d.agency_id IS NULL ORDER BY a.id`, year, false)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []agency.Agency
	for rows.Next() {
		var a agency.Agency
		var kind string
		if err := rows.Scan(&a.ID, &a.Name, &kind); err != nil {
			return nil, s.mapErr(op, err)
		}
		a.Kind = agency.Kind(kind)
		out = append(out, a)
	}
	return out, s.mapErr(op, rows.Err())
}

// AgencyMail implements season.Store: the address of the agency's latest
// 政府信息公开指南.
func (s *Store) AgencyMail(ctx context.Context, agencyID int64) (string, error) {
	var addr string
	err := s.queryRow(ctx, `SELECT email FROM agency_docs WHERE agency_id = ? AND kind = 'guide' ORDER BY n DESC LIMIT 1`, agencyID).Scan(&addr)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return addr, s.mapErr("agency mail", err)
}

// AllCalendarOverrides implements season.Store: the local closures and
// extra working days of every agency that has any, in one read.
func (s *Store) AllCalendarOverrides(ctx context.Context) (map[int64][]calendar.Override, error) {
	const op = "all calendar overrides"
	rows, err := s.query(ctx, "SELECT agency_id, day, open, reason FROM calendar_overrides ORDER BY agency_id, day")
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	out := map[int64][]calendar.Override{}
	for rows.Next() {
		var id int64
		var o calendar.Override
		if err := rows.Scan(&id, reqDateScan{&o.Date}, &o.Open, &o.Reason); err != nil {
			return nil, s.mapErr(op, err)
		}
		out[id] = append(out[id], o)
	}
	return out, s.mapErr(op, rows.Err())
}

// ReminderKeys implements season.Store: the dedupe keys of the reminders
// on year already recorded.
func (s *Store) ReminderKeys(ctx context.Context, year int) (map[string]bool, error) {
	const op = "reminder keys"
	rows, err := s.query(ctx, "SELECT dedupe FROM season_notices WHERE kind = 'remind' AND year = ? AND dedupe IS NOT NULL", year)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, s.mapErr(op, err)
		}
		out[k] = true
	}
	return out, s.mapErr(op, rows.Err())
}

// AgencyMails implements season.Store: the address of the latest
// 政府信息公开指南 of each of ids that has one, in one read.
func (s *Store) AgencyMails(ctx context.Context, ids []int64) (map[int64]string, error) {
	const op = "agency mails"
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, `SELECT g.agency_id, g.email FROM agency_docs g
		WHERE g.kind = 'guide' AND `+s.inScope("g.agency_id")+`
		AND g.n = (SELECT MAX(h.n) FROM agency_docs h WHERE h.agency_id = g.agency_id AND h.kind = 'guide')`, scopeJSON(ids))
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var addr string
		if err := rows.Scan(&id, &addr); err != nil {
			return nil, s.mapErr(op, err)
		}
		out[id] = addr
	}
	return out, s.mapErr(op, rows.Err())
}

// reminderBatch is how many reminders one INSERT writes (7 parameters
// each).
const reminderBatch = 400

// AddReminders implements season.Store: the reminders ns (one agency
// each, with a dedupe key) many an INSERT, skipping those whose key is
// recorded already (ON CONFLICT DO NOTHING), then their agencies; it
// returns the ones added, with their ids. Call it in a transaction with
// their mail.
func (s *Store) AddReminders(ctx context.Context, ns []season.Notice) ([]season.Notice, error) {
	const op = "add reminders"
	var added []season.Notice
	err := s.InTx(ctx, func(ctx context.Context) error {
		for start := 0; start < len(ns); start += reminderBatch {
			part := ns[start:min(start+reminderBatch, len(ns))]
			byKey := map[string]int{}
			args := make([]any, 0, 7*len(part))
			for i, n := range part {
				if len(n.Agencies) != 1 || n.Dedupe == "" {
					return fmt.Errorf("sqlstore: %s: a reminder goes to one agency under a dedupe key", op)
				}
				if err := needTime(op, "CreatedAt", n.CreatedAt); err != nil {
					return err
				}
				byKey[n.Dedupe] = i
				args = append(args, string(n.Kind), n.Year, n.Body, n.SentBy, nullID(n.FromAgency), n.Dedupe, s.d.t(n.CreatedAt))
			}
			rows, err := s.query(ctx, `INSERT INTO season_notices (kind, year, body, sent_by, from_agency, dedupe, created_at) VALUES `+
				strings.Repeat("(?, ?, ?, ?, ?, ?, ?), ", len(part)-1)+`(?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (dedupe) DO NOTHING RETURNING id, dedupe`, args...)
			if err != nil {
				return s.mapErr(op, err)
			}
			var batch []season.Notice
			for rows.Next() {
				var id int64
				var key string
				if err := rows.Scan(&id, &key); err != nil {
					rows.Close()
					return s.mapErr(op, err)
				}
				n := part[byKey[key]]
				n.ID = id
				batch = append(batch, n)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return s.mapErr(op, err)
			}
			if len(batch) == 0 {
				continue
			}
			q := "INSERT INTO season_notice_agencies (notice_id, agency_id) VALUES " + strings.Repeat("(?, ?), ", len(batch)-1) + "(?, ?)"
			args = args[:0]
			for _, n := range batch {
				args = append(args, n.ID, n.Agencies[0])
			}
			if _, err := s.exec(ctx, q, args...); err != nil {
				return s.mapErr(op, err)
			}
			added = append(added, batch...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}
