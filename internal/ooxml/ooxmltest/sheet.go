package ooxmltest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// SharedStringsXLSX writes a workbook of one sheet shaped as Excel saves
// one: every text cell is an index into xl/sharedStrings.xml. row(i)
// gives the cells of row i (0 is the header); n rows are written. Large
// ledgers saved by Excel have this shape, the one excelize parses
// slowest when it holds the table in memory.
func SharedStringsXLSX(w io.Writer, n int, row func(i int) []string) error {
	index := map[string]int{}
	var strs []string
	var sheet bytes.Buffer
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i := range n {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, v := range row(i) {
			if v == "" {
				continue
			}
			k, ok := index[v]
			if !ok {
				k = len(strs)
				index[v] = k
				strs = append(strs, v)
			}
			fmt.Fprintf(&sheet, `<c r="%s%d" t="s"><v>%d</v></c>`, column(j), i+1, k)
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	var sst bytes.Buffer
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs))
	for _, s := range strs {
		sst.WriteString(`<si><t xml:space="preserve">`)
		xml.EscapeText(&sst, []byte(s))
		sst.WriteString(`</t></si>`)
	}
	sst.WriteString(`</sst>`)
	zw := zip.NewWriter(w)
	for _, p := range []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(xlsxContentTypes)},
		{"_rels/.rels", []byte(xlsxRootRels)},
		{"xl/workbook.xml", []byte(xlsxWorkbook)},
		{"xl/_rels/workbook.xml.rels", []byte(xlsxWorkbookRels)},
		{"xl/worksheets/sheet1.xml", sheet.Bytes()},
		{"xl/sharedStrings.xml", sst.Bytes()},
	} {
		f, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// column names the 0-based column j as Excel does (A … Z, AA …).
func column(j int) string {
	s := ""
	for j++; j > 0; j = (j - 1) / 26 {
		s = string(rune('A'+(j-1)%26)) + s
	}
	return s
}

const (
	xlsxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	xlsxRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	xlsxWorkbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`
	xlsxWorkbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)
