package apperr

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestKindsAndMessages(t *testing.T) {
	cause := errors.New("UNIQUE constraint failed: agencies.name")
	tests := []struct {
		name string
		err  error
		kind Kind
		key  string
		args []any
	}{
		{"plain", errors.New("boom"), Internal, "kind.internal", nil},
		{"nil", nil, Internal, "", nil},
		{"new", New(NotFound, "agency.not_found"), NotFound, "agency.not_found", nil},
		{"wrapped", fmt.Errorf("sqlstore: add agency: %w", Wrap(Conflict, "agency.name_taken", cause, "x")), Conflict, "agency.name_taken", []any{"x"}},
		{"default message", &Error{Kind: Forbidden}, Forbidden, "kind.forbidden", nil},
		{"empty key", New(OutdatedSchema, ""), OutdatedSchema, "kind.outdated_schema", nil},
		{"args", New(Invalid, "role.unknown", "x"), Invalid, "role.unknown", []any{"x"}},
		{"unknown kind", New(Kind(42), ""), Kind(42), "kind.internal", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.kind {
				t.Errorf("KindOf = %v; want %v", got, tt.kind)
			}
			if tt.kind != Internal && !errors.Is(tt.err, tt.kind) {
				t.Errorf("errors.Is(err, %v) = false; want true", tt.kind)
			}
			if errors.Is(tt.err, Kind(99)) {
				t.Errorf("errors.Is(err, Kind(99)) = true; want false")
			}
			key, args := MessageOf(tt.err)
			if key != tt.key || !slices.Equal(args, tt.args) {
				t.Errorf("MessageOf = %q %v; want %q %v", key, args, tt.key, tt.args)
			}
		})
	}
}

func TestCauseKeptButNotShown(t *testing.T) {
	cause := errors.New("secret driver detail")
	err := Wrap(Internal, "", cause)
	if !errors.Is(err, cause) {
		t.Fatalf("errors.Is(err, cause) = false; want true")
	}
	if key, args := MessageOf(err); key != "kind.internal" || args != nil {
		t.Errorf("MessageOf = %q %v; want the default", key, args)
	}
	if s := err.Error(); !strings.Contains(s, "secret driver detail") {
		t.Errorf("Error() = %q; want the cause for the log", s)
	}
}

func TestErrorForLog(t *testing.T) {
	err := Wrap(Conflict, "agency.name_taken", errors.New("unique"), "北仑区司法局")
	if got, want := err.Error(), "agency.name_taken[北仑区司法局]: unique"; got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
}
