package scan

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/ooxml"
	"github.com/gongkai/gongkai/internal/textenc"
)

// benchText is about 1 MB of the corpus documents, repeated.
func benchText(b *testing.B) []byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(data)
		}
	}
	return []byte(sb.String())
}

// benchDOCX is a 低保 公示 table of 3,000 rows as a Word document.
func benchDOCX(b *testing.B) []byte {
	var body strings.Builder
	body.WriteString(para(run("北仑区2022年城乡最低生活保障对象公示")) + "<w:tbl>")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&body, "<w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr>",
			para(run(fmt.Sprint(i+1))), para(run("张某某")), para(run(fmt.Sprintf("330206********%04d", i))), para(run(fmt.Sprint(1035*(i%4+1)))))
	}
	body.WriteString("</w:tbl>")
	return zipOf(b, wordDoc(body.String(), nil))
}

// benchXLSX is the same table as a workbook.
func benchXLSX(b *testing.B) []byte {
	var rows strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>2</v></c><c r="C%d" t="inlineStr"><is><t>330206********%04d</t></is></c><c r="D%d"><v>%d</v></c></row>`,
			i+1, i+1, i+1, i+1, i+1, i, i+1, 1035*(i%4+1))
	}
	return zipOf(b, workbook([][3]string{{"公示", "", "<sheetData>" + rows.String() + "</sheetData>"}}, nil))
}

// BenchmarkScan compares scanning each format with only reading the same
// bytes (decoding the text; decompressing every part of the zip and
// tokenizing its XML), so the ratio of the two is the scanner's own cost.
func BenchmarkScan(b *testing.B) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		make func(*testing.B) []byte
		read func([]byte) error
	}{
		{"text", benchText, func(d []byte) error { _, _, err := textenc.Decode(d); return err }},
		{"docx", benchDOCX, readZip},
		{"xlsx", benchXLSX, readZip},
	} {
		data := c.make(b)
		b.Run(c.name+"/scan", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Document(ctx, "x."+c.name, data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/read", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := c.read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScanAgainstRead is BenchmarkScan with the scan and the read of
// the same bytes taking turns in every iteration, so that a shared
// machine's changing load weighs on both alike: it reports each format's
// scan and read MB/s and the ratio scan time / read time (#8).
func BenchmarkScanAgainstRead(b *testing.B) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		make func(*testing.B) []byte
		read func([]byte) error
	}{
		{"text", benchText, func(d []byte) error { _, _, err := textenc.Decode(d); return err }},
		{"docx", benchDOCX, readZip},
		{"xlsx", benchXLSX, readZip},
	} {
		data := c.make(b)
		b.Run(c.name, func(b *testing.B) {
			var scan, read time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := Document(ctx, "x."+c.name, data); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if err := c.read(data); err != nil {
					b.Fatal(err)
				}
				scan, read = scan+mid.Sub(start), read+time.Since(mid)
			}
			mb := float64(len(data)) * float64(b.N) / 1e6
			b.ReportMetric(mb/scan.Seconds(), "scan-MB/s")
			b.ReportMetric(mb/read.Seconds(), "read-MB/s")
			b.ReportMetric(float64(scan)/float64(read), "scan/read")
		})
	}
}

// readZip is what any reader of the package must do: decompress every
// part and tokenize its XML.
func readZip(d []byte) error {
	a, err := ooxml.Open(d, zipLimits)
	if err != nil {
		return err
	}
	for _, n := range a.Names() {
		rc, err := a.Open(n)
		if err != nil {
			return err
		}
		err = walkXML(rc, n, func(xml.Token) {})
		rc.Close()
		if err != nil && strings.HasSuffix(n, ".xml") {
			return err
		}
	}
	return nil
}
