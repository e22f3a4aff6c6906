package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestRecordAllEqualsRecord: 1,203 events (more than two INSERTs of them,
// after a chain already started; details to redact, times given and not,
// a request id from the context) appended by RecordAll leave exactly the
// rows, ids and keyed hash chain that Record leaves one at a time, and the
// chain verifies; an invalid event among them writes nothing.
func TestRecordAllEqualsRecord(t *testing.T) {
	key, _, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, backend := range sqlstoretest.Names {
		t.Run(backend, func(t *testing.T) {
			ctx := audit.WithRequestID(context.Background(), "req-13")
			one, batch := sqlstoretest.Open(t, backend), sqlstoretest.Open(t, backend)
			clock := func() time.Time { return testNow }
			logOne := &audit.Log{Store: one, Key: key, Now: clock}
			logBatch := &audit.Log{Store: batch, Key: key, Now: clock}
			record(t, logOne, 3)
			record(t, logBatch, 3)
			by := audit.Actor{UserID: 9, Login: "cli", IP: "198.51.100.7"}
			var es []audit.Event
			for i := range 1203 {
				e := by.Event("report.import", "report", int64(i), audit.ResultOK,
					fmt.Sprintf("year=2023 第%d份 电话13812345678 身份证110101199003071234", i))
				if i%2 == 0 {
					e.Time = testNow.Add(time.Duration(i) * time.Millisecond)
				}
				es = append(es, e)
			}
			bad := append(append([]audit.Event(nil), es[:5]...), audit.Event{Result: audit.ResultOK})
			if err := logBatch.RecordAll(ctx, bad); !errors.Is(err, apperr.Invalid) {
				t.Fatalf("an event without an action: %v; want Invalid", err)
			}
			if err := logBatch.RecordAll(ctx, nil); err != nil {
				t.Fatalf("no events: %v", err)
			}
			for _, e := range es {
				if err := logOne.Record(ctx, e); err != nil {
					t.Fatal(err)
				}
			}
			if err := logBatch.RecordAll(ctx, es); err != nil {
				t.Fatal(err)
			}
			q := "SELECT id, ts, actor_id, actor_login, ip, request_id, action, object_type, object_id, result, detail, prev_hash, hash FROM audit_events ORDER BY id"
			want, got := dump(t, one.DB(), q), dump(t, batch.DB(), q)
			if want != got {
				t.Errorf("batched %.600s\n one by one %.600s", got, want)
			}
			if n := count(t, batch.DB(), "SELECT count(*) FROM audit_events"); n != 3+len(es) {
				t.Errorf("%d events; want %d", n, 3+len(es))
			}
			for _, st := range []*sqlstore.Store{one, batch} {
				v, err := (&audit.Log{Store: st, Key: key}).Verify(ctx)
				if err != nil || v.Break != nil {
					t.Errorf("verify: %+v, %v", v.Break, err)
				}
			}
		})
	}
}
