package office

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// TestOfferSteps checks, per state and role, the steps the request page
// offers: the likely one first as the only primary, rare steps folded,
// the head's extension without a clerk's request never in front.
func TestOfferSteps(t *testing.T) {
	names := func(actions []request.Action) []string {
		var out []string
		for _, a := range actions {
			out = append(out, string(a))
		}
		return out
	}
	tests := []struct {
		name    string
		state   string
		role    request.Role
		extra   []string // added in front of request.Allowed ("confirm")
		asked   bool
		primary string
		main    []string // after the primary
		more    []string
	}{
		{"unconfirmed submission", casework.Submitted, request.Clerk, []string{"confirm"}, false, "confirm", nil, nil},
		{"clerk, registered", string(request.Registered), request.Clerk, nil, false, "start", []string{"request_correction", "split"}, []string{"withdraw"}},
		{"clerk, correction asked", string(request.CorrectionRequested), request.Clerk, nil, false, "receive_correction", []string{"correction_expired"}, []string{"withdraw"}},
		{"clerk, in progress", string(request.InProgress), request.Clerk, nil, false, "draft",
			[]string{"consult", "fee_notice", "request_extension", "reasons_received"}, []string{"ask_reasons", "withdraw"}},
		{"clerk, consulting", string(request.Consulting), request.Clerk, nil, false, "consult_answered",
			[]string{"request_extension", "reasons_received"}, []string{"withdraw"}},
		{"clerk, consulting, posted letter not yet delivered", string(request.Consulting), request.Clerk, []string{"deliver!"}, false, "deliver",
			[]string{"consult_answered", "request_extension", "reasons_received"}, []string{"withdraw"}},
		{"clerk, fee notice", string(request.AwaitingFee), request.Clerk, nil, false, "fee_paid",
			[]string{"fee_expired", "request_extension", "reasons_received"}, []string{"withdraw"}},
		{"clerk, drafted", string(request.DraftReply), request.Clerk, nil, false, "submit",
			[]string{"request_extension", "reasons_received", "draft"}, []string{"withdraw"}},
		{"reviewer, in review", string(request.InReview), request.Reviewer, nil, false, "review", nil, nil},
		{"head, in review, nobody asked to extend", string(request.InReview), request.Head, nil, false, "approve",
			[]string{"return"}, []string{"extend", "delay"}},
		{"head, in review, extension asked", string(request.InReview), request.Head, nil, true, "extend",
			[]string{"refuse_extension", "return", "approve"}, []string{"delay"}},
		{"head, in progress, extension asked", string(request.InProgress), request.Head, nil, true, "extend",
			[]string{"refuse_extension"}, []string{"delay"}},
		{"head, in progress", string(request.InProgress), request.Head, nil, false, "", nil, []string{"extend", "delay"}},
		{"clerk, approved", string(request.Approved), request.Clerk, nil, false, "reply", nil, []string{"withdraw"}},
		{"head, approved", string(request.Approved), request.Head, nil, false, "", []string{"return"}, nil},
		{"clerk, replied", string(request.Replied), request.Clerk, nil, false, "close", nil, nil},
		{"clerk, closed", string(request.Closed), request.Clerk, nil, false, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// deliver is offered only while a posted letter awaits its
			// delivery day (request.Request.Allowed); the cases that
			// want it name it in extra.
			allowed := slices.Clone(tt.extra)
			for _, a := range names(request.Allowed(request.State(tt.state), tt.role)) {
				if a != "deliver" || slices.Contains(tt.extra, "deliver!") {
					allowed = append(allowed, a)
				}
			}
			allowed = slices.DeleteFunc(allowed, func(s string) bool { return s == "deliver!" })
			main, more := offerSteps(tt.state, allowed, tt.asked)
			var gotMain, gotMore []string
			primaries := 0
			for i, o := range main {
				if o.Primary {
					primaries++
					if i != 0 {
						t.Errorf("primary %s at %d; want first", o.Name, i)
					}
					continue
				}
				gotMain = append(gotMain, o.Name)
			}
			for _, o := range more {
				if o.Primary {
					t.Errorf("folded step %s is primary", o.Name)
				}
				gotMore = append(gotMore, o.Name)
			}
			gotPrimary := ""
			if len(main) > 0 && main[0].Primary {
				gotPrimary = main[0].Name
			}
			if gotPrimary != tt.primary || primaries > 1 || !slices.Equal(gotMain, tt.main) || !slices.Equal(gotMore, tt.more) {
				t.Errorf("primary %q (%d), main %v, more %v; want %q, %v, %v", gotPrimary, primaries, gotMain, gotMore, tt.primary, tt.main, tt.more)
			}
			for _, o := range append(main, more...) {
				if o.Confirm != confirmSteps[o.Name] {
					t.Errorf("%s: confirm %v", o.Name, o.Confirm)
				}
			}
		})
	}
}

// TestHeadPageActions renders the head's page of a request in review that
// nobody asked to extend: 批准答复 comes first as the primary button, the
// extension is folded, not pre-filled, and needs a confirmation that works
// without JavaScript (a required checkbox the server checks too).
func TestHeadPageActions(t *testing.T) {
	s, sm := testSite(t, Deps{Requests: nopCasework{}})
	r := httptest.NewRequest("GET", "/admin/requests/5", nil)
	ctx, err := sm.Load(r.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithContext(ctx)
	d := calendar.D(2026, 3, 2)
	v := casework.View{Record: casework.Record{ID: 5, Tracking: "2026-0005", State: string(request.InReview), Received: d},
		Allowed: request.Allowed(request.InReview, request.Head)}
	pg := s.requestPage(r, &backoffice.Request{User: userWithRoles("head", "head")}, v)
	pg.Lang = web.LangZH
	rec := httptest.NewRecorder()
	s.req.rd.Render(rec, r, 200, "request_show", pg)
	body := rec.Body.String()
	approve, extend, more := strings.Index(body, `id="form-approve"`), strings.Index(body, `id="form-extend"`), strings.Index(body, `id="more-actions"`)
	if approve < 0 || extend < 0 || more < 0 || !(approve < more && more < extend) {
		t.Fatalf("approve at %d, other actions at %d, extend at %d; want approve first and extend folded", approve, more, extend)
	}
	form := body[approve:]
	form = form[:strings.Index(form, "</form>")]
	if strings.Contains(form, `class="secondary"`) {
		t.Errorf("approve is not the primary button: %s", form)
	}
	ext := body[extend:]
	ext = ext[:strings.Index(ext, "</form>")]
	for _, want := range []string{`name="days" min="1" max="20" value="" required`, `name="confirm" value="1" required`, `class="secondary"`} {
		if !strings.Contains(ext, want) {
			t.Errorf("extend form lacks %q:\n%s", want, ext)
		}
	}
	acts := body[strings.Index(body, `id="actions"`):more]
	if n := strings.Count(acts, `<button type="submit">`); n != 1 {
		t.Errorf("%d primary buttons; want exactly one:\n%s", n, acts)
	}
}

// TestCheckStepForm: the server refuses an irreversible step sent
// without its confirmation and a consultation answer without an opinion.
func TestCheckStepForm(t *testing.T) {
	tests := []struct {
		step string
		form url.Values
		key  string
	}{
		{"extend", url.Values{"days": {"10"}}, "step.confirm_required"},
		{"extend", url.Values{"confirm": {"1"}}, ""},
		{"reply", nil, "step.confirm_required"},
		{"delay", nil, "step.confirm_required"},
		{"split", nil, "step.confirm_required"},
		{"withdraw", nil, "step.confirm_required"},
		{"correction_expired", nil, "step.confirm_required"},
		{"fee_expired", nil, "step.confirm_required"},
		{"approve", nil, ""},
		{"consult_answered", nil, "step.opinion_required"},
		{"consult_answered", url.Values{"opinion": {"maybe"}}, "step.opinion_required"},
		{"consult_answered", url.Values{"opinion": {"objected"}}, ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/admin/requests/1/steps/"+tt.step, strings.NewReader(tt.form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		err := checkStepForm(r, tt.step)
		var ae *apperr.Error
		switch {
		case tt.key == "" && err != nil:
			t.Errorf("%s %v: %v", tt.step, tt.form, err)
		case tt.key != "" && (!errors.As(err, &ae) || ae.Key != tt.key):
			t.Errorf("%s %v: err %v; want %s", tt.step, tt.form, err, tt.key)
		}
	}
}
