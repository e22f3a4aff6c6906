-- +goose Up
-- Each agency's remedies (regulation.md §8, #9 item 1): the 复议机关 its
-- letters name (《行政复议法》2023 第二十条第三款, 第二十四条), the court it is
-- sued in, and its 复议前置 outcomes (第二十三条) as a comma-separated list;
-- NULL keeps the default set (partially_granted and every withheld_*).
ALTER TABLE letter_settings ADD COLUMN review_body TEXT NOT NULL DEFAULT '';
ALTER TABLE letter_settings ADD COLUMN court TEXT NOT NULL DEFAULT '';
ALTER TABLE letter_settings ADD COLUMN review_first TEXT;

-- +goose Down
ALTER TABLE letter_settings DROP COLUMN review_first;
ALTER TABLE letter_settings DROP COLUMN court;
ALTER TABLE letter_settings DROP COLUMN review_body;
