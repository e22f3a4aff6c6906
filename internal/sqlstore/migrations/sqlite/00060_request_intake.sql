-- +goose Up
-- Two facts about how an online application came in (SECURITY.md A-07,
-- P-01). suspicious is the anti-automation signal of the portal form
-- (honeypot filled, form sent too fast, or its timestamp missing or
-- forged), empty when none: the application is recorded all the same
-- (条例第二十九条) and staff only see it as a hint. pipl_notice is the
-- version of the personal-information notice shown on the form
-- (个人信息保护法第十七条、第三十五条), empty for applications staff
-- register from letters, visits and ledgers.
ALTER TABLE requests ADD COLUMN suspicious TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN pipl_notice TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE requests DROP COLUMN pipl_notice;
ALTER TABLE requests DROP COLUMN suspicious;
