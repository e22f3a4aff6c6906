package letter

import (
	"fmt"
	"io"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// The DOCX layout follows 党政机关公文格式 (GB/T 9704) where it applies to a
// letter: A4 with its margins, the agency's name in red at the head with a
// red rule under the document number, the title in 宋体 二号 bold, the text
// in 仿宋_GB2312 三号 on 28-point lines, the signature and date at the right
// under a dashed box where the seal goes, the page number in the footer.

const (
	fontBody, fontSong = "仿宋_GB2312", "宋体"
	fontLatin          = "Times New Roman"
	red                = "C00000"
	sealWidth          = 2268 // 4 cm in twips: the box where the seal goes
)

// DOCX writes l as a Word document.
func DOCX(w io.Writer, l *Letter) error {
	if err := docxDocument(l).Write(w); err != nil {
		return fmt.Errorf("letter: docx: %w", err)
	}
	return nil
}

func docxDocument(l *Letter) *ooxml.Document {
	d := ooxml.NewDocument()
	d.Title, d.Creator = l.Title, l.Head.Agency
	d.Styles = docxStyles
	d.Footer = ooxml.PageNumberFooter(ooxml.FooterStyle.ID)
	if l.Draft {
		d.Watermark, d.WatermarkFont = DraftMark, fontSong
	}
	rule := &ooxml.Border{Val: "single", Size: 12, Color: red}
	head := ooxml.Para{Style: "Letterhead", Text: l.Head.Agency}
	if l.Number == "" {
		head.Bottom = rule
	}
	d.Para(head)
	if l.Number != "" {
		d.Para(ooxml.Para{Style: "DocNumber", Text: l.Number, Bottom: rule})
	}
	d.Para(ooxml.Para{Style: "Title", Text: l.Title})
	d.Para(ooxml.Para{Style: "Salutation", Text: l.To + "："})
	width := ooxml.A4GBT9704.TextWidth()
	for i, b := range l.Body {
		// The last paragraph keeps with the seal and signature, so that
		// they never stand alone on a page (GB/T 9704: 落款页须有正文).
		last := i == len(l.Body)-1
		switch b.Kind {
		case Item:
			d.Para(ooxml.Para{Style: "Item", Text: b.Text, KeepNext: last})
		case Note:
			d.Para(ooxml.Para{Style: "Note", Text: b.Text, KeepNext: last})
		case Table:
			d.Table(docxTable(b.Rows, width))
			d.Para(ooxml.Para{Style: "TableAfter"})
		default:
			d.Para(ooxml.Para{Text: b.Text, KeepNext: last})
		}
	}
	// The seal goes over the box; the signature and the date follow it.
	d.Para(ooxml.Para{Style: "TableAfter", KeepNext: true})
	dashed := &ooxml.Border{Val: "dashed", Size: 8, Color: "808080"}
	d.Table(ooxml.Tbl{Widths: []int{sealWidth}, Jc: "right", Fixed: true, Rows: []ooxml.TblRow{{CantSplit: true, Cells: []ooxml.TblCell{{
		Borders: dashed, VAlign: "center",
		Paras: []ooxml.Para{{Style: "Seal", KeepNext: true}, {Style: "Seal", Text: Seal, KeepNext: true}, {Style: "Seal", KeepNext: true}},
	}}}}})
	d.Para(ooxml.Para{Style: "Signature", Text: l.Head.Agency, KeepNext: true})
	d.Para(ooxml.Para{Style: "Signature", Text: l.Date.Chinese()})
	if lines := l.Head.contactLines(); len(lines) > 0 {
		d.Para(ooxml.Para{Style: "TableAfter"})
		for _, c := range lines {
			d.Para(ooxml.Para{Style: "Contact", Text: c})
		}
	}
	return d
}

// docxTable writes a body table over the text width, the first row as a
// bold header that repeats on every page.
func docxTable(rows [][]string, width int) ooxml.Tbl {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	widths := make([]int, cols)
	for i := range widths {
		widths[i] = width / max(cols, 1)
	}
	t := ooxml.Tbl{Widths: widths, Jc: "center", Borders: &ooxml.Border{Val: "single", Size: 4, Color: "000000"}, Fixed: true, CellMargin: 85}
	for i, r := range rows {
		row := ooxml.TblRow{CantSplit: true, Header: i == 0}
		for c := 0; c < cols; c++ {
			text := ""
			if c < len(r) {
				text = r[c]
			}
			p := ooxml.Para{Style: "TableText"}
			if i == 0 {
				p.Runs = []ooxml.Run{{Text: text, Bold: true}}
			} else {
				p.Text = text
			}
			row.Cells = append(row.Cells, ooxml.TblCell{VAlign: "center", Paras: []ooxml.Para{p}})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// fonts sets the Latin and East Asian fonts of a style's runs.
func fonts(eastAsia string) string { return ooxml.RFonts(fontLatin, eastAsia) }

const noIndent = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`

// docxStyles: 仿宋_GB2312 三号 on 28-point lines with a two-character
// first-line indent for the text; 宋体 for the letterhead, title and tables.
var docxStyles = ooxml.StylesXML(ooxml.DocDefaults(fontLatin, fontBody, 32, "both"),
	ooxml.Style{Type: "paragraph", ID: "Normal", Name: "Normal", Default: true, QFormat: true,
		PPr: `<w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>`},
	ooxml.Style{Type: "paragraph", ID: "Letterhead", Name: "Letterhead", Custom: true, BasedOn: "Normal", Next: "DocNumber", QFormat: true,
		PPr: `<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/>` + noIndent + `<w:jc w:val="center"/>`,
		RPr: fonts(fontSong) + `<w:b/><w:bCs/><w:color w:val="` + red + `"/><w:spacing w:val="20"/><w:sz w:val="52"/><w:szCs w:val="52"/>`},
	ooxml.Style{Type: "paragraph", ID: "DocNumber", Name: "Document Number", Custom: true, BasedOn: "Normal", QFormat: true,
		PPr: `<w:spacing w:before="0" w:after="120"/>` + noIndent + `<w:jc w:val="center"/>`},
	ooxml.Style{Type: "paragraph", ID: "Title", Name: "Title", BasedOn: "Normal", Next: "Salutation", QFormat: true,
		PPr: `<w:spacing w:before="480" w:after="360" w:line="240" w:lineRule="auto"/>` + noIndent + `<w:jc w:val="center"/><w:outlineLvl w:val="0"/>`,
		RPr: fonts(fontSong) + `<w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/>`},
	ooxml.Style{Type: "paragraph", ID: "Salutation", Name: "Salutation", BasedOn: "Normal", Next: "Normal", QFormat: true,
		PPr: noIndent + `<w:jc w:val="left"/>`},
	ooxml.Style{Type: "paragraph", ID: "Item", Name: "Item", Custom: true, BasedOn: "Normal", QFormat: true},
	ooxml.Style{Type: "paragraph", ID: "Note", Name: "Note", Custom: true, BasedOn: "Normal", QFormat: true,
		PPr: `<w:spacing w:line="400" w:lineRule="exact"/><w:ind w:left="640" w:firstLineChars="0" w:firstLine="0"/>`,
		RPr: `<w:sz w:val="24"/><w:szCs w:val="24"/>`},
	ooxml.Style{Type: "paragraph", ID: "TableText", Name: "Table Text", Custom: true, BasedOn: "Normal", QFormat: true,
		PPr: `<w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/>` + noIndent + `<w:jc w:val="center"/>`,
		RPr: fonts(fontSong) + `<w:sz w:val="24"/><w:szCs w:val="24"/>`},
	ooxml.Style{Type: "paragraph", ID: "TableAfter", Name: "Table After", Custom: true, BasedOn: "Normal",
		PPr: `<w:spacing w:line="240" w:lineRule="auto"/>`, RPr: `<w:sz w:val="12"/><w:szCs w:val="12"/>`},
	ooxml.Style{Type: "paragraph", ID: "Seal", Name: "Seal", Custom: true, BasedOn: "Normal",
		PPr: `<w:spacing w:before="0" w:after="0" w:line="400" w:lineRule="exact"/>` + noIndent + `<w:jc w:val="center"/>`,
		RPr: `<w:color w:val="808080"/><w:sz w:val="24"/><w:szCs w:val="24"/>`},
	ooxml.Style{Type: "paragraph", ID: "Signature", Name: "Signature", BasedOn: "Normal", QFormat: true,
		PPr: `<w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="200" w:right="640"/><w:jc w:val="right"/>`},
	ooxml.Style{Type: "paragraph", ID: "Contact", Name: "Contact", Custom: true, BasedOn: "Normal", QFormat: true,
		PPr: `<w:spacing w:line="400" w:lineRule="exact"/>` + noIndent + `<w:jc w:val="left"/>`,
		RPr: `<w:sz w:val="24"/><w:szCs w:val="24"/>`},
	ooxml.FooterStyle,
	ooxml.TableNormal,
)
