package office

import (
	"net/http"
	"slices"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
)

// A StepOffer is one step form of the request page: the step, whether it
// is the step the request most likely waits for (the page's one primary
// button, shown first) and whether it is irreversible (the form carries a
// required confirmation).
type StepOffer struct {
	Name    string
	Primary bool
	Confirm string       // the confirmation's message key; "" when none is asked
	P       *RequestPage // the page, for the form's fields
}

// likelySteps are, per state, the steps the request most likely waits
// for, in order of preference: the first one the user may take is the
// primary button. A pending extension request makes the head's decision
// the likely step (offerSteps).
var likelySteps = map[string][]string{
	casework.Submitted:                  {"confirm"},
	string(request.Registered):          {"start"},
	string(request.CorrectionRequested): {"receive_correction"},
	string(request.Corrected):           {"start"},
	string(request.InProgress):          {"draft"},
	string(request.Consulting):          {"deliver", "consult_answered"},
	string(request.AwaitingFee):         {"deliver", "fee_paid"},
	string(request.DraftReply):          {"submit"},
	string(request.InReview):            {"review", "approve"},
	string(request.Approved):            {"reply"},
	string(request.Replied):             {"close"},
}

// rareSteps are offered only under "other actions", folded: steps nobody
// takes unless something calls for them. An extension the head grants
// without a clerk's request is one of them (with a request pending it is
// the likely step).
var rareSteps = map[string]bool{"extend": true, "delay": true, "ask_reasons": true, "withdraw": true}

// confirmSteps are the irreversible steps: the 负责人's extension (条例第
// 三十三条第二款) and 第三十五条 delay, which tell the applicant a new date;
// the reply; the split of an application; the steps that end a request
// without a reply. Their forms carry a required checkbox and the server
// refuses them without it, so the confirmation works without JavaScript.
// Each maps to the text of its confirmation.
var confirmSteps = map[string]string{"extend": "rq.confirm.extend", "delay": "rq.confirm.delay", "reply": "rq.confirm.reply",
	"split": "rq.confirm.split", "withdraw": "rq.confirm.withdraw", "correction_expired": "rq.confirm.correction_expired",
	"fee_expired": "rq.confirm.fee_expired"}

// offerSteps orders the steps a user may take on a request in state st
// (allowed, in the workflow's order; "confirm" for an unconfirmed
// submission): the likely step first as the primary, then the others;
// rare steps go to more. asked tells whether a clerk's extension request
// awaits the head.
func offerSteps(st string, allowed []string, asked bool) (main, more []StepOffer) {
	if slices.Contains(allowed, "review") {
		// The review form returns a draft too.
		allowed = slices.DeleteFunc(slices.Clone(allowed), func(s string) bool { return s == "return" })
	}
	likely := likelySteps[st]
	if asked {
		likely = append([]string{"extend"}, likely...)
	}
	primary := ""
	for _, s := range likely {
		if slices.Contains(allowed, s) {
			primary = s
			break
		}
	}
	if primary != "" {
		main = append(main, StepOffer{Name: primary, Primary: true, Confirm: confirmSteps[primary]})
	}
	for _, s := range allowed {
		switch {
		case s == primary:
		case s == "refuse_extension" && !asked:
		case rareSteps[s] && !(s == "extend" && asked):
			more = append(more, StepOffer{Name: s, Confirm: confirmSteps[s]})
		default:
			main = append(main, StepOffer{Name: s, Confirm: confirmSteps[s]})
		}
	}
	return main, more
}

// stepNames lists the steps the page's user may take now, in the
// workflow's order.
func (p RequestPage) stepNames() []string {
	var out []string
	if p.Can("confirm") {
		out = append(out, "confirm")
	}
	for _, a := range p.allowed {
		out = append(out, string(a))
	}
	return out
}

// Offers are the step forms shown open: the likely step first.
func (p RequestPage) Offers() []StepOffer {
	main, _ := offerSteps(p.View.Record.State, p.stepNames(), p.View.ExtensionAsked != nil)
	return p.bind(main)
}

// MoreOffers are the rare steps, shown folded under "other actions".
func (p RequestPage) MoreOffers() []StepOffer {
	_, more := offerSteps(p.View.Record.State, p.stepNames(), p.View.ExtensionAsked != nil)
	return p.bind(more)
}

func (p RequestPage) bind(offers []StepOffer) []StepOffer {
	for i := range offers {
		offers[i].P = &p
	}
	return offers
}

// checkStepForm refuses an irreversible step whose form was sent without
// its confirmation, and a consultation answer without the party's
// opinion: the form has no default, the clerk must choose (条例第三十二条).
func checkStepForm(r *http.Request, name string) error {
	if confirmSteps[name] != "" && r.PostFormValue("confirm") != "1" {
		return apperr.New(apperr.Invalid, "step.confirm_required")
	}
	if name == string(request.ActConsultAnswered) && !request.Opinion(r.PostFormValue("opinion")).Valid() {
		return apperr.New(apperr.Invalid, "step.opinion_required")
	}
	return nil
}
