package parse

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// The DOCX fixtures are written here rather than committed: a hand-written
// word/document.xml in the shape Word saves (run properties, proofing
// marks, bookmarks, content controls, tracked changes, text boxes) around
// the seed report, with the tables merged by gridSpan and vMerge exactly
// like the national template.

const wDocNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="w14"`

const wRPr = `<w:wRPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:wRPr>`

func fxEsc(s string) string { return html.EscapeString(s) }

// wRun is one run holding text.
func wRun(text string) string {
	return `<w:r>` + wRPr + `<w:t xml:space="preserve">` + fxEsc(text) + `</w:t></w:r>`
}

// wPara writes a paragraph the way Word does: its text split across runs
// with a proofing mark between them.
func wPara(text string) string {
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/><w:wRPr><w:rFonts w:hint="eastAsia"/></w:wRPr></w:pPr>`)
	if n := utf8.RuneCountInString(text); n > 4 {
		r := []rune(text)
		b.WriteString(wRun(string(r[:n/2])) + `<w:proofErr w:type="spellStart"/>` + wRun(string(r[n/2:])) + `<w:proofErr w:type="spellEnd"/>`)
	} else if text != "" {
		b.WriteString(wRun(text))
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// wCellContent writes a table cell's paragraph, with a few of Word's
// artefacts on chosen cells.
func wCellContent(text string, n int) string {
	switch {
	case text == "":
		return `<w:p/>`
	case n == 7: // a bookmark, as in the seed's [bookmark: _GoBack]
		return `<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/>` + wRun(text) + `<w:bookmarkEnd w:id="0"/></w:p>`
	case n%17 == 3: // tracked changes: the text inserted, an old value deleted
		return `<w:p><w:del w:id="9" w:author="x"><w:r><w:delText>9</w:delText></w:r></w:del><w:ins w:id="10" w:author="x">` + wRun(text) + `</w:ins></w:p>`
	case n%13 == 5: // a run-level content control
		return `<w:p><w:sdt><w:sdtPr><w:id w:val="1"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>` + wRun(text) + `</w:sdtContent></w:sdt></w:p>`
	}
	return wPara(text)
}

// wTable writes a fixture table with gridSpan and vMerge; every 11th cell
// is wrapped in a cell-level content control.
func wTable(rows [][]fxCell, n *int) string {
	grid := fxLayout(rows)
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>`)
	for range grid[0] {
		b.WriteString(`<w:gridCol w:w="800"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, line := range grid {
		b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="400"/></w:trPr>`)
		for _, s := range line {
			if !s.left {
				continue
			}
			*n++
			props := `<w:tcW w:w="800" w:type="dxa"/>`
			if s.cell.colspan > 1 {
				props += fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, s.cell.colspan)
			}
			content := `<w:p/>`
			switch {
			case s.cell.rowspan > 1 && s.top:
				props += `<w:vMerge w:val="restart"/>`
				content = wCellContent(s.cell.text, *n)
			case s.cell.rowspan > 1:
				props += `<w:vMerge/>`
			case s.origin:
				content = wCellContent(s.cell.text, *n)
			}
			tc := `<w:tc><w:tcPr>` + props + `<w:vAlign w:val="center"/></w:tcPr>` + content + `</w:tc>`
			if *n%11 == 0 {
				tc = `<w:sdt><w:sdtPr><w:alias w:val="数"/></w:sdtPr><w:sdtContent>` + tc + `</w:sdtContent></w:sdt>`
			}
			b.WriteString(tc)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// wTextBox is an anchored text box as Word writes it, with its VML fallback.
const wTextBox = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>印章</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>印章</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`

// wDocumentXML writes word/document.xml for blocks; empty paragraphs
// separate the parts, as in real reports.
func wDocumentXML(blocks []fxBlock) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:document " + wDocNS + `><w:body>`)
	n := 0
	for i, bl := range blocks {
		switch {
		case bl.rows != nil:
			b.WriteString(wTable(bl.rows, &n))
		case i == 0:
			b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + wRun(bl.para) + wTextBox + `</w:p><w:p/>`)
		default:
			b.WriteString(wPara(bl.para))
		}
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

// fxDOCXPackage zips a document.xml with the parts Word writes beside it.
func fxDOCXPackage(t testing.TB, document string) []byte {
	t.Helper()
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", document},
		{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fxSeedDOCX is the seed report as a DOCX package.
func fxSeedDOCX(t testing.TB) []byte { return fxDOCXPackage(t, wDocumentXML(fxSeed())) }
