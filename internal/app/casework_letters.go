package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web/admin"
)

// Letter kinds the pages offer, by the step whose notice they are.
var letterSteps = map[letter.Kind]request.Action{
	letter.KindReceipt: request.ActRegister, letter.KindCorrection: request.ActRequestCorrection,
	letter.KindExtension: request.ActExtend, letter.KindThirdParty: request.ActConsult, letter.KindFee: request.ActFeeNotice, letter.KindReply: request.ActReply,
}

// Letter writes letter kind of request id for staff who may read it
// (casework.Get checks the agency). The reply letter is also available
// as a draft once a reply has been drafted.
func (a caseworkAdapter) Letter(ctx context.Context, w casework.Staffer, id int64, kind string) (*letter.Letter, error) {
	v, err := a.Get(ctx, w, id)
	if err != nil {
		return nil, err
	}
	return a.letterOf(ctx, v.Record, v.Events, letter.Kind(kind), true)
}

// PublicLetter writes a letter addressed to the applicant who gives the
// tracking number and query code (casework.Lookup checks the code); only
// letters already sent exist here.
func (a caseworkAdapter) PublicLetter(ctx context.Context, tracking, code, kind string) (*letter.Letter, error) {
	pv, err := a.Lookup(ctx, tracking, code)
	if err != nil {
		return nil, err
	}
	recs, err := a.st.RequestsByTracking(ctx, strings.TrimSpace(tracking))
	if err != nil {
		return nil, err
	}
	// Lookup found exactly one record for the code; tell it apart from
	// other agencies' records with the same number by what it returned.
	var match []casework.Record
	for _, r := range recs {
		if r.Submitted == pv.Submitted && r.Received == pv.Received && r.Ended == pv.Ended {
			match = append(match, r)
		}
	}
	if len(match) != 1 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	evs, err := a.st.RequestEvents(ctx, match[0].ID)
	if err != nil {
		return nil, err
	}
	return a.letterOf(ctx, match[0], evs, letter.Kind(kind), false)
}

// letterOf builds the letter from the stored request. Letters carry the
// applicant's name only (package letter has no field for an ID number).
// The letterhead comes from the agency's letter settings (stationery);
// when the agency has a document-number prefix, a letter that has been
// sent gets its number on first download, issued atomically in the
// agency's series of the letter's year, and keeps it afterwards. A draft
// reply (not yet sent) has no number.
func (a caseworkAdapter) letterOf(ctx context.Context, rec casework.Record, stored []casework.StoredEvent, kind letter.Kind, draft bool) (*letter.Letter, error) {
	notFound := apperr.New(apperr.NotFound, "该文书不存在 / no such letter")
	step, ok := letterSteps[kind]
	if !ok {
		return nil, notFound
	}
	evs := make([]request.Event, len(stored))
	at := -1
	lastDraft := -1
	for i, se := range stored {
		evs[i] = se.Event
		if se.Event.Action == step && at < 0 {
			at = i
		}
		if se.Event.Action == request.ActDraft {
			lastDraft = i
		}
	}
	if at < 0 && draft && kind == letter.KindReply {
		at = lastDraft // a draft of the reply letter, for staff
	}
	if at < 0 {
		return nil, notFound
	}
	ag, err := a.st.Agency(ctx, rec.AgencyID)
	if err != nil {
		return nil, err
	}
	cal, err := a.Calendar(ctx, rec.AgencyID)
	if err != nil {
		return nil, err
	}
	before, err := request.Load(rec.Tracking, evs[:at])
	if err != nil && at > 0 {
		return nil, fmt.Errorf("app: letter %s: %w", rec.Tracking, err)
	}
	e := evs[at]
	s := letter.Settings{Letterhead: letter.Letterhead{Agency: ag.Name}}
	m := letter.Meta{Date: e.On}
	if a.stat != nil {
		set, err := a.st.LetterSettings(ctx, rec.AgencyID)
		if err != nil {
			return nil, err
		}
		s = set.Letter(ag.Name)
		if e.Action == step { // sent, not a draft reply
			if _, m.Seq, err = a.stat.Number(ctx, set, rec.ID, string(kind), e.On.Year()); err != nil {
				return nil, err
			}
		}
	}
	c := letter.Case{TrackingNo: rec.Tracking, Applicant: rec.ApplicantName, Received: rec.Received,
		Channel: request.Channel(rec.Channel), Content: rec.Content, Organisation: rec.ApplicantType.Organisation()}
	switch kind {
	case letter.KindReceipt:
		r, err := request.Load(rec.Tracking, evs[:at+1])
		if err != nil {
			return nil, fmt.Errorf("app: letter %s: %w", rec.Tracking, err)
		}
		dl, err := r.Deadline(cal, e.On)
		if err != nil {
			return nil, err
		}
		return letter.Receipt(s, m, letter.ReceiptInput{Case: c, Deadline: dl})
	case letter.KindCorrection:
		return letter.Correction(s, m, letter.CorrectionInput{Case: c, Items: strings.Split(e.Note, "\n"), Until: e.Until})
	case letter.KindExtension:
		dl, err := before.Deadline(cal, e.On)
		if err != nil {
			return nil, err
		}
		return letter.Extension(s, m, letter.ExtensionInput{Case: c, Reason: e.Note, Days: e.Days, OriginalDue: dl.Due,
			NewDue: cal.AddWorkdays(dl.Due, e.Days)})
	case letter.KindThirdParty:
		if !draft || e.Pause != request.PauseThirdParty {
			return nil, notFound // addressed to the third party, never to the applicant
		}
		party, _, _ := strings.Cut(strings.TrimPrefix(e.Note, admin.ConsultedPrefix), "；")
		return letter.ThirdParty(s, m, letter.ThirdPartyInput{Case: c, ThirdParty: party})
	case letter.KindFee:
		return letter.Fee(s, m, letter.FeeInput{Case: c, Quote: e.Fee})
	}
	// The reply: the outcome and reasons of the last draft.
	var out request.Outcome
	var reason string
	for _, x := range evs[:at+1] {
		if x.Action == request.ActDraft {
			out, reason = x.Outcome, x.Note
		}
	}
	if out == "" {
		return nil, notFound
	}
	in := letter.ReplyInput{Case: c, Outcome: out, Reason: reason}
	if out == request.Granted && rec.Delivery != "" {
		in.Provided = "以" + rec.Delivery + "方式提供"
	}
	return letter.Reply(s, m, in)
}
