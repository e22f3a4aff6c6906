-- +goose Up
-- The party a consultation asks (条例第三十二条 third party, 第三十四条
-- other agency) moves out of the free-text note, where the back office
-- wrote it as "征求对象：甲公司；说明", into the event's own Party field
-- (#7 item 3). The rest of the note stays the note. request_events is
-- append-only; this one conversion lifts the UPDATE trigger and restores
-- it in the same transaction.
DROP TRIGGER request_events_no_update;

UPDATE request_events
SET payload = json_set(request_events.payload, '$.Party', c.party, '$.Note', c.note)
FROM (
    SELECT id,
        CASE WHEN k > 0 THEN substr(rest, 1, k - 1) ELSE rest END AS party,
        CASE WHEN k > 0 THEN substr(rest, k + 1) ELSE '' END AS note
    FROM (
        SELECT id, rest, instr(rest, '；') AS k
        FROM (
            SELECT id, substr(json_extract(payload, '$.Note'), 6) AS rest
            FROM request_events
            WHERE action = 'consult'
              AND substr(json_extract(payload, '$.Note'), 1, 5) = '征求对象：'
              AND coalesce(json_extract(payload, '$.Party'), '') = ''
        )
    )
) AS c
WHERE request_events.id = c.id;

-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only: UPDATE refused');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER request_events_no_update;

UPDATE request_events
SET payload = json_remove(json_set(payload, '$.Note', '征求对象：' || json_extract(payload, '$.Party') ||
    CASE WHEN coalesce(json_extract(payload, '$.Note'), '') <> '' THEN '；' || json_extract(payload, '$.Note') ELSE '' END), '$.Party')
WHERE action = 'consult' AND coalesce(json_extract(payload, '$.Party'), '') <> '';

-- +goose StatementBegin
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only: UPDATE refused');
END;
-- +goose StatementEnd
