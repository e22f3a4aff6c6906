package parse

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDetect(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("<html><body>年度报告</body></html>")
	tests := []struct {
		name, file, data string
		want             Format
	}{
		{"docx by content", "a.bin", "PK\x03\x04....word/document.xml....", FormatDOCX},
		{"xlsx by content", "a.docx", "PK\x03\x04....xl/workbook.xml....", FormatXLSX},
		{"unknown zip named xlsx", "a.xlsx", "PK\x03\x04....", FormatXLSX},
		{"unknown zip", "a.zip", "PK\x03\x04....", FormatDOCX},
		{"pdf", "a.txt", "%PDF-1.7\n...", FormatPDF},
		{"html", "a.txt", "<!DOCTYPE html><html><body>x</body></html>", FormatHTML},
		{"html fragment", "a", "  <table><tr><td>规章</td></tr></table>", FormatHTML},
		{"gbk html", "a", gbk, FormatHTML},
		{"json", "a.txt", `{"schema": "gongkai.annual-report/v1", "template": "2021"}`, FormatJSON},
		{"other json is text", "a", `{"a": 1}`, FormatText},
		{"other json named .json", "a.json", `{"a": 1}`, FormatJSON},
		{"text", "a.txt", "宁波市北仑区司法局2022年度政府信息公开年度报告", FormatText},
		{"text named html", "a.html", "宁波市北仑区司法局", FormatHTML},
		{"text named pdf", "a.pdf", "not really", FormatPDF},
		{"empty", "", "", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.file, []byte(tt.data)); got != tt.want {
				t.Errorf("Detect(%q) = %s; want %s", tt.file, got, tt.want)
			}
		})
	}
}
