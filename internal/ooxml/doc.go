// Package ooxml opens Office Open XML packages (DOCX, XLSX) safely, reads
// WordprocessingML bodies, and reads and writes XLSX workbooks (Workbook,
// Book): the one place gongkai touches excelize, which the architecture
// test keeps behind this package.
//
// Every package is a zip archive, and a zip archive is an easy weapon: a
// 1 MB file can expand to gigabytes (a zip bomb), and the sizes its headers
// declare may be lies. Open checks the central directory against Limits,
// and every entry is then read through a limited reader that enforces the
// per-entry, total and ratio limits on the bytes actually produced, so
// memory stays bounded whatever the headers say.
//
// The package is a leaf: it knows nothing of annual reports. ReadBody turns
// word/document.xml into paragraphs and tables with merged cells expanded on
// the table grid; internal/report/parse maps those onto its Doc.
package ooxml
