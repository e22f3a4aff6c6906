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
