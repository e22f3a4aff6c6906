package request

import (
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/golden"
)

// TestDeadlineTextGolden pins the full explanation text, Chinese and
// English, for a few clocks. Run with -update after a deliberate change.
func TestDeadlineTextGolden(t *testing.T) {
	var closures calendar.Overrides
	if err := closures.Close(md("2026-03-04"), "台风停止办公"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		cal   *calendar.Calendar
		clock Clock
	}{
		{"spring-2026-pause-extend", calendar.National(), Clock{Received: md("2026-02-13"), Extension: 10,
			Pauses: []Pause{{Kind: PauseThirdParty, From: md("2026-03-02"), To: md("2026-03-20")}}}},
		{"national-day-2024", calendar.National(), Clock{Received: md("2024-09-27")}},
		{"correction-capped-overlap", calendar.National(), Clock{Received: md("2025-09-15"), Corrected: md("2025-09-22"),
			Pauses: []Pause{
				{Kind: PauseFee, From: md("2025-09-16"), To: md("2025-09-19")},
				{Kind: PauseThirdParty, From: md("2025-09-24"), To: md("2025-11-28")},
				{Kind: PauseOtherAgency, From: md("2025-10-10"), To: md("2025-10-20")}}}},
		{"local-closure", calendar.New(&closures), Clock{Received: md("2026-03-02")}},
		{"uncovered-2028", calendar.National(), Clock{Received: md("2027-12-20"), Extension: 20}},
	}
	for _, tt := range tests {
		for _, en := range []bool{false, true} {
			name := tt.name + ".zh.golden"
			if en {
				name = tt.name + ".en.golden"
			}
			t.Run(name, func(t *testing.T) {
				dl, err := Due(tt.cal, tt.clock)
				if err != nil {
					t.Fatal(err)
				}
				got := dl.Text(en)
				golden.CheckString(t, filepath.Join("testdata", name), got)
			})
		}
	}
}
