package account

import (
	"context"
	"time"
)

// Kinds of account a Notice is for, as in the login_locks table.
const (
	NoticeStaff  = "staff"  // a staff user
	NoticePublic = "public" // a public account (package publicuser)
)

// Topics of notices.
const (
	// TopicLockout: failures from one address locked the account for that
	// address; Detail is "source|end of the lock", the end in UTC+8.
	TopicLockout = "lockout"
	// TopicRegisterTaken: someone tried to register the account's login
	// again (the register form answers as for a free login, so that it
	// does not tell who has an account); Detail is empty.
	TopicRegisterTaken = "register_taken"
	// TopicRegistered: the account was opened.
	TopicRegistered = "registered"
)

// A Notice is a message to the holder of an account, shown once on the
// first page after their next successful sign-in (#10 item 7).
type Notice struct {
	ID        int64
	Kind      string // NoticeStaff or NoticePublic
	AccountID int64
	Topic     string
	Detail    string
	CreatedAt time.Time
}

// NoticeStore keeps notices; *sqlstore.Store implements it. Its methods
// join the transaction the context carries.
type NoticeStore interface {
	// AddNotice stores n unseen.
	AddNotice(ctx context.Context, n Notice) error
	// TakeNotices returns the unseen notices of an account, oldest first,
	// and marks them seen at now.
	TakeNotices(ctx context.Context, kind string, accountID int64, now time.Time) ([]Notice, error)
}
