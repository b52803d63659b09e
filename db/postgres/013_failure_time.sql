-- db/sqlite/013_failure_time.sql: a failure's own time beside its paste time, and the indexes that spare a scan per
-- purged diagnosis and per thread lookup.
ALTER TABLE diagnoses ADD COLUMN failed_at TEXT;

CREATE INDEX slack_inbox_by_diagnosis ON slack_inbox (diagnosis_id) WHERE diagnosis_id IS NOT NULL;
CREATE INDEX server_fact_sources_by_diagnosis ON server_fact_sources (diagnosis_id) WHERE diagnosis_id IS NOT NULL;
CREATE INDEX reports_by_diagnosis ON reports (diagnosis_id) WHERE diagnosis_id IS NOT NULL;
CREATE INDEX diagnoses_by_message ON diagnoses (channel_id, message_ts);
