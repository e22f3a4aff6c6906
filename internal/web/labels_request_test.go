package web

import (
	"testing"

	"github.com/gongkai/gongkai/internal/request"
)

// TestRequestLabels: every state, applicant type, channel, urgency and
// outcome of the request domain has a Chinese and an English label.
func TestRequestLabels(t *testing.T) {
	want := map[string][]string{"urgency": {"not_running", "on_track", "due_in_5", "due_in_1", "overdue"}}
	for _, s := range []request.State{request.Registered, request.CorrectionRequested, request.Corrected, request.InProgress,
		request.Consulting, request.AwaitingFee, request.DraftReply, request.InReview, request.Approved, request.Replied,
		request.Closed, request.EndedNoCorrection, request.EndedFeeUnpaid, request.Withdrawn} {
		want["state"] = append(want["state"], string(s))
	}
	for _, ty := range request.ApplicantTypes() {
		want["type"] = append(want["type"], string(ty))
	}
	for _, c := range request.Channels() {
		want["channel"] = append(want["channel"], string(c))
	}
	for _, o := range request.Outcomes() {
		want["outcome"] = append(want["outcome"], string(o.ID))
	}
	for kind, vs := range want {
		for _, v := range vs {
			l, ok := CommonMessages["label."+kind+"."+v]
			if !ok || l[0] == "" || l[1] == "" || l[0] == v {
				t.Errorf("%s %q: label %q", kind, v, l)
			}
		}
	}
}
