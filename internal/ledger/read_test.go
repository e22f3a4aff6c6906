package ledger_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai/internal/calendar"
	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/ledger"
	"github.com/gongkai/gongkai/internal/report"
	"github.com/gongkai/gongkai/internal/report/compile"
)

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.CheckString(t, filepath.Join("testdata", name), got)
}

func TestReadErrorsGolden(t *testing.T) {
	for _, name := range []string{"bad.csv", "bad-header.csv"} {
		t.Run(name, func(t *testing.T) {
			l, err := ledger.ReadFile(filepath.Join("testdata", name))
			var ps ledger.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("ReadFile: got %v, %v; want Problems", l, err)
			}
			if l != nil {
				t.Errorf("ReadFile returned a ledger along with problems; want all or nothing")
			}
			checkGolden(t, strings.TrimSuffix(name, ".csv")+".golden", err.Error()+"\n")
		})
	}
}

func TestSuggestion(t *testing.T) {
	in := "申请编号,收到日期,申请人类型,办理结果,答复日期\n" + strings.Repeat("X,2023-01-01,自然人,予以公开,2023-01-02\n", 0)
	for i := 2; i < 14; i++ {
		in += "A" + string(rune('a'+i)) + ",2023-01-01,自然人,予以公开,2023-01-02\n"
	}
	in += "A14,2023-01-01,自然人,部分予以公开,2023-01-02\n"
	_, err := ledger.Read(strings.NewReader(in))
	want := "第 14 行 办理结果：无法识别“部分予以公开”，最接近的有：部分公开、予以公开"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v; want it to contain %q", err, want)
	}
}

func TestReadVariants(t *testing.T) {
	d := calendar.MustParse
	tests := []struct {
		name string
		in   string
		want ledger.Record
	}{
		{"headers in another order, full-width, spaces, stars, aliases, a unit",
			"答复日期,*申请编号,收到 日期,申请人类别,处理结果,收费金额（元）,备注\n2023年3月4日,Ａ1,2023/3/1,商业企业,（二）部分公开,12.50元,已电话告知\n",
			ledger.Record{ID: "Ａ1", Received: d("2023-03-01"), ApplicantType: report.Commercial, HasResult: true,
				Result: report.PartiallyGranted, Replied: d("2023-03-04"), Fee: "12.50", Notes: []string{"已电话告知"}}},
		{"a title row above the header, row ids and serial dates",
			"某局2023年依申请公开登记台账\n申请编号,收到日期,申请人类型,办理结果,答复日期\nB2,44927,natural_person,withheld_third_party,2023-01-03\n",
			ledger.Record{ID: "B2", Received: d("2023-01-01"), HasResult: true, Result: report.WithheldThirdParty, Replied: d("2023-01-03")}},
		{"tab-separated, bare 其他, date with time",
			"申请编号\t收到日期\t申请人类型\t办理结果\t答复日期\nC3\t2023-01-01 09:30\t其他\t其他\t2023-01-05\n",
			ledger.Record{ID: "C3", Received: d("2023-01-01"), ApplicantType: report.OtherOrg, HasResult: true, Result: report.OtherOther, Replied: d("2023-01-05")}},
		{"review and lawsuit after review inferred",
			"申请编号,收到日期,申请人类型,行政复议,复议结案日期,行政诉讼\nD4,2023-01-01,自然人,纠正,2023-03-01,尚未审结\n",
			ledger.Record{ID: "D4", Received: d("2023-01-01"),
				Review:     &compile.Appeal{Kind: compile.Review, Result: compile.Corrected, Concluded: d("2023-03-01")},
				Litigation: &compile.Appeal{Kind: compile.LitigationAfterReview, Result: compile.Pending}}},
		{"formula guard removed, quoted line break kept",
			"\ufeff申请编号,收到日期,申请人类型,申请内容\n'=E5,2023-01-01,自然人,\"两行\n内容\"\n",
			ledger.Record{ID: "=E5", Received: d("2023-01-01"), Content: "两行\n内容"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ledger.Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(l.Records) != 1 {
				t.Fatalf("got %d records; want 1", len(l.Records))
			}
			got := l.Records[0]
			got.Row = 0
			if !equalRecord(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func equalRecord(a, b ledger.Record) bool {
	ap := func(x, y *compile.Appeal) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.ID == b.ID && a.Received == b.Received && a.ApplicantType == b.ApplicantType && a.HasResult == b.HasResult &&
		a.Result == b.Result && a.Replied == b.Replied && a.Fee == b.Fee && a.Content == b.Content &&
		ap(a.Review, b.Review) && ap(a.Litigation, b.Litigation) && strings.Join(a.Notes, "|") == strings.Join(b.Notes, "|")
}

func TestReadGBK(t *testing.T) {
	utf := "申请编号,收到日期,申请人类型,申请人\r\nG1,2023-01-01,社会公益组织,某某基金会\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(utf)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Read(strings.NewReader(gbk))
	if err != nil {
		t.Fatalf("Read GBK: %v", err)
	}
	if r := l.Records[0]; r.Applicant != "某某基金会" || r.ApplicantType != report.SocialWelfare {
		t.Errorf("got %+v; want 某某基金会, 社会公益组织", r)
	}
}

// TestReadXLSXDateCells reads a workbook as Excel saves it: real date cells,
// a number cell for the fee, a blank row in the middle, a second sheet.
func TestReadXLSXDateCells(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"申请编号", "收到日期", "申请人类型", "办理结果", "答复日期", "收费金额"},
		{"X1", time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), "自然人", "予以公开", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), 100},
		nil,
		{"X2", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "科研机构", "部分予以公开", nil, nil},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	_ = f.SetCellStyle("Sheet1", "B2", "B4", style)
	_, _ = f.NewSheet("说明")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	_, err := ledger.Read(bytes.NewReader(data))
	want := "第 4 行 办理结果：无法识别“部分予以公开”，最接近的有：部分公开、予以公开"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v; want it to contain %q", err, want)
	}
	_ = f.SetCellValue("Sheet1", "D4", "")
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Read(&buf)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(l.Records) != 2 {
		t.Fatalf("got %d records; want 2", len(l.Records))
	}
	r0, r1 := l.Records[0], l.Records[1]
	if r0.Received != calendar.MustParse("2023-12-31") || r0.Replied != calendar.MustParse("2024-01-02") || r0.Fee != "100" {
		t.Errorf("record 1: got received %s replied %s fee %q", r0.Received, r0.Replied, r0.Fee)
	}
	if r1.Row != 4 || r1.Received != calendar.MustParse("2024-02-29") {
		t.Errorf("record 2: got row %d received %s; want row 4, 2024-02-29", r1.Row, r1.Received)
	}
}

func TestReadRefuses(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "文件是空的"},
		{"not a ledger", "a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n", "找不到表头"},
		{"missing columns", "申请编号,申请人\nA,B\n", "缺少必填列：收到日期、申请人类型"},
		{"duplicate header", "申请编号,收到日期,申请人类型,编号\n", "列名重复"},
		{"broken zip", "PK\x03\x04garbage", "无法读取 XLSX 文件"},
		{"cells beyond the header", "申请编号,收到日期,申请人类型\nA,2023-01-01,自然人,多余\n", "第 4 列没有列名"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ledger.Read(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	seeds := []string{
		"申请编号,收到日期,申请人类型\nA,2023-01-01,自然人\n",
		"申请编号,收到日期,申请人类型,办理结果,答复日期,行政复议,复议结案日期,行政诉讼,诉讼类型\nA,2023/1/1,商业企业,部分公开,2023年1月5日,维持,2023-03-01,其他,复议后起诉\n",
		"\"申请编号\",\"收到日期\"\n\"a\"\"b\n",
		"\xef\xbb\xbf申请编号\t收到日期\t申请人类型\n",
	}
	if b, err := os.ReadFile("testdata/bad.csv"); err == nil {
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ledger.ReadCSV(bytes.NewReader(b))
		if (l == nil) == (err == nil) {
			t.Fatalf("got ledger %v and error %v; want exactly one", l != nil, err)
		}
		if err != nil {
			var ps ledger.Problems
			if errors.As(err, &ps) && len(ps) == 0 {
				t.Fatalf("empty Problems returned as an error")
			}
			return
		}
		// A ledger that reads must write and read back to the same records.
		var buf bytes.Buffer
		if err := ledger.WriteCSV(&buf, l); err != nil {
			t.Fatalf("WriteCSV: %v", err)
		}
		back, err := ledger.ReadCSV(&buf)
		if err != nil {
			t.Fatalf("read back: %v\n%q", err, buf.String())
		}
		if len(back.Records) != len(l.Records) {
			t.Fatalf("read back %d records; want %d", len(back.Records), len(l.Records))
		}
		for i := range l.Records {
			a, b := l.Records[i], back.Records[i]
			if a.ID != b.ID || a.Received != b.Received || a.Result != b.Result || a.Replied != b.Replied {
				t.Fatalf("record %d changed: %+v → %+v", i, a, b)
			}
		}
	})
}

func TestDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-02-29", "2024-02-29"},
		{"2023-02-29", ""},
		{"2023-04-31", ""},
		{"2023-12-31", "2023-12-31"},
		{"2023/1/5", "2023-01-05"},
		{"2023.01.05", "2023-01-05"},
		{"2023年1月5日", "2023-01-05"},
		{"２０２３年１月５日", "2023-01-05"},
		{"2023 年 1 月 5 日", "2023-01-05"},
		{"2023-01-05 14:30:00", "2023-01-05"},
		{"20230105", "2023-01-05"},
		{"44927", "2023-01-01"},
		{"45291.5", "2023-12-31"},
		{"1899-12-31", ""},
		{"23-1-5", ""},
		{"明天", ""},
	}
	for _, tt := range tests {
		in := "申请编号,收到日期,申请人类型\nA," + tt.in + ",自然人\n"
		l, err := ledger.Read(strings.NewReader(in))
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("%q: got %s; want an error", tt.in, l.Records[0].Received)
		case tt.want != "" && err != nil:
			t.Errorf("%q: got %v; want %s", tt.in, err, tt.want)
		case tt.want != "" && l.Records[0].Received.String() != tt.want:
			t.Errorf("%q: got %s; want %s", tt.in, l.Records[0].Received, tt.want)
		}
	}
}

func TestReadUTF16AndXLS(t *testing.T) {
	utf := "\ufeff申请编号\t收到日期\t申请人类型\r\nU1\t2023-01-01\t自然人\r\n"
	var b []byte
	for _, r := range utf {
		b = append(b, byte(r), byte(r>>8))
	}
	l, err := ledger.Read(bytes.NewReader(b))
	if err != nil || len(l.Records) != 1 || l.Records[0].ID != "U1" {
		t.Errorf("UTF-16 text: got %v, %v; want one record U1", l, err)
	}
	_, err = ledger.Read(strings.NewReader("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel"))
	if err == nil || !strings.Contains(err.Error(), ".xls") {
		t.Errorf("old .xls: got %v; want a message naming .xls", err)
	}
}

// TestReadXLSXZipBomb: a workbook part that expands a thousandfold is
// refused before excelize decompresses it.
func TestReadXLSXZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, 8<<20)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = ledger.Read(&buf)
	if err == nil || !strings.Contains(err.Error(), "无法读取 XLSX 文件") {
		t.Errorf("got %v; want the workbook refused", err)
	}
}

func FuzzReadXLSX(f *testing.F) {
	var buf bytes.Buffer
	if err := ledger.WriteXLSX(&buf, genLedger(5, 9)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ledger.ReadXLSX(bytes.NewReader(b))
		if (l == nil) == (err == nil) {
			t.Fatalf("got ledger %v and error %v; want exactly one", l != nil, err)
		}
	})
}

func TestApplicantTypeVariants(t *testing.T) {
	tests := []struct {
		in   string
		want report.Col
	}{
		{"自然人", report.NaturalPerson},
		{"法人或其他组织-商业企业", report.Commercial},
		{"法人或其他组织（科研机构）", report.Research},
		{"法人或其他组织·其他", report.OtherOrg},
		{"legal_service", report.LegalService},
		{" 社会公益组织 ", report.SocialWelfare},
	}
	for _, tt := range tests {
		l, err := ledger.Read(strings.NewReader("申请编号,收到日期,申请人类型\nA,2023-01-01," + tt.in + "\n"))
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if got := l.Records[0].ApplicantType; got != tt.want {
			t.Errorf("%q: got %s; want %s", tt.in, report.ColIDs[got], report.ColIDs[tt.want])
		}
	}
	_, err := ledger.Read(strings.NewReader("申请编号,收到日期,申请人类型\nA,2023-01-01,法人或其他组织\n"))
	if err == nil {
		t.Errorf("法人或其他组织 alone: got no error; want one (which kind of organisation?)")
	}
}
