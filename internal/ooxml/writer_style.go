package ooxml

import (
	"bytes"
	"strconv"
)

// A Style is one style definition of styles.xml. PPr, RPr and TblPr hold
// the inner XML of the style's paragraph, run and table properties.
type Style struct {
	Type       string // paragraph, character, table
	ID         string
	Name       string
	Default    bool // the default style of its type
	Custom     bool // not one of Word's built-in styles
	BasedOn    string
	Next       string
	UIPriority int
	SemiHidden bool
	QFormat    bool // shown in the style gallery
	PPr        string
	RPr        string
	TblPr      string
}

// DocDefaults returns the inner XML of w:docDefaults: Latin and East Asian
// fonts, the size in half-points (三号 = 32), Chinese as the East Asian
// language, and the default paragraph justification.
func DocDefaults(latin, eastAsia string, halfPoints int, jc string) string {
	sz := strconv.Itoa(halfPoints)
	return `<w:rPrDefault><w:rPr><w:rFonts w:ascii="` + Esc(latin) + `" w:eastAsia="` + Esc(eastAsia) + `" w:hAnsi="` + Esc(latin) + `" w:cs="` + Esc(latin) + `"/>` +
		`<w:kern w:val="2"/><w:sz w:val="` + sz + `"/><w:szCs w:val="` + sz + `"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:jc w:val="` + Esc(jc) + `"/></w:pPr></w:pPrDefault>`
}

// StylesXML writes styles.xml from the document defaults (see DocDefaults)
// and the styles in order.
func StylesXML(defaults string, styles ...Style) []byte {
	var b bytes.Buffer
	b.WriteString(XMLHeader + `<w:styles xmlns:w="` + NSMain + `">`)
	b.WriteString(`<w:docDefaults>` + defaults + `</w:docDefaults>`)
	for _, s := range styles {
		b.WriteString(`<w:style w:type="` + Esc(s.Type) + `"`)
		if s.Default {
			b.WriteString(` w:default="1"`)
		}
		if s.Custom {
			b.WriteString(` w:customStyle="1"`)
		}
		b.WriteString(` w:styleId="` + Esc(s.ID) + `"><w:name w:val="` + Esc(s.Name) + `"/>`)
		if s.BasedOn != "" {
			b.WriteString(`<w:basedOn w:val="` + Esc(s.BasedOn) + `"/>`)
		}
		if s.Next != "" {
			b.WriteString(`<w:next w:val="` + Esc(s.Next) + `"/>`)
		}
		if s.UIPriority > 0 {
			b.WriteString(`<w:uiPriority w:val="` + strconv.Itoa(s.UIPriority) + `"/>`)
		}
		if s.SemiHidden {
			b.WriteString(`<w:semiHidden/>`)
		}
		if s.QFormat {
			b.WriteString(`<w:qFormat/>`)
		}
		if s.PPr != "" {
			b.WriteString(`<w:pPr>` + s.PPr + `</w:pPr>`)
		}
		if s.RPr != "" {
			b.WriteString(`<w:rPr>` + s.RPr + `</w:rPr>`)
		}
		if s.TblPr != "" {
			b.WriteString(`<w:tblPr>` + s.TblPr + `</w:tblPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	b.WriteString(`</w:styles>`)
	return b.Bytes()
}

// TableNormal is Word's default table style with its usual cell margins;
// every styles.xml with tables should include it.
var TableNormal = Style{Type: "table", ID: "TableNormal", Name: "Normal Table", Default: true, UIPriority: 99, SemiHidden: true,
	TblPr: `<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>`}

// RFonts returns the w:rFonts element of a style's run properties: the
// Latin and East Asian fonts.
func RFonts(latin, eastAsia string) string {
	return `<w:rFonts w:ascii="` + Esc(latin) + `" w:eastAsia="` + Esc(eastAsia) + `" w:hAnsi="` + Esc(latin) + `"/>`
}

// FooterStyle is the paragraph style, based on Normal, for
// PageNumberFooter(FooterStyle.ID): centred 宋体 四号 on single lines,
// without the first-line indent.
var FooterStyle = Style{Type: "paragraph", ID: "Footer", Name: "footer", BasedOn: "Normal",
	PPr: `<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>`,
	RPr: RFonts("宋体", "宋体") + `<w:sz w:val="28"/><w:szCs w:val="28"/>`}

// PageNumberFooter is a footer that centres the page number in a style as
// official documents print it: — 1 —.
func PageNumberFooter(style string) []Para {
	return []Para{{Style: style, Text: "— ", Runs: []Run{{Field: "PAGE", Text: "1"}, {Text: " —"}}}}
}
