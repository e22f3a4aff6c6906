package casework_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// TestStepRefusesWhatIsNoStep checks Step's own guards: registration and
// unknown actions are not steps, a draft needs one of the 21 outcomes and
// a fee notice a method; none of them reaches the history.
func TestStepRefusesWhatIsNoStep(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		id := w.started("2023年度行政执法统计")
		before := len(w.v(w.svc.Get(ctx, w.clerk, id)).Events)
		tests := []struct {
			name string
			st   casework.Step
			want error
		}{
			{"register", casework.Step{Action: request.ActRegister}, apperr.Invalid},
			{"unknown", casework.Step{Action: "publish"}, apperr.Invalid},
			{"empty", casework.Step{}, apperr.Invalid},
			{"draft without outcome", casework.Step{Action: request.ActDraft, Note: "x"}, apperr.Invalid},
			{"draft with a made-up outcome", casework.Step{Action: request.ActDraft, Outcome: "maybe"}, apperr.Invalid},
			{"consult without a party", casework.Step{Action: request.ActConsult, Pause: request.PauseThirdParty, Party: " ", Note: "x"}, apperr.Invalid},
			{"fee without method", casework.Step{Action: request.ActFeeNotice, Pages: 500}, apperr.Invalid},
			{"fee of another agency", casework.Step{Action: request.ActFeeNotice, FeeMethod: request.PerPage, Pages: 500}, apperr.NotFound},
		}
		for _, tt := range tests {
			as := w.clerk
			if tt.name == "fee of another agency" {
				as = w.clerkB
			}
			if _, err := w.svc.Step(ctx, as, id, tt.st); !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v; want %v", tt.name, err, tt.want)
			}
		}
		if after := len(w.v(w.svc.Get(ctx, w.clerk, id)).Events); after != before {
			t.Errorf("refused steps changed the history: %d events, had %d", after, before)
		}
	})
}
