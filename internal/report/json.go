package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// jsonReport is the gongkai.annual-report/v1 shape.
type jsonReport struct {
	Schema           string           `json:"schema"`
	Template         Template         `json:"template"`
	Agency           string           `json:"agency"`
	Year             int              `json:"year"`
	Date             *string          `json:"date"`
	Proactive        Proactive        `json:"proactive"`
	Proactive2019    *Proactive2019   `json:"proactive_2019,omitempty"`
	Requests         Requests         `json:"requests"`
	ReviewLitigation ReviewLitigation `json:"review_litigation"`
	Sections         *jsonSections    `json:"sections,omitempty"`
}

type jsonSections struct {
	Overview string `json:"overview"`
	Problems string `json:"problems"`
	Other    string `json:"other"`
}

// MarshalJSON writes the report in the gongkai.annual-report/v1 shape.
func (r *Report) MarshalJSON() ([]byte, error) {
	j := jsonReport{
		Schema: Schema, Template: r.Template, Agency: r.Agency, Year: r.Year,
		Proactive: r.Proactive, Proactive2019: r.Proactive2019,
		Requests: r.Requests, ReviewLitigation: r.ReviewLitigation,
	}
	if r.Date != "" {
		d := r.Date
		j.Date = &d
	}
	if !r.Sections.IsZero() {
		j.Sections = &jsonSections{r.Sections.Overview, r.Sections.Problems, r.Sections.Other}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a report in the gongkai.annual-report/v1 shape.
func (r *Report) UnmarshalJSON(b []byte) error {
	var j jsonReport
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	if j.Schema != Schema {
		return fmt.Errorf("schema is %q; want %q", j.Schema, Schema)
	}
	if j.Template != Template2021 && j.Template != Template2019 {
		return fmt.Errorf("template is %q; want %q or %q", j.Template, Template2021, Template2019)
	}
	*r = Report{
		Template: j.Template, Agency: j.Agency, Year: j.Year,
		Proactive: j.Proactive, Proactive2019: j.Proactive2019,
		Requests: j.Requests, ReviewLitigation: j.ReviewLitigation,
	}
	if j.Date != nil {
		r.Date = *j.Date
	}
	if j.Sections != nil {
		r.Sections = Sections{j.Sections.Overview, j.Sections.Problems, j.Sections.Other}
	}
	return nil
}

// MarshalJSON writes table 三 as an object of rows in template order.
func (q Requests) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, row := range q {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "%q:", Rows[i].ID)
		if row == nil {
			buf.WriteString("null")
			continue
		}
		b, err := json.Marshal([NumCols]Num(*row))
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads table 三; an unknown row id is an error, a missing or
// null row is a row the report does not have.
func (q *Requests) UnmarshalJSON(b []byte) error {
	var m map[string]*[]Num
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*q = Requests{}
	for id, cells := range m {
		r, ok := RowByID(id)
		if !ok {
			return fmt.Errorf("requests: unknown row %q", id)
		}
		if cells == nil {
			continue
		}
		if len(*cells) != NumCols {
			return fmt.Errorf("requests: row %q has %d cells; want %d", id, len(*cells), NumCols)
		}
		var row Row
		copy(row[:], *cells)
		q[r] = &row
	}
	return nil
}

// Decode reads one report in the gongkai.annual-report/v1 JSON shape.
func Decode(rd io.Reader) (*Report, error) {
	b, err := io.ReadAll(io.LimitReader(rd, 16<<20))
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("report json: %w", err)
	}
	return &r, nil
}

// Encode writes the report as indented JSON followed by a newline.
func Encode(w io.Writer, r *Report) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
