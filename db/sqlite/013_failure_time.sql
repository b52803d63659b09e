-- When a failure happened, by its log lines' own time (Diagnosis.failedAt), beside when it was pasted (created_at):
-- a server's last failure, recomputed when a paste is retracted, and "affected since" are decided by event time, so
-- an old log pasted late never counts as a new failure. Rows from before have none: their paste time stands in.
ALTER TABLE diagnoses ADD COLUMN failed_at TEXT;

-- The foreign keys that ON DELETE SET NULL walks for every purged diagnosis, and the thread lookups by a message's
-- own ts: each an index, not a scan of the table per row.
CREATE INDEX slack_inbox_by_diagnosis ON slack_inbox (diagnosis_id) WHERE diagnosis_id IS NOT NULL;
CREATE INDEX server_fact_sources_by_diagnosis ON server_fact_sources (diagnosis_id) WHERE diagnosis_id IS NOT NULL;
CREATE INDEX reports_by_diagnosis ON reports (diagnosis_id) WHERE diagnosis_id IS NOT NULL;
CREATE INDEX diagnoses_by_message ON diagnoses (channel_id, message_ts);
