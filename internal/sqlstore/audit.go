package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
)

var _ audit.Store = (*Store)(nil)

const auditCols = "id, ts, actor_id, actor_login, ip, request_id, action, object_type, object_id, result, detail, prev_hash, hash"

func scanEvent(sc interface{ Scan(...any) error }) (audit.Event, error) {
	var e audit.Event
	var ts, result string
	err := sc.Scan(&e.ID, &ts, &e.ActorID, &e.ActorLogin, &e.IP, &e.RequestID, &e.Action, &e.ObjectType, &e.ObjectID,
		&result, &e.Detail, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, err
	}
	e.Result = audit.Result(result)
	// A time that does not parse stays zero, so Verify reports the row
	// instead of failing the whole walk.
	e.Time, _ = time.Parse(audit.TimeFormat, ts)
	return e, nil
}

// AppendAudit implements audit.Store. Writers are serialised by the
// transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL),
// so two events never claim the same place in the chain.
func (s *Store) AppendAudit(ctx context.Context, e audit.Event, seal func(last audit.Event, e *audit.Event) error) (audit.Event, error) {
	es, err := s.AppendAudits(ctx, []audit.Event{e}, seal)
	if err != nil {
		return e, err
	}
	return es[0], nil
}

// auditRowsPerInsert bounds the events of one multi-row INSERT in
// AppendAudits (13 values a row).
const auditRowsPerInsert = 500

// AppendAudits implements audit.Store: one lock, one read of the head,
// then es sealed in order and inserted a few hundred a statement.
func (s *Store) AppendAudits(ctx context.Context, es []audit.Event, seal func(last audit.Event, e *audit.Event) error) ([]audit.Event, error) {
	es = append([]audit.Event(nil), es...)
	err := s.InTx(ctx, func(ctx context.Context) error {
		if s.d.lockAudit != "" {
			if _, err := s.exec(ctx, s.d.lockAudit); err != nil {
				return s.mapErr("lock audit chain", err)
			}
		}
		last, err := scanEvent(s.queryRow(ctx, "SELECT "+auditCols+" FROM audit_events ORDER BY id DESC LIMIT 1"))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return s.mapErr("read audit head", err)
		}
		for i := range es {
			if err := seal(last, &es[i]); err != nil {
				return err
			}
			last = es[i]
		}
		for start := 0; start < len(es); start += auditRowsPerInsert {
			rows := newValues(13)
			for _, e := range es[start:min(start+auditRowsPerInsert, len(es))] {
				rows.add(e.ID, e.Time.UTC().Format(audit.TimeFormat), e.ActorID, e.ActorLogin, e.IP, e.RequestID, e.Action, e.ObjectType,
					e.ObjectID, string(e.Result), e.Detail, e.PrevHash, e.Hash)
			}
			if _, err := s.exec(ctx, "INSERT INTO audit_events ("+auditCols+") VALUES "+rows.sql(), rows.args...); err != nil {
				return s.mapErr("append audit event", err)
			}
		}
		return nil
	})
	return es, err
}

// AuditHead implements audit.Store.
func (s *Store) AuditHead(ctx context.Context) (audit.Event, error) {
	e, err := scanEvent(s.queryRow(ctx, "SELECT "+auditCols+" FROM audit_events ORDER BY id DESC LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return audit.Event{}, nil
	}
	return e, s.mapErr("read audit head", err)
}

// AuditEvents implements audit.Store.
func (s *Store) AuditEvents(ctx context.Context, afterID int64, limit int) ([]audit.Event, error) {
	return s.events(ctx, "audit events", "SELECT "+auditCols+" FROM audit_events WHERE id > ? ORDER BY id LIMIT ?", afterID, limit)
}

// SearchAudit implements audit.Store.
func (s *Store) SearchAudit(ctx context.Context, f audit.Filter) ([]audit.Event, error) {
	f = f.Normalized()
	q := "SELECT " + auditCols + " FROM audit_events WHERE 1 = 1"
	var args []any
	add := func(cond string, v any) {
		q += " AND " + cond
		args = append(args, v)
	}
	if !f.From.IsZero() {
		add("ts >= ?", f.From.UTC().Format(audit.TimeFormat))
	}
	if !f.To.IsZero() {
		add("ts < ?", f.To.UTC().Format(audit.TimeFormat))
	}
	if f.ActorLogin != "" {
		add("actor_login = ?", f.ActorLogin)
	}
	if f.Action != "" {
		if f.Action[len(f.Action)-1] == '.' {
			// A prefix: compare the leading characters, no LIKE escaping.
			add("substr(action, 1, "+itoa(len([]rune(f.Action)))+") = ?", f.Action)
		} else {
			add("action = ?", f.Action)
		}
	}
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		add("object_id = ?", f.ObjectID)
	}
	if f.Result != "" {
		add("result = ?", string(f.Result))
	}
	if f.IP != "" {
		add("ip = ?", f.IP)
	}
	if f.RequestID != "" {
		add("request_id = ?", f.RequestID)
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, f.Limit)
	return s.events(ctx, "search audit", q, args...)
}

func (s *Store) events(ctx context.Context, op, q string, args ...any) ([]audit.Event, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.mapErr(op, err)
	}
	defer rows.Close()
	var out []audit.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, s.mapErr(op, err)
		}
		out = append(out, e)
	}
	return out, s.mapErr(op, rows.Err())
}
