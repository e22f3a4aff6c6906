// Package apperr gives every error that can reach a user a kind and a safe
// Chinese message, while keeping the internal cause for the log.
//
// A Kind is itself an error, so callers test kinds with errors.Is:
//
//	if errors.Is(err, apperr.NotFound) { ... }
//
// and read the safe message with Message(err). One place (the web layer)
// maps kinds to HTTP statuses; the CLI maps them to exit codes.
package apperr

import (
	"errors"
	"fmt"
)

// A Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds. Internal is the zero value: an error with no kind is internal.
const (
	Internal        Kind = iota // a bug or an unavailable dependency; details go to the log only
	NotFound                    // the object does not exist (or the caller may not know it does)
	Conflict                    // a uniqueness or state conflict, e.g. a name already taken
	Invalid                     // the input breaks a rule; the message says which
	Forbidden                   // authenticated but not allowed
	Unauthenticated             // not logged in, or the credentials are wrong
	OutdatedSchema              // the database schema is older (or newer) than this program
)

var kindNames = [...]string{
	Internal:        "internal",
	NotFound:        "not found",
	Conflict:        "conflict",
	Invalid:         "invalid",
	Forbidden:       "forbidden",
	Unauthenticated: "unauthenticated",
	OutdatedSchema:  "outdated schema",
}

var kindMessages = [...]string{
	Internal:        "系统内部错误，请稍后重试或联系系统管理员",
	NotFound:        "未找到该记录",
	Conflict:        "与已有记录冲突",
	Invalid:         "输入不符合要求",
	Forbidden:       "没有权限执行此操作",
	Unauthenticated: "请先登录",
	OutdatedSchema:  "数据库结构与程序版本不一致，请运行 gongkai migrate",
}

// String returns the English name of the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// Error makes a Kind usable as a target of errors.Is.
func (k Kind) Error() string { return k.String() }

// DefaultMessage returns the safe Chinese message used when an error of
// this kind carries none of its own.
func (k Kind) DefaultMessage() string {
	if k < 0 || int(k) >= len(kindMessages) {
		return kindMessages[Internal]
	}
	return kindMessages[k]
}

// An Error is an error with a kind, a message that is safe to show to any
// user, and an optional internal cause that is only for the log.
type Error struct {
	Kind Kind
	Msg  string // safe, user-facing, Chinese first; empty means Kind.DefaultMessage()
	Err  error  // internal cause; never shown to users
}

// Error returns the message and the cause, for logs.
func (e *Error) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = e.Kind.String()
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the internal cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is this error's kind.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}

// New returns an error of kind k with the safe message msg.
func New(k Kind, msg string) error { return &Error{Kind: k, Msg: msg} }

// Wrap returns an error of kind k with the safe message msg and the
// internal cause err.
func Wrap(k Kind, msg string, err error) error { return &Error{Kind: k, Msg: msg, Err: err} }

// Errorf returns an error of kind k whose safe message is formatted from
// format and args. Use it only with values that are safe to show.
func Errorf(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Message returns the safe message of the first *Error in err's chain, or
// the default message of its kind. It never returns the text of an
// internal cause.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Msg != "" {
			return e.Msg
		}
		return e.Kind.DefaultMessage()
	}
	return Internal.DefaultMessage()
}
