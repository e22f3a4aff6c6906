package web

import "github.com/gongkai/gongkai/internal/request"

// requestLabelsEn are the English names of the request domain's values,
// by kind and value; the Chinese are the domain's own labels.
var requestLabelsEn = map[string]map[string]string{
	"state": {
		"submitted": "Awaiting confirmation", "registered": "Registered", "correction_requested": "Awaiting correction",
		"corrected": "Corrected", "in_progress": "In progress", "consulting": "Consulting", "awaiting_fee": "Awaiting payment",
		"draft_reply": "Reply drafted", "in_review": "In review", "approved": "Approved", "replied": "Replied", "closed": "Closed",
		"ended_no_correction": "Ended: not corrected in time", "ended_fee_unpaid": "Ended: fee not paid in time", "withdrawn": "Withdrawn",
	},
	"type": {
		"natural_person": "Natural person", "commercial": "Business", "research": "Research institution",
		"social_welfare": "Public-interest organisation", "legal_service": "Legal service provider", "other_org": "Other organisation",
	},
	"channel": {
		"in_person": "In person", "post_signed": "Signed post", "post_plain": "Plain letter", "internet": "Online",
		"email": "E-mail", "fax": "Fax", "other": "Other",
	},
	"urgency": {
		"not_running": "Clock stopped", "on_track": "On track", "due_in_5": "Due within 5 working days",
		"due_in_1": "Due within 1 working day", "overdue": "Overdue",
	},
	"outcome": {
		"granted":                       "Disclosed",
		"partially_granted":             "Partly disclosed",
		"withheld_state_secret":         "Withheld: state secret",
		"withheld_prohibited_by_law":    "Withheld: another law forbids it",
		"withheld_security_stability":   "Withheld: would endanger security or stability",
		"withheld_third_party":          "Withheld: third party's rights",
		"withheld_internal_affairs":     "Withheld: internal affairs",
		"withheld_process_info":         "Withheld: information in process",
		"withheld_enforcement_file":     "Withheld: enforcement file",
		"withheld_administrative_query": "Withheld: administrative query",
		"unavailable_not_held":          "Not available: not held by the agency",
		"unavailable_needs_creation":    "Not available: would have to be created",
		"unavailable_unclear":           "Not available: still unclear after correction",
		"rejected_petition":             "Not processed: a petition or complaint",
		"rejected_duplicate":            "Not processed: repeated request",
		"rejected_publication":          "Not processed: asks for a publication",
		"rejected_mass_repeated":        "Not processed: mass repeated requests",
		"rejected_reconfirm":            "Not processed: asks to confirm or reissue",
		"other_no_correction":           "Other: not corrected in time",
		"other_fee_unpaid":              "Other: fee not paid in time",
		"other_other":                   "Other",
	},
}

// requestLabelZh is the domain's Chinese label of value v of kind.
func requestLabelZh(kind, v string) string {
	switch kind {
	case "state":
		if v == "submitted" {
			return "待确认"
		}
		return request.State(v).Label()
	case "type":
		return request.ApplicantType(v).Label()
	case "channel":
		if v == "other" {
			return "其他"
		}
		return request.Channel(v).Label()
	case "urgency":
		return request.Urgency(v).Label()
	case "outcome":
		return request.Outcome(v).Label()
	}
	return ""
}

func init() {
	for kind, m := range requestLabelsEn {
		for v, en := range m {
			CommonMessages["label."+kind+"."+v] = [2]string{requestLabelZh(kind, v), en}
			if kind == "outcome" {
				// request.Outcome.Key: errors that name an outcome.
				ErrorMessages["request.outcome."+v] = [2]string{requestLabelZh(kind, v), en}
			}
		}
	}
}

// Label names value v of a request kind (state, type, channel, urgency,
// outcome) in the page's language: the domain's Chinese label, or its
// English name; an unknown value comes back as it is.
func (p Page) Label(kind, v string) string {
	if v == "" {
		return ""
	}
	key := "label." + kind + "." + v
	if s := p.T(key); s != key && s != "" {
		return s
	}
	return v
}
