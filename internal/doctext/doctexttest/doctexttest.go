// Package doctexttest writes small DOCX and XLSX files for the tests of
// attachment text extraction.
package doctexttest

import (
	"bytes"

	"github.com/gongkai/gongkai/internal/ooxml"
)

// DOCX returns a Word document of one paragraph per entry of paras.
func DOCX(paras ...string) []byte {
	d := ooxml.NewDocument()
	for _, p := range paras {
		d.Para(ooxml.Para{Text: p})
	}
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		panic(err) // writing to a buffer fails only on a bug
	}
	return b.Bytes()
}

// XLSX returns a workbook of one sheet named sheet holding rows from A1.
func XLSX(sheet string, rows [][]string) []byte {
	b := ooxml.NewBook()
	defer b.Close()
	sh, err := b.Sheet(sheet)
	if err != nil {
		panic(err)
	}
	for i, r := range rows {
		for j, v := range r {
			if err := sh.Text(i+1, j+1, v); err != nil {
				panic(err)
			}
		}
	}
	var out bytes.Buffer
	if _, err := b.WriteTo(&out); err != nil {
		panic(err)
	}
	return out.Bytes()
}
