package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/report"
)

// The DOCX is a minimal WordprocessingML package written by hand on
// archive/zip: content types, package and document relationships,
// document.xml, styles.xml, settings.xml, fontTable.xml, a footer with the
// page number, and the core and app properties. No timestamps are written, so the same report gives the
// same bytes.

// A4 portrait in twips, with the margins of 党政机关公文格式 (GB/T 9704:
// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
const (
	pageW, pageH        = 11906, 16838
	marTop, marBottom   = 2098, 1984
	marLeft, marRight   = 1588, 1474
	textWidth           = pageW - marLeft - marRight // 8844
	nsW                 = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR                 = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel            = "http://schemas.openxmlformats.org/package/2006/relationships"
	relOffice           = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlHeader           = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	fontBody, fontTable = "仿宋_GB2312", "宋体"
	fontHead, fontLatin = "黑体", "Times New Roman"
)

// zipTime is the fixed modification time written for every part.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// DOCX writes a Word document in the template layout: A4, Chinese fonts,
// the three tables with the template's merged headers (gridSpan for
// horizontal, vMerge for vertical merges).
func DOCX(w io.Writer, r *report.Report) error {
	parts := docxParts(r)
	zw := zip.NewWriter(w)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("render docx: %w", err)
		}
		if _, err := fw.Write(p.data); err != nil {
			return fmt.Errorf("render docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("render docx: %w", err)
	}
	return nil
}

type part struct {
	name string
	data []byte
}

func docxParts(r *report.Report) []part {
	return []part{
		{"[Content_Types].xml", []byte(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
			`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
			`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
			`</Types>`)},
		{"_rels/.rels", []byte(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
			`<Relationship Id="rId1" Type="` + relOffice + `/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="` + relOffice + `/extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`)},
		{"docProps/core.xml", []byte(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + xesc(Title(r)) + `</dc:title><dc:creator>` + xesc(r.Agency) + `</dc:creator><dc:language>zh-CN</dc:language>` +
			`</cp:coreProperties>`)},
		{"docProps/app.xml", []byte(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>`)},
		{"word/_rels/document.xml.rels", []byte(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
			`<Relationship Id="rId1" Type="` + relOffice + `/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="` + relOffice + `/settings" Target="settings.xml"/>` +
			`<Relationship Id="rId3" Type="` + relOffice + `/fontTable" Target="fontTable.xml"/>` +
			`<Relationship Id="rId4" Type="` + relOffice + `/footer" Target="footer1.xml"/>` +
			`</Relationships>`)},
		{"word/footer1.xml", []byte(docxFooter)},
		{"word/document.xml", docxDocument(r)},
		{"word/styles.xml", []byte(docxStyles)},
		{"word/settings.xml", []byte(xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>` +
			`<w:characterSpacingControl w:val="compressPunctuation"/>` +
			`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
			`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`)},
		{"word/fontTable.xml", []byte(docxFonts)},
	}
}

// xesc escapes text for XML character data and attributes; characters XML
// cannot hold become U+FFFD.
func xesc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer cannot fail
	return b.String()
}

func docxDocument(r *report.Report) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	para(&b, "Title", "", Title(r))
	heads := headings(r.Template)
	grids := tables(r)
	texts := [6]string{0: r.Sections.Overview, 4: r.Sections.Problems, 5: r.Sections.Other}
	for i, h := range heads {
		para(&b, "Heading1", "", h)
		for _, p := range paragraphs(texts[i]) {
			para(&b, "", "", p)
		}
		if i >= 1 && i <= 3 {
			docxTable(&b, grids[i-1])
		}
	}
	if r.Agency != "" {
		para(&b, "Signature", "", r.Agency)
	}
	if r.Date != "" {
		para(&b, "Signature", "", dateCN(r.Date))
	}
	fmt.Fprintf(&b, `<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>`,
		pageW, pageH, marTop, marRight, marBottom, marLeft)
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes()
}

// para writes one paragraph in a style, with an optional justification.
func para(b *bytes.Buffer, style, jc, text string) {
	b.WriteString(`<w:p>`)
	if style != "" || jc != "" {
		b.WriteString(`<w:pPr>`)
		if style != "" {
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if jc != "" {
			b.WriteString(`<w:jc w:val="` + jc + `"/>`)
		}
		b.WriteString(`</w:pPr>`)
	}
	if text != "" {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + xesc(text) + `</w:t></w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// docxTable writes a grid: a cell whose top-left is in the row is written
// with its gridSpan and, when it spans rows, vMerge restart; each row it
// covers below gets a vMerge continuation cell of the same width.
func docxTable(b *bytes.Buffer, g *grid) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, sum(g.Widths))
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, wd := range g.Widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
	for r := 0; r < g.Rows; r++ {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if r < g.HeadRows {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for c := 0; c < g.Cols; {
			i := g.covering(r, c)
			if i < 0 { // cannot happen for the template grids; keep the row valid
				fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p/></w:tc>`, g.Widths[c])
				c++
				continue
			}
			x := &g.Cells[i]
			width := sum(g.Widths[x.Col : x.Col+x.ColSpan])
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
			if x.ColSpan > 1 {
				b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(x.ColSpan) + `"/>`)
			}
			first := x.Row == r
			if x.RowSpan > 1 {
				if first {
					b.WriteString(`<w:vMerge w:val="restart"/>`)
				} else {
					b.WriteString(`<w:vMerge/>`)
				}
			}
			if x.Kind == kindBlock {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			if !first {
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc>`)
				c += x.ColSpan
				continue
			}
			style, jc := "TableText", ""
			switch x.Kind {
			case kindNote:
				style = "TableNote"
			case kindRowHead:
				jc = "left"
			case kindBlock:
				style = "TableBlock"
			}
			para(b, style, jc, x.Text)
			b.WriteString(`</w:tc>`)
			c += x.ColSpan
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	// Word needs a paragraph between two tables, and one after the last.
	para(b, "TableAfter", "", "")
}

func sum(a []int) int {
	t := 0
	for _, v := range a {
		t += v
	}
	return t
}

// docxStyles: 仿宋_GB2312 三号 for the text with 28-point lines, 黑体 三号
// for section headings, 宋体 二号 bold for the title, 宋体 for tables.
var docxStyles = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:eastAsia="` + fontBody + `" w:hAnsi="` + fontLatin + `" w:cs="` + fontLatin + `"/>` +
	`<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="240" w:after="480" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:eastAsia="` + fontTable + `" w:hAnsi="` + fontLatin + `"/><w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:eastAsia="` + fontHead + `" w:hAnsi="` + fontLatin + `"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="200" w:right="640"/><w:jc w:val="right"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:eastAsia="` + fontTable + `" w:hAnsi="` + fontLatin + `"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableNote"><w:name w:val="Table Note"/><w:basedOn w:val="TableText"/><w:qFormat/>` +
	`<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableBlock"><w:name w:val="Table Block"/><w:basedOn w:val="TableText"/><w:qFormat/>` +
	`<w:rPr><w:b/><w:bCs/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableAfter"><w:name w:val="Table After"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="12"/><w:szCs w:val="12"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/>` +
	`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

// docxFooter centres the page number as official documents print it: — 1 —.
var docxFooter = xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` +
	`<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
	`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`

// docxFonts declares the Chinese fonts with the names Word and WPS know,
// and fallbacks (altName) for machines without them.
var docxFonts = xmlHeader + `<w:fonts xmlns:w="` + nsW + `">` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`</w:fonts>`
