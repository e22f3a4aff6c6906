package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// Stationery gives a request's letters their letterhead and, once sent,
// their document number (package stationery with the agency's name, wired
// by internal/app).
type Stationery interface {
	// Letterhead returns the settings of an agency's letters.
	Letterhead(ctx context.Context, agencyID int64) (letter.Settings, error)
	// Number returns the sequence number of letter kind of a request in
	// its agency's series of year, issued atomically on first use and the
	// same afterwards; 0 when the agency issues no numbers.
	Number(ctx context.Context, agencyID, requestID int64, kind letter.Kind, year int) (int, error)
}

// letterKinds are the letters of a request in the order they are sent,
// each with the steps that send it. The reply is sent by the reply step,
// or, as the 终止处理告知书, by the step that ends a request the applicant
// gave up (逾期不补正, 条例第三十条; 逾期未缴费); staff may print it as a
// draft from the draft step on. A withdrawal is confirmed in writing.
var letterKinds = []struct {
	kind  letter.Kind
	steps []request.Action
}{
	{letter.KindReceipt, []request.Action{request.ActRegister}},
	{letter.KindCorrection, []request.Action{request.ActRequestCorrection}},
	{letter.KindReasons, []request.Action{request.ActAskReasons}},
	{letter.KindThirdParty, []request.Action{request.ActConsult}},
	{letter.KindOtherAgency, []request.Action{request.ActConsult}},
	{letter.KindExtension, []request.Action{request.ActExtend}},
	{letter.KindDelay, []request.Action{request.ActDelay}},
	{letter.KindFee, []request.Action{request.ActFeeNotice}},
	{letter.KindReply, []request.Action{request.ActReply, request.ActCorrectionExpired, request.ActFeeExpired}},
	{letter.KindDisclosure, []request.Action{request.ActReply}},
	{letter.KindWithdrawal, []request.Action{request.ActWithdraw}},
}

// LettersFor returns the letters staff may print for a request with the
// history evs, in sending order: each letter whose step was taken, and the
// reply once a reply has been drafted.
func LettersFor(evs []StoredEvent) []letter.Kind {
	var out []letter.Kind
	plain := make([]request.Event, len(evs))
	for i, e := range evs {
		plain[i] = e.Event
	}
	for _, lk := range letterKinds {
		if at, _ := letterEvent(plain, lk.kind, true); at >= 0 {
			out = append(out, lk.kind)
		}
	}
	return out
}

// sentLetters returns the letters addressed to the applicant that the
// history evs has sent, in sending order (no draft reply, no letter to a
// consulted party: toParty).
func sentLetters(evs []StoredEvent) []letter.Kind {
	var out []letter.Kind
	plain := make([]request.Event, len(evs))
	for i, e := range evs {
		plain[i] = e.Event
	}
	for _, lk := range letterKinds {
		if at, _ := letterEvent(plain, lk.kind, false); at >= 0 {
			out = append(out, lk.kind)
		}
	}
	return out
}

// sends reports whether e is the step that sends letter kind. Only a
// consultation of a third party (条例第三十二条) has a 征求第三方意见书; one
// of another agency (第三十四条) has none.
func sends(kind letter.Kind, e request.Event) bool {
	for _, lk := range letterKinds {
		if lk.kind == kind && slices.Contains(lk.steps, e.Action) {
			return sendsParty(kind, e)
		}
	}
	return false
}

// Letter writes letter kind (package letter's Kind) of request id for
// staff who may read it (Get checks the agency). The reply letter is also
// available as a draft once a reply has been drafted; the 征求第三方意见书 is
// addressed to the consulted party and exists for staff only.
func (s *Service) Letter(ctx context.Context, w Staffer, id int64, kind string) (*letter.Letter, error) {
	v, err := s.Get(ctx, w, id)
	if err != nil {
		return nil, err
	}
	// The masked record: letters carry no ID number, phone or address.
	return s.letterOf(ctx, v.Record, v.Events, letter.Kind(kind), true)
}

// PublicLetter writes a letter addressed to the applicant who gives the
// tracking number and query code; only letters already sent exist here.
func (s *Service) PublicLetter(ctx context.Context, tracking, code, kind string) (*letter.Letter, error) {
	rec, err := s.lookup(ctx, tracking, code)
	if err != nil {
		return nil, err
	}
	evs, err := s.st.RequestEvents(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	return s.letterOf(ctx, rec, evs, letter.Kind(kind), false)
}

// letterOf builds letter kind of rec from its history. Letters carry the
// applicant's name only (package letter has no field for an ID number).
// A letter that has been sent gets its document number from Stationery;
// a draft reply (not yet sent) has none.
func (s *Service) letterOf(ctx context.Context, rec Record, stored []StoredEvent, kind letter.Kind, staff bool) (*letter.Letter, error) {
	evs := make([]request.Event, len(stored))
	for i, se := range stored {
		evs[i] = se.Event
	}
	at, sent := letterEvent(evs, kind, staff)
	if at < 0 {
		return nil, errNoLetter
	}
	if s.Stationery == nil {
		return nil, fmt.Errorf("casework: letter %s: no stationery wired", rec.Tracking)
	}
	set, err := s.Stationery.Letterhead(ctx, rec.AgencyID)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx, rec.AgencyID)
	if err != nil {
		return nil, err
	}
	m := letter.Meta{Date: evs[at].On}
	if sent {
		if m.Seq, err = s.Stationery.Number(ctx, rec.AgencyID, rec.ID, kind, evs[at].On.Year()); err != nil {
			return nil, err
		}
	}
	refs, err := s.letterRefs(ctx, rec, evs[:at+1], set, kind)
	if err != nil {
		return nil, err
	}
	l, err := buildLetter(rec, evs, at, kind, cal, set, m, refs)
	if err != nil {
		return nil, err
	}
	// A letter not yet sent prints with the 草稿 watermark; both carry
	// the tracking number for their file name.
	l.Tracking, l.Draft = rec.Tracking, !sent
	return l, nil
}

var errNoLetter = apperr.New(apperr.NotFound, "letter.not_found")

// letterEvent finds the event of evs that letter kind is dated by: the
// first step that sends it (sent) or, for staff, the last draft of a reply
// not yet sent. -1: the letter does not exist for this reader. The
// 征求第三方意见书 is addressed to the third party (条例第三十二条), never to
// the applicant.
func letterEvent(evs []request.Event, kind letter.Kind, staff bool) (at int, sent bool) {
	if toParty(kind) && !staff {
		return -1, false
	}
	if kind == letter.KindDisclosure && !overridden(evs) {
		return -1, false
	}
	lastDraft := -1
	for i, e := range evs {
		if sends(kind, e) {
			return i, true
		}
		if e.Action == request.ActDraft {
			lastDraft = i
		}
	}
	if staff && (kind == letter.KindReply || kind == letter.KindDisclosure) && lastDraft >= 0 {
		return lastDraft, false
	}
	return -1, false
}

// buildLetter writes letter kind of rec dated by evs[at], from the typed
// events before it.
func buildLetter(rec Record, evs []request.Event, at int, kind letter.Kind, cal *calendar.Calendar, s letter.Settings, m letter.Meta,
	refs map[letter.Kind]string) (*letter.Letter, error) {
	e := evs[at]
	c := letter.Case{TrackingNo: rec.Tracking, Applicant: rec.ApplicantName, Received: rec.Received,
		Channel: request.Channel(rec.Channel), Content: contentAt(evs[:at+1], rec.Content), Organisation: rec.ApplicantType.Organisation()}
	switch kind {
	case letter.KindReceipt:
		_, dl, err := deadlineAt(rec, evs[:at+1], cal, e.On)
		if err != nil {
			return nil, err
		}
		return letter.Receipt(s, m, letter.ReceiptInput{Case: c, Deadline: dl})
	case letter.KindCorrection:
		return letter.Correction(s, m, letter.CorrectionInput{Case: c, Items: strings.Split(e.Note, "\n"), Until: e.Until})
	case letter.KindExtension:
		_, dl, err := deadlineAt(rec, evs[:at], cal, e.On)
		if err != nil {
			return nil, err
		}
		return letter.Extension(s, m, letter.ExtensionInput{Case: c, Reason: e.Note, Days: e.Days, OriginalDue: dl.Due,
			NewDue: cal.AddWorkdays(dl.Due, e.Days)})
	case letter.KindThirdParty:
		return letter.ThirdParty(s, m, letter.ThirdPartyInput{Case: c, ThirdParty: e.Party})
	case letter.KindOtherAgency:
		return letter.OtherAgency(s, m, letter.OtherAgencyInput{Case: c, Agency: e.Party})
	case letter.KindDisclosure:
		return disclosureLetter(rec.Tracking, c, evs[:at+1], s, m)
	case letter.KindFee:
		return letter.Fee(s, m, letter.FeeInput{Case: c, Quote: e.Fee})
	case letter.KindReasons, letter.KindDelay, letter.KindWithdrawal:
		return buildStepLetter(rec, evs, at, kind, cal, s, m, c, refs)
	}
	if e.Action == request.ActCorrectionExpired || e.Action == request.ActFeeExpired {
		return buildTermination(rec, evs, at, cal, s, m, c, refs)
	}
	// The reply: the outcome and reasons of the last draft.
	draft := lastDraft(evs[:at+1])
	if draft == nil {
		return nil, errNoLetter
	}
	out, d := draft.Outcome, draft.Reply
	in := letter.ReplyInput{Case: c, Outcome: out, Reason: draft.Note, Withheld: d.Withheld, Ground: d.Ground,
		NotResponsible: d.NotResponsible, OtherAgency: d.OtherAgency, OtherContact: d.OtherContact,
		Law: d.Law, Published: d.Published, Where: d.Where}
	if !d.PriorDate.IsZero() {
		// 第三十六条第（六）项: the earlier reply's date and 文号.
		in.PriorReply = d.PriorDate.Chinese() + "以" + d.PriorNumber + "告知书"
	}
	switch {
	case discloses(out) && rec.Delivery == DeliveryOnline:
		// 网上获取: where the released files are (regulation.md §8).
		in.Provided = "已上传至" + onlineWhere(s) + "，请凭登记号和查询码（或登录已关联本申请的账号）查询本申请并下载"
	case out == request.Granted && rec.Delivery != "":
		in.Provided = "以" + rec.Delivery + "方式提供"
	}
	if out == request.RejectedMassRepeated {
		reasonsAsked(&in, evs[:at+1], refs)
	}
	if out == request.WithheldThirdParty {
		if err := consulted(rec.Tracking, evs[:at+1], &in); err != nil {
			return nil, err
		}
	}
	return letter.Reply(s, m, in)
}
