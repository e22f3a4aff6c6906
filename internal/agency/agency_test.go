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
