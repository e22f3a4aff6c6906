package agency

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
)

func TestValidateAndNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		norm string
		ok   bool
	}{
		{"plain", "北仑区司法局", "北仑区司法局", true},
		{"spaces", "  宁波市人民政府办公厅   政务公开办 ", "宁波市人民政府办公厅 政务公开办", true},
		{"empty", "   ", "", false},
		{"too long", strings.Repeat("局", MaxNameLen+1), strings.Repeat("局", MaxNameLen+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := NormalizeName(tt.in)
			if n != tt.norm {
				t.Errorf("NormalizeName = %q; want %q", n, tt.norm)
			}
			err := Agency{Name: n}.Validate()
			if tt.ok != (err == nil) || (err != nil && !errors.Is(err, apperr.Invalid)) {
				t.Errorf("Validate = %v; want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	for _, c := range []struct {
		name string
		want Kind
	}{
		{"宁波市人民政府", Government}, {"北仑区人民政府", Government}, {"大碶镇人民政府", Township},
		{"某乡人民政府", Township}, {"新碶街道办事处", Township}, {"北仑区司法局", Department},
		{"宁波市人民政府办公厅", Department}, {" 北仑区人民政府 ", Government},
	} {
		if got := GuessKind(c.name); got != c.want {
			t.Errorf("GuessKind(%q) = %q; want %q", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want Kind
		ok   bool
	}{
		{"人民政府", Government, true}, {"部门", Department, true}, {"乡镇/街道", Township, true}, {"街道", Township, true},
		{"其他", Other, true}, {"Township", Township, true}, {" 部门 ", Department, true}, {"局", "", false}, {"", "", false},
	} {
		got, ok := ParseKind(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseKind(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, k := range Kinds {
		if back, ok := ParseKind(k.Label()); !ok || back != k {
			t.Errorf("%q: label %q parses back as %q", k, k.Label(), back)
		}
	}
	if err := (Agency{Name: "x", Kind: "province"}).Validate(); err == nil {
		t.Error("Validate accepted kind province")
	}
}
