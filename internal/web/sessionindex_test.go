package web

import (
	"context"
	"strings"
	"testing"
	"time"
)

// memRows is an in-memory SessionRows.
type memRows map[string]SessionInfo

func (m memRows) AddSession(_ context.Context, si SessionInfo, _, _ time.Time) error {
	m[si.ID] = si
	return nil
}

func (m memRows) Session(_ context.Context, id string) (SessionInfo, bool, error) {
	si, ok := m[id]
	return si, ok, nil
}

func (m memRows) SeeSession(_ context.Context, id string, at time.Time, ip string) error {
	si := m[id]
	si.LastSeen, si.IP = at, ip
	m[id] = si
	return nil
}

func (m memRows) Sessions(_ context.Context, userID, _ int64, _, _ time.Time) ([]SessionInfo, error) {
	var out []SessionInfo
	for _, si := range m {
		if si.UserID == userID {
			out = append(out, si)
		}
	}
	return out, nil
}

func (m memRows) EndSession(_ context.Context, userID int64, id string) (bool, error) {
	if si, ok := m[id]; ok && si.UserID == userID {
		delete(m, id)
		return true, nil
	}
	return false, nil
}

func (m memRows) EndOtherSessions(_ context.Context, userID int64, keep string) (int64, error) {
	var n int64
	for id, si := range m {
		if si.UserID == userID && id != keep {
			delete(m, id)
			n++
		}
	}
	return n, nil
}

func (m memRows) ForgetSession(_ context.Context, id string) error {
	delete(m, id)
	return nil
}

// TestSessionIndex: rows are keyed by the token's hash, never the token;
// the user agent is clipped; Touch refreshes last_seen only past the
// throttle and refuses a missing row or another user's.
func TestSessionIndex(t *testing.T) {
	ctx := context.Background()
	rows := memRows{}
	x := NewSessionIndex(rows, 30*time.Minute, 12*time.Hour)
	t0 := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	if err := x.Start(ctx, "tok-a", 1, 7, t0, "192.0.2.1", "UA "+strings.Repeat("é", 400)+"\xff"); err != nil {
		t.Fatal(err)
	}
	si, ok := rows[SessionID("tok-a")]
	if !ok || len(rows) != 1 || si.PasswordAt != 7 || len([]rune(si.UserAgent)) != 300 || strings.Contains(si.UserAgent, "\xff") {
		t.Fatalf("rows = %+v; want one row keyed by the hash, user agent clipped to 300 runes", rows)
	}
	if len(SessionID("tok-a")) != 64 || SessionID("tok-a") == SessionID("tok-b") {
		t.Error("SessionID is not a 64-digit hex hash")
	}
	for _, tc := range []struct {
		token    string
		user     int64
		at       time.Time
		live     bool
		wantSeen time.Time
	}{
		{"tok-a", 1, t0.Add(30 * time.Second), true, t0},
		{"tok-a", 1, t0.Add(2 * time.Minute), true, t0.Add(2 * time.Minute)},
		{"tok-a", 2, t0, false, t0.Add(2 * time.Minute)},
		{"nothing", 1, t0, false, t0.Add(2 * time.Minute)},
	} {
		live, err := x.Touch(ctx, tc.token, tc.user, tc.at, "192.0.2.2")
		if err != nil || live != tc.live {
			t.Errorf("touch %s as %d = %v, %v; want %v", tc.token, tc.user, live, err, tc.live)
		}
		if got := rows[SessionID("tok-a")].LastSeen; !got.Equal(tc.wantSeen) {
			t.Errorf("after touch %s at %v: last seen %v; want %v", tc.token, tc.at, got, tc.wantSeen)
		}
	}
	if err := x.Forget(ctx, ""); err != nil {
		t.Error(err)
	}
	if err := x.Forget(ctx, "tok-a"); err != nil || len(rows) != 0 {
		t.Errorf("forget: %v, %d rows left", err, len(rows))
	}
}
