package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

var _ casework.Store = (*Store)(nil)

// reqDate converts a legal date to a query argument; zero becomes NULL.
func reqDate(d calendar.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// reqDateScan scans a nullable YYYY-MM-DD column.
type reqDateScan struct{ D *calendar.Date }

// Scan implements sql.Scanner.
func (x reqDateScan) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*x.D = calendar.Date{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*x.D = calendar.Of(v)
		return nil
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a date", src)
	}
	d, err := calendar.Parse(s)
	if err != nil {
		return fmt.Errorf("sqlstore: bad stored date %q: %w", s, err)
	}
	*x.D = d
	return nil
}

const requestCols = `id, agency_id, tracking, query_hash, origin, channel, submitted_on, received_on, applicant_type,
	applicant_name, applicant_key, id_number_enc, phone_enc, address_enc, email_enc, content, form, delivery, state,
	due_on, corrected_on, extended, outcome, ended_on, fee, notes, suspicious, pipl_notice, created_at, updated_at`

func scanRecord(sc interface{ Scan(...any) error }) (casework.Record, error) {
	var r casework.Record
	var origin, atype, outcome string
	var extended int
	err := sc.Scan(&r.ID, &r.AgencyID, &r.Tracking, &r.QueryHash, &origin, &r.Channel, reqDateScan{&r.Submitted},
		reqDateScan{&r.Received}, &atype, &r.ApplicantName, &r.ApplicantKey, &r.IDNumber, &r.Phone, &r.Address, &r.Email,
		&r.Content, &r.Form, &r.Delivery, &r.State, reqDateScan{&r.Due}, reqDateScan{&r.Corrected}, &extended, &outcome,
		reqDateScan{&r.Ended}, &r.Fee, &r.Notes, &r.Suspicious, &r.PIPLNotice, dbTime{&r.CreatedAt}, dbTime{&r.UpdatedAt})
	r.Origin, r.ApplicantType, r.Outcome, r.Extended = casework.Origin(origin), request.ApplicantType(atype), request.Outcome(outcome), extended != 0
	return r, err
}

func reqBool(b bool) int {
	if b {
		return 1
	}
	return 0
}

// NextTracking implements casework.Store with one upsert, so concurrent
// submissions never get the same number.
func (s *Store) NextTracking(ctx context.Context, agencyID int64, year int) (int, error) {
	var n int
	err := s.queryRow(ctx, `INSERT INTO request_counters (agency_id, year, last) VALUES (?, ?, 1)
		ON CONFLICT (agency_id, year) DO UPDATE SET last = request_counters.last + 1 RETURNING last`, agencyID, year).Scan(&n)
	if err != nil {
		return 0, s.mapErr(fmt.Sprintf("next tracking number %d/%d", agencyID, year), err)
	}
	return n, nil
}

// CreateRequest implements casework.Store.
func (s *Store) CreateRequest(ctx context.Context, r casework.Record) (casework.Record, error) {
	if err := needTime("create request", "CreatedAt", r.CreatedAt); err != nil {
		return r, err
	}
	r.CreatedAt = r.CreatedAt.UTC().Truncate(time.Microsecond)
	if r.UpdatedAt.IsZero() {
		r.UpdatedAt = r.CreatedAt
	}
	r.UpdatedAt = r.UpdatedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, `INSERT INTO requests (agency_id, tracking, query_hash, origin, channel, submitted_on, received_on,
		applicant_type, applicant_name, applicant_key, id_number_enc, phone_enc, address_enc, email_enc, content, form, delivery,
		state, due_on, corrected_on, extended, outcome, ended_on, fee, notes, suspicious, pipl_notice, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.AgencyID, r.Tracking, r.QueryHash, string(r.Origin), r.Channel, reqDate(r.Submitted), reqDate(r.Received),
		string(r.ApplicantType), r.ApplicantName, r.ApplicantKey, r.IDNumber, r.Phone, r.Address, r.Email, r.Content, r.Form,
		r.Delivery, r.State, reqDate(r.Due), reqDate(r.Corrected), reqBool(r.Extended), string(r.Outcome), reqDate(r.Ended),
		r.Fee, r.Notes, r.Suspicious, r.PIPLNotice, s.d.t(r.CreatedAt), s.d.t(r.UpdatedAt)).Scan(&r.ID)
	if err != nil {
		if apperr.KindOf(s.mapErr("", err)) == apperr.Conflict {
			return r, apperr.Wrap(apperr.Conflict, "request.tracking_taken",
				fmt.Errorf("sqlstore: create request %s: %w", r.Tracking, err), r.Tracking)
		}
		return r, s.mapErr("create request "+r.Tracking, err)
	}
	return r, nil
}

// UpdateRequest implements casework.Store.
func (s *Store) UpdateRequest(ctx context.Context, r casework.Record) error {
	if err := needTime(fmt.Sprintf("update request %d", r.ID), "UpdatedAt", r.UpdatedAt); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE requests SET channel = ?, received_on = ?, state = ?, due_on = ?, corrected_on = ?,
		extended = ?, outcome = ?, ended_on = ?, fee = ?, content = ?, updated_at = ? WHERE id = ?`,
		r.Channel, reqDate(r.Received), r.State, reqDate(r.Due), reqDate(r.Corrected), reqBool(r.Extended), string(r.Outcome),
		reqDate(r.Ended), r.Fee, r.Content, s.d.t(r.UpdatedAt), r.ID)
	if err != nil {
		return s.mapErr(fmt.Sprintf("update request %d", r.ID), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.Wrap(apperr.NotFound, "", fmt.Errorf("sqlstore: update request %d: %w", r.ID, sql.ErrNoRows))
	}
	return nil
}

// Request implements casework.Store.
func (s *Store) Request(ctx context.Context, id int64) (casework.Record, error) {
	r, err := scanRecord(s.queryRow(ctx, "SELECT "+requestCols+" FROM requests WHERE id = ?", id))
	if err != nil {
		return r, s.notFound(fmt.Sprintf("request %d", id), "request.not_found", err)
	}
	return r, nil
}

func (s *Store) records(ctx context.Context, op, q string, args ...any) ([]casework.Record, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, r)
	}
	return out, s.mapErr(op, rows.Err())
}

// RequestsByTracking implements casework.Store.
func (s *Store) RequestsByTracking(ctx context.Context, tracking string) ([]casework.Record, error) {
	return s.records(ctx, "requests by tracking number", "SELECT "+requestCols+" FROM requests WHERE tracking = ? ORDER BY id", tracking)
}

// ApplicantRequests implements casework.Store.
func (s *Store) ApplicantRequests(ctx context.Context, agencyID int64, key string) ([]casework.Record, error) {
	return s.records(ctx, "applicant's requests", "SELECT "+requestCols+
		" FROM requests WHERE agency_id = ? AND applicant_key = ? ORDER BY received_on, id", agencyID, key)
}

// trackingChunk bounds the tracking numbers of one IN list, well under
// both databases' limits on query parameters.
const trackingChunk = 500

// ListRequests implements casework.Store. A long Trackings list is read in
// chunks, merged in id order, then limited.
func (s *Store) ListRequests(ctx context.Context, f casework.Filter) ([]casework.Record, error) {
	if f.Trackings == nil || len(f.Trackings) <= trackingChunk {
		return s.listRequests(ctx, f)
	}
	all := f.Trackings
	limit := f.Limit
	f.Limit = 0
	var out []casework.Record
	for len(all) > 0 {
		n := min(len(all), trackingChunk)
		f.Trackings, all = all[:n], all[n:]
		part, err := s.listRequests(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, part...)
	}
	slices.SortFunc(out, func(a, b casework.Record) int { return cmp.Compare(a.ID, b.ID) })
	out = slices.CompactFunc(out, func(a, b casework.Record) bool { return a.ID == b.ID })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (s *Store) listRequests(ctx context.Context, f casework.Filter) ([]casework.Record, error) {
	if f.Trackings != nil && len(f.Trackings) == 0 {
		return nil, nil
	}
	var where []string
	var args []any
	if f.AgencyID != 0 {
		where, args = append(where, "agency_id = ?"), append(args, f.AgencyID)
	}
	if len(f.States) > 0 {
		where = append(where, "state IN (?"+strings.Repeat(", ?", len(f.States)-1)+")")
		for _, st := range f.States {
			args = append(args, st)
		}
	}
	if f.OpenOnly {
		where = append(where, "ended_on IS NULL")
	}
	if !f.ReceivedTo.IsZero() {
		where, args = append(where, "received_on <= ?"), append(args, f.ReceivedTo.String())
	}
	if f.AfterID != 0 {
		where, args = append(where, "id > ?"), append(args, f.AfterID)
	}
	if len(f.Trackings) > 0 {
		where = append(where, "tracking IN (?"+strings.Repeat(", ?", len(f.Trackings)-1)+")")
		for _, t := range f.Trackings {
			args = append(args, t)
		}
	}
	q := "SELECT " + requestCols + " FROM requests"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT " + itoa(f.Limit)
	}
	return s.records(ctx, "list requests", q, args...)
}

// AppendRequestEvent implements casework.Store. The payload is the domain
// event as JSON; the caller strips personal data from it first.
func (s *Store) AppendRequestEvent(ctx context.Context, requestID int64, e casework.StoredEvent) error {
	payload, err := json.Marshal(e.Event)
	if err != nil {
		return fmt.Errorf("sqlstore: append request event: %w", err)
	}
	at := e.Event.At
	if err := needTime(fmt.Sprintf("append event %d to request %d", e.Seq, requestID), "Event.At", at); err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO request_events (request_id, seq, action, on_date, at, actor_id, actor_login, payload)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, requestID, e.Seq, string(e.Event.Action), e.Event.On.String(),
		s.d.t(at), e.ActorID, e.ActorLogin, string(payload))
	return s.mapErr(fmt.Sprintf("append event %d to request %d", e.Seq, requestID), err)
}

// RequestEvents implements casework.Store.
func (s *Store) RequestEvents(ctx context.Context, requestID int64) ([]casework.StoredEvent, error) {
	const op = "request events"
	rows, err := s.query(ctx, "SELECT seq, actor_id, actor_login, payload FROM request_events WHERE request_id = ? ORDER BY seq", requestID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.StoredEvent
	for rows.Next() {
		var e casework.StoredEvent
		var payload string
		if err := rows.Scan(&e.Seq, &e.ActorID, &e.ActorLogin, &payload); err != nil {
			return nil, s.mapErr(op, err)
		}
		if err := json.Unmarshal([]byte(payload), &e.Event); err != nil {
			return nil, fmt.Errorf("sqlstore: request %d event %d: %w", requestID, e.Seq, err)
		}
		out = append(out, e)
	}
	return out, s.mapErr(op, rows.Err())
}

// AddAttachment implements casework.Store.
func (s *Store) AddAttachment(ctx context.Context, a casework.Attachment) (casework.Attachment, error) {
	if err := needTime("add attachment", "CreatedAt", a.CreatedAt); err != nil {
		return a, err
	}
	a.CreatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond)
	err := s.queryRow(ctx, `INSERT INTO request_attachments (request_id, name, content_type, size, sha256, blob_key, hazard, created_at, released)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.RequestID, a.Name, a.ContentType, a.Size, a.SHA256, a.BlobKey,
		a.Hazard, s.d.t(a.CreatedAt), a.Released).Scan(&a.ID)
	if err != nil {
		return a, s.mapErr("add attachment", err)
	}
	return a, nil
}

// Attachments implements casework.Store.
func (s *Store) Attachments(ctx context.Context, requestID int64) ([]casework.Attachment, error) {
	const op = "attachments"
	rows, err := s.query(ctx, `SELECT id, request_id, name, content_type, size, sha256, blob_key, hazard, created_at, released
		FROM request_attachments WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.Attachment
	for rows.Next() {
		var a casework.Attachment
		if err := rows.Scan(&a.ID, &a.RequestID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.BlobKey, &a.Hazard, dbTime{&a.CreatedAt}, &a.Released); err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, a)
	}
	return out, s.mapErr(op, rows.Err())
}

// CaseRows implements casework.Store with only the columns the report
// counts (a 100,000-request agency compiles in well under a second).
func (s *Store) CaseRows(ctx context.Context, agencyID int64, receivedTo calendar.Date) ([]casework.CaseRow, error) {
	const op = "case rows"
	rows, err := s.query(ctx, `SELECT id, tracking, received_on, applicant_type, outcome, ended_on FROM requests
		WHERE agency_id = ? AND received_on <= ? ORDER BY id`, agencyID, receivedTo.String())
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []casework.CaseRow
	for rows.Next() {
		var c casework.CaseRow
		var atype, outcome string
		if err := rows.Scan(&c.ID, &c.Tracking, reqDateScan{&c.Received}, &atype, &outcome, reqDateScan{&c.Ended}); err != nil {
			return nil, s.mapErr(op, err)
		}
		c.ApplicantType, c.Outcome = request.ApplicantType(atype), request.Outcome(outcome)
		out = append(out, c)
	}
	return out, s.mapErr(op, rows.Err())
}

// Attachment implements casework.Store.
func (s *Store) Attachment(ctx context.Context, id int64) (casework.Attachment, error) {
	var a casework.Attachment
	err := s.queryRow(ctx, `SELECT id, request_id, name, content_type, size, sha256, blob_key, hazard, created_at, released
		FROM request_attachments WHERE id = ?`, id).Scan(&a.ID, &a.RequestID, &a.Name, &a.ContentType, &a.Size, &a.SHA256,
		&a.BlobKey, &a.Hazard, dbTime{&a.CreatedAt}, &a.Released)
	if err != nil {
		return a, s.notFound(fmt.Sprintf("attachment %d", id), "attachment.not_found", err)
	}
	return a, nil
}

// PutAttachmentData stores the sealed bytes of an attachment in the
// database, as attachments were stored before the blob store (blob key
// "db"); nothing writes new ones there, tests make old ones with it.
func (s *Store) PutAttachmentData(ctx context.Context, attachmentID int64, sealed []byte) error {
	_, err := s.exec(ctx, "INSERT INTO request_attachment_data (attachment_id, sealed) VALUES (?, ?)", attachmentID, sealed)
	return s.mapErr(fmt.Sprintf("store attachment %d", attachmentID), err)
}

// AttachmentBlobExists implements casework.Store.
func (s *Store) AttachmentBlobExists(ctx context.Context, key string) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM request_attachments WHERE blob_key = ?", key).Scan(&n)
	return n > 0, s.mapErr("attachment blob", err)
}

// AttachmentData implements casework.Store.
func (s *Store) AttachmentData(ctx context.Context, attachmentID int64) ([]byte, error) {
	var b []byte
	err := s.queryRow(ctx, "SELECT sealed FROM request_attachment_data WHERE attachment_id = ?", attachmentID).Scan(&b)
	if err != nil {
		return nil, s.notFound(fmt.Sprintf("attachment %d data", attachmentID), "attachment.not_found", err)
	}
	return b, nil
}

// CountByState implements casework.Store.
func (s *Store) CountByState(ctx context.Context, agencyID int64) (map[string]int, error) {
	const op = "count requests by state"
	rows, err := s.query(ctx, "SELECT state, COUNT(*) FROM requests WHERE agency_id = ? GROUP BY state", agencyID)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, s.mapErr(op, err)
		}
		out[st] = n
	}
	return out, s.mapErr(op, rows.Err())
}

// DeleteAttachment implements casework.Store.
func (s *Store) DeleteAttachment(ctx context.Context, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete attachment %d", id), "attachment.not_found", `DELETE FROM request_attachments WHERE id = ?`, id)
}
