package request

import "testing"

// TestPriorAnswered: only a request that was answered makes a later one a
// 重复申请 (条例第三十六条第（六）项); a withdrawn request, one abandoned by
// not correcting or not paying, and one still open are no priors.
func TestPriorAnswered(t *testing.T) {
	ended := md("2025-11-03")
	tests := []struct {
		name string
		p    Prior
		want bool
	}{
		{"replied", Prior{Outcome: Granted, Ended: ended, State: Replied}, true},
		{"closed after a reply", Prior{Outcome: WithheldThirdParty, Ended: ended, State: Closed}, true},
		{"imported, state unknown", Prior{Outcome: UnavailableNotHeld, Ended: ended}, true},
		{"withdrawn", Prior{Outcome: OtherOther, Ended: ended, State: Withdrawn}, false},
		{"no correction", Prior{Outcome: OtherNoCorrection, Ended: ended, State: EndedNoCorrection}, false},
		{"fee unpaid", Prior{Outcome: OtherFeeUnpaid, Ended: ended, State: EndedFeeUnpaid}, false},
		{"imported abandonment", Prior{Outcome: OtherNoCorrection, Ended: ended, State: Closed}, false},
		{"still open", Prior{Outcome: Granted, State: DraftReply}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Answered(); got != tt.want {
				t.Errorf("Answered() = %v; want %v", got, tt.want)
			}
			tt.p.ApplicantKey, tt.p.Content, tt.p.ID = "A", "2025年本区老旧小区改造项目清单及资金安排", "2025-118"
			got := LikelyRepeats("A", "2025年本区老旧小区改造项目清单及资金安排", []Prior{tt.p}, 0)
			if (len(got) == 1) != tt.want {
				t.Errorf("LikelyRepeats = %+v; want a match: %v", got, tt.want)
			}
		})
	}
}
