// Package ooxmltest makes hostile Office files for tests and benchmarks:
// deeply nested documents, zip bombs and XML entity bombs. Every generator
// is deterministic and writes small inputs that expand to large work, the
// shapes an outside test used against gongkai's readers (issue #10).
package ooxmltest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// contentTypes is a minimal [Content_Types].xml for a DOCX.
const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

// NestedDOCX returns a DOCX whose body nests elem (a WordprocessingML
// local name such as "sdt", "p" or "tbl") depth times around one
// paragraph: a few hundred kilobytes of zip that a naive token reader
// turns into a stack millions of elements deep. Every 64th element
// carries a varying rsid attribute, so the part compresses about 80 to
// one, below the ratio that gives a zip bomb away.
func NestedDOCX(elem string, depth int) []byte {
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	open, close := "<w:"+elem+">", "</w:"+elem+">"
	x := uint32(1)
	for i := range depth {
		if i%64 == 0 {
			x = x*1664525 + 1013904223
			fmt.Fprintf(&doc, `<w:%s w:rsidR="%04X">`, elem, x>>16)
			continue
		}
		doc.WriteString(open)
	}
	doc.WriteString("<w:p><w:r><w:t>嵌套</w:t></w:r></w:p>")
	for range depth {
		doc.WriteString(close)
	}
	doc.WriteString("</w:body></w:document>")
	return zipOf(map[string][]byte{
		"[Content_Types].xml": []byte(contentTypes),
		"_rels/.rels":         []byte(rootRels),
		"word/document.xml":   doc.Bytes(),
	})
}

// ZipBomb returns a zip of entries files named like a DOCX's parts, each
// entrySize bytes of zeros: a few kilobytes per entry that expand by a
// ratio of about a thousand.
func ZipBomb(entries int, entrySize int64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, _ := zw.Create(name)
		w.Write(data)
	}
	add("[Content_Types].xml", []byte(contentTypes))
	add("_rels/.rels", []byte(rootRels))
	for i := range entries {
		name := "word/document.xml"
		if i > 0 {
			name = fmt.Sprintf("word/media/part%d.xml", i)
		}
		w, _ := zw.Create(name)
		io.CopyN(w, zeros{}, entrySize)
	}
	zw.Close()
	return buf.Bytes()
}

// ManyEntries returns a zip of n empty entries: a directory that costs
// memory to list, not to decompress.
func ManyEntries(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		zw.Create(fmt.Sprintf("e/%d.xml", i))
	}
	zw.Close()
	return buf.Bytes()
}

// EntityBomb returns an XML document whose DOCTYPE defines levels of
// entities, each ten of the one before ("billion laughs" at 9 levels).
func EntityBomb(levels int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, " <!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	fmt.Fprintf(&b, "]>\n<lolz>&lol%d;</lolz>\n", levels)
	return []byte(b.String())
}

// EntityBombDOCX returns a DOCX whose word/document.xml is EntityBomb.
func EntityBombDOCX(levels int) []byte {
	return zipOf(map[string][]byte{
		"[Content_Types].xml": []byte(contentTypes),
		"_rels/.rels":         []byte(rootRels),
		"word/document.xml":   EntityBomb(levels),
	})
}

// zipOf zips parts in name order, deflated.
func zipOf(parts map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		if data, ok := parts[name]; ok {
			w, _ := zw.Create(name)
			w.Write(data)
		}
	}
	zw.Close()
	return buf.Bytes()
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
