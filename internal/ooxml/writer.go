package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// The writer builds a minimal WordprocessingML package by hand on
// archive/zip: content types, package and document relationships,
// document.xml, styles.xml, settings.xml, fontTable.xml, an optional header
// and footer, and the core and app properties. It writes no timestamps, so
// the same document gives the same bytes.

// XML namespaces and the declaration every part starts with.
const (
	NSMain     = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	NSRel      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel   = "http://schemas.openxmlformats.org/package/2006/relationships"
	relOffice  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	ctWordML   = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	XMLHeader  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	headerPart = "header1.xml"
	footerPart = "footer1.xml"
)

// zipTime is the fixed modification time written for every part.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// A Page is the page size and margins of a section, in twips (1/20 pt).
type Page struct {
	W, H                     int
	Top, Right, Bottom, Left int
	Header, Footer           int // distance of the header and footer from the edge
}

// A4GBT9704 is A4 portrait with the margins of 党政机关公文格式 (GB/T 9704:
// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
var A4GBT9704 = Page{W: 11906, H: 16838, Top: 2098, Right: 1474, Bottom: 1984, Left: 1588, Header: 851, Footer: 992}

// TextWidth returns the width between the margins.
func (p Page) TextWidth() int { return p.W - p.Left - p.Right }

// A Part is one named entry of a package.
type Part struct {
	Name string
	Data []byte
}

// A Document is a DOCX being written: body content is appended in order
// with Para and Table, then Write produces the package. The zero value is
// not usable; start with NewDocument.
type Document struct {
	Title       string // dc:title
	Creator     string // dc:creator
	Language    string // dc:language, e.g. zh-CN
	Application string // the app.xml Application
	Page        Page   // the one section's page
	Styles      []byte // styles.xml (see StylesXML)
	Fonts       []byte // fontTable.xml; DefaultFonts if nil
	Header      []Para // the default header; none if empty
	Footer      []Para // the default footer; none if empty
	// Watermark is text shown diagonally behind the text of every page
	// (such as 草稿), in WatermarkFont; none if empty. It lives in the
	// default header.
	Watermark, WatermarkFont string
	body                     bytes.Buffer
}

// NewDocument returns an empty A4 document in Chinese with the default
// fonts and no styles of its own.
func NewDocument() *Document {
	return &Document{Language: "zh-CN", Application: "gongkai", Page: A4GBT9704}
}

// Esc escapes text for XML character data and attributes; characters XML
// cannot hold become U+FFFD.
func Esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer cannot fail
	return b.String()
}

// Write writes the package to w.
func (d *Document) Write(w io.Writer) error {
	zw := zip.NewWriter(w)
	for _, p := range d.Parts() {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("write docx: %w", err)
		}
		if _, err := fw.Write(p.Data); err != nil {
			return fmt.Errorf("write docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}

// Parts returns the package's parts in the order Write stores them.
func (d *Document) Parts() []Part {
	var overrides, rels string
	add := func(id int, typ, target, ct string) {
		overrides += `<Override PartName="/word/` + target + `" ContentType="` + ctWordML + ct + `"/>`
		rels += fmt.Sprintf(`<Relationship Id="rId%d" Type="%s/%s" Target="%s"/>`, id, relOffice, typ, target)
	}
	add(1, "styles", "styles.xml", "styles+xml")
	add(2, "settings", "settings.xml", "settings+xml")
	add(3, "fontTable", "fontTable.xml", "fontTable+xml")
	footerID, headerID := 0, 0
	if len(d.Footer) > 0 {
		footerID = 4
		add(footerID, "footer", footerPart, "footer+xml")
	}
	if len(d.Header) > 0 || d.Watermark != "" {
		headerID = 4 + min(footerID, 1)
		add(headerID, "header", headerPart, "header+xml")
	}
	fonts := d.Fonts
	if fonts == nil {
		fonts = []byte(DefaultFonts)
	}
	parts := []Part{
		{"[Content_Types].xml", []byte(XMLHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="` + ctWordML + `document.main+xml"/>` +
			overrides +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
			`</Types>`)},
		{"_rels/.rels", []byte(XMLHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
			`<Relationship Id="rId1" Type="` + relOffice + `/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="` + relOffice + `/extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`)},
		{"docProps/core.xml", []byte(XMLHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + Esc(d.Title) + `</dc:title><dc:creator>` + Esc(d.Creator) + `</dc:creator><dc:language>` + Esc(d.Language) + `</dc:language>` +
			`</cp:coreProperties>`)},
		{"docProps/app.xml", []byte(XMLHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>` + Esc(d.Application) + `</Application></Properties>`)},
		{"word/_rels/document.xml.rels", []byte(XMLHeader + `<Relationships xmlns="` + nsPkgRel + `">` + rels + `</Relationships>`)},
	}
	if footerID > 0 {
		parts = append(parts, Part{"word/" + footerPart, headerFooter("ftr", d.Footer)})
	}
	if headerID > 0 {
		parts = append(parts, Part{"word/" + headerPart, d.header()})
	}
	return append(parts,
		Part{"word/document.xml", d.document(headerID, footerID)},
		Part{"word/styles.xml", d.Styles},
		Part{"word/settings.xml", []byte(settingsXML)},
		Part{"word/fontTable.xml", fonts},
	)
}

// headerFooter writes a header (hdr) or footer (ftr) part.
func headerFooter(root string, paras []Para) []byte {
	var b bytes.Buffer
	b.WriteString(XMLHeader + `<w:` + root + ` xmlns:w="` + NSMain + `" xmlns:r="` + NSRel + `">`)
	for _, p := range paras {
		p.write(&b)
	}
	b.WriteString(`</w:` + root + `>`)
	return b.Bytes()
}

// header writes the header part: the watermark, if any, then the
// header's paragraphs. Word needs a header to hold at least one paragraph.
func (d *Document) header() []byte {
	if d.Watermark == "" {
		return headerFooter("hdr", d.Header)
	}
	var b bytes.Buffer
	b.WriteString(XMLHeader + `<w:hdr xmlns:w="` + NSMain + `" xmlns:r="` + NSRel + `" xmlns:v="` + nsVML + `" xmlns:o="` + nsOffice + `">`)
	font := d.WatermarkFont
	if font == "" {
		font = "宋体"
	}
	writeWatermark(&b, d.Watermark, font)
	for _, p := range d.Header {
		p.write(&b)
	}
	b.WriteString(`</w:hdr>`)
	return b.Bytes()
}

// document writes word/document.xml: the body and the one section.
func (d *Document) document(headerID, footerID int) []byte {
	var b bytes.Buffer
	b.WriteString(XMLHeader)
	b.WriteString(`<w:document xmlns:w="` + NSMain + `" xmlns:r="` + NSRel + `"><w:body>`)
	b.Write(d.body.Bytes())
	b.WriteString(`<w:sectPr>`)
	if headerID > 0 {
		fmt.Fprintf(&b, `<w:headerReference w:type="default" r:id="rId%d"/>`, headerID)
	}
	if footerID > 0 {
		fmt.Fprintf(&b, `<w:footerReference w:type="default" r:id="rId%d"/>`, footerID)
	}
	p := d.Page
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>`,
		p.W, p.H, p.Top, p.Right, p.Bottom, p.Left, p.Header, p.Footer)
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes()
}

// settingsXML: compressed CJK punctuation, Word 2013+ compatibility, and
// Chinese as the East Asian theme language.
const settingsXML = XMLHeader + `<w:settings xmlns:w="` + NSMain + `"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`

// DefaultFonts declares Times New Roman and the Chinese fonts of official
// documents (宋体, 仿宋_GB2312, 黑体) with the
// names Word and WPS know, and fallbacks (altName) for machines without them.
const DefaultFonts = XMLHeader + `<w:fonts xmlns:w="` + NSMain + `">` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`</w:fonts>`
