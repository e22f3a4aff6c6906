-- +goose Up
-- Optional accounts of the public (issue 3 item 4): an applicant may file
-- without one; an account only lists the requests linked to it.
--
-- The login (an e-mail address or a mobile number) is personal
-- information (个人信息保护法第五十一条; SECURITY.md C-03): it is stored
-- sealed (login_enc, SM4-GCM) and found by its blind index (login_key,
-- HMAC-SM3), never in clear. Failures and the lock follow the staff rule
-- (GB/T 22239-2019 8.1.4.1 b).
CREATE TABLE public_accounts (
    id                  INTEGER PRIMARY KEY,
    login_key           TEXT NOT NULL UNIQUE CHECK (login_key <> ''),
    login_enc           TEXT NOT NULL CHECK (login_enc <> ''),
    display_name        TEXT NOT NULL DEFAULT '',
    password_hash       TEXT NOT NULL CHECK (password_hash <> ''),
    password_changed_at TEXT NOT NULL,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT,
    created_at          TEXT NOT NULL,
    last_login_at       TEXT
);

-- public_account_requests links a request to the one account that filed
-- or claimed it.
CREATE TABLE public_account_requests (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id),
    account_id INTEGER NOT NULL REFERENCES public_accounts (id),
    linked_at  TEXT NOT NULL,
    how        TEXT NOT NULL CHECK (how IN ('submit', 'claim'))
);
CREATE INDEX public_account_requests_account ON public_account_requests (account_id);

-- +goose Down
DROP TABLE public_account_requests;
DROP TABLE public_accounts;
