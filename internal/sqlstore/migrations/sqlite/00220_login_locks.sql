-- +goose Up
-- Lockout per account and source (#10 item 7): failed sign-ins are
-- counted per account and client address (an IPv4 address, an IPv6 /64),
-- so that failures from one address lock the account for that address
-- only and cannot keep its owner out (GB/T 22239-2019 8.1.4.1 b still
-- holds: every source is limited). kind is 'staff' (users) or 'public'
-- (public_accounts). The accounts' own locked_until keeps the end of the
-- latest lock from any source, for the back office to show.

CREATE TABLE login_locks (
    kind         TEXT NOT NULL CHECK (kind IN ('staff', 'public')),
    account_id   INTEGER NOT NULL,
    source       TEXT NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until TEXT,
    PRIMARY KEY (kind, account_id, source)
);

-- +goose Down
DROP TABLE login_locks;
