-- +goose Up
-- Each agency has a kind (人民政府 · 部门 · 乡镇/街道 · 其他) that decides its
-- report deadline (条例第四十九条), and a flag for supervising offices that
-- publish no report of their own. Existing agencies get a best guess from
-- the name, which the administrator confirms (agency.GuessKind does the same).
ALTER TABLE agencies ADD COLUMN kind TEXT NOT NULL DEFAULT 'department'
    CHECK (kind IN ('government', 'department', 'township', 'other'));
ALTER TABLE agencies ADD COLUMN no_report BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE agencies SET kind = 'township'
    WHERE name LIKE '%街道办事处' OR name LIKE '%镇人民政府' OR name LIKE '%乡人民政府';
UPDATE agencies SET kind = 'government'
    WHERE kind = 'department' AND name LIKE '%人民政府';
CREATE INDEX agencies_kind ON agencies (kind);

-- +goose Down
DROP INDEX agencies_kind;
ALTER TABLE agencies DROP COLUMN no_report;
ALTER TABLE agencies DROP COLUMN kind;
