package sqlstore_test

import (
	"context"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// migrateBelow applies the embedded migrations numbered below v only: the
// schema a database had before migration v arrived.
func migrateBelow(t *testing.T, s *sqlstore.Store, v int64) {
	t.Helper()
	src, err := sqlstore.Migrations(s.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(src, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	part := fstest.MapFS{}
	for _, n := range names {
		num, _, _ := strings.Cut(n, "_")
		if x, err := strconv.ParseInt(num, 10, 64); err != nil || x >= v {
			continue
		}
		b, err := fs.ReadFile(src, n)
		if err != nil {
			t.Fatal(err)
		}
		part[n] = &fstest.MapFile{Data: b}
	}
	d := goose.DialectSQLite3
	if s.Dialect() == "postgres" {
		d = goose.DialectPostgres
	}
	p, err := goose.NewProvider(d, s.DB(), part)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestConsultPartyMigration writes consultations the old way, with the
// consulted party leading the note ("征求对象：甲公司；说明"), then migrates:
// migration 00090 moves the party to the event's Party field and leaves
// the rest of the note, and touches no other event.
func TestConsultPartyMigration(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.OpenEmpty(t, name)
			migrateBelow(t, s, 90)
			a := oldAgency(t, s, 1, "北仑区司法局", testNow)
			on := calendar.D(2024, 3, 6)
			tests := []struct {
				action      request.Action
				note, party string // as stored before
				wantNote    string
				wantParty   string
			}{
				{request.ActConsult, "征求对象：宁波某某建设有限公司；涉及其投标文件", "", "涉及其投标文件", "宁波某某建设有限公司"},
				{request.ActConsult, "征求对象：北仑区住建局", "", "", "北仑区住建局"},
				{request.ActConsult, "征求对象：甲；乙；丙", "", "乙；丙", "甲"},
				{request.ActConsult, "征求企业意见", "", "征求企业意见", ""},
				{request.ActConsult, "征求对象：旧写法", "新写法公司", "征求对象：旧写法", "新写法公司"},
				{request.ActDraft, "征求对象：不是征求意见", "", "征求对象：不是征求意见", ""},
			}
			var ids []int64
			for i, tt := range tests {
				rec, err := s.CreateRequest(ctx, newRecord(a.ID, "2024-000"+strconv.Itoa(i+1)))
				if err != nil {
					t.Fatal(err)
				}
				e := request.Event{Action: tt.action, At: time.Date(2024, 3, 6, 2, 0, 0, 0, time.UTC), On: on, Note: tt.note, Party: tt.party, Pause: request.PauseThirdParty}
				if err := s.AppendRequestEvent(ctx, rec.ID, casework.StoredEvent{Seq: 1, ActorLogin: "clerk", Event: e}); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, rec.ID)
			}
			res, err := s.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 || res[0].Version != 90 {
				t.Fatalf("migrations applied %v; want 00090 first", res)
			}
			for i, tt := range tests {
				evs, err := s.RequestEvents(ctx, ids[i])
				if err != nil || len(evs) != 1 {
					t.Fatalf("%q: events %v, %v", tt.note, evs, err)
				}
				e := evs[0].Event
				if e.Note != tt.wantNote || e.Party != tt.wantParty || e.On != on || e.Pause != request.PauseThirdParty || evs[0].ActorLogin != "clerk" {
					t.Errorf("%q: note %q, party %q (on %s, pause %s); want note %q, party %q",
						tt.note, e.Note, e.Party, e.On, e.Pause, tt.wantNote, tt.wantParty)
				}
			}
			// The history is append-only again.
			if _, err := s.DB().ExecContext(ctx, "UPDATE request_events SET action = 'x'"); err == nil {
				t.Error("UPDATE of request_events accepted after the migration")
			}
		})
	}
}
