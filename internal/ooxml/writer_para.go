package ooxml

import (
	"bytes"
	"fmt"
	"strconv"
)

// A Para is one paragraph: a style, paragraph properties, and its text as
// one plain run (Text) followed by formatted runs (Runs). Zero fields are
// not written, so the style decides.
type Para struct {
	Style    string   // w:pStyle
	Jc       string   // left, center, right, both
	Text     string   // a plain run, written first
	Runs     []Run    // further runs
	KeepNext bool     // keep with the next paragraph
	Bottom   *Border  // a rule under the paragraph
	Spacing  *Spacing // space before and after, line spacing
	Ind      *Indent  // indentation
}

// A Run is a piece of text with character formatting, a line break, or a
// field (such as PAGE) whose last computed result is Text.
type Run struct {
	Text      string
	Bold      bool
	Underline bool
	Color     string // hex RRGGBB
	Size      int    // half-points (三号 = 32)
	Font      string // East Asian font name
	Break     bool   // a line break instead of text
	Field     string // a field instruction, e.g. PAGE
}

// A Border is one line style: val is single, double, dashed, dotted, …;
// Size is in eighths of a point.
type Border struct {
	Val   string
	Size  int
	Color string // hex RRGGBB; auto if empty
}

// Spacing is space before and after a paragraph in twips and its line
// spacing (Line in 240ths of a line for auto, twips for exact).
type Spacing struct {
	Before, After int
	Line          int
	LineRule      string // auto, exact, atLeast
}

// Indent is a paragraph's indentation in twips. FirstLineChars, when set,
// is in hundredths of a character (200 = two characters, the Chinese
// first-line indent) and wins over FirstLine in Word.
type Indent struct {
	Left, Right    int
	FirstLine      int
	FirstLineChars int
	Hanging        int
}

func (b *Border) attrs() string {
	color := b.Color
	if color == "" {
		color = "auto"
	}
	return fmt.Sprintf(` w:val="%s" w:sz="%d" w:space="0" w:color="%s"`, Esc(b.Val), b.Size, Esc(color))
}

// Para appends a paragraph to the body.
func (d *Document) Para(p Para) { p.write(&d.body) }

// Paras appends paragraphs to the body.
func (d *Document) Paras(ps ...Para) {
	for _, p := range ps {
		p.write(&d.body)
	}
}

func (p Para) write(b *bytes.Buffer) {
	b.WriteString(`<w:p>`)
	if p.Style != "" || p.Jc != "" || p.KeepNext || p.Bottom != nil || p.Spacing != nil || p.Ind != nil {
		b.WriteString(`<w:pPr>`)
		if p.Style != "" {
			b.WriteString(`<w:pStyle w:val="` + Esc(p.Style) + `"/>`)
		}
		if p.KeepNext {
			b.WriteString(`<w:keepNext/>`)
		}
		if p.Bottom != nil {
			b.WriteString(`<w:pBdr><w:bottom` + p.Bottom.attrs() + `/></w:pBdr>`)
		}
		if s := p.Spacing; s != nil {
			fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d"`, s.Before, s.After)
			if s.Line > 0 {
				rule := s.LineRule
				if rule == "" {
					rule = "auto"
				}
				fmt.Fprintf(b, ` w:line="%d" w:lineRule="%s"`, s.Line, Esc(rule))
			}
			b.WriteString(`/>`)
		}
		if in := p.Ind; in != nil {
			fmt.Fprintf(b, `<w:ind w:left="%d" w:right="%d"`, in.Left, in.Right)
			switch {
			case in.Hanging > 0:
				fmt.Fprintf(b, ` w:hanging="%d"`, in.Hanging)
			case in.FirstLineChars > 0:
				fmt.Fprintf(b, ` w:firstLineChars="%d" w:firstLine="%d"`, in.FirstLineChars, in.FirstLine)
			default:
				fmt.Fprintf(b, ` w:firstLineChars="0" w:firstLine="%d"`, in.FirstLine)
			}
			b.WriteString(`/>`)
		}
		if p.Jc != "" {
			b.WriteString(`<w:jc w:val="` + Esc(p.Jc) + `"/>`)
		}
		b.WriteString(`</w:pPr>`)
	}
	if p.Text != "" {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + Esc(p.Text) + `</w:t></w:r>`)
	}
	for _, r := range p.Runs {
		r.write(b)
	}
	b.WriteString(`</w:p>`)
}

// rPr returns the run properties, or "" for a plain run.
func (r Run) rPr() string {
	var s string
	if r.Font != "" {
		s += `<w:rFonts w:eastAsia="` + Esc(r.Font) + `"/>`
	}
	if r.Bold {
		s += `<w:b/><w:bCs/>`
	}
	if r.Color != "" {
		s += `<w:color w:val="` + Esc(r.Color) + `"/>`
	}
	if r.Size > 0 {
		n := strconv.Itoa(r.Size)
		s += `<w:sz w:val="` + n + `"/><w:szCs w:val="` + n + `"/>`
	}
	if r.Underline {
		s += `<w:u w:val="single"/>`
	}
	if s == "" {
		return ""
	}
	return `<w:rPr>` + s + `</w:rPr>`
}

func (r Run) write(b *bytes.Buffer) {
	pr := r.rPr()
	switch {
	case r.Break:
		b.WriteString(`<w:r>` + pr + `<w:br/></w:r>`)
	case r.Field != "":
		b.WriteString(`<w:r>` + pr + `<w:fldChar w:fldCharType="begin"/></w:r>`)
		b.WriteString(`<w:r>` + pr + `<w:instrText xml:space="preserve"> ` + Esc(r.Field) + ` </w:instrText></w:r>`)
		b.WriteString(`<w:r>` + pr + `<w:fldChar w:fldCharType="separate"/></w:r>`)
		b.WriteString(`<w:r>` + pr + `<w:t>` + Esc(r.Text) + `</w:t></w:r>`)
		b.WriteString(`<w:r>` + pr + `<w:fldChar w:fldCharType="end"/></w:r>`)
	case r.Text != "":
		b.WriteString(`<w:r>` + pr + `<w:t xml:space="preserve">` + Esc(r.Text) + `</w:t></w:r>`)
	}
}
