package office

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/web/backoffice"
)

// RequestNewPage is the form to register an application received by
// letter, fax, e-mail or visit, with the dates 条例第三十一条 needs.
type RequestNewPage struct {
	web.Page
	Form       RegisterForm
	Types      []OutcomeChoice // value and label of the six applicant types
	Channels   []ChannelChoice
	Deliveries []string
	Today      string
}

// A ChannelChoice is one channel with the receipt-date rule it follows.
type ChannelChoice struct {
	Value, Label, Rule string
}

// RegisterForm is what the clerk typed.
type RegisterForm struct {
	Type, Name, IDNumber, Phone, Email, Address, Content, Form, Delivery string
	OtherDocument                                                        bool
	Channel, Submitted, Signed, Confirmed, Note                          string
	// Key is the form's idempotency key (casework.NewSubmissionKey): the
	// same registration sent again with it within casework.ResubmitWindow
	// shows the first receipt and registers nothing.
	Key string
}

// RequestReceiptPage shows the tracking number and the query code of a
// registered request once, with the clerk's hints.
type RequestReceiptPage struct {
	web.Page
	Receipt casework.Receipt
	Hints   casework.Hints
}

func (s *Site) registerForm(w http.ResponseWriter, r *http.Request, rq *backoffice.Request, status int, f RegisterForm, errs []string) {
	pg := RequestNewPage{Page: s.bo.Page(r, rq, "rq.new"), Form: f, Today: s.req.cw.Today().String(),
		Deliveries: []string{casework.DeliveryPost, "电子邮件", "当面领取", "网上获取"}}
	pg.Errors = errs
	if pg.Form.Type == "" {
		pg.Form.Type = string(request.NaturalPerson)
	}
	if !casework.ValidSubmissionKey(pg.Form.Key) {
		pg.Form.Key = casework.NewSubmissionKey()
	}
	for _, t := range request.ApplicantTypes() {
		pg.Types = append(pg.Types, OutcomeChoice{Value: string(t), Label: pg.Label("type", string(t)), Selected: string(t) == pg.Form.Type})
	}
	for _, c := range request.Channels() {
		if c == request.Internet {
			continue // online applications come through the portal and are confirmed
		}
		pg.Channels = append(pg.Channels, ChannelChoice{Value: string(c), Label: pg.Label("channel", string(c)), Rule: c.ReceiptRule()})
	}
	s.renderReq(w, r, status, "request_new", pg)
}

func (s *Site) requestNew(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	s.registerForm(w, r, rq, http.StatusOK, RegisterForm{Channel: string(request.InPerson), Form: "纸质", Delivery: "当面领取"}, nil)
}

// requestCreate registers an application in the clerk's own agency.
func (s *Site) requestCreate(w http.ResponseWriter, r *http.Request, rq *backoffice.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := RegisterForm{Type: v("type"), Name: v("name"), IDNumber: v("id_number"), Phone: v("phone"), Email: v("email"),
		Address: v("address"), Content: v("content"), Form: v("form"), Delivery: v("delivery"), OtherDocument: v("other_document") == "1",
		Channel: v("channel"), Submitted: v("submitted"), Signed: v("signed"), Confirmed: v("confirmed"), Note: v("note"), Key: v("key")}
	g := casework.Registration{Application: casework.Application{ApplicantType: request.ApplicantType(f.Type), Name: f.Name,
		IDNumber: f.IDNumber, OtherDocument: f.OtherDocument, Phone: f.Phone, Email: f.Email, Address: f.Address,
		Content: f.Content, Form: f.Form, Delivery: f.Delivery, Key: f.Key}, Note: f.Note}
	g.Submission.Channel = request.Channel(f.Channel)
	var err error
	if g.Submission.Submitted, err = formDate(r, "submitted"); err == nil {
		if g.Submission.Signed, err = formDate(r, "signed"); err == nil {
			g.Submission.Confirmed, err = formDate(r, "confirmed")
		}
	}
	var rc casework.Receipt
	var hints casework.Hints
	if err == nil {
		rc, hints, err = s.req.cw.Register(r.Context(), staffer(rq), g)
	}
	if err != nil {
		status := web.StatusOf(err)
		if status >= 500 || status == http.StatusForbidden {
			s.bo.Fail(w, r, rq, err)
			return
		}
		s.registerForm(w, r, rq, http.StatusBadRequest, f, s.applicationErrors(r, err))
		return
	}
	s.renderReq(w, r, http.StatusOK, "request_receipt", RequestReceiptPage{Page: s.bo.Page(r, rq, "rq.receipt.title"),
		Receipt: rc, Hints: hints})
}

// applicationErrors are the messages of a refused registration: every
// field that breaks 条例第二十九条第二款 (request.ApplicationErrors), or
// the error's own message.
func (s *Site) applicationErrors(r *http.Request, err error) []string {
	var fe request.ApplicationErrors
	if !errors.As(err, &fe) {
		return []string{s.bo.ErrText(r, err)}
	}
	lang := web.PrefsFrom(r.Context()).Lang
	out := make([]string, len(fe))
	for i, f := range fe {
		out[i] = s.bo.Catalog().Format(lang, f.Key, f.Args...)
	}
	return out
}
