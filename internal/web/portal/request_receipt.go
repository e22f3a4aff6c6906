package portal

import (
	"errors"
	"net/http"

	"github.com/gongkai/gongkai/internal/apperr"
	"github.com/gongkai/gongkai/internal/casework"
	"github.com/gongkai/gongkai/internal/web"
)

// The application form's idempotency key and the receipt page it leads
// to (post/redirect/get): POST /apply files the application and answers
// 303 to GET /apply/receipt, which shows the receipt recorded under the
// key that a short-lived cookie carries. A reload of the receipt shows it
// again; the same application submitted again with the same key within
// casework.ResubmitWindow (a double click, the browser's "resend") shows
// the first receipt and files nothing.
const (
	// keyField is the form's hidden field with the key.
	keyField = "submission_key"
	// receiptCookie carries the key from the POST to the receipt page,
	// for that page only.
	receiptCookie = "gk_receipt"
	receiptPath   = "/apply/receipt"
)

// formKey is the key to put in the form: the one posted when it is
// valid (the form shown again after an error keeps its key), else a new
// one.
func formKey(r *http.Request) string {
	if k := r.PostFormValue(keyField); casework.ValidSubmissionKey(k) {
		return k
	}
	return casework.NewSubmissionKey()
}

// RequestReceiptPage is the receipt of a submission: the tracking number
// and the query code, printable; shown on reloads within
// casework.ResubmitWindow, then Expired.
type RequestReceiptPage struct {
	Page
	Agency  string
	Receipt casework.Receipt
	Account ApplyAccount
	// Again: the submission repeated one already filed, which was not
	// filed again.
	Again bool
	// Expired: no receipt for this browser any more (after the window,
	// or never one); the page points to the lookup.
	Expired bool
}

// receiptRedirect sets the receipt cookie of rc and sends the browser to
// the receipt page with 303 See Other.
func (s *Site) receiptRedirect(w http.ResponseWriter, r *http.Request, rc casework.Receipt) {
	http.SetCookie(w, &http.Cookie{Name: receiptCookie, Value: rc.Key, Path: receiptPath, MaxAge: int(casework.ResubmitWindow.Seconds()),
		HttpOnly: true, Secure: s.deps.PublicSessions != nil && s.deps.PublicSessions.Cookie.Secure, SameSite: http.SameSiteLaxMode})
	target := receiptPath
	if rc.Repeated {
		target += "?again=1"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// requestReceipt shows the receipt of the submission the cookie names.
// The page is not stored by caches: it holds the query code in clear.
func (s *Site) requestReceipt(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	pg := RequestReceiptPage{Page: s.page(r, "req.receipt.title"), Again: r.URL.Query().Get("again") == "1"}
	var err error = apperr.New(apperr.NotFound, "receipt.expired")
	if c, cerr := r.Cookie(receiptCookie); cerr == nil {
		pg.Receipt, err = s.deps.Requests.ReceiptByKey(r.Context(), c.Value)
	}
	if errors.Is(err, apperr.NotFound) {
		pg.Expired, pg.Again = true, false
		pg.Title = pg.T("req.receipt.expired.title")
		s.rd.Render(w, r, http.StatusNotFound, "request_receipt", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if a, st := s.applyAccount(r, &pg.Page); st.SignedIn {
		_, lerr := s.deps.Accounts.Status(r.Context(), a.ID, pg.Receipt.RequestID)
		st.Linked = lerr == nil
		pg.Account = st
	}
	if as, err := s.deps.Agencies.ListAgencies(r.Context()); err == nil {
		for _, a := range as {
			if a.ID == pg.Receipt.AgencyID {
				pg.Agency = a.Name
			}
		}
	}
	s.rd.Render(w, r, http.StatusOK, "request_receipt", pg)
}

// receiptMessages are the texts of the receipt page beyond the form's.
var receiptMessages = web.Messages{
	"req.receipt.again": {"您刚才已经提交过相同的申请，本次没有重复登记。以下是该申请的回执。",
		"You had just submitted the same request; it was not filed a second time. This is its receipt."},
	"req.receipt.expired.title": {"回执已不再显示", "The receipt is no longer shown"},
	"req.receipt.expired": {"回执只在提交后 15 分钟内、在提交申请的浏览器中显示。申请已经提交的，请凭申请编号和查询码查询办理进度；不必重新提交。",
		"A receipt is shown only for 15 minutes after submitting, in the browser that submitted. If you submitted a request, follow it with its tracking number and query code; do not submit it again."},
}
