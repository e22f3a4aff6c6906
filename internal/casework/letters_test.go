package casework_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/letter"
	"github.com/gongkai/gongkai/internal/request"
)

// fakeStationery heads letters with a fixed agency name and numbers them
// 1, 2, … per letter kind and request, as stationery does.
type fakeStationery struct{ issued map[string]int }

func (f *fakeStationery) Letterhead(context.Context, int64) (letter.Settings, error) {
	return letter.Settings{Letterhead: letter.Letterhead{Agency: "北仑区司法局"},
		Remedies: letter.Remedies{ReviewBody: "宁波市北仑区人民政府", Court: "宁波市北仑区人民法院"}}, nil
}

func (f *fakeStationery) Number(_ context.Context, _, requestID int64, kind letter.Kind, _ int) (int, error) {
	k := fmt.Sprintf("%s/%d", kind, requestID)
	if f.issued[k] == 0 {
		f.issued[k] = len(f.issued) + 1
	}
	return f.issued[k], nil
}

// TestLettersFromTypedEvents builds letters from the request's history:
// the 征求第三方意见书 is addressed to the party on the consult event, for
// staff only; a consultation of another agency has none; the reply exists
// as a draft for staff and for the applicant once sent.
func TestLettersFromTypedEvents(t *testing.T) {
	run(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		st := &fakeStationery{issued: map[string]int{}}
		w.svc.Stationery = st
		text := func(l *letter.Letter) string {
			var b strings.Builder
			b.WriteString(l.Title + l.To)
			for _, x := range l.Body {
				b.WriteString(x.Text)
			}
			return b.String()
		}
		id := w.started("某路段拓宽工程的环境影响评价文件")
		v := w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsult, Pause: request.PauseThirdParty,
			Party: "宁波某某建设有限公司", Note: "涉及其投标文件"}))
		if got := casework.LettersFor(v.Events); !slices.Equal(got, []letter.Kind{letter.KindReceipt, letter.KindThirdParty}) {
			t.Errorf("letters after a third-party consult: %v", got)
		}
		if e := v.Events[len(v.Events)-1].Event; e.Party != "宁波某某建设有限公司" || e.Note != "涉及其投标文件" {
			t.Errorf("consult event: party %q, note %q", e.Party, e.Note)
		}
		l, err := w.svc.Letter(ctx, w.clerk, id, string(letter.KindThirdParty))
		if err != nil {
			t.Fatal(err)
		}
		if s := text(l); !strings.Contains(s, "宁波某某建设有限公司") || strings.Contains(s, "征求对象") {
			t.Errorf("third-party letter not addressed to the party: %s", s)
		}
		if _, err := w.svc.Letter(ctx, w.clerkB, id, string(letter.KindThirdParty)); !errors.Is(err, apperr.NotFound) {
			t.Errorf("other agency's clerk: %v; want NotFound", err)
		}
		if _, err := w.svc.Letter(ctx, w.clerk, id, "poem"); !errors.Is(err, apperr.NotFound) {
			t.Errorf("unknown kind: %v; want NotFound", err)
		}
		stored, err := w.st.Request(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if pv, err := w.svc.PublicViewOf(ctx, stored); err != nil || !slices.Equal(pv.Letters, []letter.Kind{letter.KindReceipt}) {
			t.Errorf("the applicant is offered %v, %v; want the receipt only", pv.Letters, err)
		}
		w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActConsultAnswered, Note: "同意公开"}))

		// Another agency consulted: no letter to a third party.
		other := w.started("联合发文的会议纪要")
		v = w.v(w.svc.Step(ctx, w.clerk, other, casework.Step{Action: request.ActConsult, Pause: request.PauseOtherAgency, Party: "北仑区住建局"}))
		if got := casework.LettersFor(v.Events); slices.Contains(got, letter.KindThirdParty) {
			t.Errorf("letters after consulting an agency: %v", got)
		}
		if _, err := w.svc.Letter(ctx, w.clerk, other, string(letter.KindThirdParty)); !errors.Is(err, apperr.NotFound) {
			t.Errorf("third-party letter of an agency consult: %v; want NotFound", err)
		}

		// The reply: a draft for staff (no number), not for the applicant.
		v = w.v(w.svc.Step(ctx, w.clerk, id, casework.Step{Action: request.ActDraft, Outcome: request.Granted, Note: "予以公开"}))
		if got := casework.LettersFor(v.Events); !slices.Contains(got, letter.KindReply) {
			t.Errorf("letters after the draft: %v", got)
		}
		l, err = w.svc.Letter(ctx, w.clerk, id, string(letter.KindReply))
		if err != nil || l.Kind != letter.KindReply {
			t.Fatalf("draft reply: %v, %v", l, err)
		}
		for k := range st.issued {
			if strings.HasPrefix(k, string(letter.KindReply)) {
				t.Errorf("a draft reply was numbered: %v", st.issued)
			}
		}
		if _, ok := st.issued[fmt.Sprintf("%s/%d", letter.KindThirdParty, id)]; !ok {
			t.Errorf("the sent third-party letter was not numbered: %v", st.issued)
		}
		rec := w.v(w.svc.Get(ctx, w.clerk, id)).Record
		code := "none"
		if _, err := w.svc.PublicLetter(ctx, rec.Tracking, code, string(letter.KindReceipt)); !errors.Is(err, apperr.NotFound) {
			t.Errorf("public letter with a wrong code: %v; want NotFound", err)
		}
	})
}
