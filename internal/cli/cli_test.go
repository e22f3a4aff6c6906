package cli

import (
	"reflect"
	"testing"
)

func TestPlaceGlobal(t *testing.T) {
	tests := []struct {
		global, rest, want []string
	}{
		{nil, []string{"build", "--year", "2022"}, []string{"build", "--year", "2022"}},
		{[]string{"--data", "D"}, []string{"build", "--year", "2022"}, []string{"build", "--data", "D", "--year", "2022"}},
		{[]string{"--data", "D"}, []string{"--addr", "x"}, []string{"--data", "D", "--addr", "x"}},
		{[]string{"--data=D"}, nil, []string{"--data=D"}},
	}
	for _, tt := range tests {
		if got := placeGlobal(tt.global, tt.rest); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("placeGlobal(%q, %q) = %q; want %q", tt.global, tt.rest, got, tt.want)
		}
	}
}
