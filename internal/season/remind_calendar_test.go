package season_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/season"
	"github.com/gongkai/gongkai/internal/sqlstore"
	"github.com/gongkai/gongkai/internal/sqlstore/sqlstoretest"
)

// TestRemindersLocalCalendar: the reminders count each agency's working
// days on its own calendar, read for every agency at once — the 司法局,
// closed on 27 January, reaches 5 working days left a day before the 街道
// — and a first start in the middle of the season sends each agency one
// reminder, the tightest due, and a second run none.
func TestRemindersLocalCalendar(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, st *sqlstore.Store) {
		ctx := context.Background()
		w := setup(t, st)
		if err := st.SetCalendarOverride(ctx, w.dept, calendar.Override{Date: calendar.D(2026, time.January, 27), Reason: "本地停电"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		svc, err := season.New(st, &audit.Log{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		// First start on 20 January: 15 days are past for everyone, 5 not
		// yet: one reminder each for the 司法局 and the 街道 (the 15-day
		// one, late but the tightest due), the government's deadline is
		// 31 March (none yet).
		day := func(d int) time.Time { return time.Date(2026, time.January, d, 10, 0, 0, 0, cst) }
		if n, err := svc.RunReminders(ctx, day(20)); err != nil || n != 2 {
			t.Fatalf("first start: %d sent, %v; want 2", n, err)
		}
		if n, err := svc.RunReminders(ctx, day(20).Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("an hour later: %d sent, %v; want none", n, err)
		}
		first := map[int64]int{}
		for d := 21; d <= 31; d++ {
			if _, err := svc.RunReminders(ctx, day(d)); err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{w.dept, w.town} {
				ns, err := st.OpenSeasonNotices(ctx, id, 10)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := first[id]; !ok && len(ns) == 2 {
					first[id] = d
					if !strings.Contains(ns[0].Body, "还有 5 个工作日") {
						t.Errorf("agency %d on 1/%d: %q; want 5 working days left", id, d, ns[0].Body)
					}
				}
			}
		}
		if first[w.dept] != 22 || first[w.town] != 23 {
			t.Errorf("5-day reminders on 1/%d (司法局, closed 1/27) and 1/%d (街道); want 1/22 and 1/23", first[w.dept], first[w.town])
		}
	})
}
