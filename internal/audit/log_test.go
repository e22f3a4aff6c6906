package audit_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestReadingIsAudited: searching and exporting the log each leave an
// event naming who did it and with which filter (E-AUD-01).
func TestReadingIsAudited(t *testing.T) {
	ctx := context.Background()
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	log := &audit.Log{Store: s}
	auditor := audit.Actor{UserID: 5, Login: "auditor", IP: "198.51.100.7"}
	if err := log.Record(ctx, audit.CLI.Event(audit.ActAgencyCreate, "agency", 1, audit.ResultOK, "宁波市")); err != nil {
		t.Fatal(err)
	}
	evs, err := log.Search(ctx, auditor, audit.Filter{Action: audit.ActAgencyCreate})
	if err != nil || len(evs) != 1 {
		t.Fatalf("Search = %v, %v; want the one agency event", evs, err)
	}
	var b bytes.Buffer
	if err := log.ExportCSV(ctx, auditor, &b, audit.Filter{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "audit.search") || !strings.Contains(b.String(), "宁波市") {
		t.Errorf("export lacks the earlier events:\n%s", b.String())
	}
	got, err := s.SearchAudit(ctx, audit.Filter{ActorLogin: "auditor"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Action != audit.ActAuditExport || got[1].Action != audit.ActAuditSearch ||
		got[1].Detail != "action=agency.create" || got[1].IP != "198.51.100.7" {
		t.Errorf("auditor's events = %+v; want search then export with the filter and IP", got)
	}
}

// TestExportPages: an export without a limit returns every matching
// event, across several pages, newest first.
func TestExportPages(t *testing.T) {
	defer audit.SetExportPage(10)()
	ctx := context.Background()
	s := sqlstoretest.Open(t, sqlstoretest.SQLite)
	log := &audit.Log{Store: s}
	for i := 0; i < 25; i++ {
		if err := log.Record(ctx, audit.CLI.Event("test.export", "", 0, audit.ResultOK, "")); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    audit.Filter
		rows int
	}{
		{"all", audit.Filter{}, 26}, // 25 + the export event itself
		{"filtered", audit.Filter{Action: "test.export"}, 25},
		{"limited", audit.Filter{Action: "test.export", Limit: 13}, 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := log.ExportCSV(ctx, audit.CLI, &b, tt.f); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(b.String()), "\n")
			if len(lines)-1 != tt.rows {
				t.Fatalf("export has %d rows; want %d", len(lines)-1, tt.rows)
			}
		})
	}
}
