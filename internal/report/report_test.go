package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const fixtures = "../../testdata/reports"

func TestFixtureJSONRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*.json"))
	if err != nil || len(files) < 2 {
		t.Fatalf("fixtures: got %d files, err %v; want at least 2", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			var buf bytes.Buffer
			if err := Encode(&buf, r); err != nil {
				t.Fatal(err)
			}
			r2, err := Decode(&buf)
			if err != nil {
				t.Fatalf("decode again: %v", err)
			}
			if d := Diff(r2, r); d != nil {
				t.Errorf("round trip differs: %v", d)
			}
			if len(r.Cells()) < 60 {
				t.Errorf("got %d cells; want the full template", len(r.Cells()))
			}
		})
	}
}

func TestAbsentIsNotZero(t *testing.T) {
	r := Empty(Template2019)
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"other_no_correction":null`, `"new":[null,null,null,null,null,null,null]`, `"fees_wan_yuan":null`, `"date":null`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("json lacks %s: %s", want, b)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for name, in := range map[string]string{
		"schema":   `{"schema":"x","template":"2021"}`,
		"template": `{"schema":"gongkai.annual-report/v1","template":"2030"}`,
		"row":      `{"schema":"gongkai.annual-report/v1","template":"2021","requests":{"nope":[1,2,3,4,5,6,7]}}`,
		"width":    `{"schema":"gongkai.annual-report/v1","template":"2021","requests":{"new":[1,2]}}`,
		"fraction": `{"schema":"gongkai.annual-report/v1","template":"2021","requests":{"new":[1.5,0,0,0,0,0,0]}}`,
		"fee":      `{"schema":"gongkai.annual-report/v1","template":"2021","proactive":{"fees_wan_yuan":"1e3"}}`,
	} {
		if _, err := Decode(bytes.NewReader([]byte(in))); err == nil {
			t.Errorf("%s: got no error", name)
		}
	}
}

func TestMatchResult(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"予以公开", "granted", true},
		{"（二）部分公开", "partially_granted", true},
		{"部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted", true},
		{"1.属于国家秘密", "withheld_state_secret", true},
		{"危及三安全一稳定", "withheld_security_stability", true},
		{"3.其他", "other_other", true},
		{"其他", "other_other", true},
		{"withheld_third_party", "withheld_third_party", true},
		{"部分予以公开", "", false},
		{"total", "", false},
	}
	for _, tt := range tests {
		r, ok := MatchResult(tt.in)
		if ok != tt.ok || (ok && Rows[r].ID != tt.want) {
			t.Errorf("MatchResult(%q) = %v, %v; want %s, %v", tt.in, Rows[r].ID, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"123", "123"},
		{"（三）不予公开", "(三)不予公开"},
		{" 本年新收\u3000政府信息公开申请数量\n", "本年新收政府信息公开申请数量"},
		{"“其他”「处理」『决定』", "其他处理决定"},
		{"予以公开[bookmark: _GoBack]", "予以公开"},
		{"予以公开［bookmark: _GoBack］ ", "予以公开"},
		{"\ufeff１２．５\u200b，", "12.5,"},
		{"a b\tc", "abc"},
		{"宁波市 北仑区司法局", "宁波市北仑区司法局"},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripNumbering(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"(三)1.属于国家秘密", "属于国家秘密"},
		{"2、主动公开政府信息情况", "主动公开政府信息情况"},
		{"三、本年度办理结果", "本年度办理结果"},
		{"⑴其他", "其他"},
		{"3)其他", "其他"},
		{"1.5", "1.5"},
		{"予以公开", "予以公开"},
		{"(甲)", "(甲)"},
	} {
		if got := StripNumbering(tt.in); got != tt.want {
			t.Errorf("StripNumbering(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
