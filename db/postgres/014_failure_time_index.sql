-- db/sqlite/014_failure_time_index.sql: a server's failures by their own time, so "affected since" and the last
-- failure after a retraction are an index seek per server.
CREATE INDEX diagnoses_by_server_failure ON diagnoses (server, verdict, (COALESCE(failed_at, created_at)));
