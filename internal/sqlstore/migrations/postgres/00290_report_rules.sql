-- +goose Up
-- The rules each published report breaks, counted when its facts were
-- stored (#13): the supervisor's overview filters its list by rule and
-- counts agencies per rule with one indexed query, never validating a
-- report on a page load. The stored summaries are dropped so that the
-- next overview stores every published report's facts again, rules
-- included (annual.Service.backfill, once per report).
CREATE TABLE report_rules (
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    year      INTEGER NOT NULL,
    rule      TEXT NOT NULL CHECK (rule <> ''),
    severity  TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    n         INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (agency_id, year, rule)
);
CREATE INDEX report_rules_year ON report_rules (year, rule, agency_id);
DELETE FROM report_summaries;

-- +goose Down
DROP TABLE report_rules;
