// Package apperr gives every error that can reach a user a kind, a message
// key with its arguments, and the internal cause for the log.
//
// A Kind is itself an error, so callers test kinds with errors.Is:
//
//	if errors.Is(err, apperr.NotFound) { ... }
//
// The message is not text but a stable dotted key ("agency.not_found")
// and the values it names. The web layer's message catalogs hold each
// key in Chinese and English and translate it into the page's language;
// the CLI prints both. One place (the web layer) maps kinds to HTTP
// statuses; the CLI maps them to exit codes.
//
// This package stays a leaf: it knows no language.
package apperr

import (
	"errors"
	"fmt"
	"strings"
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

// String returns the English name of the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// Error makes a Kind usable as a target of errors.Is.
func (k Kind) Error() string { return k.String() }

// DefaultKey returns the message key used when an error of this kind
// carries none of its own: "kind." and the kind's name with underscores
// ("kind.not_found"). An unknown kind has Internal's key.
func (k Kind) DefaultKey() string {
	if k < 0 || int(k) >= len(kindNames) {
		k = Internal
	}
	return "kind." + strings.ReplaceAll(kindNames[k], " ", "_")
}

// A Key is a message key used as an argument of another message: the
// translator replaces it by its own text, e.g. a field's label.
type Key string

// A Msg is a message key with its arguments, used as an argument of
// another message; a []Msg argument is a list, which the translator
// joins (e.g. every rule a password breaks).
type Msg struct {
	Key  string
	Args []any
}

// M returns the Msg for key and args.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// MsgOf returns the message of err (see MessageOf) as a Msg, to name it
// inside another message.
func MsgOf(err error) Msg {
	key, args := MessageOf(err)
	return Msg{Key: key, Args: args}
}

// An Error is an error with a kind, a message key and arguments that are
// safe to show to any user, and an optional internal cause that is only
// for the log.
type Error struct {
	Kind Kind
	Key  string // message key, e.g. "agency.not_found"; empty means Kind.DefaultKey()
	Args []any  // the message's values in order, safe to show; a Key, Msg or []Msg is translated
	Err  error  // internal cause; never shown to users
}

// Error returns the key, its arguments and the cause, for logs.
func (e *Error) Error() string {
	msg := e.Key
	if msg == "" {
		msg = e.Kind.String()
	}
	if len(e.Args) > 0 {
		msg += fmt.Sprint(e.Args)
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

// New returns an error of kind k with the message key and its arguments.
// An empty key stands for the kind's default message.
func New(k Kind, key string, args ...any) error { return &Error{Kind: k, Key: key, Args: args} }

// Wrap returns an error of kind k with the message key, the internal
// cause err and the message's arguments.
func Wrap(k Kind, key string, err error, args ...any) error {
	return &Error{Kind: k, Key: key, Args: args, Err: err}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// MessageOf returns the message key and arguments of the first *Error in
// err's chain, or the default key of its kind. It never returns the text
// of an internal cause. The key of a nil error is "".
func MessageOf(err error) (key string, args []any) {
	if err == nil {
		return "", nil
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Key != "" {
			return e.Key, e.Args
		}
		return e.Kind.DefaultKey(), nil
	}
	return Internal.DefaultKey(), nil
}
