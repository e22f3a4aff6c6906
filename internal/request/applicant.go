package request

import "strings"

// An ApplicantType is the report column a request counts in (report-model.md
// §三): 自然人, or one of the five kinds of 法人或其他组织. Its value is the
// column id.
type ApplicantType string

// The applicant types, in column order 0–5.
const (
	NaturalPerson ApplicantType = "natural_person" // 自然人
	Commercial    ApplicantType = "commercial"     // 商业企业
	Research      ApplicantType = "research"       // 科研机构
	SocialWelfare ApplicantType = "social_welfare" // 社会公益组织
	LegalService  ApplicantType = "legal_service"  // 法律服务机构
	OtherOrg      ApplicantType = "other_org"      // 其他
)

var applicantTypes = []struct {
	t     ApplicantType
	label string
}{
	{NaturalPerson, "自然人"},
	{Commercial, "商业企业"},
	{Research, "科研机构"},
	{SocialWelfare, "社会公益组织"},
	{LegalService, "法律服务机构"},
	{OtherOrg, "其他"},
}

// ApplicantTypes returns the six types in column order.
func ApplicantTypes() []ApplicantType {
	out := make([]ApplicantType, len(applicantTypes))
	for i, a := range applicantTypes {
		out[i] = a.t
	}
	return out
}

// Column returns the type's column index in table 三 (0–5), or -1.
func (t ApplicantType) Column() int {
	for i, a := range applicantTypes {
		if a.t == t {
			return i
		}
	}
	return -1
}

// Valid reports whether t is one of the six types.
func (t ApplicantType) Valid() bool { return t.Column() >= 0 }

// Label returns the template's column label (自然人, 商业企业, …, 其他).
func (t ApplicantType) Label() string {
	if i := t.Column(); i >= 0 {
		return applicantTypes[i].label
	}
	return ""
}

// Organisation reports whether t is one of the 法人或其他组织 columns.
func (t ApplicantType) Organisation() bool { return t.Valid() && t != NaturalPerson }

// ParseApplicantType accepts a column id or its Chinese label (as in a
// ledger); 其他组织 and 法人或其他组织-其他 also mean other_org.
func ParseApplicantType(s string) (ApplicantType, bool) {
	s = strings.TrimSpace(s)
	for _, a := range applicantTypes {
		if s == string(a.t) || s == a.label {
			return a.t, true
		}
	}
	switch s {
	case "公民", "个人":
		return NaturalPerson, true
	case "其他组织", "法人或其他组织-其他":
		return OtherOrg, true
	}
	return "", false
}

// An Applicant is the person or organisation named first on a request
// (regulation.md §7: with several applicants, the first named decides the
// column). The ID is a 居民身份证 number or a 统一社会信用代码 (idcheck).
type Applicant struct {
	Type    ApplicantType
	Name    string
	ID      string // identity document number (条例第二十九条（一）身份证明)
	Contact string // phone, e-mail or address
}

// Key returns what identifies the applicant across requests, for fees,
// the volume flag and repeat detection: the ID number if given, else the
// name, upper-cased and without spaces.
func (a Applicant) Key() string {
	k := a.ID
	if strings.TrimSpace(k) == "" {
		k = a.Name
	}
	return strings.ToUpper(strings.Join(strings.Fields(k), ""))
}
