package agency

import "strings"

// A Kind is what sort of organ an agency is. It decides the deadline of
// its annual report (条例第四十九条) and how a supervisor's overview
// groups it; it is set by the administrator, never inferred from the name
// once stored (GuessKind only proposes one).
type Kind string

// The kinds of agency.
const (
	// Government is a 县级以上地方人民政府 (its own report is due by 31
	// March of the next year, 条例第四十九条).
	Government Kind = "government"
	// Department is a 人民政府部门 or similar organ (due by 31 January).
	Department Kind = "department"
	// Township is a 乡（镇）人民政府 or a 街道办事处 (due by 31 January: 条例第四十九条
	// gives 31 March only to 县级以上 governments).
	Township Kind = "township"
	// Other is any other organ with disclosure duties (due by 31 January).
	Other Kind = "other"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{Government, Department, Township, Other}

// Label is the kind's Chinese name as the import file and the forms use it.
func (k Kind) Label() string {
	switch k {
	case Government:
		return "人民政府"
	case Department:
		return "部门"
	case Township:
		return "乡镇/街道"
	case Other:
		return "其他"
	}
	return string(k)
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	switch k {
	case Government, Department, Township, Other:
		return true
	}
	return false
}

// ParseKind reads a kind from its Chinese label (人民政府, 部门, 乡镇/街道 —
// also 乡镇, 街道 —, 其他) or its code (government, …). ok is false for
// anything else.
func ParseKind(s string) (k Kind, ok bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "人民政府", "政府":
		return Government, true
	case "部门":
		return Department, true
	case "乡镇/街道", "乡镇／街道", "乡镇", "街道", "乡镇街道":
		return Township, true
	case "其他":
		return Other, true
	}
	if k := Kind(strings.ToLower(s)); k.Valid() {
		return k, true
	}
	return "", false
}

// GuessKind proposes a kind from an agency's name, for the migration of
// agencies stored before kinds existed and for an agency added without
// one: a 乡/镇人民政府 or 街道办事处 is a Township, another name ending in
// 人民政府 a Government, anything else a Department. The administrator
// confirms or changes it.
func GuessKind(name string) Kind {
	name = strings.TrimSpace(name)
	switch {
	case strings.HasSuffix(name, "街道办事处"), strings.HasSuffix(name, "镇人民政府"), strings.HasSuffix(name, "乡人民政府"):
		return Township
	case strings.HasSuffix(name, "人民政府"):
		return Government
	}
	return Department
}
