package report

// A Severity says how serious a finding is.
type Severity string

// The two severities of spec/report-model.md.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// A Finding is one rule that a report breaks, with the cells involved and a
// sentence in Chinese naming the table, row and column in the template's
// own words.
type Finding struct {
	Rule     string   `json:"rule"` // e.g. "R1-balance"
	Severity Severity `json:"severity"`
	Cells    []CellID `json:"cells"`
	Message  string   `json:"message"`
	// Where lists the positions in the source document of the cells
	// involved, when the report was parsed (e.g. "第 12 行").
	Where []string `json:"where,omitempty"`
}
