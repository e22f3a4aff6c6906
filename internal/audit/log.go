package audit

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
)

// A Log writes, searches, exports and verifies the audit log.
type Log struct {
	Store Store
	// Key keys the chain (HMAC-SM3); nil writes bare SM3 rows, as before
	// #10 item 4 (tests). The server and the command line always set it.
	Key *Key
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Record appends e to the log, filling in its time when zero. It fails
// closed: a caller whose action must be audited returns the error and, in
// a transaction, rolls the action back with it (GB/T 22239-2019 8.1.4.3 d).
// Identity and mobile numbers in the detail are masked (Redact); an event
// without a request id gets the one of ctx (WithRequestID).
func (l *Log) Record(ctx context.Context, e Event) error {
	if err := l.prepare(ctx, &e); err != nil {
		return err
	}
	if _, err := l.Store.AppendAudit(ctx, e, l.seal); err != nil {
		return fmt.Errorf("audit: record %s: %w", e.Action, err)
	}
	return nil
}

// prepare fills in an event's time when zero and its request id (from
// ctx) when empty, masks its detail (Redact) and validates it.
func (l *Log) prepare(ctx context.Context, e *Event) error {
	if e.Time.IsZero() {
		e.Time = l.now()
	}
	e.Detail = Redact(e.Detail)
	if e.RequestID == "" {
		e.RequestID = requestIDFrom(ctx)
	}
	return e.validate()
}

// RecordAll appends es to the log in order, as Record of each would, but
// under one lock and one read of the chain's head: the same chain, fewer
// round trips (an import of thousands of reports). All or nothing: an
// invalid event fails the whole call before anything is written.
func (l *Log) RecordAll(ctx context.Context, es []Event) error {
	if len(es) == 0 {
		return nil
	}
	es = append([]Event(nil), es...)
	for i := range es {
		if err := l.prepare(ctx, &es[i]); err != nil {
			return err
		}
	}
	if _, err := l.Store.AppendAudits(ctx, es, l.seal); err != nil {
		return fmt.Errorf("audit: record %d events (%s…): %w", len(es), es[0].Action, err)
	}
	return nil
}

// Search records that by searched the log (reading the audit log is itself
// audited, E-AUD-01) and returns the events matching f, newest first.
func (l *Log) Search(ctx context.Context, by Actor, f Filter) ([]Event, error) {
	f = f.Normalized()
	if err := l.Record(ctx, by.Event(ActAuditSearch, "audit", 0, ResultOK, describe(f))); err != nil {
		return nil, err
	}
	evs, err := l.Store.SearchAudit(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("audit: search: %w", err)
	}
	return evs, nil
}

// ExportCSV records the export and writes every event matching f (all of
// them when f.Limit is 0, newest first) to w as CSV, UTF-8 with a BOM so
// that Excel shows Chinese correctly. It reads the log in pages.
func (l *Log) ExportCSV(ctx context.Context, by Actor, w io.Writer, f Filter) error {
	if err := l.Record(ctx, by.Event(ActAuditExport, "audit", 0, ResultOK, describe(f))); err != nil {
		return err
	}
	remaining := f.Limit // 0: no limit
	page := exportPage
	var all []Event
	for {
		pf := f
		pf.Limit = page
		if remaining > 0 && remaining < page {
			pf.Limit = remaining
		}
		evs, err := l.Store.SearchAudit(ctx, pf)
		if err != nil {
			return fmt.Errorf("audit: export: %w", err)
		}
		all = append(all, evs...)
		if remaining > 0 {
			remaining -= len(evs)
		}
		if len(evs) < pf.Limit || (f.Limit > 0 && remaining <= 0) {
			break
		}
		f.BeforeID = evs[len(evs)-1].ID
	}
	return WriteCSV(w, all)
}

// exportPage is how many events ExportCSV reads at a time.
var exportPage = 1000

// CSVHeader is the first row of an export.
var CSVHeader = []string{"序号 id", "时间 time (UTC)", "用户ID actor_id", "用户 actor", "来源IP ip",
	"请求ID request_id", "操作 action", "对象类型 object_type", "对象ID object_id", "结果 result", "详情 detail", "前一哈希 prev_hash", "哈希 hash"}

// WriteCSV writes evs as CSV with a UTF-8 BOM and CSVHeader. Cells that a
// spreadsheet would run as a formula get a leading apostrophe (OWASP CSV
// injection).
func WriteCSV(w io.Writer, evs []Event) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("audit: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("audit: write csv: %w", err)
	}
	for _, e := range evs {
		rec := []string{fmt.Sprint(e.ID), e.Time.UTC().Format(TimeFormat), fmt.Sprint(e.ActorID), e.ActorLogin,
			e.IP, e.RequestID, e.Action, e.ObjectType, e.ObjectID, string(e.Result), e.Detail, e.PrevHash, e.Hash}
		for i, c := range rec {
			rec[i] = defuse(c)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("audit: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("audit: write csv: %w", err)
	}
	return nil
}

// defuse prefixes a cell that starts like a formula with an apostrophe.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// describe renders a filter for the detail of an audit.search event.
func describe(f Filter) string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	if !f.From.IsZero() {
		add("from", f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		add("to", f.To.UTC().Format(time.RFC3339))
	}
	add("actor", f.ActorLogin)
	add("action", f.Action)
	add("object_type", f.ObjectType)
	add("object_id", f.ObjectID)
	add("result", string(f.Result))
	add("ip", f.IP)
	add("request_id", f.RequestID)
	return strings.Join(parts, " ")
}
