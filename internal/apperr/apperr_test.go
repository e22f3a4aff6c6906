package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindsAndMessages(t *testing.T) {
	cause := errors.New("UNIQUE constraint failed: agencies.name")
	tests := []struct {
		name    string
		err     error
		kind    Kind
		message string
	}{
		{"plain", errors.New("boom"), Internal, Internal.DefaultMessage()},
		{"new", New(NotFound, "机关不存在"), NotFound, "机关不存在"},
		{"wrapped", fmt.Errorf("sqlstore: add agency: %w", Wrap(Conflict, "名称已存在", cause)), Conflict, "名称已存在"},
		{"default message", &Error{Kind: Forbidden}, Forbidden, Forbidden.DefaultMessage()},
		{"errorf", Errorf(Invalid, "角色 %q 不存在", "x"), Invalid, `角色 "x" 不存在`},
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
			if got := Message(tt.err); got != tt.message {
				t.Errorf("Message = %q; want %q", got, tt.message)
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
	if msg := Message(err); msg != Internal.DefaultMessage() {
		t.Errorf("Message = %q; want the default", msg)
	}
}
