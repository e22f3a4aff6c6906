package request

import (
	"errors"
	"strings"
	"testing"
)

// TestOutcomes checks the 21 outcomes against the row ids of
// report-model.md §三 and that each has a label, letter and basis.
func TestOutcomes(t *testing.T) {
	ids := []string{"granted", "partially_granted", "withheld_state_secret", "withheld_prohibited_by_law",
		"withheld_security_stability", "withheld_third_party", "withheld_internal_affairs", "withheld_process_info",
		"withheld_enforcement_file", "withheld_administrative_query", "unavailable_not_held", "unavailable_needs_creation",
		"unavailable_unclear", "rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_mass_repeated",
		"rejected_reconfirm", "other_no_correction", "other_fee_unpaid", "other_other"}
	all := Outcomes()
	if len(all) != 21 {
		t.Fatalf("%d outcomes; want 21", len(all))
	}
	for i, o := range all {
		if string(o.ID) != ids[i] || o.ID.Index() != i {
			t.Errorf("outcome %d: %s; want %s", i, o.ID, ids[i])
		}
		if o.Label == "" || o.Group == "" || o.Letter.LetterLabel() == "" {
			t.Errorf("%s: missing label, group or letter", o.ID)
		}
		if o.ID != OtherOther && !strings.Contains(o.Basis, "第") {
			t.Errorf("%s: basis %q cites no article", o.ID, o.Basis)
		}
	}
	if WithheldThirdParty.Label() != "保护第三方合法权益" || !strings.Contains(mustInfo(t, WithheldThirdParty).Basis, "第十五条") {
		t.Errorf("withheld_third_party: %+v", mustInfo(t, WithheldThirdParty))
	}
	if mustInfo(t, OtherFeeUnpaid).Reply || !mustInfo(t, Granted).Reply {
		t.Errorf("Reply flags wrong")
	}
	if Outcome("approved").Valid() || Outcome("x").Index() != -1 {
		t.Errorf("invalid outcome accepted")
	}
}

func mustInfo(t *testing.T, o Outcome) OutcomeInfo {
	t.Helper()
	i, ok := o.Info()
	if !ok {
		t.Fatalf("no info for %s", o)
	}
	return i
}

func TestApplicantTypes(t *testing.T) {
	labels := []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
	for i, at := range ApplicantTypes() {
		if at.Column() != i || at.Label() != labels[i] {
			t.Errorf("%s: column %d label %s; want %d %s", at, at.Column(), at.Label(), i, labels[i])
		}
		if got, ok := ParseApplicantType(labels[i]); !ok || got != at {
			t.Errorf("ParseApplicantType(%s) = %s %v", labels[i], got, ok)
		}
		if at.Organisation() != (i > 0) {
			t.Errorf("%s: Organisation %v", at, at.Organisation())
		}
	}
	if _, ok := ParseApplicantType("外星人"); ok {
		t.Errorf("unknown type accepted")
	}
	if k := (Applicant{Name: "赵 某", ID: " 11010519491231002x "}).Key(); k != "11010519491231002X" {
		t.Errorf("Key = %q", k)
	}
}

func TestReceiptDate(t *testing.T) {
	sub, signed, conf := md("2026-03-02"), md("2026-03-04"), md("2026-03-05")
	tests := []struct {
		s    Submission
		want string // "" for an error
	}{
		{Submission{Channel: InPerson, Submitted: sub}, "2026-03-02"},
		{Submission{Channel: PostSigned, Submitted: sub, Signed: signed}, "2026-03-04"},
		{Submission{Channel: PostPlain, Submitted: sub, Signed: signed, Confirmed: conf}, "2026-03-05"},
		{Submission{Channel: Internet, Submitted: sub, Confirmed: conf}, "2026-03-05"},
		{Submission{Channel: Email, Submitted: sub, Confirmed: conf}, "2026-03-05"},
		{Submission{Channel: Fax, Submitted: sub, Confirmed: conf}, "2026-03-05"},
		{Submission{Channel: Internet, Submitted: sub}, ""},   // not yet confirmed
		{Submission{Channel: PostSigned, Submitted: sub}, ""}, // not yet signed
		{Submission{Channel: Fax, Submitted: conf, Confirmed: sub}, ""},
		{Submission{Channel: "pigeon", Submitted: sub}, ""},
	}
	for _, tt := range tests {
		got, err := tt.s.ReceiptDate()
		var fe *FieldError
		switch {
		case tt.want == "" && !errors.As(err, &fe):
			t.Errorf("%+v: got %s %v; want a FieldError", tt.s, got, err)
		case tt.want != "" && (err != nil || got.String() != tt.want):
			t.Errorf("%+v: got %s %v; want %s", tt.s, got, err, tt.want)
		}
	}
	for _, label := range []string{"网上", "信函", "当面", "传真", "电子邮件"} {
		if _, ok := ParseChannel(label); !ok {
			t.Errorf("ParseChannel(%s) failed", label)
		}
	}
}
