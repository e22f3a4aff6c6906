package cli

import (
	"flag"
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

func TestParseAll(t *testing.T) {
	tests := []struct {
		name       string
		args, want []string
		json       bool
	}{
		{"flags after", []string{"a.txt", "--json"}, []string{"a.txt"}, true},
		{"flags between", []string{"a.txt", "--json", "b.txt"}, []string{"a.txt", "b.txt"}, true},
		{"dash dash first", []string{"--", "-a.txt", "--json"}, []string{"-a.txt", "--json"}, false},
		{"dash dash later", []string{"--json", "a.txt", "--", "-b.txt"}, []string{"a.txt", "-b.txt"}, true},
		{"none", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			json := fs.Bool("json", false, "")
			got, err := parseAll(fs, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || *json != tt.json {
				t.Errorf("parseAll(%q) = %q, json %v; want %q, json %v", tt.args, got, *json, tt.want, tt.json)
			}
		})
	}
}
