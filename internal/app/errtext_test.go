package app

import (
	"errors"
	"testing"

	"github.com/gongkai/gongkai/internal/apperr"
)

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{apperr.New(apperr.NotFound, "agency.not_found"), "机关不存在 (No such agency)"},
		{apperr.New(apperr.Invalid, "agency.name_too_long", 100), "机关名称不能超过 100 个字 (The agency's name may have at most 100 characters)"},
		{apperr.Wrap(apperr.Internal, "", errors.New("secret")), "系统内部错误，请稍后重试或联系系统管理员 (Internal error; please try again later or contact the system administrator)"},
		{errors.New("plain"), "系统内部错误，请稍后重试或联系系统管理员 (Internal error; please try again later or contact the system administrator)"},
	}
	for _, tt := range tests {
		if got := ErrorText(tt.err); got != tt.want {
			t.Errorf("ErrorText(%v) = %q; want %q", tt.err, got, tt.want)
		}
	}
}
