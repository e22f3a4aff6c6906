-- +goose Up
-- The public lookup finds a request by its tracking number alone (the
-- query code then picks the agency's); the unique (agency_id, tracking)
-- index cannot serve that.
CREATE INDEX requests_tracking ON requests (tracking);

-- +goose Down
DROP INDEX requests_tracking;
