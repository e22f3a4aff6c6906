package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/account"
	"github.com/gongkai/gongkai/internal/agency"
	"github.com/gongkai/gongkai/internal/apitoken"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// beforeTimes is the last schema version before migration 00070, which
// brought every table to the package's one rule for times.
const beforeTimes = 69

// The times written the old way: as the fixed-width UTC text the old code
// wrote into TEXT columns (on PostgreSQL too), and as Unix seconds and
// nanoseconds in staff_sessions. Microseconds, both ends of the text
// order, a leap day and a time before 2000.
var (
	tA = time.Date(2024, 3, 1, 2, 3, 4, 123456000, time.UTC)
	tB = time.Date(2024, 2, 29, 23, 59, 59, 999999000, time.UTC)
	tC = time.Date(1999, 12, 31, 16, 0, 0, 1000, time.UTC)
	tD = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// oldText is a time as the old code wrote it into a TEXT column.
func oldText(t time.Time) string { return t.UTC().Format(sqlstore.TimeFormat) }

// TestMigrationTimes writes rows with the schema and representation of
// migration 00069 (text times on PostgreSQL, Unix seconds and nanoseconds
// in staff_sessions) and an audit chain, migrates, and reads every time
// back equal, through the store's methods where it has them and column by
// column where it does not. The audit chain, whose hash covers the text
// of audit_events.ts, still verifies with the same head.
func TestMigrationTimes(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.OpenEmpty(t, name)
			if _, err := s.MigrateTo(ctx, beforeTimes); err != nil {
				t.Fatalf("migrate to %d: %v", beforeTimes, err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if err := s.ExecRaw(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}

			// Tables 00070 leaves alone, through the store.
			ag := oldAgency(t, s, 1, "北仑区司法局", tA)
			u, err := s.CreateUser(ctx, account.User{AgencyID: ag.ID, Login: "clerk", PasswordHash: "h", Roles: []account.Role{account.Clerk},
				CreatedAt: tC, PasswordChangedAt: tB})
			if err != nil {
				t.Fatal(err)
			}
			clock := []time.Time{tA, tB, tC, tD, tA.Add(time.Microsecond)}
			log := &audit.Log{Store: s, Now: func() time.Time { next := clock[0]; clock = clock[1:]; return next }}
			for i := range 5 {
				if err := log.Record(ctx, audit.Actor{UserID: u.ID, Login: "clerk", IP: "192.0.2.1"}.Event(
					audit.ActUserCreate, "user", int64(i), audit.ResultOK, fmt.Sprintf("第%d条", i+1))); err != nil {
					t.Fatal(err)
				}
			}
			before, err := log.Verify(ctx)
			if err != nil || before.Break != nil || before.Rows != 5 {
				t.Fatalf("audit chain before the migration: %+v, %v", before, err)
			}

			// Tables 00070 converts, written the old way.
			exec(`INSERT INTO api_tokens (name, agency_id, token_hash, created_at, last_used_at) VALUES ('OA', ?, 'tok', ?, ?)`,
				ag.ID, oldText(tA), oldText(tB))
			exec(`INSERT INTO requests (id, agency_id, tracking, origin, applicant_type, state, received_on, created_at, updated_at)
				VALUES (1, ?, '2024-0001', 'staff', 'natural_person', 'registered', '2024-03-01', ?, ?)`, ag.ID, oldText(tC), oldText(tA))
			exec(`INSERT INTO request_events (request_id, seq, action, on_date, at) VALUES (1, 1, 'register', '2024-03-01', ?)`, oldText(tB))
			exec(`INSERT INTO request_attachments (request_id, name, content_type, size, sha256, created_at)
				VALUES (1, 'a.pdf', 'application/pdf', 1, 'ab', ?)`, oldText(tD))
			exec(`INSERT INTO calendar_overrides (agency_id, day, open, reason, created_at) VALUES (?, '2024-07-01', ?, '台风', ?)`,
				ag.ID, false, oldText(tB))
			exec(`INSERT INTO request_appeals (request_id, kind, created_at) VALUES (1, 'review', ?)`, oldText(tA))
			exec(`INSERT INTO notifications (agency_id, request_id, audience, kind, body, created_at, read_at)
				VALUES (?, 1, 'staff', 'k', '提醒', ?, ?)`, ag.ID, oldText(tA), oldText(tD))
			exec(`INSERT INTO notifications (agency_id, request_id, audience, kind, body, created_at) VALUES (?, 1, 'staff', 'k', '未读', ?)`,
				ag.ID, oldText(tB))
			exec(`INSERT INTO report_drafts (agency_id, year, entries, status, updated_at, published_at, snapshot)
				VALUES (?, 2023, '{}', 'published', ?, ?, '{}')`, ag.ID, oldText(tB), oldText(tA))
			exec(`INSERT INTO letter_settings (agency_id, updated_at) VALUES (?, ?)`, ag.ID, oldText(tC))
			exec(`INSERT INTO letter_counters (agency_id, year, last) VALUES (?, 2024, 1)`, ag.ID)
			exec(`INSERT INTO letter_numbers (request_id, kind, agency_id, year, seq, issued_at) VALUES (1, 'reply', ?, 2024, 1, ?)`,
				ag.ID, oldText(tD))
			exec(`INSERT INTO mail_outbox (id, agency_id, request_id, recipient_enc, recipient_key, subject, body, created_at, next_attempt)
				VALUES (1, ?, 1, 'sm4gcm:k:x', 'key', '待发', 'b', ?, ?)`, ag.ID, oldText(tA), oldText(tB))
			exec(`INSERT INTO mail_outbox (id, agency_id, request_id, recipient_enc, recipient_key, subject, body, created_at, attempts, sent_at)
				VALUES (2, ?, 1, 'sm4gcm:k:x', 'key', '已发', 'b', ?, 1, ?)`, ag.ID, oldText(tB), oldText(tD))
			exec(`INSERT INTO staff_sessions (token_hash, user_id, pwat, created, last_seen, ip, user_agent) VALUES ('sess', ?, ?, ?, ?, '192.0.2.1', 'UA')`,
				u.ID, tB.UnixNano(), tA.Unix(), tD.Unix())

			applied, err := s.MigrateTo(ctx, 70)
			if err != nil {
				t.Fatalf("migrate to 70: %v", err)
			}
			if len(applied) == 0 || applied[0].Version != 70 {
				t.Fatalf("applied %v; want 00070 first", applied)
			}

			same := func(what string, got, want time.Time) {
				t.Helper()
				if !got.Equal(want) || got.Location() != time.UTC {
					t.Errorf("%s = %v; want %v (UTC)", what, got, want)
				}
			}
			// Staff sessions at 00070 itself: 00080 later drops every
			// session stored under a raw token (#10 item 5).
			ss, err := s.StaffSession(ctx, "sess")
			if err != nil {
				t.Fatal(err)
			}
			same("session password", ss.PasswordChangedAt, tB)
			same("session created (whole seconds)", ss.Created, tA.Truncate(time.Second))
			same("session last seen", ss.LastSeen, tD)
			list, err := s.StaffSessions(ctx, u.ID, tB, tD, tA.Add(-time.Second))
			if err != nil || len(list) != 1 {
				t.Errorf("StaffSessions under the migrated password = %v, %v; want the session", list, err)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			// Through the store's methods.
			tok, err := s.APITokenByHash(ctx, "tok")
			if err != nil {
				t.Fatal(err)
			}
			same("api token created", tok.CreatedAt, tA)
			same("api token used", tok.LastUsedAt, tB)
			same("api token revoked (NULL)", tok.RevokedAt, time.Time{})
			rec, err := s.Request(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			same("request created", rec.CreatedAt, tC)
			same("request updated", rec.UpdatedAt, tA)
			as, err := s.Attachments(ctx, 1)
			if err != nil || len(as) != 1 {
				t.Fatalf("attachments %v, %v", as, err)
			}
			same("attachment", as[0].CreatedAt, tD)
			aps, err := s.Appeals(ctx, 1)
			if err != nil || len(aps) != 1 {
				t.Fatalf("appeals %v, %v", aps, err)
			}
			same("appeal", aps[0].CreatedAt, tA)
			ns, err := s.Notifications(ctx, casework.NotificationFilter{RequestID: 1})
			if err != nil || len(ns) != 2 {
				t.Fatalf("notifications %v, %v", ns, err)
			}
			same("notification created", ns[0].CreatedAt, tA)
			same("notification read", ns[0].ReadAt, tD)
			same("unread notification", ns[1].ReadAt, time.Time{})
			rep, err := s.ReportRecord(ctx, ag.ID, 2023)
			if err != nil {
				t.Fatal(err)
			}
			same("report updated", rep.UpdatedAt, tB)
			same("report published", rep.PublishedAt, tA)
			set, err := s.LetterSettings(ctx, ag.ID)
			if err != nil {
				t.Fatal(err)
			}
			same("letter settings", set.UpdatedAt, tC)
			ms, err := s.RequestMail(ctx, 1)
			if err != nil || len(ms) != 2 {
				t.Fatalf("mail %v, %v", ms, err)
			}
			same("pending mail created", ms[0].CreatedAt, tA)
			same("pending mail due", ms[0].NextAttempt, tB)
			same("sent mail created", ms[1].CreatedAt, tB)
			same("sent mail sent", ms[1].SentAt, tD)
			// Where the store has no reader, the column itself.
			for _, c := range []struct {
				q    string
				want time.Time
			}{
				{"SELECT at FROM request_events WHERE request_id = 1 AND seq = 1", tB},
				{"SELECT created_at FROM calendar_overrides WHERE day = '2024-07-01'", tB},
				{"SELECT issued_at FROM letter_numbers WHERE request_id = 1 AND kind = 'reply'", tD},
			} {
				got, err := s.QueryTime(ctx, c.q)
				if err != nil {
					t.Fatalf("%s: %v", c.q, err)
				}
				same(c.q, got, c.want)
			}

			// The converted times still compare as times.
			if due, err := s.DueMail(ctx, tB, 10); err != nil || len(due) != 1 || due[0].ID != 1 {
				t.Errorf("DueMail at the due time = %v, %v; want mail 1", due, err)
			}
			if due, _ := s.DueMail(ctx, tB.Add(-time.Microsecond), 10); len(due) != 0 {
				t.Errorf("DueMail a microsecond early = %v; want none", due)
			}
			if n, err := s.MailCount(ctx, "key", "", tB); err != nil || n != 2 {
				t.Errorf("MailCount since %v = %d, %v; want 2", tB, n, err)
			}
			if n, err := s.MailCount(ctx, "key", "", tB.Add(time.Microsecond)); err != nil || n != 1 {
				t.Errorf("MailCount a microsecond later = %d, %v; want 1", n, err)
			}
			if n, err := s.LetterNumber(ctx, ag.ID, 1, "reply", 2024, tA); err != nil || n != 1 {
				t.Errorf("LetterNumber of the numbered letter = %d, %v; want 1", n, err)
			}
			if err := s.TouchAPIToken(ctx, tok.ID, tC); err != nil {
				t.Fatal(err)
			}
			if tok, _ := s.APITokenByHash(ctx, "tok"); !tok.LastUsedAt.Equal(tB) {
				t.Errorf("touched with an earlier time: last used %v; want %v kept", tok.LastUsedAt, tB)
			}

			// The audit chain: untouched, same head, and found by time.
			after, err := log.Verify(ctx)
			if err != nil || after.Break != nil || after.Rows != before.Rows || after.Head != before.Head {
				t.Errorf("audit chain after the migration: %+v, %v; want intact with head %s", after, err, before.Head)
			}
			evs, err := s.SearchAudit(ctx, audit.Filter{From: tA, To: tA.Add(time.Second)})
			if err != nil || len(evs) != 2 {
				t.Errorf("audit events in [tA, tA+1s) = %d, %v; want 2", len(evs), err)
			}
		})
	}
}

// TestMigrationTimesDown: 00070's Down section restores the old layout
// and representation exactly, so that the Up run again gives the same
// times (goose keeps Down for its bookkeeping; the project migrates
// forward only, but a Down that loses data would be a trap).
func TestMigrationTimesDown(t *testing.T) {
	for _, name := range sqlstoretest.Names {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.Open(t, name)
			ag, err := s.CreateAgency(ctx, agency.Agency{Name: "北仑区司法局", CreatedAt: tA})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateAPIToken(ctx, apitoken.Token{Name: "OA", AgencyID: ag.ID, Hash: "tok", CreatedAt: tC}); err != nil {
				t.Fatal(err)
			}
			pw := tB.Add(7 * time.Microsecond)
			if err := s.AddStaffSession(ctx, sqlstore.StaffSession{Hash: "sess", UserID: 1, PasswordChangedAt: pw, Created: tA, LastSeen: tD},
				tA.Add(-time.Hour), tA.Add(-time.Hour)); err != nil {
				t.Fatal(err)
			}
			if err := s.MigrateDown(ctx, 70); err != nil {
				t.Fatalf("down 00070: %v", err)
			}
			var text string
			var pwat, created int64
			if err := s.DB().QueryRowContext(ctx, "SELECT created_at FROM api_tokens").Scan(&text); err != nil || text != oldText(tC) {
				t.Errorf("api_tokens.created_at after Down = %q, %v; want %q", text, err, oldText(tC))
			}
			if err := s.DB().QueryRowContext(ctx, "SELECT pwat, created FROM staff_sessions").Scan(&pwat, &created); err != nil ||
				pwat != pw.UnixNano() || created != tA.Unix() {
				t.Errorf("staff_sessions after Down = %d, %d, %v; want %d, %d", pwat, created, err, pw.UnixNano(), tA.Unix())
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			tok, err := s.APITokenByHash(ctx, "tok")
			if err != nil || !tok.CreatedAt.Equal(tC) {
				t.Errorf("api token after Down and Up = %v, %v; want created %v", tok.CreatedAt, err, tC)
			}
			ss, err := s.StaffSession(ctx, "sess")
			if err != nil || !ss.PasswordChangedAt.Equal(pw) || !ss.Created.Equal(tA.Truncate(time.Second)) || !ss.LastSeen.Equal(tD) {
				t.Errorf("session after Down and Up = %+v, %v", ss, err)
			}
		})
	}
}
