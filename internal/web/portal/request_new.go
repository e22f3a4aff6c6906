package portal

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/web"
)

// RequestNewPage is the 依申请公开 page: the application form of 条例第二十九条
// for 自然人 and for the five kinds of 法人或其他组织.
type RequestNewPage struct {
	Page
	Agencies    []AgencyChoice
	Types       []Choice // the six applicant types; the first is 自然人
	Forms       []Choice
	Deliveries  []Choice
	Form        RequestForm
	FieldErrors map[string]string // field name → message, shown beside the field
	Enabled     bool              // false when the installation has no request service
	MaxFiles    int
	MaxFileMB   int
	Account     ApplyAccount // the optional public account
	// Stamp is the signed time the form was first shown (SECURITY.md A-07).
	Stamp string
	// Honeypot and StampField name the two anti-automation fields.
	Honeypot, StampField string
	// PIPLVersion is the version of the personal-information notice shown.
	PIPLVersion string
	// Key is the form's idempotency key (casework.NewSubmissionKey): the
	// same application sent twice with it is filed once.
	Key, KeyField string
}

// An AgencyChoice is one option of the agency select.
type AgencyChoice struct {
	ID   int64
	Name string
}

// A Choice is one radio button: its value and its label.
type Choice struct {
	Value, Label string
}

// RequestForm is what the applicant typed, kept to fill the form again
// after an error.
type RequestForm struct {
	AgencyID      int64
	Type          string
	Name          string
	IDNumber      string
	OtherDocument bool
	Phone         string
	Email         string
	Address       string
	Content       string
	Form          string
	Delivery      string
}

// The values of the form and delivery choices, stored as written.
var (
	formValues     = request.Forms
	deliveryValues = request.Deliveries
	formKeys       = map[string]string{"纸质": "req.form.paper", "电子": "req.form.electronic"}
	deliveryKeys   = map[string]string{casework.DeliveryPost: "req.delivery.post", "电子邮件": "req.delivery.email",
		"当面领取": "req.delivery.pickup", "网上获取": "req.delivery.online"}
)

// requestForm shows the form; stamp is the signed time it was first shown
// (a new one is made when it is not valid).
func (s *Site) requestForm(w http.ResponseWriter, r *http.Request, status int, f RequestForm, errs map[string]string, stamp string) {
	pg := RequestNewPage{Page: s.page(r, "req.new.title"), Form: f, FieldErrors: errs, Enabled: s.deps.Requests != nil,
		MaxFiles: casework.MaxAttachments, MaxFileMB: casework.MaxAttachmentSize >> 20,
		Stamp: s.guard.keep(stamp), Honeypot: honeypotField, StampField: stampField, PIPLVersion: PIPLNoticeVersion,
		Key: formKey(r), KeyField: keyField}
	pg.Path = "/apply"
	_, pg.Account = s.applyAccount(r, &pg.Page)
	if f.Form == "" {
		pg.Form.Form = "电子"
	}
	if f.Delivery == "" {
		pg.Form.Delivery = "电子邮件"
	}
	if f.Type == "" {
		pg.Form.Type = string(request.NaturalPerson)
	}
	if s.deps.Agencies != nil {
		as, err := s.deps.Agencies.ListAgencies(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, a := range as {
			pg.Agencies = append(pg.Agencies, AgencyChoice{ID: a.ID, Name: a.Name})
		}
	}
	for _, t := range request.ApplicantTypes() {
		pg.Types = append(pg.Types, Choice{Value: string(t), Label: pg.Label("type", string(t))})
	}
	for _, v := range formValues {
		pg.Forms = append(pg.Forms, Choice{Value: v, Label: pg.T(formKeys[v])})
	}
	for _, v := range deliveryValues {
		pg.Deliveries = append(pg.Deliveries, Choice{Value: v, Label: pg.T(deliveryKeys[v])})
	}
	for _, m := range errs {
		pg.Errors = append(pg.Errors, m)
	}
	s.rd.Render(w, r, status, "request_new", pg)
}

// requestNew shows the application form (it replaces the placeholder of
// the 依申请公开 page).
func (s *Site) requestNew(w http.ResponseWriter, r *http.Request) {
	var f RequestForm
	if a, ok := s.signedIn(r); ok {
		prefill(&f, a)
	}
	// ?agency=ID: the 依申请公开 entry of an agency's 专栏 picks the agency
	if id, err := strconv.ParseInt(r.URL.Query().Get("agency"), 10, 64); err == nil && id > 0 {
		f.AgencyID = id
	}
	s.requestForm(w, r, http.StatusOK, f, nil, "")
}

// parseRequestForm reads the form.
func parseRequestForm(r *http.Request) RequestForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	id, _ := strconv.ParseInt(v("agency"), 10, 64)
	return RequestForm{AgencyID: id, Type: v("type"), Name: v("name"), IDNumber: v("id_number"),
		OtherDocument: v("other_document") == "1", Phone: v("phone"), Email: v("email"), Address: v("address"),
		Content: v("content"), Form: v("form"), Delivery: v("delivery")}
}

// check validates f field by field and returns the messages by field
// name, translated by tr: the agency it is addressed to, then the contents
// of 条例第二十九条第二款 as request.Application.Check sees them (the
// identity number with its check digit or check character).
func (f RequestForm) check(tr func(key string, args ...any) string, today calendar.Date) map[string]string {
	errs := map[string]string{}
	if f.AgencyID <= 0 {
		errs["agency"] = tr("req.error.agency")
	}
	a := request.Application{Type: request.ApplicantType(f.Type), Name: f.Name, IDNumber: f.IDNumber, OtherDocument: f.OtherDocument,
		Phone: f.Phone, Email: f.Email, Address: f.Address, Content: f.Content, Form: f.Form, Delivery: f.Delivery}
	for _, fe := range a.Check(today) {
		if _, seen := errs[fe.Field]; !seen {
			errs[fe.Field] = tr(fe.Key, fe.Args...)
		}
	}
	return errs
}

// floodHint is the staff hint of an application from an address above
// the per-address threshold (SECURITY.md A-06: flagged, never refused).
const floodHint = "本地址（IPv6 按 /64 计）短时间内提交的申请超过提醒阈值"

// suspicion adds the flood hint to the form guard's reasons.
func suspicion(r *http.Request, why string) string {
	if !web.Flooded(r.Context()) {
		return why
	}
	if why == "" {
		return floodHint
	}
	return why + "；" + floodHint
}

// requestCreate files the application and sends the browser to its
// receipt (post/redirect/get, receiptRedirect): a reload shows the receipt
// again and never files the application twice.
func (s *Site) requestCreate(w http.ResponseWriter, r *http.Request) {
	files, ferr, err := s.readApplication(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := parseRequestForm(r)
	p := s.page(r, "req.new.title")
	errs := f.check(p.Format, calendar.Of(time.Now()))
	if ferr != nil {
		errs["files"] = p.Err(ferr)
	}
	if len(errs) > 0 {
		s.deps.Requests.Discard(files...)
		if len(files) > 0 && errs["files"] == "" {
			errs["files"] = p.T("req.files.again")
		}
		s.requestForm(w, r, http.StatusBadRequest, f, errs, r.PostFormValue(stampField))
		return
	}
	ip := r.RemoteAddr
	if s.deps.ClientIP != nil {
		ip = s.deps.ClientIP(r)
	}
	rc, err := s.deps.Requests.Submit(r.Context(), casework.Application{AgencyID: f.AgencyID,
		ApplicantType: request.ApplicantType(f.Type), Name: f.Name, IDNumber: f.IDNumber, OtherDocument: f.OtherDocument,
		Phone: f.Phone, Email: f.Email, Address: f.Address, Content: f.Content, Form: f.Form, Delivery: f.Delivery, Files: files,
		Suspicious: suspicion(r, s.guard.check(r.PostFormValue(honeypotField), r.PostFormValue(stampField))),
		PIPLNotice: PIPLNoticeVersion, Key: r.PostFormValue(keyField)}, ip)
	if err != nil {
		if st := web.StatusOf(err); st == http.StatusBadRequest {
			errs := map[string]string{"form_error": p.Err(err)}
			var fe request.ApplicationErrors
			if errors.As(err, &fe) {
				errs = map[string]string{}
				for _, x := range fe {
					errs[x.Field] = p.Format(x.Key, x.Args...)
				}
			}
			s.requestForm(w, r, st, f, errs, r.PostFormValue(stampField))
			return
		}
		s.fail(w, r, err)
		return
	}
	if a, st := s.applyAccount(r, &p); st.SignedIn && !rc.Repeated {
		s.linkReceipt(r, a, rc)
	}
	s.receiptRedirect(w, r, rc)
}
