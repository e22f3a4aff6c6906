// Package catalog is the domain of 主动公开 (proactive disclosure,
// 条例第十九~二十六条; catalog.md): the items an agency publishes
// (gongkai.item/v1), its 法定主动公开内容 column tree, the review before
// publication (经办人 → 审核人 with the 保密审查 checklist and the scanner's
// findings → 负责人 → published now or at a set time), corrections and
// withdrawals that keep every version, the 第二十六条 timeliness check,
// JSON Lines import and export, and the records table 二 of the annual
// report counts (the normative-document register, decisions and fees).
//
// An item is event-sourced like a request (package request): its workflow
// state is replayed from its events with Load, and each publication keeps
// an immutable version. A published item is never deleted.
package catalog

import (
	"errors"
	"fmt"
)

// Error kinds; every error Apply returns wraps one of them.
var (
	ErrTransition = errors.New("action not allowed in this state")
	ErrRole       = errors.New("role may not take this action")
	ErrRule       = errors.New("action breaks a rule")
)

// An Error is a refused action with the message key of the reason (the
// web layer's catalog holds its texts) and the key's values.
type Error struct {
	Kind   error  // ErrTransition, ErrRole or ErrRule
	Action Action // the action refused
	Key    string // message key, e.g. "catalog.flow.not_scanned"
	Args   []any  // the message's values, safe to show
}

// Error returns the English kind with the reason's key and values.
func (e *Error) Error() string {
	return fmt.Sprintf("catalog: %s: %v: %s%v", e.Action, e.Kind, e.Key, e.Args)
}

// Unwrap returns the kind.
func (e *Error) Unwrap() error { return e.Kind }

func refuse(kind error, a Action, key string, args ...any) error {
	return &Error{Kind: kind, Action: a, Key: key, Args: args}
}
