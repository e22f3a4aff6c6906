package casework_test

import (
	"context"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// answer takes registered request id to a reply with outcome o on the
// world's day: start, draft, submit, approve (the 负责人), reply.
func (w *world) answer(id int64, o request.Outcome) {
	w.t.Helper()
	ctx := context.Background()
	v := w.v(w.svc.Get(ctx, w.clerk, id))
	if request.State(v.Record.State) == request.Registered || request.State(v.Record.State) == request.Corrected {
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActStart}))
	}
	w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: o, Note: "已答复"}))
	w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActSubmit}))
	w.v(w.svc.Step(ctx, w.head, id, casework.Step{Action: request.ActApprove}))
	w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActReply}))
}
