-- +goose Up
-- An appeal about 主动公开 (条例第五十一条) may name the catalogue item it
-- concerns, so /admin/appeals links to it (#9). Optional: an appeal about a
-- failure to publish has no item.
ALTER TABLE publication_appeals ADD COLUMN item_id INTEGER REFERENCES catalog_items (id);

-- +goose Down
ALTER TABLE publication_appeals DROP COLUMN item_id;
