package casework_test

import (
	"context"
	"strings"
	"testing"
)

// TestSubmitIntakeNotes checks that an application the portal thinks was
// automated is still recorded (条例第二十九条, SECURITY.md A-07) and that
// the reason reaches staff as a hint, and that the version of the
// personal-information notice shown is stored with it (SECURITY.md P-01).
func TestSubmitIntakeNotes(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		tests := []struct {
			name, suspicious, notice string
			wantHint, wantNotice     string
		}{
			{"person", "", "pipl-2026-11-25", "", "pipl-2026-11-25"},
			{"automated", " 填写了对用户隐藏的栏目 ", "pipl-2026-11-25", "填写了对用户隐藏的栏目", "pipl-2026-11-25"},
			{"long reason clipped", strings.Repeat("快", 300), "", strings.Repeat("快", 200), ""},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := w.application("2023年度部门预算执行情况之" + string(rune('一'+i)))
				a.Suspicious, a.PIPLNotice = tc.suspicious, tc.notice
				rc := w.rc(w.svc.Submit(ctx, a, "203.0.113.9"))
				v := w.v(w.svc.Get(ctx, w.clerk, rc.RequestID))
				if v.Hints.Suspicious != tc.wantHint {
					t.Errorf("hint = %q; want %q", v.Hints.Suspicious, tc.wantHint)
				}
				if v.Record.PIPLNotice != tc.wantNotice || v.Record.Suspicious != tc.wantHint {
					t.Errorf("record notice %q suspicious %q; want %q %q", v.Record.PIPLNotice, v.Record.Suspicious, tc.wantNotice, tc.wantHint)
				}
				h := w.h(w.svc.Confirm(ctx, w.clerk, rc.RequestID, w.today))
				if h.Suspicious != tc.wantHint {
					t.Errorf("confirm hint = %q; want %q", h.Suspicious, tc.wantHint)
				}
			})
		}
	})
}
