-- +goose Up
-- The party a consultation asks (条例第三十二条 third party, 第三十四条
-- other agency) moves out of the free-text note, where the back office
-- wrote it as "征求对象：甲公司；说明", into the event's own Party field
-- (#7 item 3). The rest of the note stays the note. request_events is
-- append-only; this one conversion lifts the UPDATE trigger and restores
-- it in the same transaction.
ALTER TABLE request_events DISABLE TRIGGER request_events_no_update;

UPDATE request_events
SET payload = jsonb_set(jsonb_set(request_events.payload::jsonb, '{Party}', to_jsonb(c.party)), '{Note}', to_jsonb(c.note))::text
FROM (
    SELECT id,
        CASE WHEN k > 0 THEN substr(rest, 1, k - 1) ELSE rest END AS party,
        CASE WHEN k > 0 THEN substr(rest, k + 1) ELSE '' END AS note
    FROM (
        SELECT id, rest, strpos(rest, '；') AS k
        FROM (
            SELECT id, substr(payload::jsonb ->> 'Note', 6) AS rest
            FROM request_events
            WHERE action = 'consult'
              AND substr(payload::jsonb ->> 'Note', 1, 5) = '征求对象：'
              AND coalesce(payload::jsonb ->> 'Party', '') = ''
        ) AS n
    ) AS k
) AS c
WHERE request_events.id = c.id;

ALTER TABLE request_events ENABLE TRIGGER request_events_no_update;

-- +goose Down
ALTER TABLE request_events DISABLE TRIGGER request_events_no_update;

UPDATE request_events
SET payload = (jsonb_set(payload::jsonb, '{Note}', to_jsonb('征求对象：' || (payload::jsonb ->> 'Party') ||
    CASE WHEN coalesce(payload::jsonb ->> 'Note', '') <> '' THEN '；' || (payload::jsonb ->> 'Note') ELSE '' END)) - 'Party')::text
WHERE action = 'consult' AND coalesce(payload::jsonb ->> 'Party', '') <> '';

ALTER TABLE request_events ENABLE TRIGGER request_events_no_update;
